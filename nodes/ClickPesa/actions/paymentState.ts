import { StatusTable } from '../../shared/money';

/**
 * ClickPesa's status model: its statuses in the shared vocabulary (docs/payment-states.md,
 * docs/clickpesa-api.md §5), the one place that says what a ClickPesa status means. Wait for
 * Payment (paymentCheck.ts), Reconcile (reconcile.ts) and the trigger's confirmation read these
 * tables; nothing else decides "paid". A status not listed (one ClickPesa adds later) is `pending`:
 * only SUCCESS and SETTLED mean a payment was paid.
 */
export const clickPesaPayments = new StatusTable({
	PENDING: 'pending',
	PROCESSING: 'pending',
	'ON-HOLD': 'pending',
	SUCCESS: 'paid',
	SETTLED: 'paid',
	FAILED: 'failed',
	REFUNDED: 'refunded',
	REVERSED: 'reversed',
});

export const clickPesaPayouts = new StatusTable({
	AUTHORIZED: 'pending',
	PENDING: 'pending',
	PROCESSING: 'pending',
	SUCCESS: 'paid',
	FAILED: 'failed',
	REFUNDED: 'refunded',
	REVERSED: 'reversed',
});

export const clickPesaPaymentState = clickPesaPayments.stateOf;
export const clickPesaPayoutState = clickPesaPayouts.stateOf;

/** A payment record (collection, BillPay payment, USSD push answer) with its `paymentState`. */
export const withClickPesaPaymentState = clickPesaPayments.withState;

/** A payout record with its `paymentState`. */
export const withClickPesaPayoutState = clickPesaPayouts.withState;
