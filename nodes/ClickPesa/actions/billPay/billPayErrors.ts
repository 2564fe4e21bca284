import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { outcomeUnknown } from '../../../shared/httpFailure';
import { failureOf, retold } from '../../../shared/providerApiError';

/** What a failed BillPay call means for the user, and what to do next. Other errors pass through. */

export function referenceUsedMessage(billReference: string | undefined): string {
	const which = billReference ? ` "${billReference}"` : '';
	return `Bill reference${which} already used — use Get to see it, or a new reference`;
}

export function unknownOutcomeMessage(billReferences: string[], what: string): string {
	if (billReferences.length === 0) {
		return `${what} may have been created; without bill references they cannot be looked up, so check the ClickPesa dashboard before creating them again`;
	}
	const list = billReferences.map((reference) => `"${reference}"`).join(', ');
	return `${what} may have been created: check with BillPay → Get (${list}) before creating them again`;
}

/** 404 on GET/PATCH /billpay/{number}. */
export function explainMissingNumber(node: INode, error: unknown, billPayNumber: string): unknown {
	if (!(error instanceof NodeApiError) || failureOf(error)?.status !== 404) return error;
	return retold(node, error, `BillPay number ${billPayNumber} does not exist`);
}

/** A single create failed: a used reference, a rate limit (nothing created) or an unknown outcome. */
export function explainCreateFailure(node: INode, error: unknown, billReference: string | undefined): unknown {
	const failure = failureOf(error);
	if (!(error instanceof NodeApiError) || !failure) return error;
	if (failure.status === 409) return retold(node, error, referenceUsedMessage(billReference));
	if (failure.status === 429) {
		return retold(node, error, `${error.message}. ClickPesa did not accept the request, so no control number was created; run the item again later`);
	}
	if (outcomeUnknown(failure)) {
		return retold(node, error, `${error.message}. ${unknownOutcomeMessage(billReference ? [billReference] : [], 'The control number')}`);
	}
	return error;
}
