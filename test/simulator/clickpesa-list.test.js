'use strict';

const { startSimulator } = require('../../simulator');
const { clickpesa, control } = require('./helpers');

describe('ClickPesa simulator: GET /payments/all', () => {
	let simulator;
	let api;
	let token;

	beforeAll(async () => {
		simulator = await startSimulator({ port: 0, clickpesa: { rateLimitPerMinute: 0, maxPageSize: 50 } });
		api = clickpesa(simulator);
		token = await api.token();
		// 23 payments sharing one createdAt (so paging relies on the id tie-break), plus a few others.
		const seeded = await control(simulator).post('/clickpesa/seed-payments', {
			count: 23,
			status: 'SUCCESS',
			createdAt: '2025-03-10T08:00:00.000Z',
			channel: 'M-PESA',
			prefix: 'PAGE',
		});
		expect(seeded.status).toBe(201);
		expect(seeded.body.orderReferences).toHaveLength(23);
		simulator.seedPayments({ count: 3, status: 'FAILED', createdAt: '2025-03-12T23:59:59.999Z', prefix: 'FAIL' });
		simulator.seedPayments({ count: 2, status: 'PROCESSING', createdAt: '2025-03-13T00:00:00.000Z', prefix: 'PROC' });
	});
	afterAll(() => simulator.stop());

	const list = (query) => api.get(`/payments/all${query ? `?${query}` : ''}`, token);

	test('defaults: newest first, 20 per page, totalCount of all matches, exchanged false', async () => {
		const response = await list('');
		expect(response.status).toBe(200);
		expect(response.body.totalCount).toBe(28);
		expect(response.body.data).toHaveLength(20);
		expect(response.body.data.slice(0, 2).map((item) => item.status)).toEqual(['PROCESSING', 'PROCESSING']);
		for (const item of response.body.data) {
			expect(item).toMatchObject({ exchanged: false, collectedCurrency: 'TZS', clientId: 'SIMCLIENTID' });
			expect(typeof item.collectedAmount).toBe('number');
		}
	});

	test('pages with skip/limit cover every item exactly once', async () => {
		const seen = [];
		for (let skip = 0; ; skip += 4) {
			const page = await list(`status=SUCCESS&limit=4&skip=${skip}`);
			expect(page.status).toBe(200);
			expect(page.body.totalCount).toBe(23);
			if (page.body.data.length === 0) break;
			seen.push(...page.body.data.map((item) => item.orderReference));
		}
		expect(seen).toHaveLength(23);
		expect(new Set(seen).size).toBe(23);
		const ascending = [];
		for (let skip = 0; skip < 23; skip += 5) {
			const page = await list(`status=SUCCESS&limit=5&skip=${skip}&orderBy=ASC`);
			ascending.push(...page.body.data.map((item) => item.orderReference));
		}
		expect(ascending).toEqual([...seen].reverse());
	});

	test('filters by status, channel, reference, client and date range (inclusive UTC days, both formats)', async () => {
		expect((await list('status=FAILED')).body.totalCount).toBe(3);
		expect((await list('channel=M-PESA')).body.totalCount).toBe(23);
		expect((await list('orderReference=PAGE7')).body.data.map((item) => item.orderReference)).toEqual(['PAGE7']);
		expect((await list('clientId=OTHER')).body.totalCount).toBe(0);
		expect((await list('collectedCurrency=TZS')).body.totalCount).toBe(28);
		expect((await list('startDate=2025-03-12&endDate=2025-03-12')).body.totalCount).toBe(3);
		expect((await list('startDate=12-03-2025&endDate=13-03-2025')).body.totalCount).toBe(5);
		expect((await list('endDate=2025-03-10')).body.totalCount).toBe(23);
		expect((await list('startDate=2025-03-14')).body.totalCount).toBe(0);
		expect((await list('search=orderReference=fail,status=failed')).body.totalCount).toBe(3);
	});

	test('sortBy any item field, ties broken by id', async () => {
		const byReference = await list('status=SUCCESS&sortBy=orderReference&orderBy=ASC&limit=3');
		expect(byReference.body.data.map((item) => item.orderReference)).toEqual(['PAGE1', 'PAGE10', 'PAGE11']);
		const byCustomer = await list('sortBy=customer.customerName&limit=50');
		expect(byCustomer.status).toBe(200);
	});

	test.each([
		['limit=51', 'limit must not be greater than 50'],
		['limit=0', 'limit must not be less than 1'],
		['limit=2.5', 'limit must be an integer number'],
		['limit=ten', 'limit must be an integer number'],
		['skip=-1', 'skip must not be less than 0'],
		['skip=1e2', 'skip must be an integer number'],
		['startDate=2025-13-01', 'startDate must be a valid date in YYYY-MM-DD or DD-MM-YYYY format'],
		['endDate=2025/03/01', 'endDate must be a valid date in YYYY-MM-DD or DD-MM-YYYY format'],
		['startDate=31-02-2025', 'startDate must be a valid date in YYYY-MM-DD or DD-MM-YYYY format'],
		['orderBy=UP', 'orderBy must be one of the following values: ASC, DESC'],
	])('%s → 400 "%s"', async (query, message) => {
		expect(await list(query)).toMatchObject({ status: 400, body: { message } });
	});

	test('sortBy and search refuse unknown fields', async () => {
		expect((await list('sortBy=password')).status).toBe(400);
		expect((await list('search=secret=1')).status).toBe(400);
	});

	test('the default maxPageSize is 100', async () => {
		const other = await startSimulator({ port: 0 });
		try {
			const otherApi = clickpesa(other);
			const otherToken = await otherApi.token();
			expect((await otherApi.get('/payments/all?limit=100', otherToken)).status).toBe(200);
			expect(await otherApi.get('/payments/all?limit=101', otherToken)).toMatchObject({
				status: 400,
				body: { message: 'limit must not be greater than 100' },
			});
		} finally {
			await other.stop();
		}
	});
});
