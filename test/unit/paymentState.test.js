const { PAYMENT_STATES, withPaymentState } = require('../../dist/nodes/shared/money');
const { clickPesaPaymentState, clickPesaPayoutState } = require('../../dist/nodes/ClickPesa/actions/paymentState');
const { clik2payPaymentRequestState, clik2payRefundState, withPaymentRequestState } = require('../../dist/nodes/Clik2pay/actions/paymentState');

describe('paymentState: one vocabulary for both providers (docs/payment-states.md)', () => {
	test('ClickPesa payments (docs/clickpesa-api.md §5.1)', () => {
		const table = Object.fromEntries(['PENDING', 'PROCESSING', 'ON-HOLD', 'SUCCESS', 'SETTLED', 'FAILED', 'REFUNDED', 'REVERSED', 'SOMETHING-NEW'].map((s) => [s, clickPesaPaymentState(s)]));
		expect(table).toEqual({
			PENDING: 'pending',
			PROCESSING: 'pending',
			'ON-HOLD': 'pending',
			SUCCESS: 'paid',
			SETTLED: 'paid',
			FAILED: 'failed',
			REFUNDED: 'refunded',
			REVERSED: 'reversed',
			'SOMETHING-NEW': 'pending',
		});
		expect(clickPesaPaymentState('success')).toBe('paid');
		expect(clickPesaPaymentState(undefined)).toBe('pending');
	});

	test('ClickPesa payouts (§5.2)', () => {
		expect(['AUTHORIZED', 'PENDING', 'PROCESSING', 'SUCCESS', 'FAILED', 'REFUNDED', 'REVERSED'].map(clickPesaPayoutState)).toEqual([
			'pending', 'pending', 'pending', 'paid', 'failed', 'refunded', 'reversed',
		]);
	});

	test('Clik2pay payment requests and refunds (docs/clik2pay-api.md §7.1, §5.4)', () => {
		expect(['CREATED', 'SCHEDULED', 'ACTIVE', 'PAID', 'SETTLED', 'CANCELLED', 'FAILED', 'REFUNDED', 'EXPIRED'].map(clik2payPaymentRequestState)).toEqual([
			'pending', 'pending', 'pending', 'paid', 'paid', 'cancelled', 'failed', 'refunded', 'cancelled',
		]);
		expect(['CREATED', 'READY', 'ACTIVE', 'ACCEPTED', 'PAID', 'SETTLED', 'CANCELLED', 'FAILED'].map(clik2payRefundState)).toEqual([
			'pending', 'pending', 'pending', 'paid', 'paid', 'paid', 'cancelled', 'failed',
		]);
		// A cancel answer that carries the status only in its event.
		expect(withPaymentRequestState({ id: 'x', event: { status: 'CANCELLED' } })).toEqual({ id: 'x', event: { status: 'CANCELLED' }, paymentState: 'cancelled' });
	});

	test('every mapped value is in the vocabulary; paymentState sits right after the raw status', () => {
		const all = [clickPesaPaymentState, clickPesaPayoutState, clik2payPaymentRequestState, clik2payRefundState].flatMap((map) =>
			['PAID', 'SUCCESS', 'FAILED', 'X', 'CANCELLED', 'REFUNDED', 'REVERSED'].map(map),
		);
		all.forEach((state) => expect(PAYMENT_STATES).toContain(state));
		expect(Object.keys(withPaymentState({ id: 1, status: 'PAID', amount: 2 }, 'paid'))).toEqual(['id', 'status', 'paymentState', 'amount']);
		expect(Object.keys(withPaymentState({ paymentId: 'p' }, 'pending'))).toEqual(['paymentId', 'paymentState']);
	});
});
