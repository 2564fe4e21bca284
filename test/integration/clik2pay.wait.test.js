// @ts-check
const { clik2payFixture, createParams, ROUTES } = require('./clik2pay.helpers');

/** Payment Request → Wait for Payment against the simulator, whose payer acts through its control API while the node waits. */
const waitParams = (paymentRequestId, extra = {}) => ({ resource: 'paymentRequest', operation: 'waitForPayment', paymentRequestId, timeoutSeconds: 20, ...extra });

describe('Clik2pay Payment Request → Wait for Payment against the simulator', () => {
	/** @type {Awaited<ReturnType<typeof clik2payFixture>>} */
	let f;
	const create = async (amount = 25) => (await f.run(createParams({ amount })))[0][0].json;
	/** The payer acts after `ms`, while the node waits. */
	const later = (ms, id, action) => setTimeout(() => void f.sim.clik2payPayerAction(id, action).catch(() => undefined), ms);

	beforeEach(async () => {
		f = await clik2payFixture();
	});
	afterEach(async () => {
		await f.sim.stop();
	});

	test('Not Paid first, then Paid: a request paid while waiting leaves on Paid, a failed and a cancelled one on Not Paid, re-read by GET', async () => {
		const [paid, failed, cancelled] = [await create(25), await create(30), await create(40)];
		later(1500, paid.id, 'follow-link');
		later(2500, paid.id, 'pay');
		later(1000, failed.id, 'fail');
		await f.run({ resource: 'paymentRequest', operation: 'cancel', paymentRequestId: cancelled.id });
		const getsBefore = f.count(ROUTES.get);
		const items = [{ id: paid.id }, { id: failed.id }, { id: cancelled.id }];
		const outputs = await f.run(waitParams('={{ $json.id }}', { options: { expectedAmount: 25 } }), items.slice(0, 1));
		expect(outputs).toHaveLength(2);
		const [notPaid, paidOut] = outputs;
		expect(notPaid).toEqual([]);
		expect(paidOut[0].json).toMatchObject({ outcome: 'paid', paymentRequestId: paid.id, id: paid.id, status: 'PAID', paymentState: 'paid', amount: 25 });
		expect(paidOut[0].pairedItem).toEqual({ item: 0 });

		const [notPaid2, paid2] = await f.run(waitParams('={{ $json.id }}'), items.slice(1));
		expect(paid2).toEqual([]);
		expect(notPaid2.map((item) => [item.json.outcome, item.json.status, item.json.paymentState, item.json.outcomeReason, item.pairedItem.item])).toEqual([
			['failed', 'FAILED', 'failed', 'Clik2pay reports the payment request FAILED', 0],
			['failed', 'CANCELLED', 'cancelled', 'Clik2pay reports the payment request CANCELLED', 1],
		]);
		expect(f.count(ROUTES.get)).toBeGreaterThan(getsBefore);
	});

	test('still open at the timeout: pending on Not Paid; paid with another amount: mismatch on Not Paid', async () => {
		const [open, other] = [await create(25), await create(50)];
		await f.sim.clik2payPayerAction(other.id, 'pay');
		const started = Date.now();
		const [notPaid, paid] = await f.run(waitParams('={{ $json.id }}', { timeoutSeconds: 3, options: { expectedAmount: 25 } }), [{ id: open.id }, { id: other.id }]);
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(paid).toEqual([]);
		expect(notPaid.map((item) => [item.json.outcome, item.json.paymentState, item.json.outcomeReason])).toEqual([
			['pending', 'pending', 'Clik2pay reports status CREATED'],
			['mismatch', 'paid', 'paid 50 instead of the expected 25'],
		]);
	});

	test('an unknown request is unknown (the lookup failed) on Not Paid; bad input names the item before any HTTP', async () => {
		const [notPaid] = await f.run(waitParams('00000000-0000-4000-8000-000000000000', { timeoutSeconds: 2 }));
		expect(notPaid[0].json).toMatchObject({ outcome: 'unknown', paymentState: 'pending' });
		expect(notPaid[0].json.outcomeReason).toMatch(/^the status lookup failed: /);

		const getsBefore = f.count(ROUTES.get);
		const error = await f.run(waitParams('='), [{}]).catch((e) => e);
		expect(error.message).toBe('Payment Request ID is empty (item 0)');
		const [withErrors] = await f.run(waitParams('={{ $json.id }}', { timeoutSeconds: 1 }), [{ id: '' }], 'continueErrorOutput');
		expect(withErrors[0].json).toEqual({ error: 'Payment Request ID is empty (item 0)' });
		expect(f.count(ROUTES.get)).toBe(getsBefore);
	});

	test('as an AI tool the timeout is capped at 60 seconds', async () => {
		const { allowedPollSeconds } = require('../../dist/nodes/shared/waiting');
		const tool = { isToolExecution: () => true, getNode: () => ({ type: 'n8n-nodes-clickpesa-clik2pay.clik2payTool' }) };
		const plain = { getNode: () => ({ type: 'n8n-nodes-clickpesa-clik2pay.clik2pay' }) };
		expect(allowedPollSeconds(tool, 600)).toBe(60);
		expect(allowedPollSeconds(plain, 600)).toBe(600);
		expect(allowedPollSeconds(plain, 5)).toBe(5);
	});
});
