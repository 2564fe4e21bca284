import { explainReferenceConflict } from '../payment/conflict';

export function payoutReferenceUsedMessage(reference: string): string {
	return `Order reference "${reference}" was already used — look the payout up (Payout → Get) instead of sending it again, or use a new reference`;
}

/** A preview answered 409: the reference belongs to an earlier payout (docs/clickpesa-api.md §3.1). */
export function explainPayoutReferenceConflict(error: unknown, reference: string): unknown {
	return explainReferenceConflict(error, reference, payoutReferenceUsedMessage(reference));
}
