import type { IDataObject } from 'n8n-workflow';

import { StatusTable, withPaymentState } from '../../shared/money';

/**
 * Clik2pay's status model: its statuses in the shared vocabulary (docs/payment-states.md,
 * docs/clik2pay-api.md §5.4, §7.1), the one place that says what a Clik2pay status means (Reconcile
 * and the trigger's confirmation read these tables). Spellings Clik2pay has not confirmed (REFUNDED,
 * EXPIRED, EMAIL_SENT, SMS_SENT) are listed as the portal names them; anything else is `pending`.
 */
export const clik2payPaymentRequests = new StatusTable({
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
});

/** A refund is a payment back to the customer: `paid` once it reached them. */
export const clik2payRefunds = new StatusTable({
	CREATED: 'pending',
	READY: 'pending',
	ACTIVE: 'pending',
	ACCEPTED: 'paid',
	PAID: 'paid',
	SETTLED: 'paid',
	CANCELLED: 'cancelled',
	FAILED: 'failed',
});

export const clik2payPaymentRequestState = clik2payPaymentRequests.stateOf;
export const clik2payRefundState = clik2payRefunds.stateOf;

/** A payment request with its `paymentState`; a cancel answer may carry the status only in `event.status` (§4.9). */
export function withPaymentRequestState(paymentRequest: IDataObject): IDataObject {
	const event = paymentRequest.event && typeof paymentRequest.event === 'object' ? (paymentRequest.event as IDataObject) : undefined;
	return withPaymentState(paymentRequest, clik2payPaymentRequestState(paymentRequest.status ?? event?.status));
}

export const withRefundState = clik2payRefunds.withState;

/**
 * Send Money answers only `{ paymentId }` and has no read endpoint (docs/clik2pay-api.md §6): the
 * money has been sent, the recipient has not accepted it yet, so `pending` (no status) unless a
 * status came back, read as a payment request's.
 */
export const withSentPaymentState = clik2payPaymentRequests.withState;
