import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ProviderError } from '../../../shared/providerError';
import { fromMinorUnits, toMinorUnits, type PaymentState } from '../../../shared/money';
import { normalizeTanzanianPhone } from '../../helpers/validation';
import type { ClickPesaClient } from '../../transport';
import { clickPesaPaymentState, clickPesaPayments, clickPesaPayoutState, withClickPesaPaymentState, withClickPesaPayoutState } from '../paymentState';
import type { PayoutBody } from '../payout/payoutFields';
import { samePhone, sendPayout, sendPayoutPreview } from '../payout/payouts';
import type { RefundRequest } from './refundFields';

/**
 * Refunds of ClickPesa payments (Payment → Preview Refund and Refund). ClickPesa has no refund
 * endpoint, so a refund is a mobile-money payout to the payer, under an order reference derived from
 * the payment's: `<payment reference>RF01`, `RF02`, … (a long reference is shortened to its first 8
 * characters and 8 of its SHA-256, so that a refund reference stays within 20 characters, the longest
 * known to be accepted; docs/clickpesa-api.md §3.1). Every run derives the same references, so it
 * finds the refunds made before, by this or any other run, and refunds at most what is left of what
 * was paid. Two runs refunding the same payment at once derive the same next reference: ClickPesa
 * refuses the second (409), and the money POST returns the first's payout only when it is the same
 * refund (transport/moneyPost.ts).
 */

const CURRENCY = 'TZS';
const MAX_REFERENCE_LENGTH = 20;
const REFUND_MARK = 'RF';
const MAX_REFUNDS = 99;
const STEM_LENGTH = MAX_REFERENCE_LENGTH - REFUND_MARK.length - String(MAX_REFUNDS).length;

const PREVIEW_PATH = '/payouts/preview-mobile-money-payout';
const CREATE_PATH = '/payouts/create-mobile-money-payout';

/** The order reference of a payment's `number`th refund (1 for the first). */
export function refundReference(orderReference: string, number: number): string {
	return `${refundStem(orderReference)}${REFUND_MARK}${String(number).padStart(2, '0')}`;
}

function refundStem(orderReference: string): string {
	if (orderReference.length <= STEM_LENGTH) return orderReference;
	const digest = createHash('sha256').update(orderReference).digest('hex').toUpperCase();
	return `${orderReference.slice(0, 8)}${digest.slice(0, STEM_LENGTH - 8)}`;
}

/** What one item's refund would do, found before any money moves. */
export type RefundPlan = {
	request: RefundRequest;
	/** The payment, with its `paymentState`. */
	payment: IDataObject;
	paidMinor: number;
	/** Every payout under the payment's refund references so far, with its `paymentState`. */
	earlierRefunds: IDataObject[];
	/** What those refunds return to the customer (failed and returned payouts do not count). */
	refundedMinor: number;
	/** The refund to make; undefined when nothing is left to refund. */
	body?: PayoutBody & { phoneNumber: string };
	/** ClickPesa's preview of it: fee, total debited, what the customer receives, the balance. */
	preview?: IDataObject;
};

/**
 * Looks the payment and its earlier refunds up and previews the refund. Throws, before any money
 * call, when the payment is not paid, has no mobile-money number to pay back to, or the amount asked
 * for is more than is left.
 */
export async function planRefund(context: IExecuteFunctions, client: ClickPesaClient, request: RefundRequest): Promise<RefundPlan> {
	const { orderReference } = request;
	const refuse = (message: string, description?: string) => new NodeOperationError(context.getNode(), message, { description });
	const records = await client.findByReference('payments', orderReference);
	if (records === undefined) {
		throw ProviderError.judged('ClickPesa', { kind: 'http', status: 404 }, `No ClickPesa payment has order reference "${orderReference}"`);
	}
	const paid = records.filter((record) => clickPesaPaymentState(record.status) === 'paid');
	if (paid.length === 0) {
		const statuses = [...new Set(records.map((record) => String(record.status ?? 'without a status')))].join(', ');
		throw refuse(
			`Payment "${orderReference}" is ${statuses}, so nothing was refunded: only a payment that is ${clickPesaPayments.statusesIn('paid').join(' or ')} can be refunded`,
		);
	}
	if (paid.length > 1) {
		throw refuse(`Order reference "${orderReference}" has ${paid.length} paid payments, so nothing was refunded: refund them by hand (Payout → Create Mobile Money Payout)`);
	}
	const payment = withClickPesaPaymentState(paid[0]);
	const currency = String(payment.collectedCurrency ?? CURRENCY).toUpperCase();
	if (currency !== CURRENCY) {
		throw refuse(
			`Payment "${orderReference}" was collected in ${currency}, so nothing was refunded: refunds are paid in TZS, and converting is left to you`,
			'Pay the refund with Payout → Create Mobile Money Payout or Create Bank Payout, with the TZS amount you choose',
		);
	}
	const paidMinor = toMinorUnits(payment.collectedAmount, CURRENCY);
	if (paidMinor === undefined) throw refuse(`Payment "${orderReference}" has no amount (collectedAmount), so nothing was refunded`);
	const phoneNumber = request.phoneNumber ?? payerPhone(payment);
	if (phoneNumber === undefined) {
		throw refuse(
			`Payment "${orderReference}" has no payer's mobile-money number (channel ${String(payment.channel ?? 'unknown')}), so nothing was refunded: ClickPesa cannot return money to a card`,
			'Set Refund To to "Another Mobile-Money Number" with the customer’s number, or pay the refund to a bank account with Payout → Create Bank Payout',
		);
	}

	const { earlierRefunds, nextReference } = await findRefunds(client, orderReference);
	const foreign = earlierRefunds.find((payout) => counts(payout) && String(payout.currency ?? CURRENCY).toUpperCase() !== CURRENCY);
	if (foreign) {
		throw refuse(`Refund "${String(foreign.orderReference)}" of payment "${orderReference}" was paid from the ${String(foreign.currency)} balance, so what it returned in TZS is unknown and nothing was refunded: check the refunds by hand (Payout → Get)`);
	}
	const plan: RefundPlan = { request, payment, paidMinor, earlierRefunds, refundedMinor: refundedBy(earlierRefunds, 'merchant') };
	if (nextReference === undefined) {
		if (paidMinor - plan.refundedMinor <= 0) return plan;
		throw refuse(`Payment "${orderReference}" already has ${MAX_REFUNDS} refunds, so nothing was refunded: refund the rest by hand (Payout → Create Mobile Money Payout)`);
	}

	// Earlier refunds are counted at what the customer was sent. A payout read back has only the
	// total debited and the fee; the fee is in the total only when the merchant bears it, which the
	// preview says. Until then each is counted at its least (total − fee), then again with the bearer.
	const asked = request.amount === undefined ? undefined : (toMinorUnits(request.amount, CURRENCY) as number);
	const refuseAbove = (leftMinor: number) =>
		refuse(
			`Refund of ${format(asked as number)} TZS is more than is left of payment "${orderReference}", so nothing was refunded: ${format(paidMinor)} TZS was paid and ${format(paidMinor - leftMinor)} TZS already refunded, so at most ${format(Math.max(0, leftMinor))} TZS is left`,
		);
	let left = paidMinor - plan.refundedMinor;
	if (asked !== undefined && asked > left) throw refuseAbove(left);
	let wanted = asked ?? left;
	if (wanted <= 0) return plan;
	const body = (amountMinor: number) => ({ amount: fromMinorUnits(amountMinor, CURRENCY), currency: CURRENCY, orderReference: nextReference, phoneNumber });
	let preview = await sendPayoutPreview(client, PREVIEW_PATH, body(wanted));
	const bearer = typeof preview.payoutFeeBearer === 'string' ? preview.payoutFeeBearer : undefined;
	plan.refundedMinor = refundedBy(earlierRefunds, bearer);
	left = paidMinor - plan.refundedMinor;
	if (wanted > left) {
		if (asked !== undefined) throw refuseAbove(left);
		if (left <= 0) return plan;
		wanted = left;
		preview = await sendPayoutPreview(client, PREVIEW_PATH, body(wanted));
	}
	return { ...plan, body: body(wanted), preview };
}

/** The payer's number as ClickPesa records it (USSD push and BillPay payments), as a payout takes it. */
function payerPhone(payment: IDataObject): string | undefined {
	try {
		return normalizeTanzanianPhone(payment.paymentPhoneNumber);
	} catch {
		return undefined;
	}
}

/** The payouts under the payment's refund references, up to the first reference nobody used yet. */
async function findRefunds(client: ClickPesaClient, orderReference: string): Promise<{ earlierRefunds: IDataObject[]; nextReference?: string }> {
	const earlierRefunds: IDataObject[] = [];
	for (let number = 1; number <= MAX_REFUNDS; number++) {
		const reference = refundReference(orderReference, number);
		const payouts = await client.findByReference('payouts', reference);
		if (payouts === undefined || payouts.length === 0) return { earlierRefunds, nextReference: reference };
		earlierRefunds.push(...payouts.map(withClickPesaPayoutState));
	}
	return { earlierRefunds };
}

/** A refund counts while its money is on the way or arrived; a failed or returned payout gave nothing back. */
const COUNTED: readonly PaymentState[] = ['pending', 'paid'];
const counts = (payout: IDataObject) => COUNTED.includes(clickPesaPayoutState(payout.status));

/**
 * What the earlier refunds sent the customer, in minor units: the payout's `order.amount` when it
 * has one; otherwise its total debited, minus the fee when the merchant bears it (`bearer`). With any
 * other or an unknown bearer the whole total counts, so that a refund is never counted at less
 * than it gave back.
 */
function refundedBy(payouts: IDataObject[], bearer: string | undefined): number {
	let sum = 0;
	for (const payout of payouts.filter(counts)) {
		const ordered = toMinorUnits((payout.order as IDataObject | undefined)?.amount, CURRENCY);
		const debited = toMinorUnits(payout.amount, CURRENCY) ?? 0;
		const fee = toMinorUnits(payout.fee ?? 0, CURRENCY) ?? 0;
		sum += ordered ?? (bearer === 'merchant' ? Math.max(0, debited - fee) : debited);
	}
	return sum;
}

const format = (minor: number) => String(fromMinorUnits(minor, CURRENCY));

/** Sends the planned refund: the mobile-money payout, through the one send-once path with the payout spacing. */
export async function sendRefund(context: IExecuteFunctions, client: ClickPesaClient, plan: RefundPlan, spacingMs: number, itemIndex: number): Promise<IDataObject> {
	const body = plan.body as NonNullable<RefundPlan['body']>;
	return await sendPayout(context, client, {
		path: CREATE_PATH,
		body,
		spacingMs,
		itemIndex,
		channel: 'MOBILE MONEY',
		paysRecipient: (beneficiary) => samePhone(beneficiary.accountNumber, body.phoneNumber) || samePhone(beneficiary.beneficiaryMobileNumber, body.phoneNumber),
	});
}

/**
 * One output item: the refund (or what it would be), what was paid and refunded so far, and the
 * payment's `paymentState` after it: `refunded` once refunds cover all that was paid, else `paid`.
 * `refund` is the payout created (Refund) or ClickPesa's preview (Preview Refund); null when nothing
 * was left to refund.
 */
export function refundOutput(plan: RefundPlan, refund: IDataObject | undefined, sent: boolean): IDataObject {
	const { request, payment, paidMinor, body, preview } = plan;
	const amountMinor = body ? (toMinorUnits(body.amount, CURRENCY) as number) : 0;
	const refundedMinor = plan.refundedMinor + (sent ? amountMinor : 0);
	const state: PaymentState = refundedMinor >= paidMinor ? 'refunded' : 'paid';
	const receiver = (preview?.receiver ?? {}) as IDataObject;
	return {
		orderReference: request.orderReference,
		refundReference: body?.orderReference ?? null,
		amount: fromMinorUnits(amountMinor, CURRENCY),
		currency: CURRENCY,
		reason: request.reason,
		phoneNumber: body?.phoneNumber ?? null,
		fee: preview?.fee ?? null,
		customerReceives: receiver.amount ?? null,
		amountPaid: fromMinorUnits(paidMinor, CURRENCY),
		refundedSoFar: fromMinorUnits(refundedMinor, CURRENCY),
		leftToRefund: fromMinorUnits(Math.max(0, paidMinor - refundedMinor), CURRENCY),
		paymentState: state,
		message: message(plan, amountMinor, refundedMinor, sent),
		payment,
		refund: refund ?? null,
		earlierRefunds: plan.earlierRefunds,
	};
}

function message(plan: RefundPlan, amountMinor: number, refundedMinor: number, sent: boolean): string {
	const { orderReference } = plan.request;
	const count = plan.earlierRefunds.filter(counts).length;
	if (!plan.body) {
		return `Nothing was refunded: payment "${orderReference}" (${format(plan.paidMinor)} TZS) is already refunded in full (${format(refundedMinor)} TZS in ${count} refund${count === 1 ? '' : 's'})`;
	}
	const what = `${format(amountMinor)} TZS of payment "${orderReference}" to ${plan.body.phoneNumber} as payout "${plan.body.orderReference}"`;
	return sent ? `Refunding ${what}` : `Would refund ${what}; nothing was sent`;
}

