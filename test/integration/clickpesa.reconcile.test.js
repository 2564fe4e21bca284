// @ts-check
const { clickPesaFixture, initiateParams, newReference, ROUTES } = require('./clickpesa.helpers');

const STATEMENT = 'clickpesa GET /account/statement';

/** Reconcile parameters: each input item gives its reference, amount and currency by expression. */
const reconcileParams = (extra = {}) => ({
	resource: 'payment',
	operation: 'reconcile',
	orderReference: '={{ $json.ref }}',
	expectedAmount: '={{ $json.amount }}',
	currency: '={{ $json.currency }}',
	startDate: '',
	endDate: '',
	options: {},
	...extra,
});

const today = () => new Date().toISOString().slice(0, 10);

describe('Payment → Reconcile (ClickPesa, against the simulator)', () => {
	/** @type {Awaited<ReturnType<typeof clickPesaFixture>>} */
	let f;
	/** @type {Record<string, string>} */
	const ref = {};

	const push = async (/** @type {string} */ reference, /** @type {number} */ amount, /** @type {'SUCCESS' | 'FAILED' | null} */ outcome) => {
		await f.run(initiateParams(reference, '0712 345 678', amount));
		if (outcome) await f.sim.completePayment(reference, outcome);
	};

	beforeAll(async () => {
		f = await clickPesaFixture();
		for (const name of ['paid', 'failed', 'pending', 'unpaid', 'stranger', 'strangerFailed', 'order', 'customer', 'twoParts']) ref[name] = newReference(name.slice(0, 3).toUpperCase());
		await push(ref.paid, 1000, 'SUCCESS');
		await push(ref.failed, 2000, 'FAILED');
		await push(ref.pending, 3000, null);
		await push(ref.stranger, 700, 'SUCCESS');
		await push(ref.strangerFailed, 800, 'FAILED');
		// BillPay: an order number paid short (it closes after that one payment), a customer number paid over,
		// and a customer number paid in two parts that add up to the invoice.
		await f.run({ resource: 'billPay', operation: 'createOrder', billReference: ref.order, additionalFields: { billAmount: 5000 } });
		await f.sim.payBill(ref.order, 4000, '255754000111');
		for (const reference of [ref.customer, ref.twoParts]) {
			await f.run({
				resource: 'billPay',
				operation: 'createCustomer',
				customerName: 'Asha Said',
				customerEmail: '',
				customerPhone: '0712 345 678',
				billReference: reference,
				additionalFields: { billAmount: 10000 },
			});
		}
		await f.sim.payBill(ref.customer, 12500.5, '255754000111');
		await f.sim.payBill(ref.twoParts, 1.1, '255754000111');
		await f.sim.payBill(ref.twoParts, 9999.2, '255754000111');
	});
	afterAll(async () => await f.sim.stop());

	const invoices = () => [
		{ ref: ref.paid, amount: 1000, currency: 'TZS' },
		{ ref: ref.order, amount: 5000, currency: 'TZS' },
		{ ref: ref.customer, amount: 10000, currency: 'TZS' },
		{ ref: ref.unpaid, amount: 1500, currency: 'TZS' },
		{ ref: ref.failed, amount: 2000, currency: 'TZS' },
		{ ref: ref.pending, amount: 3000, currency: 'TZS' },
		{ ref: ref.twoParts, amount: 10000.3, currency: 'TZS' },
	];

	test('every state, paired with its invoice; a customer control number paid in two parts adds up in cents; the payments nobody billed on output 2', async () => {
		const pagesBefore = await f.count(ROUTES.all);
		const [out, unmatched] = await f.run(reconcileParams(), invoices());
		expect(out.map((item) => item.pairedItem)).toEqual(invoices().map((_, item) => ({ item })));
		expect(out.map((item) => [item.json.orderReference, item.json.reconciliation])).toEqual([
			[ref.paid, 'paid'],
			[ref.order, 'partially paid'],
			[ref.customer, 'overpaid'],
			[ref.unpaid, 'unpaid'],
			[ref.failed, 'failed'],
			[ref.pending, 'pending'],
			[ref.twoParts, 'paid'],
		]);
		const [paid, partial, over, unpaid, failed, pending, twoParts] = out.map((item) => item.json);
		expect(paid).toEqual({
			orderReference: ref.paid,
			reconciliation: 'paid',
			expectedAmount: 1000,
			currency: 'TZS',
			amountPaid: 1000,
			outstandingAmount: 0,
			overpaidAmount: 0,
			pendingAmount: 0,
			paymentCount: 1,
			payments: [expect.objectContaining({ orderReference: ref.paid, amount: 1000, status: 'SUCCESS', paymentState: 'paid' })],
		});
		expect(partial).toMatchObject({ amountPaid: 4000, outstandingAmount: 1000, overpaidAmount: 0, paymentCount: 1 });
		expect(over).toMatchObject({ amountPaid: 12500.5, outstandingAmount: 0, overpaidAmount: 2500.5 });
		expect(unpaid).toMatchObject({ amountPaid: 0, outstandingAmount: 1500, paymentCount: 0, payments: [] });
		expect(failed).toMatchObject({ amountPaid: 0, outstandingAmount: 2000, payments: [expect.objectContaining({ status: 'FAILED', paymentState: 'failed' })] });
		expect(pending).toMatchObject({ amountPaid: 0, pendingAmount: 3000, payments: [expect.objectContaining({ status: 'PROCESSING', paymentState: 'pending' })] });
		// 1.10 + 9999.20 is exactly 10000.30 in cents (in floating point it is 10000.300000000001: "overpaid").
		expect(twoParts).toMatchObject({ amountPaid: 10000.3, outstandingAmount: 0, overpaidAmount: 0, paymentCount: 2 });
		expect(twoParts.payments.map((payment) => payment.amount).sort((a, b) => a - b)).toEqual([1.1, 9999.2]);
		expect(twoParts.fee).toBeUndefined();

		// Output 2: only the paid stranger (the failed one only with Unmatched Payments: All); no pairing.
		expect(unmatched).toEqual([{ json: expect.objectContaining({ orderReference: ref.stranger, amount: 700, paymentState: 'paid' }) }]);
		// One list read (all of it fits one page), no statement.
		expect((await f.count(ROUTES.all)) - pagesBefore).toBe(1);
		expect(await f.count(STATEMENT)).toBe(0);
	});

	test('Include Fees reads the statement once per currency: the collection fee of a USSD payment, none for BillPay; All unmatched; raw records keep ClickPesa’s fields', async () => {
		const [out, unmatched] = await f.run(reconcileParams({ options: { includeFees: true, unmatched: 'all', simple: false } }), invoices().slice(0, 2));
		expect(out[0].json).toMatchObject({ reconciliation: 'paid', fee: 29, netAmount: 971 });
		expect(out[0].json.payments[0]).toMatchObject({ collectedAmount: 1000, collectedCurrency: 'TZS', status: 'SUCCESS', paymentState: 'paid', fee: 29 });
		expect(out[1].json).toMatchObject({ reconciliation: 'partially paid', fee: 0, netAmount: 4000 });
		expect(await f.count(STATEMENT)).toBe(1);
		const unmatchedReferences = unmatched.map((item) => item.json.orderReference);
		for (const reference of [ref.stranger, ref.strangerFailed, ref.customer, ref.failed, ref.pending]) expect(unmatchedReferences).toContain(reference);
		expect(unmatchedReferences).not.toContain(ref.paid);
		expect(unmatched.find((item) => item.json.orderReference === ref.strangerFailed).json).toMatchObject({ status: 'FAILED', paymentState: 'failed', fee: 0 });
	});

	test('payments in another currency do not count; the date range limits what is read (default: the last 7 days)', async () => {
		const [usd] = await f.run(reconcileParams(), [{ ref: ref.paid, amount: 1000, currency: 'USD' }]);
		expect(usd[0].json).toMatchObject({ reconciliation: 'unpaid', amountPaid: 0, paymentCount: 1, note: expect.stringContaining('not in USD') });

		const before = await f.count(ROUTES.all);
		const [old] = await f.run(reconcileParams({ startDate: '2020-01-01', endDate: '2020-01-31' }), [{ ref: ref.paid, amount: 1000, currency: 'TZS' }]);
		expect(old[0].json).toMatchObject({ reconciliation: 'unpaid', paymentCount: 0 });
		expect((await f.count(ROUTES.all)) - before).toBe(1);
		const lastList = async () => (await f.sim.requests(500)).filter((request) => request.route === ROUTES.all).pop()?.path ?? '';
		expect(await lastList()).toContain('startDate=2020-01-01&endDate=2020-01-31&orderBy=ASC');

		const [byDefault] = await f.run(reconcileParams(), [{ ref: ref.paid, amount: 1000, currency: 'TZS' }]);
		expect(byDefault[0].json.reconciliation).toBe('paid');
		const weekAgo = new Date(Date.parse(`${today()}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
		expect(await lastList()).toContain(`startDate=${weekAgo}&endDate=${today()}`);
	});

	test('bad input is refused before any HTTP, naming the item and the field; with Continue On Fail only the bad items fail', async () => {
		const before = await f.count(ROUTES.all);
		const bad = [
			{ ref: ref.paid, amount: 1000, currency: 'TZS' },
			{ ref: 'INV-1', amount: 1000, currency: 'TZS' },
			{ ref: ref.order, amount: -5, currency: 'TZS' },
			{ ref: ref.customer, amount: 10, currency: 'EUR' },
			{ ref: ref.paid, amount: 1000, currency: 'TZS' },
		];
		const error = await f.run(reconcileParams(), bad).catch((e) => e);
		expect(error.message).toBe('Order Reference "INV-1" may only contain letters and digits (item 1)');
		const range = await f.run(reconcileParams({ startDate: '2026-02-10', endDate: '2026-02-01' }), bad.slice(0, 1)).catch((e) => e);
		expect(range.message).toBe('Start Date 2026-02-10 is after End Date 2026-02-01 (item 0)');
		expect(await f.count(ROUTES.all)).toBe(before);

		const [out, unmatched] = await f.run(reconcileParams(), bad, 'continueRegularOutput');
		expect(out.map((item) => item.json.error ?? item.json.reconciliation)).toEqual([
			'paid',
			'Order Reference "INV-1" may only contain letters and digits (item 1)',
			'Expected Amount must be greater than 0 (got -5) (item 2)',
			'Currency "EUR" is not one ClickPesa collects in (item 3)',
			`Order Reference "${ref.paid}" is also on item 0 (item 4)`,
		]);
		expect(unmatched.length).toBeGreaterThan(0);
		expect((await f.count(ROUTES.all)) - before).toBe(1);
	});
});

describe('Payment → Reconcile pages through the list once', () => {
	test('130 payments in 3 pages of 50; 130 invoices matched with no per-invoice call', async () => {
		const f = await clickPesaFixture();
		try {
			const references = await f.sim.seedPayments({ count: 130, prefix: 'BULK', amount: '500', status: 'SUCCESS' });
			const items = references.map((reference, index) => ({ ref: reference, amount: index % 2 ? 500 : 600, currency: 'TZS' }));
			const [out, unmatched] = await f.run(reconcileParams(), items);
			expect(out).toHaveLength(130);
			expect(out.filter((item) => item.json.reconciliation === 'paid')).toHaveLength(65);
			expect(out.filter((item) => item.json.reconciliation === 'partially paid')).toHaveLength(65);
			expect(unmatched).toEqual([]);
			expect(await f.count(ROUTES.all)).toBe(3);
			expect(await f.count(ROUTES.query)).toBe(0);
		} finally {
			await f.sim.stop();
		}
	});
});

describe('Payment → Reconcile reads the pages after the first five at a time', () => {
	/**
	 * A payment list of `count` SUCCESS payments (oldest first) that reports `reportedTotal` as its
	 * totalCount. Answers to list pages are held until five are open or none came for a second
	 * (the last ones), so how many were open at once is what the node sends, not a matter of timing.
	 * @param {number} count @param {number} reportedTotal
	 */
	async function listServer(count, reportedTotal = count) {
		const http = require('node:http');
		const payments = Array.from({ length: count }, (_, i) => ({
			id: `PAY${i}`,
			orderReference: `LIST${i}`,
			status: 'SUCCESS',
			collectedAmount: 1000,
			collectedCurrency: 'TZS',
			createdAt: new Date().toISOString(),
		}));
		const state = { skips: /** @type {number[]} */ ([]), open: 0, mostOpen: 0 };
		/** @type {Array<() => void>} */
		let held = [];
		/** @type {NodeJS.Timeout | undefined} */
		let idle;
		const releaseHeld = () => {
			clearTimeout(idle);
			const answers = held;
			held = [];
			for (const answer of answers) answer();
		};
		const server = http.createServer((request, response) => {
			response.setHeader('content-type', 'application/json');
			if (request.url.startsWith('/generate-token')) {
				response.end(JSON.stringify({ success: true, token: 'Bearer fixed' }));
				return;
			}
			const url = new URL(request.url, 'http://localhost');
			const skip = Number(url.searchParams.get('skip'));
			const limit = Number(url.searchParams.get('limit'));
			state.skips.push(skip);
			state.open++;
			state.mostOpen = Math.max(state.mostOpen, state.open);
			held.push(() => {
				state.open--;
				response.end(JSON.stringify({ data: payments.slice(skip, skip + limit), totalCount: reportedTotal }));
			});
			clearTimeout(idle);
			if (state.open >= 5 || skip === 0) setImmediate(releaseHeld);
			else idle = setTimeout(releaseHeld, 1000);
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { CredentialStore } = require('../support/credentialStore');
		const { runNode } = require('../support/runNode');
		const credentials = new CredentialStore();
		credentials.set('clickPesaApi', { clientId: 'SIMCLIENTID', apiKey: 'sim-api-key', baseUrl: `http://127.0.0.1:${server.address().port}`, rateLimitPerMinute: 0, token: '' });
		const invoices = payments.map((payment) => ({ ref: payment.orderReference, amount: 1000, currency: 'TZS' }));
		return {
			state,
			run: async () => await runNode({ type: 'clickPesa', parameters: reconcileParams(), items: invoices, credentials, credentialType: 'clickPesaApi' }),
			close: () => {
				clearTimeout(idle);
				server.close();
			},
		};
	}

	test('620 payments: 13 pages, each asked for once, five open at once after the first; every invoice paid', async () => {
		const list = await listServer(620);
		try {
			const [out, unmatched] = await list.run();
			expect(out.map((item) => item.json.reconciliation)).toEqual(Array(620).fill('paid'));
			expect(unmatched).toEqual([]);
			expect(list.state.skips).toEqual(Array.from({ length: 13 }, (_, i) => i * 50));
			expect(list.state.mostOpen).toBe(5);
		} finally {
			list.close();
		}
	});

	test('a list that holds fewer payments than it reports: the pages past its end are not used, the same as reading page by page', async () => {
		const list = await listServer(120, 1000);
		try {
			const [out] = await list.run();
			expect(out.map((item) => item.json.reconciliation)).toEqual(Array(120).fill('paid'));
			// The first page, then a round of five: the third page (20 payments) ends the list; the two
			// asked for after it come back empty and are dropped.
			expect(list.state.skips).toEqual([0, 50, 100, 150, 200, 250]);
		} finally {
			list.close();
		}
	});
});
