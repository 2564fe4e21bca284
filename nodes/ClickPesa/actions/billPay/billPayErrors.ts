import { ProviderError } from '../../../shared/providerError';

/**
 * What a failed BillPay read or update means for the user. Other errors pass through; a create's
 * failures are worded with every other money POST (transport/moneyPost.ts).
 */

/** 404 on GET/PATCH /billpay/{number}. */
export function explainMissingNumber(error: unknown, billPayNumber: string): unknown {
	if (!(error instanceof ProviderError) || error.status !== 404) return error;
	return error.retold(`BillPay number ${billPayNumber} does not exist`);
}
