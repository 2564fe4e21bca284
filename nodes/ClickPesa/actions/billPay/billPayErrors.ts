import { ProviderError } from '../../../shared/providerError';

/** What a failed BillPay call means for the user, and what to do next. Other errors pass through. */

export function referenceUsedMessage(billReference: string | undefined): string {
	const which = billReference ? ` "${billReference}"` : '';
	return `Bill reference${which} already used — use Get to see it, or a new reference`;
}

/** 404 on GET/PATCH /billpay/{number}. */
export function explainMissingNumber(error: unknown, billPayNumber: string): unknown {
	if (!(error instanceof ProviderError) || error.status !== 404) return error;
	return error.retold(`BillPay number ${billPayNumber} does not exist`);
}
