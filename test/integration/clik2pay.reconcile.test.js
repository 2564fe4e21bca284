// @ts-check
const { clik2payFixture, createParams, ROUTES } = require('./clik2pay.helpers');

describe('Payment Request → Reconcile (Clik2pay, against the simulator)', () => {
	/** @type {Awaited<ReturnType<typeof clik2payFixture>>} */
	let f;
	beforeAll(async () => (f = await clik2payFixture()));
	afterAll(async () => await f.sim.stop());

	const createOne = async (amount) => (await f.run(createParams({ amount })))[0][0].json;
	const params = { resource: 'paymentRequest', operation: 'reconcile', paymentRequestId: '={{ $json.id }}', expectedAmount: '={{ $json.expected }}' };

	test('paid, open, cancelled, failed and refunded, with the amounts, paired; one read per request; a single output', async () => {
		const [paid, open, cancelled, failed, refunded, settled] = await Promise.all([25, 30, 40, 50, 60, 70].map(createOne));
		await f.sim.clik2payPayerAction(paid.id, 'pay');
		await f.sim.clik2payPayerAction(open.id, 'follow-link');
		await f.run({ resource: 'paymentRequest', operation: 'cancel', paymentRequestId: cancelled.id });
		await f.sim.clik2payPayerAction(failed.id, 'fail');
		await f.sim.clik2payPayerAction(refunded.id, 'pay');
		await f.sim.clik2payPayerAction(refunded.id, 'mark-refunded');
		await f.sim.clik2payPayerAction(settled.id, 'pay');
		await f.sim.clik2payPayerAction(settled.id, 'settle');

		const items = [paid, open, cancelled, failed, refunded, settled].map((request) => ({ id: request.id, expected: request.amount }));
		items[5].expected = 75;
		const reads = f.count(ROUTES.get);
		const outputs = await f.run(params, items);
		expect(outputs).toHaveLength(1);
		const [out] = outputs;
		expect(out.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(out.map((item) => [item.json.reconciliation, item.json.status, item.json.paymentState])).toEqual([
			['paid', 'PAID', 'paid'],
			['open', 'ACTIVE', 'pending'],
			['cancelled', 'CANCELLED', 'cancelled'],
			['failed', 'FAILED', 'failed'],
			['refunded', 'REFUNDED', 'refunded'],
			['paid', 'SETTLED', 'paid'],
		]);
		expect(out[0].json).toEqual({
			paymentRequestId: paid.id,
			reconciliation: 'paid',
			status: 'PAID',
			paymentState: 'paid',
			expectedAmount: 25,
			amountRequested: 25,
			amountPaid: 25,
			amountRefunded: 0,
			outstandingAmount: 0,
			merchantTransactionId: null,
			invoiceNumber: null,
			paymentRequest: expect.objectContaining({ id: paid.id, status: 'PAID', paymentState: 'paid' }),
		});
		expect(out[1].json).toMatchObject({ amountPaid: 0, outstandingAmount: 30 });
		expect(out[2].json).toMatchObject({ amountPaid: 0, outstandingAmount: 0 });
		expect(out[4].json).toMatchObject({ amountPaid: 60, amountRefunded: 60, outstandingAmount: 0 });
		expect(out[5].json).toMatchObject({ expectedAmount: 75, amountPaid: 70, note: 'The payment request asks for 70, the invoice for 75' });
		expect(f.count(ROUTES.get) - reads).toBe(6);
	});

	test('reads are retried (503, 429); an unknown id fails its item; bad input is refused before any HTTP', async () => {
		const request = await createOne(12.5);
		f.sim.addFault({ route: ROUTES.get, kind: 'status', status: 503, times: 1 });
		f.sim.addFault({ route: ROUTES.get, kind: 'status', status: 429, times: 1 });
		const reads = f.count(ROUTES.get);
		const [out] = await f.run(params, [{ id: request.id, expected: 0 }]);
		expect(out[0].json).toMatchObject({ reconciliation: 'open', expectedAmount: 12.5, outstandingAmount: 12.5 });
		expect(f.count(ROUTES.get) - reads).toBe(3);
		f.sim.clearFaults();

		const before = f.count(ROUTES.get);
		const bad = await f.run(params, [{ id: 'not a uuid/..', expected: 1 }]).catch((e) => e);
		expect(bad.message).toMatch(/Payment Request ID .*\(item 0\)/);
		const negative = await f.run(params, [{ id: request.id, expected: -3 }]).catch((e) => e);
		expect(negative.message).toMatch(/Expected Amount .*\(item 0\)/);
		expect(f.count(ROUTES.get)).toBe(before);

		const [mixed] = await f.run(params, [{ id: '00000000-0000-0000-0000-000000000000', expected: 1 }, { id: request.id, expected: 12.5 }], 'continueRegularOutput');
		expect(mixed[0].json.error).toMatch(/HTTP 404/);
		expect(mixed[1].json.reconciliation).toBe('open');
	});
});
