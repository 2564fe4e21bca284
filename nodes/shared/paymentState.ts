import type { IDataObject } from 'n8n-workflow';

/**
 * One vocabulary for the state of anything that moves money, whichever provider reported it
 * (docs/payment-states.md). Each provider maps its own statuses in its own folder; the raw status
 * stays beside it.
 */
export type PaymentState = 'pending' | 'paid' | 'failed' | 'cancelled' | 'refunded' | 'reversed';

export const PAYMENT_STATES: readonly PaymentState[] = ['pending', 'paid', 'failed', 'cancelled', 'refunded', 'reversed'];

/** A provider's table: upper-case status → state. A status not in it is `pending` (never claims money moved). */
export function stateFrom(table: Readonly<Record<string, PaymentState>>, status: unknown): PaymentState {
	const key = typeof status === 'string' ? status.trim().toUpperCase() : '';
	return Object.hasOwn(table, key) ? table[key] : 'pending';
}

/** The record with `paymentState` placed right after its `status` (at the end when it has none). */
export function withPaymentState(record: IDataObject, state: PaymentState): IDataObject {
	if (!('status' in record)) return { ...record, paymentState: state };
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(record)) {
		if (key === 'paymentState') continue;
		result[key] = value;
		if (key === 'status') result.paymentState = state;
	}
	return result;
}
