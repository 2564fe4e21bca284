'use strict';

const { startSimulator } = require('../../simulator');
const { call, control, startWebhookReceiver } = require('./helpers');

const basic = (username, password) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const ECOMM = {
	amount: 25,
	type: 'ECOMM',
	deliveryMode: 'NONE',
	payer: { name: 'Jane Doe', email: 'jane@example.com', mobileNumber: '4165551234', preferredLanguage: 'en' },
	invoiceNumber: 'INV-1',
};

describe('Clik2pay simulator: payment requests, refunds, payments and the payer', () => {
	let simulator;
	let receiver;
	let headers;
	let api;
	let counter = 0;
	const uniqueId = () => `SIMTX-${Date.now()}-${++counter}`;

	beforeAll(async () => {
		receiver = await startWebhookReceiver();
		simulator = await startSimulator({
			port: 0,
			clik2pay: { webhookUrl: receiver.url, webhookUsername: 'hook-user', webhookPassword: 'hook-pass' },
		});
		const token = await call(`${simulator.clik2payAuthUrl}/oauth2/token`, {
			method: 'POST',
			headers: { authorization: basic('sim-user', 'sim-pass') },
			form: { grant_type: 'client_credentials', scope: 'payment_request/all' },
		});
		headers = { authorization: `Bearer ${token.body.access_token}`, 'x-api-key': 'sim-c2p-api-key' };
		api = {
			post: (path, json) => call(simulator.clik2payBaseUrl + path, { method: 'POST', headers, json }),
			get: (path) => call(simulator.clik2payBaseUrl + path, { headers }),
		};
	});
	afterAll(async () => {
		await simulator.stop();
		await receiver.close();
	});

	const create = async (overrides = {}) => {
		const response = await api.post('/payment-requests', { ...ECOMM, ...overrides });
		expect(response.status).toBe(201);
		return response.body;
	};
	const payer = (id, action, json) => control(simulator).post(`/clik2pay/payment-requests/${id}/${action}`, json);

	test('create answers 201 with the object: id, CREATED, links, short code and an echo of the fields', async () => {
		const merchantTransactionId = uniqueId();
		const created = await create({ merchantTransactionId, dueDate: '2030-01-31', displayMessage: 'Order 1' });
		expect(created).toMatchObject({
			...ECOMM,
			merchantTransactionId,
			status: 'CREATED',
			dueDate: '2030-01-31',
			displayMessage: 'Order 1',
			merchant: { id: expect.any(String), name: expect.any(String) },
			shortCode: expect.stringMatching(/^[A-Z0-9]{6}$/),
		});
		expect(created.id).toMatch(UUID);
		expect(created.paymentLink).toContain(created.id);
		expect(created.shortLink).toBe(`https://pay.clik2pay.com/r/${created.shortCode}`);
		expect(Date.parse(created.createdAt)).not.toBeNaN();
		expect(await api.get(`/payment-requests/${created.id}`)).toMatchObject({ status: 200, body: created });
	});

	test('without a merchant transaction id it is null; a future delivery date schedules the request', async () => {
		expect((await create()).merchantTransactionId).toBeNull();
		expect((await create({ deliveryDate: '2099-12-31' })).status).toBe('SCHEDULED');
		const today = new Date().toISOString().slice(0, 10);
		expect((await create({ deliveryDate: today })).status).toBe('CREATED');
	});

	test('FLEX takes a null amount and an amount range', async () => {
		const flex = await create({ type: 'FLEX', amount: null, flexDetails: { minimum: 10, maximum: 100, requested: 50 } });
		expect(flex).toMatchObject({ type: 'FLEX', amount: null, flexDetails: { minimum: 10, maximum: 100, requested: 50 } });
		const refused = await api.post('/payment-requests', { ...ECOMM, type: 'FLEX', amount: 20, flexDetails: { maximum: 30 } });
		expect(refused).toMatchObject({ status: 400, body: { detail: 'amount must be null when type is FLEX' } });
		const noRange = await api.post('/payment-requests', { ...ECOMM, type: 'FLEX', amount: null });
		expect(noRange).toMatchObject({ status: 400, body: { detail: 'flexDetails is required when type is FLEX' } });
	});

	test.each([
		[{ amount: 0 }, 'amount must be a number from 0.01 to 10000 with at most 2 decimals'],
		[{ amount: 10000.01 }, 'amount must be a number from 0.01 to 10000 with at most 2 decimals'],
		[{ amount: '25' }, 'amount must be a number from 0.01 to 10000 with at most 2 decimals'],
		[{ type: 'SMART' }, 'type SMART cannot be created through the API'],
		[{ type: 'OTHER' }, 'type must be one of ECOMM, EBILL, FLEX'],
		[{ payer: undefined }, 'payer is required'],
		[{ payer: { email: 'a@b.co' } }, 'payer.name is required'],
		[{ payer: { name: 'A' } }, 'payer.email or payer.mobileNumber is required'],
		[{ payer: { name: 'A', mobileNumber: '+14165551234' } }, 'payer.mobileNumber must be a 10-digit North American number without +1, spaces or dashes'],
		[{ payer: { name: 'A', email: 'nope' } }, 'payer.email must be a valid email address'],
		[{ payer: { name: 'A', email: 'a@b.co', preferredLanguage: 'de' } }, 'payer.preferredLanguage must be "en" or "fr"'],
		[{ deliveryMode: 'SMS', payer: { name: 'A', email: 'a@b.co' } }, 'payer.mobileNumber is required when deliveryMode is SMS'],
		[{ deliveryMode: 'EMAIL', payer: { name: 'A', mobileNumber: '4165551234' } }, 'payer.email is required when deliveryMode is EMAIL'],
		[{ deliveryMode: 'POST' }, 'deliveryMode must be one of SMS, EMAIL, NONE'],
		[{ dueDate: '31/01/2030' }, 'dueDate must be a date (YYYY-MM-DD)'],
		[{ merchantTransactionId: 'abc' }, 'merchantTransactionId must be a string of 6 to 32 characters'],
		[{ displayMessage: 'hi' }, 'displayMessage must be a string of 3 to 250 characters'],
		[{ invoiceNumber: 'x'.repeat(51) }, 'invoiceNumber must be a string of 1 to 50 characters'],
	])('create refuses %j with 400 detail', async (overrides, detail) => {
		const response = await api.post('/payment-requests', { ...ECOMM, ...overrides });
		expect(response).toMatchObject({ status: 400, body: { detail } });
	});

	test('a reused merchant transaction id is refused with 400, across payment requests and payments', async () => {
		const merchantTransactionId = uniqueId();
		await create({ merchantTransactionId });
		const again = await api.post('/payment-requests', { ...ECOMM, merchantTransactionId });
		expect(again).toMatchObject({ status: 400, body: { detail: 'merchantTransactionId already exists' } });
		const payment = await api.post('/payments', {
			amount: 5,
			recipient: { email: 'a@b.co', mobileNumber: '4165551234' },
			merchantTransactionId,
		});
		expect(payment).toMatchObject({ status: 400, body: { detail: 'merchantTransactionId already exists' } });
	});

	test('cancel: unpaid requests become CANCELLED with an event; paid ones are refused; unknown is 404', async () => {
		const created = await create();
		const cancelled = await api.post(`/payment-requests/${created.id}/cancellation`);
		expect(cancelled).toMatchObject({ status: 200, body: { id: created.id, status: 'CANCELLED', event: { status: 'CANCELLED' } } });
		expect((await api.get(`/payment-requests/${created.id}`)).body.status).toBe('CANCELLED');
		expect(await api.post(`/payment-requests/${created.id}/cancellation`)).toMatchObject({
			status: 400,
			body: { detail: `Payment request ${created.id} is CANCELLED and cannot be cancelled` },
		});

		const paid = await create();
		await payer(paid.id, 'pay');
		expect(await api.post(`/payment-requests/${paid.id}/cancellation`)).toMatchObject({
			status: 400,
			body: { detail: `Payment request ${paid.id} is PAID and cannot be cancelled` },
		});
		expect((await api.post('/payment-requests/00000000-0000-0000-0000-000000000000/cancellation')).status).toBe(404);
	});

	test('the payer follows the link and pays: status changes and array webhooks with Basic auth go out', async () => {
		receiver.received.length = 0;
		const created = await create();
		const followed = await payer(created.id, 'follow-link');
		expect(followed).toMatchObject({ status: 200, body: { paymentRequest: { status: 'ACTIVE' }, webhook: { status: 200 } } });
		await payer(created.id, 'pay');
		const [first, second] = await receiver.waitFor(2);
		expect(first.headers.authorization).toBe(basic('hook-user', 'hook-pass'));
		expect(first.body).toEqual([
			{
				message: expect.any(String),
				eventType: 'PAYMENT-LINK-FOLLOWED',
				resourceType: 'payment-request',
				resource: expect.objectContaining({ id: created.id, status: 'ACTIVE' }),
			},
		]);
		expect(second.body).toEqual([expect.objectContaining({ eventType: 'PAYMENT-COMPLETED', resource: expect.objectContaining({ status: 'PAID' }) })]);
		expect((await api.get(`/payment-requests/${created.id}`)).body.status).toBe('PAID');

		const settled = await payer(created.id, 'settle');
		expect(settled.body).toMatchObject({ paymentRequest: { status: 'SETTLED' }, webhook: null });
		const refunded = await payer(created.id, 'mark-refunded');
		expect(refunded.body).toMatchObject({ paymentRequest: { status: 'REFUNDED' }, webhook: null });
		expect((await payer(created.id, 'mark-refunded')).status).toBe(409);
		expect(receiver.received).toHaveLength(2);
	});

	test('a failed payment sends PAYMENT-FAILED; impossible transitions are 409, unknown ids 404, unknown actions 400', async () => {
		receiver.received.length = 0;
		const created = await create();
		expect((await payer(created.id, 'fail')).body.paymentRequest.status).toBe('FAILED');
		const [event] = await receiver.waitFor(1);
		expect(event.body[0].eventType).toBe('PAYMENT-FAILED');
		expect((await payer(created.id, 'pay')).status).toBe(409);
		expect((await payer(created.id, 'settle')).status).toBe(409);
		expect((await payer('00000000-0000-0000-0000-000000000000', 'pay')).status).toBe(404);
		expect((await payer(created.id, 'explode')).status).toBe(400);
	});

	test('refunds: refused until PAID, then partial refunds up to the paid amount; get by id', async () => {
		const created = await create({ amount: 30 });
		const body = { amount: 10, recipient: { email: 'jane@example.com', mobileNumber: '4165551234' } };
		expect(await api.post(`/payment-requests/${created.id}/refunds`, body)).toMatchObject({
			status: 400,
			body: { detail: 'Only PAID or SETTLED payment requests can be refunded' },
		});
		await payer(created.id, 'pay');
		const first = await api.post(`/payment-requests/${created.id}/refunds`, body);
		expect(first).toMatchObject({ status: 201, body: { amount: 10, status: 'CREATED', paymentRequestId: created.id } });
		expect(first.body.id).toMatch(UUID);
		expect(await api.get(`/payment-requests/${created.id}/refunds/${first.body.id}`)).toMatchObject({ status: 200, body: first.body });
		expect(await api.post(`/payment-requests/${created.id}/refunds`, { ...body, amount: 25 })).toMatchObject({
			status: 400,
			body: { detail: 'amount exceeds the refundable balance of 20.00' },
		});
		await payer(created.id, 'settle');
		expect((await api.post(`/payment-requests/${created.id}/refunds`, { ...body, amount: 20 })).status).toBe(201);
		expect(await api.post(`/payment-requests/${created.id}/refunds`, { ...body, recipient: { email: 'jane@example.com' } })).toMatchObject({
			status: 400,
			body: { detail: 'recipient.email and recipient.mobileNumber are both required' },
		});
		expect((await api.get(`/payment-requests/${created.id}/refunds/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
	});

	test('a paid FLEX request can be refunded up to what the payer chose', async () => {
		const flex = await create({ type: 'FLEX', amount: null, flexDetails: { minimum: 5, maximum: 50 } });
		expect((await payer(flex.id, 'pay', { amount: 100 })).status).toBe(400);
		await payer(flex.id, 'pay', { amount: 12.5 });
		const recipient = { email: 'jane@example.com', mobileNumber: '4165551234' };
		expect((await api.post(`/payment-requests/${flex.id}/refunds`, { amount: 12.51, recipient })).status).toBe(400);
		expect((await api.post(`/payment-requests/${flex.id}/refunds`, { amount: 12.5, recipient })).status).toBe(201);
	});

	test('send money answers 201 {paymentId}; both recipient email and mobile are required', async () => {
		const sent = await api.post('/payments', {
			amount: 15.75,
			recipient: { email: 'pat@example.com', mobileNumber: '2505550199' },
			merchantTransactionId: uniqueId(),
			expiryDays: 30,
		});
		expect(sent.status).toBe(201);
		expect(sent.body).toEqual({ paymentId: expect.stringMatching(UUID) });
		const missing = await api.post('/payments', { amount: 1, recipient: { mobileNumber: '2505550199' } });
		expect(missing).toMatchObject({ status: 400, body: { detail: 'recipient.email and recipient.mobileNumber are both required' } });
		const expiry = await api.post('/payments', { amount: 1, recipient: { email: 'a@b.co', mobileNumber: '2505550199' }, expiryDays: 366 });
		expect(expiry).toMatchObject({ status: 400, body: { detail: 'expiryDays must be an integer from 1 to 365' } });
	});

	test('every route checks the API key and token; route keys are counted', async () => {
		simulator.reset();
		expect((await call(`${simulator.clik2payBaseUrl}/payment-requests`, { method: 'POST', json: ECOMM })).status).toBe(403);
		const noToken = { 'x-api-key': 'sim-c2p-api-key' };
		expect((await call(`${simulator.clik2payBaseUrl}/payments`, { method: 'POST', json: {}, headers: noToken })).status).toBe(401);
		const created = await create();
		await api.post(`/payment-requests/${created.id}/refunds`, {});
		expect(Object.keys(simulator.stats().counts).sort()).toEqual([
			'clik2pay POST /payment-requests',
			'clik2pay POST /payment-requests/:id/refunds',
			'clik2pay POST /payments',
		]);
	});

	test('reset with state drops payment requests and reserved merchant transaction ids', async () => {
		const merchantTransactionId = uniqueId();
		const created = await create({ merchantTransactionId });
		simulator.reset({ state: true });
		const token = await call(`${simulator.clik2payAuthUrl}/oauth2/token`, {
			method: 'POST',
			headers: { authorization: basic('sim-user', 'sim-pass') },
			form: { grant_type: 'client_credentials', scope: 'payment_request/all' },
		});
		headers.authorization = `Bearer ${token.body.access_token}`;
		expect((await api.get(`/payment-requests/${created.id}`)).status).toBe(404);
		expect((await create({ merchantTransactionId })).merchantTransactionId).toBe(merchantTransactionId);
	});
});
