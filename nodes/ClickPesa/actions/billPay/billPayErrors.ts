import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { failureOf, retold } from '../../../shared/errors';

/**
 * What a failed BillPay read or update means for the user. Other errors pass through; a create's
 * failures are worded with every other money POST (transport/moneyPost.ts).
 */

/** 404 on GET/PATCH /billpay/{number}. */
export function explainMissingNumber(node: INode, error: unknown, billPayNumber: string): unknown {
	if (!(error instanceof NodeApiError) || failureOf(error)?.status !== 404) return error;
	return retold(node, error, `BillPay number ${billPayNumber} does not exist`);
}
