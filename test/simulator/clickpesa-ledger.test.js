'use strict';

const { startSimulator } = require('../../simulator');
const { feeCents } = require('../../simulator/clickpesa/money');
const { clickpesa, control } = require('./helpers');

const NO_ACCOUNT =
	'No balance account is linked to this merchant yet. Balance becomes available after the first successful payment or deposit.';

describe('ClickPesa simulator: the ledger (docs/clickpesa-api.md: balance §4.14, statement §4.15, exchange rates §4.16)', () => {
	let simulator;
	let api;
	let token;
	let counter = 0;
	const reference = () => `LEDG${Date.now()}${++counter}`;

	beforeAll(async () => {
		simulator = await startSimulator({ port: 0, clickpesa: { rateLimitPerMinute: 0, customerDelayMs: null } });
		api = clickpesa(simulator);
	});
	afterAll(() => simulator.stop());
	beforeEach(async () => {
		simulator.reset({ state: true });
		token = await api.token();
	});

	const collect = async (amount, phoneNumber = '255712345678') => {
		const orderReference = reference();
		const response = await api.post('/payments/initiate-ussd-push-request', { amount, currency: 'TZS', orderReference, phoneNumber }, token);
		expect(response.status).toBe(200);
		await simulator.completePayment(orderReference);
		return orderReference;
	};

	test('fee arithmetic: percent rounded up to the cent, never below the minimum', () => {
		expect(feeCents(250_000, { percent: 2.9, minimum: 0 })).toBe(7250);
		expect(feeCents(100, { percent: 2.9, minimum: 0 })).toBe(3); // 2.9 cents → 3
		expect(feeCents(1_000_00, { percent: 1.5, minimum: 300 })).toBe(30_000);
		expect(feeCents(0, { percent: 0, minimum: 0 })).toBe(0);
	});

	test('collections are credited net of the collection fee; failures are not; BillPay is fee-free', async () => {
		expect(await api.get('/account/balance', token)).toMatchObject({ status: 404, body: { message: NO_ACCOUNT } });
		const first = await collect('10000');
		const failed = reference();
		await api.post('/payments/initiate-ussd-push-request', { amount: '5000', currency: 'TZS', orderReference: failed, phoneNumber: '255712349999' }, token);
		await simulator.completePayment(failed);
		expect((await api.get('/account/balance', token)).body).toEqual([{ currency: 'TZS', balance: 9710 }]);

		const bill = await api.post('/billpay/create-customer-control-number', { customerName: 'Asha', customerPhone: '255754000111' }, token);
		await simulator.payBill(bill.body.billPayNumber, 1500, '255754000111');
		expect((await api.get('/account/balance', token)).body).toEqual([{ currency: 'TZS', balance: 11210 }]);

		const statement = await api.get('/account/statement?currency=TZS', token);
		expect(statement.status).toBe(200);
		expect(statement.body.accountDetails).toEqual({
			currency: 'TZS',
			openingBalance: 0,
			closingBalance: 11210,
			totalCredits: 11500,
			totalDebits: 290,
		});
		expect(statement.body.transactions.map(({ type, entry, amount, balance, orderReference }) => ({ type, entry, amount, balance, orderReference }))).toEqual([
			{ type: 'Payment', entry: 'Credit', amount: 10000, balance: 10000, orderReference: first },
			{ type: 'Fee - Payment', entry: 'Debit', amount: 290, balance: 9710, orderReference: first },
			{ type: 'Payment', entry: 'Credit', amount: 1500, balance: 11210, orderReference: bill.body.billPayNumber },
		]);
		expect(statement.body.transactions[0]).toEqual({
			balance: 10000,
			date: expect.any(String),
			description: expect.any(String),
			entry: 'Credit',
			amount: 10000,
			currency: 'TZS',
			orderReference: first,
			id: expect.stringMatching(new RegExp(`^${first}LCP\\d{4}$`)),
			type: 'Payment',
		});
	});

	test('the collection fee is configurable and is what the USSD preview quotes', async () => {
		simulator.configure({ clickpesa: { collectionFee: { percent: 1, minimum: 200 } } });
		try {
			const preview = await api.post('/payments/preview-ussd-push-request', { amount: '5000', currency: 'TZS', orderReference: reference() }, token);
			expect(preview.body.activeMethods[0].fee).toBe(200);
			await collect('50000');
			expect((await api.get('/account/balance', token)).body).toEqual([{ currency: 'TZS', balance: 49500 }]);
		} finally {
			simulator.configure({ clickpesa: { collectionFee: { percent: 2.9, minimum: 0 } } });
		}
	});

	test('seeded SUCCESS payments are credited, PROCESSING ones are not', async () => {
		simulator.seedPayments({ count: 3, amount: '1000', prefix: 'SEEDL' });
		simulator.seedPayments({ count: 2, amount: '1000', prefix: 'SEEDP', status: 'PROCESSING' });
		expect((await api.get('/account/balance', token)).body).toEqual([{ currency: 'TZS', balance: 3 * (1000 - 29) }]);
	});

	test('deposits by control call open an account per currency; TZS is listed first', async () => {
		const usd = await control(simulator).post('/clickpesa/balance/deposit', { currency: 'USD', amount: 125.5 });
		expect(usd).toMatchObject({ status: 201, body: { id: expect.stringMatching(/^DEP/), currency: 'USD', amount: 125.5, balance: 125.5 } });
		expect((await api.get('/account/balance', token)).body).toEqual([{ currency: 'USD', balance: 125.5 }]);
		simulator.seedBalance('TZS', 1000);
		expect((await api.get('/account/balance', token)).body).toEqual([
			{ currency: 'TZS', balance: 1000 },
			{ currency: 'USD', balance: 125.5 },
		]);
		const statement = await api.get('/account/statement?currency=USD', token);
		expect(statement.body.transactions).toEqual([expect.objectContaining({ type: 'Deposit', entry: 'Credit', amount: 125.5, currency: 'USD' })]);
		for (const body of [{ currency: 'EUR', amount: 1 }, { currency: 'TZS', amount: 0 }, { currency: 'TZS', amount: 1.234 }, { currency: 'TZS', amount: '5' }]) {
			expect((await control(simulator).post('/clickpesa/balance/deposit', body)).status).toBe(400);
		}
		const ledger = await control(simulator).get('/clickpesa/ledger');
		expect(ledger.body.accounts.map((account) => account.accountDetails.currency)).toEqual(['USD', 'TZS']);
	});

	test('startingBalance is credited at start and again after a state reset', async () => {
		const seeded = await startSimulator({ port: 0, clickpesa: { rateLimitPerMinute: 0, startingBalance: { TZS: 500000, USD: 100 } } });
		try {
			const client = clickpesa(seeded);
			let seededToken = await client.token();
			const expected = [{ currency: 'TZS', balance: 500000 }, { currency: 'USD', balance: 100 }];
			expect((await client.get('/account/balance', seededToken)).body).toEqual(expected);
			seeded.seedBalance('TZS', 1);
			seeded.reset({ state: true });
			seededToken = await client.token();
			expect((await client.get('/account/balance', seededToken)).body).toEqual(expected);
		} finally {
			await seeded.stop();
		}
	});

	test('statement: currency is required; date range gives opening and closing balances', async () => {
		expect(await api.get('/account/statement', token)).toMatchObject({ status: 400, body: { message: 'Invalid currency: currency must be either TZS or USD' } });
		expect((await api.get('/account/statement?currency=EUR', token)).status).toBe(400);
		expect((await api.get('/account/statement?currency=TZS&startDate=2025-13-01', token)).status).toBe(400);
		expect((await api.get('/account/statement?currency=TZS', 'Bearer nope')).status).toBe(401);
		// No account yet: an empty statement of zeros.
		expect((await api.get('/account/statement?currency=USD', token)).body).toEqual({
			accountDetails: { currency: 'USD', openingBalance: 0, closingBalance: 0, totalCredits: 0, totalDebits: 0 },
			transactions: [],
		});
		simulator.seedBalance('TZS', 1000);
		const today = new Date().toISOString().slice(0, 10);
		const [y, m, d] = today.split('-');
		const inRange = await api.get(`/account/statement?currency=TZS&startDate=${d}-${m}-${y}&endDate=${today}`, token);
		expect(inRange.body.accountDetails).toMatchObject({ openingBalance: 0, closingBalance: 1000, totalCredits: 1000 });
		const future = await api.get('/account/statement?currency=TZS&startDate=2999-01-01', token);
		expect(future.body).toEqual({
			accountDetails: { currency: 'TZS', openingBalance: 1000, closingBalance: 1000, totalCredits: 0, totalDebits: 0 },
			transactions: [],
		});
	});

	test('exchange rates: the configured table, filtered by source and target', async () => {
		const all = await api.get('/exchange-rates/all', token);
		expect(all.status).toBe(200);
		expect(all.body).toEqual([
			{ source: 'USD', target: 'TZS', rate: 2500, date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/) },
			{ source: 'TZS', target: 'USD', rate: 0.0004, date: expect.any(String) },
		]);
		expect((await api.get('/exchange-rates/all?source=USD&target=TZS', token)).body).toEqual([expect.objectContaining({ source: 'USD', rate: 2500 })]);
		expect((await api.get('/exchange-rates/all?target=USD', token)).body).toEqual([expect.objectContaining({ source: 'TZS' })]);
		expect((await api.get('/exchange-rates/all?source=EUR', token)).body).toEqual([]);
		simulator.configure({ clickpesa: { exchangeRates: [{ source: 'USD', target: 'TZS', rate: 2610 }] } });
		try {
			expect((await api.get('/exchange-rates/all', token)).body).toEqual([expect.objectContaining({ rate: 2610 })]);
		} finally {
			simulator.configure({ clickpesa: { exchangeRates: [{ source: 'USD', target: 'TZS', rate: 2500 }, { source: 'TZS', target: 'USD', rate: 0.0004 }] } });
		}
		expect(() => simulator.configure({ clickpesa: { exchangeRates: [{ source: 'USD', target: 'USD', rate: 1 }] } })).toThrow(/exchangeRates/);
		expect(() => simulator.configure({ clickpesa: { collectionFee: { percent: -1, minimum: 0 } } })).toThrow(/collectionFee/);
	});
});
