import type { IDataObject } from 'n8n-workflow';

import { sameAmount } from '../../../shared/money';
import type { PaymentOutcome } from '../../../shared/waiting';
import { checkAmount, checkReference } from '../../helpers/validation';
import { clickPesaPayments } from '../paymentState';

/**
 * What ClickPesa's own answer to `GET /payments/{ref}` says about one expected payment, derived from
 * ClickPesa's status model (paymentState.ts): `paid` when a record's state is paid, with the
 * expected amount and currency when the item gives them (otherwise `mismatch`), `failed` when every
 * record failed, `pending` while any other record is there (docs/clickpesa-api.md §5.1).
 */

export type Expected = { orderReference: string; amount?: number; currency?: string };

export const DEFAULT_DEADLINE_HOURS = 24;

export type PaymentCheck = { outcome: PaymentOutcome; payment?: IDataObject; reason?: string };


/** The records ClickPesa holds under one reference (none: undefined or []), read against what is expected. */
export function checkPayment(records: IDataObject[] | undefined, expected: Expected): PaymentCheck {
	if (!records || records.length === 0) {
		return { outcome: 'pending', reason: `ClickPesa has no payment with order reference "${expected.orderReference}" yet` };
	}
	const state = (record: IDataObject) => clickPesaPayments.stateOf(record.status);
	const status = (record: IDataObject) => String(record.status ?? '').toUpperCase();
	const paid = records.filter((record) => state(record) === 'paid');
	if (paid.length > 0) {
		const matching = paid.find((record) => mismatchOf(record, expected) === undefined);
		if (matching) return { outcome: 'paid', payment: matching };
		return { outcome: 'mismatch', payment: paid[0], reason: mismatchOf(paid[0], expected) };
	}
	const open = records.find((record) => state(record) !== 'failed');
	if (open) return { outcome: 'pending', payment: open, reason: `ClickPesa reports status ${status(open) || 'unknown'}` };
	const failed = records[records.length - 1];
	const message = typeof failed.message === 'string' && failed.message ? `: ${failed.message}` : '';
	return { outcome: 'failed', payment: failed, reason: `ClickPesa reports the payment FAILED${message}` };
}

function mismatchOf(record: IDataObject, expected: Expected): string | undefined {
	if (expected.amount !== undefined && !sameAmount(record.collectedAmount, expected.amount, expected.currency)) {
		return `paid ${String(record.collectedAmount)} instead of the expected ${expected.amount}`;
	}
	const currency = typeof record.collectedCurrency === 'string' ? record.collectedCurrency.toUpperCase() : undefined;
	if (expected.currency !== undefined && currency !== expected.currency) {
		return `paid in ${currency ?? 'an unknown currency'} instead of the expected ${expected.currency}`;
	}
	return undefined;
}

/** The output item for one expected payment: ClickPesa's record, a plain `outcome`, its `paymentState`, and why. */
export function outcomeItem(expected: Expected, check: PaymentCheck): IDataObject {
	const item: IDataObject = { outcome: check.outcome, orderReference: expected.orderReference, ...(check.payment ?? {}) };
	// No record yet: nothing has been paid, so pending; the raw `status` stays as ClickPesa gave it (or absent).
	item.paymentState = clickPesaPayments.stateOf(check.payment?.status);
	if (check.reason) item.outcomeReason = check.reason;
	return item;
}

/** Reads one parameter of the item being read, with a fallback. */
export type ParameterReader = (name: string, fallback?: unknown) => unknown;

/** The payment one item waits for (a resumed execution can read its first item only, see resumeOnCallback). */
export function readExpected(read: ParameterReader): Expected {
	const orderReference = checkReference(read('orderReference'), 'Order Reference');
	const options = (read('options', {}) ?? {}) as IDataObject;
	const expected: Expected = { orderReference };
	if (options.expectedAmount !== undefined && options.expectedAmount !== '') {
		expected.amount = checkAmount(options.expectedAmount, 'Expected Amount');
	}
	if (typeof options.expectedCurrency === 'string' && options.expectedCurrency) expected.currency = options.expectedCurrency;
	return expected;
}
