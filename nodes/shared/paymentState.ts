import type { IDataObject } from 'n8n-workflow';

/**
 * One vocabulary for the state of anything that moves money, whichever provider reported it
 * (docs/payment-states.md). Each provider states its statuses once, as a StatusTable in its own
 * folder; every other reading of a status (Wait for Payment's outcome, a trigger's "agrees with the
 * event", Reconcile's states) is derived from that table. The raw status stays beside the state.
 */
export type PaymentState = 'pending' | 'paid' | 'failed' | 'cancelled' | 'refunded' | 'reversed';

export const PAYMENT_STATES: readonly PaymentState[] = ['pending', 'paid', 'failed', 'cancelled', 'refunded', 'reversed'];

/**
 * A provider's statuses for one kind of record (as the provider spells them, upper case) → state.
 * A status the table does not list is `pending`: it never claims that money moved.
 */
export class StatusTable {
	constructor(private readonly table: Readonly<Record<string, PaymentState>>) {}

	/** The state of a status (any case, surrounding spaces ignored). */
	readonly stateOf = (status: unknown): PaymentState => {
		const key = typeof status === 'string' ? status.trim().toUpperCase() : '';
		return Object.hasOwn(this.table, key) ? this.table[key] : 'pending';
	};

	/** The record with the `paymentState` of its `status`. */
	readonly withState = (record: IDataObject): IDataObject => withPaymentState(record, this.stateOf(record.status));

	/** The statuses the table lists with one of these states, spelled as the provider spells them. */
	readonly statusesIn = (...states: PaymentState[]): string[] =>
		Object.keys(this.table).filter((status) => states.includes(this.table[status]));
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
