// @ts-check
const { clickPesaFixture, newReference } = require('./clickpesa.helpers');

/** Payment → Preview Refund and Refund against the simulator: a refund is a mobile-money payout under a reference derived from the payment's. */
const ROUTES = {
	payment: 'clickpesa GET /payments/:orderReference',
	payout: 'clickpesa GET /payouts/:orderReference',
	preview: 'clickpesa POST /payouts/preview-mobile-money-payout',
	create: 'clickpesa POST /payouts/create-mobile-money-payout',
};
const SIM = { clickpesa: { startingBalance: { TZS: 5_000_000 }, payoutCooldownMs: 0, payoutDelayMs: null } };

/** @param {string} orderReference @param {Record<string, unknown>} [extra] */
const refundParams = (orderReference, extra = {}) => ({
	resource: 'payment',
	operation: 'refund',
	orderReference,
	refundAmount: 'rest',
	reason: 'Order cancelled',
	options: { payoutSpacingSeconds: 0 },
	...extra,
});
const partial = (amount) => ({ refundAmount: 'amount', amount });

describe('ClickPesa Payment → Refund against the simulator', () => {
	/** @type {Awaited<ReturnType<typeof clickPesaFixture>>} */
	let f;
	/** @param {Record<string, unknown>} [options] */
	const seedPayment = async (options = {}) => {
		const prefix = newReference('P');
		const [reference] = await f.sim.seedPayments({ count: 1, prefix, amount: '1000', phoneNumber: '255754123456', ...options });
		return reference;
	};
	const moneyCalls = async () => [await f.count(ROUTES.preview), await f.count(ROUTES.create)];

	beforeEach(async () => {
		f = await clickPesaFixture(SIM);
	});
	afterEach(async () => {
		await f.sim.stop();
	});

	test('refunds all that is left to the payer’s number; a second run refunds nothing and says so', async () => {
		const reference = await seedPayment();
		const [[first]] = await f.run(refundParams(reference));
		expect(first.json).toMatchObject({
			orderReference: reference,
			refundReference: `${reference}RF01`,
			amount: 1000,
			currency: 'TZS',
			reason: 'Order cancelled',
			phoneNumber: '255754123456',
			fee: expect.any(Number),
			customerReceives: 1000,
			amountPaid: 1000,
			refundedSoFar: 1000,
			leftToRefund: 0,
			paymentState: 'refunded',
			payment: { orderReference: reference, status: 'SUCCESS', paymentState: 'paid' },
			refund: { orderReference: `${reference}RF01`, status: 'AUTHORIZED', paymentState: 'pending', channel: 'MOBILE MONEY', beneficiary: { accountNumber: '255754123456' } },
			earlierRefunds: [],
		});
		expect(first.json.message).toBe(`Refunding 1000 TZS of payment "${reference}" to 255754123456 as payout "${reference}RF01"`);
		expect(await moneyCalls()).toEqual([1, 1]);

		const [[second]] = await f.run(refundParams(reference));
		expect(second.json).toMatchObject({
			refundReference: null,
			amount: 0,
			refund: null,
			refundedSoFar: 1000,
			leftToRefund: 0,
			paymentState: 'refunded',
			earlierRefunds: [expect.objectContaining({ orderReference: `${reference}RF01`, paymentState: 'pending' })],
		});
		expect(second.json.message).toBe(`Nothing was refunded: payment "${reference}" (1000 TZS) is already refunded in full (1000 TZS in 1 refund)`);
		expect(await moneyCalls()).toEqual([1, 1]);
	});

	test('a partial refund, then the rest under the next reference; a refund above what is left is refused before any money call', async () => {
		const reference = await seedPayment();
		const [[part]] = await f.run(refundParams(reference, partial(400)));
		expect(part.json).toMatchObject({ refundReference: `${reference}RF01`, amount: 400, refundedSoFar: 400, leftToRefund: 600, paymentState: 'paid' });

		const tooMuch = await f.run(refundParams(reference, partial(700))).catch((error) => error);
		expect(tooMuch.message).toBe(
			`Refund of 700 TZS is more than is left of payment "${reference}", so nothing was refunded: 1000 TZS was paid and 400 TZS already refunded, so at most 600 TZS is left (item 0)`,
		);
		expect(await moneyCalls()).toEqual([1, 1]);

		const [[rest]] = await f.run(refundParams(reference));
		expect(rest.json).toMatchObject({ refundReference: `${reference}RF02`, amount: 600, refundedSoFar: 1000, leftToRefund: 0, paymentState: 'refunded' });
		expect(rest.json.earlierRefunds).toHaveLength(1);
		const [payouts] = await f.run({ resource: 'payout', operation: 'get', orderReference: `${reference}RF02` });
		expect(payouts[0].json).toMatchObject({ beneficiary: expect.objectContaining({ accountNumber: '255754123456' }) });
		expect(await moneyCalls()).toEqual([2, 2]);
	});

	test('a failed refund payout does not count: what it should have returned can be refunded again', async () => {
		const reference = await seedPayment();
		await f.run(refundParams(reference, partial(300)));
		await f.sim.reversePayout(`${reference}RF01`);
		const [[again]] = await f.run(refundParams(reference));
		expect(again.json).toMatchObject({ refundReference: `${reference}RF02`, amount: 1000, paymentState: 'refunded' });
	});

	test('when the fee is not the merchant’s alone, an earlier refund counts at the whole total debited, so the rest never overpays', async () => {
		await f.sim.configure({ clickpesa: { payoutFeeBearer: 'both' } });
		const reference = await seedPayment();
		const [[part]] = await f.run(refundParams(reference, partial(400)));
		const debited = Number(part.json.refund.amount);
		expect(debited).toBeGreaterThan(400);
		const [[rest]] = await f.run(refundParams(reference));
		expect(rest.json).toMatchObject({ refundReference: `${reference}RF02`, amount: 1000 - debited, refundedSoFar: 1000, leftToRefund: 0, paymentState: 'refunded' });
		// The first preview guessed with the least each refund can count; the bearer it named needed a second.
		expect(await moneyCalls()).toEqual([3, 2]);

		await f.sim.configure({ clickpesa: { payoutFeeBearer: 'customer' } });
		const other = await seedPayment();
		await f.run(refundParams(other, partial(400)));
		const [[customerRest]] = await f.run(refundParams(other));
		expect(customerRest.json).toMatchObject({ amount: 600, refundedSoFar: 1000, paymentState: 'refunded' });
	});

	test('an amount above what was paid is refused before any money call', async () => {
		const reference = await seedPayment();
		const error = await f.run(refundParams(reference, partial(1500))).catch((e) => e);
		expect(error.message).toContain(`Refund of 1500 TZS is more than is left of payment "${reference}"`);
		expect(await moneyCalls()).toEqual([0, 0]);
	});

	test('a failed or processing payment is refused before any money call, naming its state', async () => {
		const failed = await seedPayment({ status: 'FAILED' });
		const processing = await seedPayment({ status: 'PROCESSING' });
		const items = [{ reference: failed }, { reference: processing }];
		const [out] = await f.run(refundParams('={{ $json.reference }}'), items, 'continueErrorOutput');
		expect(out.map((item) => item.json.error)).toEqual([
			`Payment "${failed}" is FAILED, so nothing was refunded: only a payment that is SUCCESS or SETTLED can be refunded (item 0)`,
			`Payment "${processing}" is PROCESSING, so nothing was refunded: only a payment that is SUCCESS or SETTLED can be refunded (item 1)`,
		]);
		expect(await moneyCalls()).toEqual([0, 0]);
		expect(f.sim.ledger().payouts.total).toBe(0);
		const missing = await f.run(refundParams(newReference('NONE'))).catch((e) => e);
		expect(missing.message).toMatch(/^No ClickPesa payment has order reference "NONE\w+" \(item 0\)$/);
	});

	test('a card payment (no payer’s number) is refused, and refunded to another mobile-money number when one is given', async () => {
		const reference = await seedPayment({ channel: 'CARD', phoneNumber: null });
		const error = await f.run(refundParams(reference)).catch((e) => e);
		expect(error.message).toBe(
			`Payment "${reference}" has no payer's mobile-money number (channel CARD), so nothing was refunded: ClickPesa cannot return money to a card (item 0)`,
		);
		expect(error.description).toContain('Another Mobile-Money Number');
		expect(await moneyCalls()).toEqual([0, 0]);
		const [[out]] = await f.run(refundParams(reference, { refundTo: 'phone', phoneNumber: '0687 654 321' }));
		expect(out.json).toMatchObject({ phoneNumber: '255687654321', paymentState: 'refunded', refund: { beneficiary: { accountNumber: '255687654321' } } });
	});

	test('bad input names the field and the item before any HTTP; Continue On Fail keeps the other items going', async () => {
		const reference = await seedPayment();
		const items = [
			{ reference: 'BAD-REF', reason: 'x' },
			{ reference, reason: '' },
			{ reference, reason: 'Duplicate charge', amount: -5 },
			{ reference, reason: 'Duplicate charge', amount: 250 },
		];
		const params = refundParams('={{ $json.reference }}', { reason: '={{ $json.reason }}', refundAmount: 'amount', amount: '={{ $json.amount ?? 1 }}' });
		const [out] = await f.run(params, items, 'continueErrorOutput');
		expect(out.map((item) => item.json.error)).toEqual([
			'Order Reference "BAD-REF" may only contain letters and digits (item 0)',
			'Reason is empty (item 1)',
			'Amount must be greater than 0 (got -5) (item 2)',
			undefined,
		]);
		expect(out[3].json).toMatchObject({ amount: 250, reason: 'Duplicate charge', refundReference: `${reference}RF01` });
		expect(await moneyCalls()).toEqual([1, 1]);
	});

	test('Preview Refund shows the fee and what the customer receives, and pays nothing', async () => {
		const reference = await seedPayment({ amount: '12000' });
		const [[out]] = await f.run({ ...refundParams(reference, partial(5000)), operation: 'previewRefund' });
		expect(out.json).toMatchObject({
			refundReference: `${reference}RF01`,
			amount: 5000,
			fee: expect.any(Number),
			customerReceives: 5000,
			amountPaid: 12000,
			refundedSoFar: 0,
			leftToRefund: 12000,
			paymentState: 'paid',
			refund: { amount: expect.any(Number), balance: expect.any(Number), receiver: expect.objectContaining({ accountNumber: '255754123456' }) },
		});
		expect(out.json.message).toBe(`Would refund 5000 TZS of payment "${reference}" to 255754123456 as payout "${reference}RF01"; nothing was sent`);
		expect(await moneyCalls()).toEqual([1, 0]);
	});

	test('a long order reference gives refund references of at most 20 letters and digits, the same on every run', async () => {
		const long = `LONGREF${Date.now()}X${Math.floor(Math.random() * 1e6)}`;
		const [reference] = await f.sim.seedPayments({ count: 1, prefix: long, amount: '1000' });
		const [[out]] = await f.run({ ...refundParams(reference), operation: 'previewRefund' });
		expect(out.json.refundReference).toMatch(/^[A-Za-z0-9]{16}RF01$/);
		expect(out.json.refundReference.startsWith(reference.slice(0, 8))).toBe(true);
		const [[again]] = await f.run({ ...refundParams(reference), operation: 'previewRefund' });
		expect(again.json.refundReference).toBe(out.json.refundReference);
	});
});
