'use strict';

const { startSimulator } = require('../../simulator');
const { call, control, sleep } = require('./helpers');

const basic = (username, password) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const GOOD_FORM = { grant_type: 'client_credentials', scope: 'payment_request/all' };

describe('Clik2pay simulator: token and authenticated route', () => {
	let simulator;
	let tokenUrl;

	beforeAll(async () => {
		simulator = await startSimulator({ port: 0 });
		tokenUrl = `${simulator.clik2payAuthUrl}/oauth2/token`;
	});
	afterAll(() => simulator.stop());

	const requestToken = (authorization, form = GOOD_FORM) =>
		call(tokenUrl, { method: 'POST', headers: authorization ? { authorization } : {}, form });
	const accessToken = async () => (await requestToken(basic('sim-user', 'sim-pass'))).body.access_token;
	const getPaymentRequest = (id, headers) => call(`${simulator.clik2payBaseUrl}/payment-requests/${id}`, { headers });

	test('client credentials with Basic auth give a bearer token', async () => {
		const response = await requestToken(basic('sim-user', 'sim-pass'));
		expect(response.status).toBe(200);
		expect(response.body).toEqual({ access_token: expect.any(String), expires_in: 3600, token_type: 'Bearer' });
	});

	test('missing or wrong client credentials → 401 invalid_client', async () => {
		const invalidClient = { status: 401, body: { error: 'invalid_client' } };
		expect(await requestToken(undefined)).toMatchObject(invalidClient);
		expect(await requestToken(basic('sim-user', 'wrong'))).toMatchObject(invalidClient);
		expect(await requestToken(basic('nobody', 'sim-pass'))).toMatchObject(invalidClient);
		expect(await requestToken('Bearer abc')).toMatchObject(invalidClient);
	});

	test('grant type and scope are checked', async () => {
		const auth = basic('sim-user', 'sim-pass');
		expect(await requestToken(auth, { grant_type: 'password', scope: 'payment_request/all' })).toMatchObject({
			status: 400,
			body: { error: 'unsupported_grant_type' },
		});
		expect(await requestToken(auth, { grant_type: 'client_credentials' })).toMatchObject({
			status: 400,
			body: { error: 'invalid_scope' },
		});
		expect(await requestToken(auth, { grant_type: 'client_credentials', scope: 'other' })).toMatchObject({
			status: 400,
			body: { error: 'invalid_scope' },
		});
		// A JSON body is not a form: the grant type is missing.
		const json = await call(tokenUrl, { method: 'POST', headers: { authorization: auth }, json: GOOD_FORM });
		expect(json).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
	});

	test('the API checks the API key (403) before the bearer token (401), then answers 404', async () => {
		const token = await accessToken();
		expect(await getPaymentRequest('abc', { authorization: `Bearer ${token}` })).toMatchObject({
			status: 403,
			body: { message: 'Forbidden' },
		});
		expect(await getPaymentRequest('abc', { authorization: `Bearer ${token}`, 'x-api-key': 'wrong' })).toMatchObject({
			status: 403,
			body: { message: 'Forbidden' },
		});
		expect(await getPaymentRequest('abc', { 'x-api-key': 'sim-c2p-api-key' })).toMatchObject({
			status: 401,
			body: { message: 'Unauthorized' },
		});
		expect(await getPaymentRequest('abc', { 'x-api-key': 'sim-c2p-api-key', authorization: 'Bearer nope' })).toMatchObject({
			status: 401,
			body: { message: 'Unauthorized' },
		});
		expect(await getPaymentRequest('abc', { 'x-api-key': 'sim-c2p-api-key', authorization: token })).toMatchObject({
			status: 401,
		});
		expect(
			await getPaymentRequest('8ecd810d-c0e2-40a6-8ab9-da12d72a3d6a', {
				'x-api-key': 'sim-c2p-api-key',
				authorization: `Bearer ${token}`,
			}),
		).toMatchObject({ status: 404, body: { detail: 'Payment request 8ecd810d-c0e2-40a6-8ab9-da12d72a3d6a not found' } });
	});

	test('tokens expire by TTL and by control call', async () => {
		const headers = (token) => ({ 'x-api-key': 'sim-c2p-api-key', authorization: `Bearer ${token}` });
		const token = await accessToken();
		expect((await getPaymentRequest('x', headers(token))).status).toBe(404);
		expect((await control(simulator).post('/clik2pay/expire-tokens')).body.expired).toBeGreaterThanOrEqual(1);
		expect((await getPaymentRequest('x', headers(token))).status).toBe(401);

		simulator.configure({ clik2pay: { tokenTtlMs: 100 } });
		try {
			const short = await requestToken(basic('sim-user', 'sim-pass'));
			expect(short.body.expires_in).toBe(1);
			expect((await getPaymentRequest('x', headers(short.body.access_token))).status).toBe(404);
			await sleep(150);
			expect((await getPaymentRequest('x', headers(short.body.access_token))).status).toBe(401);
		} finally {
			simulator.configure({ clik2pay: { tokenTtlMs: 3_600_000 } });
		}
	});

	test('route keys and unknown routes', async () => {
		simulator.reset();
		await requestToken(basic('sim-user', 'sim-pass'));
		await getPaymentRequest('x', {});
		expect(await call(`${simulator.clik2payBaseUrl}/payment-requests`)).toMatchObject({ status: 404 });
		expect(Object.keys(simulator.stats().counts).sort()).toEqual([
			'clik2pay GET (no route)',
			'clik2pay GET /payment-requests/:id',
			'clik2pay POST /oauth2/token',
		]);
	});

	test('an expire-token fault expires the bearer token it sees', async () => {
		const token = await accessToken();
		simulator.addFault({ route: 'clik2pay GET /payment-requests/:id', kind: 'expire-token' });
		const headers = { 'x-api-key': 'sim-c2p-api-key', authorization: `Bearer ${token}` };
		expect((await getPaymentRequest('x', headers)).status).toBe(401);
		expect((await getPaymentRequest('x', headers)).status).toBe(401);
	});
});
