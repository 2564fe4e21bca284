import type { IDataObject } from 'n8n-workflow';

import { stateFrom, withPaymentState, type PaymentState } from '../../shared/paymentState';

/**
 * Clik2pay's statuses in the shared vocabulary (docs/payment-states.md, docs/clik2pay-api.md §5.4,
 * §7.1). Spellings Clik2pay has not confirmed (REFUNDED, EXPIRED, EMAIL_SENT, SMS_SENT) are listed
 * as the portal names them; anything else is `pending`.
 */
const PAYMENT_REQUEST_STATUSES: Record<string, PaymentState> = {
	CREATED: 'pending',
	SCHEDULED: 'pending',
	ACTIVE: 'pending',
	EMAIL_SENT: 'pending',
	SMS_SENT: 'pending',
	PAID: 'paid',
	SETTLED: 'paid',
	CANCELLED: 'cancelled',
	EXPIRED: 'cancelled',
	FAILED: 'failed',
	REFUNDED: 'refunded',
};

/** A refund is a payment back to the customer: `paid` once it reached them. */
const REFUND_STATUSES: Record<string, PaymentState> = {
	CREATED: 'pending',
	READY: 'pending',
	ACTIVE: 'pending',
	ACCEPTED: 'paid',
	PAID: 'paid',
	SETTLED: 'paid',
	CANCELLED: 'cancelled',
	FAILED: 'failed',
};

export const clik2payPaymentRequestState = (status: unknown): PaymentState => stateFrom(PAYMENT_REQUEST_STATUSES, status);
export const clik2payRefundState = (status: unknown): PaymentState => stateFrom(REFUND_STATUSES, status);

/** A payment request with its `paymentState`; a cancel answer may carry the status only in `event.status` (§4.9). */
export function withPaymentRequestState(paymentRequest: IDataObject): IDataObject {
	const event = paymentRequest.event && typeof paymentRequest.event === 'object' ? (paymentRequest.event as IDataObject) : undefined;
	return withPaymentState(paymentRequest, clik2payPaymentRequestState(paymentRequest.status ?? event?.status));
}

export const withRefundState = (refund: IDataObject): IDataObject => withPaymentState(refund, clik2payRefundState(refund.status));

/**
 * Send Money answers only `{ paymentId }` and has no read endpoint (docs/clik2pay-api.md §6): the
 * money has been sent, the recipient has not accepted it yet, so `pending` unless a status came back.
 */
export const withSentPaymentState = (payment: IDataObject): IDataObject =>
	withPaymentState(payment, payment.status === undefined ? 'pending' : clik2payPaymentRequestState(payment.status));
