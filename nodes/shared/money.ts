import type { IDataObject } from 'n8n-workflow';

/**
 * The money model both providers share: what state a money movement is in (`paymentState`, stated
 * by each provider once as a StatusTable) and how amounts are compared and added up (in minor
 * units). docs/payment-states.md describes the states.
 */

// ---- States -------------------------------------------------------------------------------------

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

// ---- Amounts ------------------------------------------------------------------------------------
// Both providers send and take amounts as numbers or decimal text ("1047.10"). Whenever amounts are
// compared or added up they are first turned into whole minor units (cents), never handled as
// floating-point numbers.

/** Digits after the decimal point of each currency (ISO 4217); a currency not listed has 2. */
const MINOR_DIGITS: Readonly<Record<string, number>> = { TZS: 2, USD: 2, CAD: 2 };

const DECIMAL_TEXT = /^\s*-?\d+(\.\d+)?\s*$/;

const scale = (currency?: string) => 10 ** (MINOR_DIGITS[String(currency ?? '').toUpperCase()] ?? 2);

/** A finite number, or decimal text such as "1047.10"; undefined for anything else. */
export function decimalAmount(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	return typeof value === 'string' && DECIMAL_TEXT.test(value) ? Number(value) : undefined;
}

/** The amount in whole minor units of its currency (1047.10 → 104710); undefined when it is no amount. */
export function toMinorUnits(value: unknown, currency?: string): number | undefined {
	const amount = decimalAmount(value);
	return amount === undefined ? undefined : Math.round(amount * scale(currency));
}

/** Minor units back to the amount (104710 → 1047.1). */
export function fromMinorUnits(minor: number, currency?: string): number {
	return minor / scale(currency);
}

/** Both are amounts, and equal in minor units. */
export function sameAmount(a: unknown, b: unknown, currency?: string): boolean {
	const minorA = toMinorUnits(a, currency);
	return minorA !== undefined && minorA === toMinorUnits(b, currency);
}

/** The amount has no more digits after the decimal point than its currency has minor units. */
export function fitsMinorUnits(amount: number, currency?: string): boolean {
	const minor = toMinorUnits(amount, currency);
	return minor !== undefined && fromMinorUnits(minor, currency) === amount;
}
