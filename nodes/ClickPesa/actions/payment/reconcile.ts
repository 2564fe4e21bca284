import type { IDataObject } from 'n8n-workflow';

import { fromMinorUnits, toMinorUnits, type PaymentState } from '../../../shared/money';
import { planStanding, type Instalment, type PlanPayment } from '../../../shared/schedule';
import { planPaymentOf } from '../paymentPlan/planPayments';
import { clickPesaPayments } from '../paymentState';
import { simplifyPayment } from '../simplify';

/**
 * Matching what the team expects to be paid against the payments ClickPesa lists, in minor units
 * (cents) and with Maps only: one pass over the payments, one over the invoices, so 10,000 × 10,000
 * costs 20,000 steps, not 100,000,000. No I/O here: reconcile.operation.ts fetches, this decides.
 */

/**
 * What one invoice reconciles to (docs/payment-states.md, "Reconcile states"), derived from the
 * `paymentState` of its payments (ClickPesa's status model, paymentState.ts) and their sums.
 */
export type Reconciliation = 'paid' | 'partially paid' | 'overpaid' | 'unpaid' | 'failed' | 'pending';

export const RECONCILIATIONS: readonly Reconciliation[] = ['paid', 'partially paid', 'overpaid', 'unpaid', 'failed', 'pending'];

/** One input item: its order reference (a BillPay control number for payments into it), amount in minor units, currency. */
export type Invoice = {
	orderReference: string;
	expectedMinor: number;
	currency: string;
	/** When the invoice is a payment plan: its instalments; the invoice then also says on track, late or paid. */
	instalments?: Instalment[];
};

/** Fee entries of the statement (`Fee - Payment`, §4.15), in minor units, by payment id and by order reference. */
export type Fees = { byId: Map<string, number>; byReference: Map<string, number> };

export type ReconcileOptions = {
	/** Matched and unmatched payments as Simplify shows them (true) or as ClickPesa sent them, with paymentState either way. */
	simplify: boolean;
	/** Which unmatched payments go to output 2: only those that brought money (default), or all. */
	unmatched: 'paid' | 'all';
	fees?: Fees;
	/** The day plans are judged on: the end of the range. */
	asOfDay?: string;
};

export type ReconcileResult = { invoices: IDataObject[]; unmatched: IDataObject[] };

const referenceOf = (payment: IDataObject) => {
	const reference = payment.orderReference;
	return typeof reference === 'string' ? reference : String(reference ?? '');
};
const currencyOf = (payment: IDataObject) => (typeof payment.collectedCurrency === 'string' ? payment.collectedCurrency.toUpperCase() : '');

/** Statement transactions → fees by payment id and by order reference (only `Fee - Payment` debits). */
export function feesFromStatement(transactions: IDataObject[]): Fees {
	const fees: Fees = { byId: new Map(), byReference: new Map() };
	for (const transaction of transactions) {
		if (String(transaction.type ?? '').toLowerCase() !== 'fee - payment') continue;
		const minor = Math.abs(toMinorUnits(transaction.amount) ?? 0);
		const add = (map: Map<string, number>, key: unknown) => {
			if (typeof key !== 'string' || key === '') return;
			map.set(key, (map.get(key) ?? 0) + minor);
		};
		add(fees.byId, transaction.id);
		add(fees.byReference, transaction.orderReference);
	}
	return fees;
}

export function reconcile(invoices: Invoice[], payments: IDataObject[], options: ReconcileOptions): ReconcileResult {
	const byReference = new Map<string, IDataObject[]>();
	for (const payment of payments) {
		const reference = referenceOf(payment);
		const list = byReference.get(reference);
		if (list) list.push(payment);
		else byReference.set(reference, [payment]);
	}
	const show = (payment: IDataObject): IDataObject => {
		const shown = options.simplify ? simplifyPayment(payment) : clickPesaPayments.withState(payment);
		if (options.fees) shown.fee = fromMinorUnits(paymentFee(payment, byReference, options.fees));
		return shown;
	};

	const billed = new Set<string>();
	const results = invoices.map((invoice) => {
		billed.add(invoice.orderReference);
		const found = byReference.get(invoice.orderReference) ?? [];
		const item = reconcileOne(invoice, found, show, options.fees);
		return invoice.instalments && options.asOfDay ? { ...item, ...planFields(invoice.instalments, found, options.asOfDay) } : item;
	});

	const unmatched: IDataObject[] = [];
	for (const payment of payments) {
		if (billed.has(referenceOf(payment))) continue;
		if (options.unmatched === 'paid' && clickPesaPayments.stateOf(payment.status) !== 'paid') continue;
		unmatched.push(show(payment));
	}
	return { invoices: results, unmatched };
}

/** One invoice against the payments under its reference (a customer control number may have several). */
function reconcileOne(invoice: Invoice, found: IDataObject[], show: (payment: IDataObject) => IDataObject, fees: Fees | undefined): IDataObject {
	const sums: Record<PaymentState, number> = { pending: 0, paid: 0, failed: 0, cancelled: 0, refunded: 0, reversed: 0 };
	const seen = new Set<PaymentState>();
	let otherCurrency = 0;
	for (const payment of found) {
		if (currencyOf(payment) !== invoice.currency) {
			otherCurrency++;
			continue;
		}
		const state = clickPesaPayments.stateOf(payment.status);
		seen.add(state);
		sums[state] += toMinorUnits(payment.collectedAmount) ?? 0;
	}
	const paid = sums.paid;
	const expected = invoice.expectedMinor;
	let reconciliation: Reconciliation;
	if (paid > 0) reconciliation = paid === expected ? 'paid' : paid > expected ? 'overpaid' : 'partially paid';
	else if (seen.has('pending')) reconciliation = 'pending';
	else if (seen.has('failed')) reconciliation = 'failed';
	else reconciliation = 'unpaid';

	const item: IDataObject = {
		orderReference: invoice.orderReference,
		reconciliation,
		expectedAmount: fromMinorUnits(expected),
		currency: invoice.currency,
		amountPaid: fromMinorUnits(paid),
		outstandingAmount: fromMinorUnits(Math.max(0, expected - paid)),
		overpaidAmount: fromMinorUnits(Math.max(0, paid - expected)),
		pendingAmount: fromMinorUnits(sums.pending),
		paymentCount: found.length,
		payments: found.map(show),
	};
	if (fees) {
		const fee = invoiceFee(found.filter((payment) => currencyOf(payment) === invoice.currency), invoice.orderReference, fees);
		item.fee = fromMinorUnits(fee);
		item.netAmount = fromMinorUnits(paid - fee);
	}
	if (otherCurrency > 0) {
		item.note = `${otherCurrency} payment(s) under this reference are not in ${invoice.currency} and were not counted`;
	}
	return item;
}

/** A plan invoice: on track, late or paid (schedule.ts), with what is due next and how late it is. */
function planFields(instalments: Instalment[], found: IDataObject[], asOfDay: string): IDataObject {
	const counted = found.map((payment) => planPaymentOf(payment, asOfDay)).filter((payment): payment is PlanPayment => payment !== undefined);
	const standing = planStanding(instalments, counted, asOfDay);
	return {
		planStatus: standing.planStatus,
		nextDueDate: standing.nextDue?.dueDate ?? null,
		nextDueAmount: standing.nextDue ? fromMinorUnits(standing.nextDue.amountMinor) : null,
		lateInstalments: standing.lateInstalments,
		daysLate: standing.daysLate,
	};
}

/**
 * The fee ClickPesa booked for one payment: its statement entry by payment id (fee entries share
 * their payment's id; inferred, docs/clickpesa-api.md §4.15), else, when it is the only payment
 * under its reference, the fee entries under that reference.
 */
function paymentFee(payment: IDataObject, byReference: Map<string, IDataObject[]>, fees: Fees): number {
	const byId = typeof payment.id === 'string' ? fees.byId.get(payment.id) : undefined;
	if (byId !== undefined) return byId;
	const reference = referenceOf(payment);
	return byReference.get(reference)?.length === 1 ? (fees.byReference.get(reference) ?? 0) : 0;
}

/** An invoice's fee: by payment id where the statement has them, else every fee entry under its reference. */
function invoiceFee(counted: IDataObject[], reference: string, fees: Fees): number {
	let total = 0;
	let foundById = false;
	for (const payment of counted) {
		const byId = typeof payment.id === 'string' ? fees.byId.get(payment.id) : undefined;
		if (byId === undefined) continue;
		foundById = true;
		total += byId;
	}
	return foundById ? total : (fees.byReference.get(reference) ?? 0);
}
