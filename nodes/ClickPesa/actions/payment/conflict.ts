import { ProviderError } from '../../../shared/providerError';

export function orderReferenceUsedMessage(reference: string): string {
	return `Order reference "${reference}" was already used — query its status (Payment → Get Status) instead of sending it again, or use a new reference`;
}

/**
 * ClickPesa answers 409 when a reference was used before: say what to do about it (`message`,
 * by default the payment wording). Other errors pass through.
 */
export function explainReferenceConflict(error: unknown, reference: string, message = orderReferenceUsedMessage(reference)): unknown {
	if (!(error instanceof ProviderError) || error.status !== 409) return error;
	return error.retold(message);
}
