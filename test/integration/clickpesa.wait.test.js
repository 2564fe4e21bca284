// @ts-check
const { clickPesaFixture, initiateParams, newReference, ROUTES } = require('./clickpesa.helpers');

/** The Not Paid (first) and Paid (second) outputs of one run, as plain JSON. */
const split = ([notPaid, paid]) => ({ paid: paid.map((item) => item.json), notPaid: notPaid.map((item) => item.json) });

describe('Payment → Wait for Payment and Initiate USSD Push → Wait for Result, against the simulator', () => {
	/** @type {Awaited<ReturnType<typeof clickPesaFixture>>} */
	let f;
	beforeAll(async () => {
		// The simulated customer answers 100 ms after the prompt; phones ending in 9999 decline.
		f = await clickPesaFixture({ clickpesa: { customerDelayMs: 100, rateLimitPerMinute: 120 } }, { rateLimitPerMinute: 120 });
	});
	afterAll(async () => {
		await f.sim.stop();
	});

	test('50 pushes with Wait for Result: paid and declined sorted out, one status call each, no 429', async () => {
		const items = Array.from({ length: 50 }, (_, i) => ({ reference: newReference('WAIT'), phone: i % 10 === 0 ? '0712 349 999' : '0712 345 678' }));
		const before = await f.count(ROUTES.query);
		const outputs = await f.run(
			{ ...initiateParams('={{ $json.reference }}', '={{ $json.phone }}'), waitForResult: true, timeoutSeconds: 30 },
			items,
		);
		const { paid, notPaid } = split(outputs);
		expect(paid).toHaveLength(45);
		expect(notPaid).toHaveLength(5);
		expect(paid.every((item) => item.outcome === 'paid' && item.status === 'SUCCESS')).toBe(true);
		expect(notPaid.every((item) => item.outcome === 'failed' && item.status === 'FAILED')).toBe(true);
		// Items keep their pairing with the input items.
		expect(outputs[0].map((item) => item.pairedItem)).toEqual([0, 10, 20, 30, 40].map((item) => ({ item })));
		expect(notPaid.map((item) => item.orderReference)).toEqual([0, 10, 20, 30, 40].map((i) => items[i].reference));
		// One round: every payment was final at the first check.
		expect((await f.count(ROUTES.query)) - before).toBe(50);
		expect(await f.countStatus(ROUTES.query, 429)).toBe(0);
		expect(await f.countStatus(ROUTES.initiate, 429)).toBe(0);
	});

	test('Wait for Payment: a payment nobody answers leaves on Not Paid as pending at the timeout', async () => {
		const answered = newReference('ANS');
		const silent = newReference('SIL');
		await f.run(initiateParams(answered));
		await f.sim.configure({ clickpesa: { customerDelayMs: null } });
		try {
			await f.run(initiateParams(silent));
			const outputs = await f.run(
				{ resource: 'payment', operation: 'waitForPayment', orderReference: '={{ $json.reference }}', timeoutSeconds: 3, options: { expectedAmount: 1000, expectedCurrency: 'TZS' } },
				[{ reference: answered }, { reference: silent }],
			);
			const { paid, notPaid } = split(outputs);
			expect(paid).toEqual([expect.objectContaining({ outcome: 'paid', orderReference: answered, collectedAmount: 1000 })]);
			expect(notPaid).toEqual([
				expect.objectContaining({ outcome: 'pending', orderReference: silent, status: 'PROCESSING', outcomeReason: 'ClickPesa reports status PROCESSING' }),
			]);
		} finally {
			await f.sim.configure({ clickpesa: { customerDelayMs: 100 } });
		}
	});

	test('a paid amount other than the expected one is not Paid', async () => {
		const reference = newReference('AMT');
		await f.run(initiateParams(reference, '0712 345 678', 500));
		const outputs = await f.run(
			{ resource: 'payment', operation: 'waitForPayment', orderReference: reference, timeoutSeconds: 5, options: { expectedAmount: 5000 } },
		);
		expect(split(outputs).notPaid).toEqual([expect.objectContaining({ outcome: 'mismatch', outcomeReason: 'paid 500 instead of the expected 5000' })]);
	});

	test('a transient status failure is retried and the payment still comes out Paid', async () => {
		const reference = newReference('FLK');
		await f.run(initiateParams(reference));
		await f.sim.addFault({ route: ROUTES.query, kind: 'status', status: 503, times: 1 });
		const before = await f.count(ROUTES.query);
		const outputs = await f.run({ resource: 'payment', operation: 'waitForPayment', orderReference: reference, timeoutSeconds: 10 });
		expect(split(outputs).paid).toEqual([expect.objectContaining({ outcome: 'paid', orderReference: reference })]);
		expect((await f.count(ROUTES.query)) - before).toBe(2);
	});

	test('a bad reference fails its item before any lookup; with Continue On Fail it leaves on Not Paid and the rest go on', async () => {
		const good = newReference('GOOD');
		await f.run(initiateParams(good));
		const before = await f.count(ROUTES.query);
		const error = await f.run({ resource: 'payment', operation: 'waitForPayment', orderReference: 'INV-1', timeoutSeconds: 5 }).catch((e) => e);
		expect(error.message).toBe('Order Reference "INV-1" may only contain letters and digits (item 0)');
		expect(await f.count(ROUTES.query)).toBe(before);
		const outputs = await f.run(
			{ resource: 'payment', operation: 'waitForPayment', orderReference: '={{ $json.reference }}', timeoutSeconds: 5 },
			[{ reference: 'INV-1' }, { reference: good }],
			'continueRegularOutput',
		);
		expect(outputs[1].map((item) => [item.json.outcome, item.pairedItem])).toEqual([['paid', { item: 1 }]]);
		expect(outputs[0]).toEqual([{ json: { error: 'Order Reference "INV-1" may only contain letters and digits (item 0)' }, pairedItem: { item: 0 } }]);
	});
});
