'use strict';

const http = require('node:http');
const { startSimulator } = require('../../simulator');
const { call, clickpesa, control, sleep } = require('./helpers');

describe('simulator plumbing: rate limit, faults, counters, control API', () => {
	let simulator;
	let api;
	let token;

	beforeAll(async () => {
		simulator = await startSimulator({ port: 0, clickpesa: { rateLimitPerMinute: 0, customerDelayMs: null } });
		api = clickpesa(simulator);
		token = await api.token();
	});
	afterAll(() => simulator.stop());
	beforeEach(() => simulator.reset());

	const initiateBody = (orderReference) => ({ amount: '1000', currency: 'TZS', orderReference, phoneNumber: '255712345678' });

	test('rate limit: a sliding window over every ClickPesa call from one address, token calls included', async () => {
		simulator.configure({ clickpesa: { rateLimitPerMinute: 5 } });
		try {
			await api.token(); // 1
			for (let i = 0; i < 4; i++) expect((await api.get('/payments/all', token)).status).toBe(200); // 2–5
			const limited = await api.get('/payments/all', token);
			expect(limited.status).toBe(429);
			expect(limited.body).toEqual({ message: 'ThrottlerException: Too Many Requests' });
			expect(limited.headers.get('retry-after')).toBeNull();
			const tokenCall = await call(`${simulator.clickpesaBaseUrl}/generate-token`, {
				method: 'POST',
				headers: { 'client-id': 'SIMCLIENTID', 'api-key': 'sim-api-key' },
			});
			expect(tokenCall.status).toBe(429);
			// The control API and Clik2pay are not limited.
			expect((await control(simulator).get('/stats')).status).toBe(200);
			expect(simulator.stats().counts['clickpesa GET /payments/all'].byStatus).toEqual({ 200: 4, 429: 1 });
		} finally {
			simulator.configure({ clickpesa: { rateLimitPerMinute: 0 } });
		}
		expect((await api.get('/payments/all', token)).status).toBe(200); // 0 disables the limit
	});

	test('counters are keyed by route template and count by status; the log keeps no secrets', async () => {
		await api.get('/payments/ABC1', token);
		await api.get('/payments/ABC2', 'Bearer wrong');
		await api.get('/payments/all?limit=5&skip=0', token);
		await api.post('/payments/initiate-ussd-push-request', initiateBody(`CNT${Date.now()}`), token);
		await call(`${simulator.clickpesaBaseUrl}/nothing-here`);
		const stats = (await control(simulator).get('/stats')).body;
		expect(stats.totalRequests).toBe(5);
		expect(stats.counts).toEqual({
			'clickpesa GET /payments/:orderReference': { total: 2, byStatus: { 401: 1, 404: 1 } },
			'clickpesa GET /payments/all': { total: 1, byStatus: { 200: 1 } },
			'clickpesa POST /payments/initiate-ussd-push-request': { total: 1, byStatus: { 200: 1 } },
			'clickpesa GET (no route)': { total: 1, byStatus: { 404: 1 } },
		});

		const log = (await control(simulator).get('/requests?limit=3')).body;
		expect(log).toHaveLength(3);
		expect(log[2]).toMatchObject({ provider: 'clickpesa', method: 'GET', path: '/clickpesa/third-parties/nothing-here', status: 404 });
		expect(log[0]).toEqual({
			time: expect.any(String),
			provider: 'clickpesa',
			method: 'GET',
			path: '/clickpesa/third-parties/payments/all?limit=5&skip=0',
			route: 'clickpesa GET /payments/all',
			status: 200,
			outcome: 'response',
			durationMs: expect.any(Number),
		});
		expect(JSON.stringify(simulator.requests(10_000))).not.toContain(token.slice(7, 40));
	});

	test('unknown routes answer the NestJS "Cannot METHOD path" message', async () => {
		expect(await call(`${simulator.clickpesaBaseUrl}/payout-link/all`)).toMatchObject({
			status: 404,
			body: { message: 'Cannot GET /clickpesa/third-parties/payout-link/all' },
		});
		expect(await call(`${simulator.clickpesaBaseUrl}/generate-token`)).toMatchObject({
			status: 404,
			body: { message: 'Cannot GET /clickpesa/third-parties/generate-token' },
		});
	});

	test('latency option and latency fault delay the answer', async () => {
		simulator.configure({ latencyMs: 60 });
		try {
			let started = Date.now();
			await api.get('/payments/all', token);
			expect(Date.now() - started).toBeGreaterThanOrEqual(55);
		} finally {
			simulator.configure({ latencyMs: 0 });
		}
		simulator.addFault({ route: 'clickpesa GET /payments/all', kind: 'latency', ms: 150 });
		let started = Date.now();
		expect((await api.get('/payments/all', token)).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		// `times` defaults to 1: the fault is used up by the first call.
		expect(simulator.listFaults()).toEqual([]);
	});

	test('a status fault answers once, then the route behaves normally', async () => {
		const added = await control(simulator).post('/faults', {
			route: 'clickpesa GET /account/balance',
			kind: 'status',
			status: 503,
		});
		expect(added.status).toBe(201);
		expect(added.body).toMatchObject({ id: expect.any(Number), times: 1 });
		expect(await api.get('/account/balance', token)).toMatchObject({ status: 503, body: { message: 'Service Unavailable' } });
		expect((await api.get('/account/balance', token)).status).toBe(404);

		simulator.addFault({ route: '*', kind: 'status', status: 500, body: { custom: true }, times: 0 });
		expect(await api.get('/payments/all', token)).toMatchObject({ status: 500, body: { custom: true } });
		expect(await api.get('/payments/all', token)).toMatchObject({ status: 500, body: { custom: true } });
		expect((await control(simulator).delete('/faults')).status).toBe(200);
		expect((await api.get('/payments/all', token)).status).toBe(200);
	});

	test('a reset fault drops the connection before processing', async () => {
		const orderReference = `RST${Date.now()}`;
		simulator.addFault({ route: 'clickpesa POST /payments/initiate-ussd-push-request', kind: 'reset' });
		await expect(api.post('/payments/initiate-ussd-push-request', initiateBody(orderReference), token)).rejects.toThrow();
		expect((await api.get(`/payments/${orderReference}`, token)).status).toBe(404);
		expect(simulator.stats().counts['clickpesa POST /payments/initiate-ussd-push-request'].byStatus).toEqual({ reset: 1 });
	});

	test('a reset fault after processing creates the payment but never answers', async () => {
		const orderReference = `RSTP${Date.now()}`;
		simulator.addFault({ route: 'clickpesa POST /payments/initiate-ussd-push-request', kind: 'reset', afterProcessing: true });
		await expect(api.post('/payments/initiate-ussd-push-request', initiateBody(orderReference), token)).rejects.toThrow();
		const query = await api.get(`/payments/${orderReference}`, token);
		expect(query.status).toBe(200);
		expect(query.body[0].status).toBe('PROCESSING');
		// Retrying with the same reference shows the duplicate.
		expect((await api.post('/payments/initiate-ussd-push-request', initiateBody(orderReference), token)).status).toBe(409);
	});

	test('bad faults and bad config patches are refused with 400', async () => {
		expect((await control(simulator).post('/faults', { route: '*', kind: 'explode' })).status).toBe(400);
		expect((await control(simulator).post('/faults', { route: '*', kind: 'status' })).status).toBe(400);
		const typo = await control(simulator).post('/faults', { route: 'clickpesa GET /payments/:ref', kind: 'reset' });
		expect(typo.status).toBe(400);
		expect(typo.body.error).toContain('clickpesa GET /payments/:orderReference');
		expect((await control(simulator).post('/config', { clickpesa: { rateLimit: 5 } })).body).toEqual({
			error: 'unknown option: clickpesa.rateLimit',
		});
		expect((await control(simulator).post('/config', { clickpesa: { webhookUrl: 'ftp://x' } })).status).toBe(400);
		const pollution = await call(`${simulator.controlUrl}/config`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{"__proto__":{"polluted":true}}',
		});
		expect(pollution).toMatchObject({ status: 400, body: { error: 'unknown option: __proto__' } });
		expect({}.polluted).toBeUndefined();
	});

	test('config merges deeply and masks secrets', async () => {
		const response = await control(simulator).post('/config', {
			clickpesa: { checksumKey: 'very-secret', webhookUrl: 'http://127.0.0.1:5678/webhook/x' },
		});
		try {
			expect(response.status).toBe(200);
			expect(response.body.clickpesa).toEqual({
				clients: [{ clientId: 'SIMCLIENTID', apiKey: '***' }],
				checksumKey: '***',
				tokenTtlMs: 3_600_000,
				rateLimitPerMinute: 0,
				webhookUrl: 'http://127.0.0.1:5678/webhook/x',
				customerDelayMs: null,
				maxPageSize: 100,
				collectionFee: { percent: 2.9, minimum: 0 },
				billPayFee: { percent: 0, minimum: 0 },
				payoutFee: { percent: 1.5, minimum: 300 },
				payoutFeeBearer: 'merchant',
				payoutCooldownMs: 60_000,
				payoutDelayMs: 3000,
				exchangeRates: [
					{ source: 'USD', target: 'TZS', rate: 2500 },
					{ source: 'TZS', target: 'USD', rate: 0.0004 },
				],
				startingBalance: {},
				returnUrl: null,
				kycApproved: true,
			});
			expect(response.body.clik2pay.clients).toEqual([{ username: 'sim-user', password: '***', apiKey: '***' }]);
			expect(JSON.stringify(response.body)).not.toMatch(/very-secret|sim-api-key|sim-pass|sim-c2p-api-key/);
		} finally {
			simulator.configure({ clickpesa: { checksumKey: null, webhookUrl: null } });
			token = await api.token();
		}
	});

	test('reset clears counters, log and faults; with state it also drops payments and tokens', async () => {
		const orderReference = `KEEP${Date.now()}`;
		await api.post('/payments/initiate-ussd-push-request', initiateBody(orderReference), token);
		simulator.addFault({ route: '*', kind: 'latency', ms: 10, times: 0 });
		expect((await control(simulator).post('/reset')).status).toBe(200);
		expect(simulator.stats()).toEqual({ counts: {}, totalRequests: 0 });
		expect(simulator.requests()).toEqual([]);
		expect(simulator.listFaults()).toEqual([]);
		expect((await api.get(`/payments/${orderReference}`, token)).status).toBe(200);

		await control(simulator).post('/reset', { state: true });
		expect((await api.get(`/payments/${orderReference}`, token)).status).toBe(401);
		token = await api.token();
		expect((await api.get(`/payments/${orderReference}`, token)).status).toBe(404);
	});

	test('seedPayments validates its input', async () => {
		expect((await control(simulator).post('/clickpesa/seed-payments', { count: 0 })).status).toBe(400);
		expect((await control(simulator).post('/clickpesa/seed-payments', { count: 1, prefix: 'A-B' })).status).toBe(400);
		expect((await control(simulator).post('/clickpesa/seed-payments', { count: 1, status: 'WEIRD' })).status).toBe(400);
	});

	test('a client that gives up during the latency leaves the request unprocessed', async () => {
		const orderReference = `GONE${Date.now()}`;
		simulator.addFault({ route: 'clickpesa POST /payments/initiate-ussd-push-request', kind: 'latency', ms: 300 });
		const abort = AbortSignal.timeout(50);
		await expect(
			fetch(`${simulator.clickpesaBaseUrl}/payments/initiate-ussd-push-request`, {
				method: 'POST',
				headers: { authorization: token, 'content-type': 'application/json' },
				body: JSON.stringify(initiateBody(orderReference)),
				signal: abort,
			}),
		).rejects.toThrow();
		await sleep(350);
		expect((await api.get(`/payments/${orderReference}`, token)).status).toBe(404);
		expect(simulator.requests(10_000).find((entry) => entry.outcome === 'client-closed')).toBeDefined();
	});
});

describe('simulator lifecycle', () => {
	test('stop() closes keep-alive and in-flight connections and is idempotent', async () => {
		const simulator = await startSimulator({ port: 0, latencyMs: 5000 });
		const agent = new http.Agent({ keepAlive: true });
		const pending = new Promise((resolve) => {
			const req = http.get(`${simulator.clickpesaBaseUrl}/payments/all`, { agent }, () => resolve('answered'));
			req.on('error', () => resolve('dropped'));
		});
		await sleep(50);
		await Promise.all([simulator.stop(), simulator.stop()]);
		expect(await pending).toBe('dropped');
		agent.destroy();
		await expect(fetch(`${simulator.url}/__control/stats`)).rejects.toThrow();
	});

	test('only 127.0.0.1 is accepted as host, and unknown options are refused', async () => {
		await expect(startSimulator({ host: '0.0.0.0' })).rejects.toThrow(/127\.0\.0\.1/);
		await expect(startSimulator({ clickpesa: { nope: 1 } })).rejects.toThrow(/unknown option: clickpesa.nope/);
	});

	test('another host needs the explicit opt-in; on 0.0.0.0 the URLs still name 127.0.0.1', async () => {
		const simulator = await startSimulator({ host: '0.0.0.0', allowNonLocalHost: true });
		try {
			expect(simulator.url).toBe(`http://127.0.0.1:${simulator.port}`);
			expect((await fetch(`${simulator.controlUrl}/stats`)).status).toBe(200);
		} finally {
			await simulator.stop();
		}
	});

	test('the returned URLs point at the running server', async () => {
		const simulator = await startSimulator();
		try {
			expect(simulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			expect(simulator.clickpesaBaseUrl).toBe(`${simulator.url}/clickpesa/third-parties`);
			expect(simulator.clik2payAuthUrl).toBe(`${simulator.url}/clik2pay/auth`);
			expect(simulator.clik2payBaseUrl).toBe(`${simulator.url}/clik2pay/open/v1`);
			expect(simulator.controlUrl).toBe(`${simulator.url}/__control`);
			expect((await call(`${simulator.controlUrl}/stats`)).status).toBe(200);
		} finally {
			await simulator.stop();
		}
	});
});
