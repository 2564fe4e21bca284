import type { IDataObject } from 'n8n-workflow';

import { stateFrom, withPaymentState, type PaymentState } from '../../shared/paymentState';

/**
 * ClickPesa's statuses in the shared vocabulary (docs/payment-states.md, docs/clickpesa-api.md §5).
 * Anything not listed (a status ClickPesa adds later) is `pending`: only SUCCESS and SETTLED mean paid.
 */
const PAYMENT_STATUSES: Record<string, PaymentState> = {
	PENDING: 'pending',
	PROCESSING: 'pending',
	'ON-HOLD': 'pending',
	SUCCESS: 'paid',
	SETTLED: 'paid',
	FAILED: 'failed',
	REFUNDED: 'refunded',
	REVERSED: 'reversed',
};

const PAYOUT_STATUSES: Record<string, PaymentState> = {
	AUTHORIZED: 'pending',
	PENDING: 'pending',
	PROCESSING: 'pending',
	SUCCESS: 'paid',
	FAILED: 'failed',
	REFUNDED: 'refunded',
	REVERSED: 'reversed',
};

export const clickPesaPaymentState = (status: unknown): PaymentState => stateFrom(PAYMENT_STATUSES, status);
export const clickPesaPayoutState = (status: unknown): PaymentState => stateFrom(PAYOUT_STATUSES, status);

/** A payment record (collection, BillPay payment, USSD push answer) with its `paymentState`. */
export const withClickPesaPaymentState = (payment: IDataObject): IDataObject => withPaymentState(payment, clickPesaPaymentState(payment.status));

/** A payout record with its `paymentState`. */
export const withClickPesaPayoutState = (payout: IDataObject): IDataObject => withPaymentState(payout, clickPesaPayoutState(payout.status));
