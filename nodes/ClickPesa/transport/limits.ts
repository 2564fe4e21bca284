import type { IDataObject } from 'n8n-workflow';

import type { PaymentState } from '../../shared/money';
import { toMinorUnits } from '../../shared/money';
import { createdInDay, DAR_ES_SALAAM_UTC_OFFSET_MINUTES, localDay, type LocalDay, type MoneyDirection, type Movement } from '../../shared/moneyLimits';
import { clickPesaPaymentState, clickPesaPayoutState } from '../actions/paymentState';
import type { MoneyPost } from './moneyPost';

/**
 * ClickPesa's side of the money limits (shared/moneyLimits.ts): what each money POST moves, to whom,
 * and today's totals read from ClickPesa's own lists (GET /payouts/all, GET /payments/all), in the
 * account's day (Africa/Dar_es_Salaam, UTC+3), so that a daily cap holds across executions,
 * restarts and queue-mode workers. Limits are stated in TZS.
 */

export const CLICKPESA_LIMIT_CURRENCY = 'TZS';

/** What a money POST moves; undefined for a control number (the customer decides what to pay). */
export function movementOf(post: MoneyPost): Movement | undefined {
	const body = post.request.body ?? {};
	const reference = typeof body.orderReference === 'string' ? body.orderReference : undefined;
	const amount = Number(body.amount);
	switch (post.kind) {
		case 'payout':
			return { direction: 'out', noun: /RF\d{2}$/.test(reference ?? '') ? 'refund payout' : 'payout', amount, currency: String(body.currency ?? 'TZS'), reference, ...payoutRecipient(body) };
		case 'payoutLink':
			// Whoever opens the link is paid: no recipient the allowlist could name.
			return { direction: 'out', noun: 'payout link', amount, currency: 'TZS', reference, recipientNames: [], recipientLabel: 'whoever opens the payout link' };
		case 'payment':
			return { direction: 'in', noun: 'USSD push payment', amount, currency: String(body.currency ?? 'TZS'), reference };
		case 'cardPayment':
			return { direction: 'in', noun: 'card payment', amount, currency: String(body.currency ?? 'USD'), reference };
		case 'checkoutLink':
			return { direction: 'in', noun: 'checkout link', amount: checkoutTotal(body), currency: String(body.orderCurrency ?? 'TZS'), reference };
		default:
			return undefined;
	}
}

/** The recipient's names as an allowlist writes them: phone numbers in every usual form, BIC/account, LIPA:number. */
function payoutRecipient(body: IDataObject): Pick<Movement, 'recipientNames' | 'recipientLabel'> {
	if (typeof body.phoneNumber === 'string') {
		const digits = body.phoneNumber.replace(/\D/g, '');
		const national = digits.slice(-9);
		return { recipientNames: [digits, `+${digits}`, `0${national}`], recipientLabel: `mobile number ${body.phoneNumber}` };
	}
	if (typeof body.accountNumber === 'string') {
		const bic = String(body.bic ?? '');
		return { recipientNames: [`${bic}/${body.accountNumber}`], recipientLabel: `bank account ${body.accountNumber} (${bic})` };
	}
	if (typeof body.lipaNamba === 'string' && body.lipaNamba !== '') {
		return { recipientNames: [`LIPA:${body.lipaNamba}`], recipientLabel: `Lipa Namba ${body.lipaNamba}` };
	}
	// A TanQR code names its merchant only inside the code: the allowlist cannot recognise it.
	return { recipientNames: [], recipientLabel: 'the merchant of a TanQR code' };
}

function checkoutTotal(body: IDataObject): number {
	if (body.totalPrice !== undefined) return Number(body.totalPrice);
	const items = Array.isArray(body.orderItems) ? (body.orderItems as IDataObject[]) : [];
	return items.reduce((sum, item) => sum + Number(item.price) * Number(item.quantity ?? 1), 0);
}

/** The account's day (Africa/Dar_es_Salaam) at `now`. */
export function clickPesaDay(now: number): LocalDay {
	return localDay(now, DAR_ES_SALAAM_UTC_OFFSET_MINUTES);
}

/** Where each direction is listed, and how a record's state, amount and currency are read. */
const LISTS: Record<MoneyDirection, { path: string; state: (status: unknown) => PaymentState; amount: string; currency: string }> = {
	// A payout's `amount` is the total debited, fee included: what left the account.
	out: { path: '/payouts/all', state: clickPesaPayoutState, amount: 'amount', currency: 'currency' },
	// What was asked of customers (pending or paid); failed requests asked nothing.
	in: { path: '/payments/all', state: clickPesaPaymentState, amount: 'collectedAmount', currency: 'collectedCurrency' },
};

/** Money on its way or arrived counts; failed, returned and reversed records moved nothing. */
const COUNTED: readonly PaymentState[] = ['pending', 'paid'];

/**
 * The day's total in minor units of TZS: the records created in the day that count, plus what this
 * run sent that the list does not show yet (by reference). Records in another currency are not
 * counted (a limit in TZS cannot weigh them; the limits refuse to send them).
 */
export function totalOfDay(records: IDataObject[], direction: MoneyDirection, day: LocalDay, sentThisRun: Map<string, number>): number {
	const list = LISTS[direction];
	let total = 0;
	const listed = new Set<string>();
	for (const record of records) {
		if (typeof record.orderReference === 'string') listed.add(record.orderReference);
		if (!createdInDay(record, day) || !COUNTED.includes(list.state(record.status))) continue;
		if (String(record[list.currency] ?? CLICKPESA_LIMIT_CURRENCY).toUpperCase() !== CLICKPESA_LIMIT_CURRENCY) continue;
		total += toMinorUnits(record[list.amount], CLICKPESA_LIMIT_CURRENCY) ?? 0;
	}
	for (const [reference, minor] of sentThisRun) if (!listed.has(reference)) total += minor;
	return total;
}

/** The list query that covers the day whichever zone ClickPesa reads its dates in (the total filters by createdAt). */
export function dayQuery(day: LocalDay): IDataObject {
	return { startDate: day.utcDates[0], endDate: day.utcDates[day.utcDates.length - 1] };
}

export function listPathOf(direction: MoneyDirection): string {
	return LISTS[direction].path;
}
