'use strict';

const crypto = require('node:crypto');
const { startSimulator } = require('../../simulator');
const { call, clickpesa, control, startWebhookReceiver } = require('./helpers');

/** docs/clickpesa-api.md §6.2 reference, for test data without "__proto__" keys. */
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

describe('ClickPesa simulator: BillPay control numbers', () => {
	let simulator;
	let receiver;
	let api;
	let ctl;
	let token;
	let counter = 0;
	const ref = (prefix = 'BP') => `${prefix}${(Date.now() % 1e6).toString(36).toUpperCase()}${++counter}`;
	const post = (path, json) => api.post(path, json, token);
	const get = (path) => api.get(path, token);
	const patch = (number, json) =>
		call(`${simulator.clickpesaBaseUrl}/billpay/${number}`, { method: 'PATCH', json, headers: { authorization: token } });
	const pay = (number, amount, phoneNumber = '255754000111') => ctl.post(`/clickpesa/billpay/${number}/pay`, { amount, phoneNumber });

	beforeAll(async () => {
		receiver = await startWebhookReceiver();
		simulator = await startSimulator({
			port: 0,
			clickpesa: { rateLimitPerMinute: 0, customerDelayMs: null, webhookUrl: receiver.url, checksumKey: 'secret-key' },
		});
		api = clickpesa(simulator);
		ctl = control(simulator);
		token = await api.token();
	});
	afterAll(async () => {
		await simulator.stop();
		await receiver.close();
	});

	test('create order: empty body → a generated 14-digit number; a reference is the number; reuse → 409', async () => {
		const generated = await post('/billpay/create-order-control-number', {});
		expect(generated.status).toBe(200);
		expect(generated.body).toEqual({ billPayNumber: expect.stringMatching(/^[1-9]\d{13}$/) });

		const reference = ref();
		const made = await post('/billpay/create-order-control-number', {
			billReference: reference,
			billAmount: 90900,
			billDescription: 'Water Bill - July 2024',
			billPaymentMode: 'EXACT',
		});
		expect(made.body).toEqual({ billPayNumber: reference, billDescription: 'Water Bill - July 2024', billAmount: 90900, billPaymentMode: 'EXACT' });
		const again = await post('/billpay/create-order-control-number', { billReference: reference });
		expect(again).toMatchObject({ status: 409, body: { message: 'Bill reference already used: Use a different reference' } });
	});

	test('field checks answer 400 in the NestJS shape, all at once; checksum fields are tolerated, not required', async () => {
		const bad = await post('/billpay/create-order-control-number', {
			billReference: 'BAD-REF',
			billAmount: '1000',
			billPaymentMode: 'SOMETIMES',
			customerName: 'Not for order numbers',
		});
		expect(bad.status).toBe(400);
		expect(bad.body.message).toEqual(
			expect.arrayContaining([
				'property customerName should not exist',
				'billReference must contain only letters and numbers',
				'billAmount must be a number conforming to the specified constraints',
				'billPaymentMode must be one of the following values: ALLOW_PARTIAL_AND_OVER_PAYMENT, EXACT',
			]),
		);
		const cap = await post('/billpay/create-order-control-number', { billAmount: 500, billMaxCollectionAmount: 400 });
		expect(cap.body.message).toEqual(['billMaxCollectionAmount must be greater than or equal to billAmount']);
		const long = await post('/billpay/create-order-control-number', { billReference: 'A'.repeat(21) });
		expect(long.body.message).toEqual(['billReference must be shorter than or equal to 20 characters']);
		const signed = await post('/billpay/create-order-control-number', { billAmount: 10, checksum: 'whatever' });
		expect(signed.status).toBe(200);
	});

	test('create customer: name plus email or phone; the customer name comes back', async () => {
		const missing = await post('/billpay/create-customer-control-number', { customerName: 'Asha' });
		expect(missing.body.message).toEqual(['customerEmail or customerPhone is required']);
		const badPhone = await post('/billpay/create-customer-control-number', { customerName: 'Asha', customerPhone: '0712345678' });
		expect(badPhone.status).toBe(400);
		const made = await post('/billpay/create-customer-control-number', { customerName: 'John Doe', customerEmail: 'john@example.com', billAmount: 5000 });
		expect(made.body).toMatchObject({ billCustomerName: 'John Doe', billAmount: 5000, billPaymentMode: 'ALLOW_PARTIAL_AND_OVER_PAYMENT' });
	});

	test('bulk: 1–50 items; per-item errors with 0-based index (also a reference repeated in the request); 200 with created/failed', async () => {
		const taken = ref('TK');
		await post('/billpay/create-order-control-number', { billReference: taken });
		const fresh = ref('NEW');
		const answer = await post('/billpay/bulk-create-order-control-numbers', {
			controlNumbers: [{ billAmount: 25000, billDescription: 'Order 1' }, { billReference: taken }, { billReference: fresh }, { billReference: fresh }],
		});
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			billPayNumbers: [expect.stringMatching(/^\d{14}$/), fresh],
			created: 2,
			failed: 2,
			errors: [
				{ index: 1, reason: 'Bill reference already used: Use a different reference' },
				{ index: 3, reason: 'Bill reference already used: Use a different reference' },
			],
		});
		const clean = await post('/billpay/bulk-create-order-control-numbers', { controlNumbers: [{}] });
		expect(clean.body).toEqual({ billPayNumbers: [expect.any(String)], created: 1, failed: 0 });

		const tooMany = await post('/billpay/bulk-create-order-control-numbers', { controlNumbers: Array.from({ length: 51 }, () => ({})) });
		expect(tooMany).toMatchObject({ status: 400, body: { message: ['controlNumbers must contain no more than 50 elements'] } });
		const none = await post('/billpay/bulk-create-order-control-numbers', { controlNumbers: [] });
		expect(none.status).toBe(400);
		const orderWithCustomer = await post('/billpay/bulk-create-order-control-numbers', { controlNumbers: [{}, { customerName: 'X' }] });
		expect(orderWithCustomer.body.message).toEqual(['property controlNumbers.1.customerName should not exist']);
		const customerWithout = await post('/billpay/bulk-create-customer-control-numbers', { controlNumbers: [{ customerName: 'A', customerPhone: '255712345678' }, { customerName: 'B' }] });
		expect(customerWithout.body.message).toEqual(['controlNumbers.1.customerEmail or customerPhone is required']);
	});

	test('get and PATCH: only given fields change; no field → 400; unknown → 404; deprecated PUT update-status', async () => {
		const number = ref('UP');
		await post('/billpay/create-customer-control-number', { billReference: number, customerName: 'Asha', customerPhone: '255712345678', billAmount: 1000, billDescription: 'A' });
		const changed = await patch(number, { billDescription: 'B' });
		expect(changed.body).toEqual({ billPayNumber: number, billStatus: 'ACTIVE', billAmount: 1000, billDescription: 'B', billPaymentMode: 'ALLOW_PARTIAL_AND_OVER_PAYMENT' });
		expect((await patch(number, {})).status).toBe(400);
		expect((await patch(number, { billAmount: 0 })).body.message).toEqual(['billAmount must not be less than 0.01']);
		expect((await patch(number, { billMaxCollectionAmount: 500 })).body.message).toBe('billMaxCollectionAmount must be greater than or equal to billAmount');
		expect(await patch('NOPE1', { billStatus: 'INACTIVE' })).toMatchObject({ status: 404, body: { message: 'BillPay Number does not exist' } });
		expect(await get(`/billpay/${number}`)).toMatchObject({ status: 200, body: { billPayNumber: number, billCustomerName: 'Asha', billDescription: 'B', billStatus: 'ACTIVE' } });
		expect((await get('/billpay/NOPE1')).status).toBe(404);

		const put = await call(`${simulator.clickpesaBaseUrl}/billpay/update-status`, { method: 'PUT', json: { billPayNumber: number, status: 'INACTIVE' }, headers: { authorization: token } });
		expect(put.body).toEqual({ billPayNumber: number, status: 'INACTIVE' });
		const putMissing = await call(`${simulator.clickpesaBaseUrl}/billpay/update-status`, { method: 'PUT', json: { status: 'INACTIVE' }, headers: { authorization: token } });
		expect(putMissing).toMatchObject({ status: 400, body: { message: 'billPayNumber is required' } });
		expect((await get(`/billpay/${number}`)).body.billStatus).toBe('INACTIVE');
	});

	test('routes need a token', async () => {
		expect((await api.post('/billpay/create-order-control-number', {})).status).toBe(401);
		expect((await api.get('/billpay/X1')).status).toBe(401);
	});

	describe('payments into control numbers', () => {
		test('an order number closes after its first (partial) payment; the payment is queryable and fires a signed webhook', async () => {
			const number = ref('ORD');
			await post('/billpay/create-order-control-number', { billReference: number, billAmount: 10000 });
			const before = receiver.received.length;
			const paid = await pay(number, 4000);
			expect(paid.status).toBe(200);
			expect(paid.body.payment).toMatchObject({ orderReference: number, status: 'SUCCESS', collectedAmount: 4000, channel: 'M-PESA', paymentPhoneNumber: '255754000111' });
			expect(paid.body.billPay.billStatus).toBe('INACTIVE');

			const [event] = (await receiver.waitFor(before + 1)).slice(before);
			expect(event.body).toMatchObject({ event: 'PAYMENT RECEIVED', checksumMethod: 'canonical', data: { orderReference: number, collectedAmount: '4000' } });
			expect(event.body.checksum).toBe(referenceChecksum('secret-key', event.body));

			const again = await pay(number, 6000);
			expect(again).toMatchObject({ status: 400, body: { error: `BillPay number ${number} is INACTIVE and cannot receive payments` } });
			const query = await get(`/payments/${number}`);
			expect(query.body).toHaveLength(1);
			const list = await get(`/payments/all?orderReference=${number}`);
			expect(list.body.totalCount).toBe(1);
		});

		test('a customer number takes repeated payments, each listed under the control number', async () => {
			const number = ref('CUS');
			await post('/billpay/create-customer-control-number', { billReference: number, customerName: 'Neema Mushi', customerEmail: 'neema@example.com' });
			await pay(number, 1000);
			await pay(number, 2500.5, '255687000111');
			const query = await get(`/payments/${number}`);
			expect(query.body.map((payment) => payment.collectedAmount)).toEqual([1000, 2500.5]);
			expect(query.body[1]).toMatchObject({ channel: 'AIRTEL-MONEY', customer: { customerName: 'Neema Mushi', customerEmail: 'neema@example.com' } });
			expect(new Set(query.body.map((payment) => payment.id)).size).toBe(2);
			expect((await get(`/billpay/${number}`)).body.billStatus).toBe('ACTIVE');
		});

		test('max collection amount: a payment above what remains is refused; reaching it closes the number', async () => {
			const number = ref('CAP');
			await post('/billpay/create-customer-control-number', { billReference: number, customerName: 'A', customerPhone: '255712345678', billAmount: 3000, billMaxCollectionAmount: 5000 });
			await pay(number, 3000);
			expect((await get(`/billpay/${number}`)).body).toMatchObject({ billMaxCollectionAmount: 5000, billRemainingCollectionAmount: 2000, billStatus: 'ACTIVE' });
			const over = await pay(number, 2500);
			expect(over).toMatchObject({ status: 400, body: { error: 'A payment of 2500 TZS exceeds the remaining collection amount of 2000 TZS' } });
			await pay(number, 2000);
			expect((await get(`/billpay/${number}`)).body).toMatchObject({ billRemainingCollectionAmount: 0, billStatus: 'INACTIVE' });
			expect((await get(`/payments/${number}`)).body).toHaveLength(2);
		});

		test('EXACT mode refuses other amounts; INACTIVE numbers refuse payment; bad input and unknown numbers are refused', async () => {
			const number = ref('EX');
			await post('/billpay/create-customer-control-number', { billReference: number, customerName: 'A', customerPhone: '255712345678', billAmount: 1500, billPaymentMode: 'EXACT' });
			expect((await pay(number, 1000)).body.error).toBe(`BillPay number ${number} only accepts exactly 1500 TZS`);
			expect((await pay(number, 1500)).status).toBe(200);
			await patch(number, { billStatus: 'INACTIVE' });
			expect((await pay(number, 1500)).status).toBe(400);
			await patch(number, { billStatus: 'ACTIVE' });
			expect((await pay(number, 1500)).status).toBe(200);
			expect((await pay(number, -1)).status).toBe(400);
			expect((await pay(number, 10, '12345')).status).toBe(400);
			expect((await pay('UNKNOWN1', 10)).status).toBe(404);
			expect((await get(`/payments/${number}`)).body).toHaveLength(2);
		});
	});

	test('reset with state drops control numbers', async () => {
		const number = ref('RS');
		await post('/billpay/create-order-control-number', { billReference: number });
		simulator.reset({ state: true });
		token = await api.token();
		expect((await get(`/billpay/${number}`)).status).toBe(404);
	});
});
