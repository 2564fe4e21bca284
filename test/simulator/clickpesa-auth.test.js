'use strict';

const { startSimulator } = require('../../simulator');
const { call, clickpesa, control, sleep } = require('./helpers');

describe('ClickPesa simulator: tokens and authorization', () => {
	let simulator;
	let api;

	beforeAll(async () => {
		simulator = await startSimulator({ port: 0, clickpesa: { rateLimitPerMinute: 0 } });
		api = clickpesa(simulator);
	});
	afterAll(() => simulator.stop());

	const generate = (headers) => call(`${simulator.clickpesaBaseUrl}/generate-token`, { method: 'POST', headers });

	test('issues a token that already carries the Bearer prefix', async () => {
		const response = await generate({ 'client-id': 'SIMCLIENTID', 'api-key': 'sim-api-key' });
		expect(response.status).toBe(200);
		expect(response.body).toEqual({ success: true, token: expect.stringMatching(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/) });
		const balance = await api.get('/account/balance', response.body.token);
		expect(balance.status).toBe(404); // authorized; no balance account yet
	});

	test('missing credentials answer 401, unknown client and wrong key 403', async () => {
		expect(await generate({})).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
		expect(await generate({ 'client-id': 'SIMCLIENTID' })).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
		expect(await generate({ 'client-id': 'NOPE', 'api-key': 'sim-api-key' })).toMatchObject({
			status: 403,
			body: { message: 'Invalid client details' },
		});
		expect(await generate({ 'client-id': 'SIMCLIENTID', 'api-key': 'wrong' })).toMatchObject({
			status: 403,
			body: { message: 'Invalid or Expired API-Key' },
		});
	});

	test('routes need the token exactly as issued', async () => {
		const token = await api.token();
		const unauthorized = { status: 401, body: { message: 'Unauthorized' } };
		expect(await api.get('/payments/all')).toMatchObject(unauthorized);
		expect(await api.get('/payments/all', 'Bearer not-a-token')).toMatchObject(unauthorized);
		expect(await api.get('/payments/all', `Bearer ${token}`)).toMatchObject(unauthorized); // "Bearer Bearer …"
		expect(await api.get('/payments/all', token.slice('Bearer '.length))).toMatchObject(unauthorized);
		expect(await api.post('/payments/initiate-ussd-push-request', {}, 'Bearer x')).toMatchObject(unauthorized);
		expect((await api.get('/payments/all', token)).status).toBe(200);
	});

	test('tokens expire after tokenTtlMs', async () => {
		simulator.configure({ clickpesa: { tokenTtlMs: 100 } });
		try {
			const token = await api.token();
			expect((await api.get('/payments/all', token)).status).toBe(200);
			await sleep(150);
			expect(await api.get('/payments/all', token)).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
		} finally {
			simulator.configure({ clickpesa: { tokenTtlMs: 3_600_000 } });
		}
	});

	test('the control API expires every issued token', async () => {
		const first = await api.token();
		const second = await api.token();
		const expired = await control(simulator).post('/clickpesa/expire-tokens');
		expect(expired.status).toBe(200);
		expect(expired.body.expired).toBeGreaterThanOrEqual(2);
		expect((await api.get('/payments/all', first)).status).toBe(401);
		expect((await api.get('/payments/all', second)).status).toBe(401);
		expect((await api.get('/payments/all', await api.token())).status).toBe(200);
	});

	test('an expire-token fault expires only the token of the next request that presents one', async () => {
		const token = await api.token();
		simulator.addFault({ route: '*', kind: 'expire-token' });
		// The token call presents no token, so the fault waits for the next request that does.
		const other = await api.token();
		expect(await api.get('/payments/all', token)).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
		expect((await api.get('/payments/all', token)).status).toBe(401);
		expect((await api.get('/payments/all', other)).status).toBe(200);
		expect(simulator.listFaults()).toEqual([]);
	});

	test('turning the checksum on invalidates issued tokens, as ClickPesa does', async () => {
		const token = await api.token();
		simulator.configure({ clickpesa: { checksumKey: 'secret-key' } });
		try {
			expect((await api.get('/payments/all', token)).status).toBe(401);
		} finally {
			simulator.configure({ clickpesa: { checksumKey: null } });
		}
	});
});
