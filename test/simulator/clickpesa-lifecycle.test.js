'use strict';

const crypto = require('node:crypto');
const { startSimulator } = require('../../simulator');
const { clickpesa, control, eventually, startWebhookReceiver } = require('./helpers');

/** The docs/clickpesa-api.md §6.2 reference, used here only on test data without "__proto__" keys. */
const canon = (o) =>
	o === null || typeof o !== 'object'
		? o
		: Array.isArray(o)
			? o.map(canon)
			: Object.keys(o)
					.sort()
					.reduce((a, k) => ((a[k] = canon(o[k])), a), {});
const referenceChecksum = (key, body) => {
	const { checksum, checksumMethod, ...rest } = body;
	return crypto.createHmac('sha256', key).update(JSON.stringify(canon(rest))).digest('hex');
};

describe('ClickPesa simulator: the simulated customer, webhooks, queries and balance', () => {
	let simulator;
	let receiver;
	let api;
	let token;
	let counter = 0;
	const reference = () => `LIFE${Date.now()}${++counter}`;

	beforeAll(async () => {
		receiver = await startWebhookReceiver();
		simulator = await startSimulator({
			port: 0,
			clickpesa: { rateLimitPerMinute: 0, customerDelayMs: 50, webhookUrl: receiver.url, checksumKey: 'secret-key' },
		});
		api = clickpesa(simulator);
		token = await api.token();
	});
	afterAll(async () => {
		await simulator.stop();
		await receiver.close();
	});
	beforeEach(() => {
		receiver.received.length = 0;
		simulator.reset();
	});

	const initiate = async (phoneNumber, amount = '2500') => {
		const body = { amount, currency: 'TZS', orderReference: reference(), phoneNumber };
		const response = await api.post(
			'/payments/initiate-ussd-push-request',
			{ ...body, checksum: referenceChecksum('secret-key', body) },
			token,
		);
		expect(response.status).toBe(200);
		return response.body;
	};

	test('balance is 404 until a payment succeeds, then the sum of successful payments net of the 2.9 % collection fee', async () => {
		expect(await api.get('/account/balance', token)).toMatchObject({
			status: 404,
			body: {
				message:
					'No balance account is linked to this merchant yet. Balance becomes available after the first successful payment or deposit.',
			},
		});
		await initiate('255712345678', '2500');
		await initiate('255742345678', '1500');
		await initiate('255712349999', '9000'); // fails: not in the balance
		await receiver.waitFor(3);
		expect(await api.get('/account/balance', token)).toEqual(
			// 2500 - 72.50 + 1500 - 43.50 (collectionFee: 2.9 %, rounded up to the cent)
			expect.objectContaining({ status: 200, body: [{ currency: 'TZS', balance: 3884 }] }),
		);
	});

	test('a PROCESSING payment succeeds after customerDelayMs and a signed PAYMENT RECEIVED arrives', async () => {
		// The customer answers after 1 s here (50 ms elsewhere): the query below must come before the
		// answer, and on a loaded machine a query can take longer than 50 ms.
		simulator.configure({ clickpesa: { customerDelayMs: 1000 } });
		const payment = await initiate('255712345678').finally(() => simulator.configure({ clickpesa: { customerDelayMs: 50 } }));
		const before = await api.get(`/payments/${payment.orderReference}`, token);
		expect(before.body[0].status).toBe('PROCESSING');

		const [delivery] = await receiver.waitFor(1);
		expect(delivery.headers['content-type']).toBe('application/json');
		const { checksum, checksumMethod, ...event } = delivery.body;
		expect(checksumMethod).toBe('canonical');
		expect(checksum).toBe(referenceChecksum('secret-key', delivery.body));
		expect(event).toEqual({
			event: 'PAYMENT RECEIVED',
			data: {
				id: payment.id,
				status: 'SUCCESS',
				paymentReference: expect.stringMatching(/^[0-9a-f]{18}$/),
				orderReference: payment.orderReference,
				collectedAmount: '2500',
				collectedCurrency: 'TZS',
				message: 'success',
				channel: 'TIGO-PESA',
				updatedAt: expect.any(String),
				createdAt: payment.createdAt,
				customer: { customerName: expect.any(String), customerPhoneNumber: '255712345678', customerEmail: null },
			},
		});

		const after = await api.get(`/payments/${payment.orderReference}`, token);
		expect(after.status).toBe(200);
		expect(after.body).toEqual([
			{
				id: payment.id,
				status: 'SUCCESS',
				paymentReference: event.data.paymentReference,
				paymentPhoneNumber: '255712345678',
				orderReference: payment.orderReference,
				collectedAmount: 2500,
				collectedCurrency: 'TZS',
				channel: 'TIGO-PESA',
				message: 'success',
				updatedAt: event.data.updatedAt,
				createdAt: payment.createdAt,
				customer: event.data.customer,
				clientId: 'SIMCLIENTID',
			},
		]);

		const deliveries = (await control(simulator).get('/webhooks')).body;
		expect(deliveries).toEqual([
			expect.objectContaining({ url: receiver.url, event: 'PAYMENT RECEIVED', status: 200, error: null, body: delivery.body }),
		]);
	});

	test.each([
		['255712349999', 'Insufficient balance'],
		['255712348888', 'User cancelled'],
	])('a number ending like %s fails with "%s" and a PAYMENT FAILED webhook', async (phoneNumber, message) => {
		const payment = await initiate(phoneNumber);
		const [delivery] = await receiver.waitFor(1);
		expect(delivery.body).toMatchObject({
			event: 'PAYMENT FAILED',
			data: { id: payment.id, status: 'FAILED', orderReference: payment.orderReference, message, clientId: 'SIMCLIENTID' },
			checksumMethod: 'canonical',
		});
		const after = await api.get(`/payments/${payment.orderReference}`, token);
		expect(after.body[0]).toMatchObject({ status: 'FAILED', message, paymentReference: null });
	});

	test('the control call completes a payment at once; a second call is a conflict', async () => {
		simulator.configure({ clickpesa: { customerDelayMs: null } });
		try {
			const payment = await initiate('255682345678');
			const completed = await control(simulator).post(`/clickpesa/payments/${payment.orderReference}/complete`, {
				outcome: 'FAILED',
				message: 'Wrong PIN',
			});
			expect(completed.status).toBe(200);
			expect(completed.body.payment).toMatchObject({ status: 'FAILED', message: 'Wrong PIN', channel: 'AIRTEL-MONEY' });
			expect(completed.body.webhook).toMatchObject({ event: 'PAYMENT FAILED', status: 200 });
			expect(receiver.received).toHaveLength(1);

			const again = await control(simulator).post(`/clickpesa/payments/${payment.orderReference}/complete`, {});
			expect(again.status).toBe(409);
			const unknown = await control(simulator).post('/clickpesa/payments/NOPE/complete', { outcome: 'SUCCESS' });
			expect(unknown.status).toBe(404);
		} finally {
			simulator.configure({ clickpesa: { customerDelayMs: 50 } });
		}
	});

	test('a webhook receiver that is down is recorded as a failed delivery', async () => {
		simulator.configure({ clickpesa: { webhookUrl: 'http://127.0.0.1:9/unreachable', customerDelayMs: null } });
		try {
			const payment = await initiate('255712345678');
			const { webhook } = await simulator.completePayment(payment.orderReference, 'SUCCESS');
			expect(webhook).toMatchObject({ status: null, error: expect.any(String), event: 'PAYMENT RECEIVED' });
			expect(simulator.webhookDeliveries()).toHaveLength(1);
		} finally {
			simulator.configure({ clickpesa: { webhookUrl: receiver.url, customerDelayMs: 50 } });
		}
	});

	test('querying an unknown reference answers 404', async () => {
		expect(await api.get('/payments/UNKNOWN123', token)).toMatchObject({
			status: 404,
			body: { message: 'Invalid or missing payment: UNKNOWN123' },
		});
	});

	test('without a webhook URL nothing is sent, the payment still completes', async () => {
		simulator.configure({ clickpesa: { webhookUrl: null } });
		try {
			const payment = await initiate('255712345678');
			await eventually(async () => (await api.get(`/payments/${payment.orderReference}`, token)).body[0].status === 'SUCCESS');
			expect(simulator.webhookDeliveries()).toEqual([]);
		} finally {
			simulator.configure({ clickpesa: { webhookUrl: receiver.url } });
		}
	});
});
