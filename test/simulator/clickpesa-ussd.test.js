'use strict';

const { startSimulator } = require('../../simulator');
const { clickpesa } = require('./helpers');

const VECTOR_3_BODY = { amount: '1000', currency: 'TZS', orderReference: 'ORDER123', phoneNumber: '255712345678' };
const VECTOR_3_CHECKSUM = '9d6548c3728f656cef3b7ecbdc781419cb3cf48662951666dc2187193d1b704f';

describe('ClickPesa simulator: USSD push preview and initiate', () => {
	let simulator;
	let api;
	let token;
	let counter = 0;
	const reference = () => `REF${Date.now()}${++counter}`;

	beforeAll(async () => {
		simulator = await startSimulator({ port: 0, clickpesa: { rateLimitPerMinute: 0, customerDelayMs: null } });
		api = clickpesa(simulator);
		token = await api.token();
	});
	afterAll(() => simulator.stop());

	const preview = (body) => api.post('/payments/preview-ussd-push-request', body, token);
	const initiate = (body) => api.post('/payments/initiate-ussd-push-request', body, token);

	test('initiate answers the documented shape with the channel of the number', async () => {
		const orderReference = reference();
		const response = await initiate({ amount: '1500', currency: 'TZS', orderReference, phoneNumber: '255712345678' });
		expect(response.status).toBe(200);
		expect(response.body).toEqual({
			id: expect.stringMatching(new RegExp(`^${orderReference}LCP\\d+$`)),
			status: 'PROCESSING',
			channel: 'TIGO-PESA',
			orderReference,
			collectedAmount: '1500',
			collectedCurrency: 'TZS',
			createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
			clientId: 'SIMCLIENTID',
		});
	});

	test.each([
		['255712345678', 'TIGO-PESA'],
		['255652345678', 'TIGO-PESA'],
		['255702345678', 'TIGO-PESA'],
		['255742345678', 'M-PESA'],
		['255792345678', 'M-PESA'],
		['255682345678', 'AIRTEL-MONEY'],
		['255662345678', 'AIRTEL-MONEY'],
		['255612345678', 'HALOPESA'],
	])('number %s goes to %s', async (phoneNumber, channel) => {
		const response = await initiate({ amount: '1000', currency: 'TZS', orderReference: reference(), phoneNumber });
		expect(response.status).toBe(200);
		expect(response.body.channel).toBe(channel);
	});

	test('type errors come together in a NestJS validation body', async () => {
		const response = await initiate({ amount: 1000, currency: 'USD', orderReference: reference(), phoneNumber: 255712345678 });
		expect(response.status).toBe(400);
		expect(response.body).toEqual({
			statusCode: 400,
			message: ['amount must be a string', 'currency must be one of the following values: TZS', 'phoneNumber must be a string'],
			error: 'Bad Request',
		});
		const missing = await initiate({ amount: '1000', currency: 'TZS', orderReference: reference() });
		expect(missing.body.message).toEqual(['phoneNumber must be a string']);
		const notPositive = await preview({ amount: '0', currency: 'TZS', orderReference: reference() });
		expect(notPositive.body.message).toEqual(['amount must be a positive number']);
		const notNumber = await preview({ amount: '12abc', currency: 'TZS', orderReference: reference() });
		expect(notNumber.body.message).toEqual(['amount must be a number string']);
	});

	test('order references must be alphanumeric and not blank', async () => {
		const invalid = { message: 'Invalid Order Reference, should only contain alphanumeric characters and cannot be blank' };
		for (const orderReference of ['ORD-1', 'ORD_1', 'ORD 1', '', undefined]) {
			const response = await initiate({ amount: '1000', currency: 'TZS', orderReference, phoneNumber: '255712345678' });
			expect(response).toMatchObject({ status: 400, body: invalid });
			expect(await preview({ amount: '1000', currency: 'TZS', orderReference })).toMatchObject({ status: 400, body: invalid });
		}
	});

	test('a reference used by an initiated payment answers 409 on initiate and preview', async () => {
		const orderReference = reference();
		const body = { amount: '1000', currency: 'TZS', orderReference, phoneNumber: '255712345678' };
		expect((await preview(body)).status).toBe(200); // preview does not use up the reference
		expect((await initiate(body)).status).toBe(200);
		const conflict = { status: 409, body: { message: `Order reference ${orderReference} already used: Create a different reference` } };
		expect(await initiate(body)).toMatchObject(conflict);
		expect(await preview(body)).toMatchObject(conflict);
	});

	test('phone numbers must be 255 + 9 digits with a known mobile prefix', async () => {
		const invalid = { status: 400, body: { message: 'Invalid / unsupported phone number' } };
		for (const phoneNumber of ['0712345678', '+255712345678', '25571234567', '255812345678', '255642345678', '']) {
			expect(await initiate({ amount: '1000', currency: 'TZS', orderReference: reference(), phoneNumber })).toMatchObject(invalid);
		}
		expect(await preview({ amount: '1000', currency: 'TZS', orderReference: reference(), phoneNumber: '255812345678' })).toMatchObject(
			invalid,
		);
		// TTCL is a Tanzanian number ClickPesa cannot push to.
		const ttcl = { amount: '1000', currency: 'TZS', orderReference: reference(), phoneNumber: '255732345678' };
		expect(await initiate(ttcl)).toMatchObject(invalid);
		const ttclPreview = await preview(ttcl);
		expect(ttclPreview.status).toBe(200);
		expect(ttclPreview.body.activeMethods.every((method) => method.status === 'UNAVAILABLE')).toBe(true);
	});

	test('preview lists the four networks with fees, and the sender on request', async () => {
		const all = await preview({ amount: '20000', currency: 'TZS', orderReference: reference() });
		expect(all.status).toBe(200);
		expect(all.body).toEqual({
			activeMethods: ['TIGO-PESA', 'M-PESA', 'AIRTEL-MONEY', 'HALOPESA'].map((name) => ({ name, status: 'AVAILABLE', fee: 580 })),
		});

		const withSender = await preview({
			amount: '1000',
			currency: 'TZS',
			orderReference: reference(),
			phoneNumber: '255742345678',
			fetchSenderDetails: true,
		});
		expect(withSender.status).toBe(200);
		expect(withSender.body.activeMethods).toContainEqual({ name: 'M-PESA', status: 'AVAILABLE', fee: 29 });
		expect(withSender.body.activeMethods).toContainEqual({ name: 'TIGO-PESA', status: 'UNAVAILABLE', message: expect.any(String) });
		expect(withSender.body.sender).toEqual({
			accountName: expect.any(String),
			accountNumber: '255742345678',
			accountProvider: 'M-PESA',
		});
		const withoutFlag = await preview({ amount: '1000', currency: 'TZS', orderReference: reference(), phoneNumber: '255742345678' });
		expect(withoutFlag.body.sender).toBeUndefined();
	});

	test('malformed JSON answers a NestJS 400, an oversized body 413', async () => {
		const response = await fetch(`${simulator.clickpesaBaseUrl}/payments/initiate-ussd-push-request`, {
			method: 'POST',
			headers: { authorization: token, 'content-type': 'application/json' },
			body: '{"amount":',
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });

		const big = await api.post('/payments/initiate-ussd-push-request', { padding: 'x'.repeat(1024 * 1024) }, token);
		expect(big).toMatchObject({ status: 413, body: { statusCode: 413, error: 'Payload Too Large' } });
	});

	describe('with a checksum key', () => {
		beforeAll(async () => {
			simulator.configure({ clickpesa: { checksumKey: 'secret-key' } });
			token = await api.token(); // enabling the checksum invalidated the old token
		});
		afterAll(async () => {
			simulator.configure({ clickpesa: { checksumKey: null } });
			token = await api.token();
		});

		test('a missing checksum is refused', async () => {
			const response = await initiate({ ...VECTOR_3_BODY, orderReference: reference() });
			expect(response).toMatchObject({ status: 400, body: { message: 'Checksum is required' } });
		});

		test('a wrong checksum is refused, the docs/clickpesa-api.md §6.4 vector is accepted', async () => {
			expect(await preview({ ...VECTOR_3_BODY, checksum: VECTOR_3_CHECKSUM.replace(/^9/, '8') })).toMatchObject({
				status: 400,
				body: { message: 'Invalid checksum' },
			});
			// The checksum covers the body, so the vector's reference is used as is.
			const accepted = await initiate({ ...VECTOR_3_BODY, checksum: VECTOR_3_CHECKSUM, checksumMethod: 'canonical' });
			expect(accepted.status).toBe(200);
			expect(accepted.body.orderReference).toBe('ORDER123');
		});

		test('a checksum over other content is refused', async () => {
			const response = await initiate({ ...VECTOR_3_BODY, amount: '1001', checksum: VECTOR_3_CHECKSUM });
			expect(response).toMatchObject({ status: 400, body: { message: 'Invalid checksum' } });
		});
	});
});
