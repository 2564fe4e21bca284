import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { failureOf, retold } from '../../../shared/errors';

export function orderReferenceUsedMessage(reference: string): string {
	return `Order reference "${reference}" was already used — query its status (Payment → Get Status) instead of sending it again, or use a new reference`;
}

/**
 * ClickPesa answers 409 when a reference was used before: say what to do about it (`message`,
 * by default the payment wording). Other errors pass through.
 */
export function explainReferenceConflict(node: INode, error: unknown, reference: string, message = orderReferenceUsedMessage(reference)): unknown {
	if (!(error instanceof NodeApiError) || failureOf(error)?.status !== 409) return error;
	return retold(node, error, message);
}
