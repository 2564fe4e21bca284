// @ts-check
const {
	clik2payFixture,
	createParams,
	refundParams,
	sendMoneyParams,
	newTransactionId,
	ROUTES,
	SECRETS,
} = require('./clik2pay.helpers');
const { buildExecuteContext } = require('../support/runNode');
const { clik2payEndpoints, CLIK2PAY_ENVIRONMENTS } = require('../../dist/nodes/Clik2pay/transport/account');
const { Clik2payApi } = require('../../index.js');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('Clik2pay node against the simulator (n8n-core request helpers, real HTTP)', () => {
	/** @type {Awaited<ReturnType<typeof clik2payFixture>>} */
	let f;
	beforeEach(async () => {
		f = await clik2payFixture();
	});
	afterEach(async () => {
		await f.sim.stop();
	});

	/** Creates a payment request through the node and returns the object it output. */
	const createOne = async (overrides = {}) => (await f.run(createParams(overrides)))[0][0].json;

	test('Create ECOMM returns the object as Clik2pay answers it, with only the fields that were set', async () => {
		const [out] = await f.run(createParams());
		expect(out).toHaveLength(1);
		expect(out[0].pairedItem).toEqual({ item: 0 });
		const created = out[0].json;
		expect(created).toMatchObject({
			type: 'ECOMM',
			amount: 25,
			status: 'CREATED',
			deliveryMode: 'NONE',
			merchantTransactionId: null,
			payer: { name: 'Jane Doe', email: 'jane@example.com', mobileNumber: '4165551234' },
		});
		expect(created.id).toMatch(UUID);
		expect(created.paymentLink).toEqual(expect.any(String));
		expect(created.shortCode).toEqual(expect.any(String));
		for (const unset of ['dueDate', 'deliveryDate', 'invoiceNumber', 'businessUnit', 'displayMessage', 'flexDetails']) {
			expect(created).not.toHaveProperty(unset);
		}
		expect(created.payer).not.toHaveProperty('preferredLanguage');
		expect(f.count(ROUTES.create)).toBe(1);
	});

	test('Create EBILL by SMS and by email with every additional field; a future delivery date schedules it', async () => {
		const merchantTransactionId = newTransactionId('EB');
		const sms = await createOne({
			type: 'EBILL',
			amount: 10000,
			deliveryMode: 'SMS',
			payerEmail: '',
			additionalFields: {
				merchantTransactionId,
				deliveryDate: '2099-06-01T00:00:00',
				dueDate: '2099-06-30T00:00:00',
				invoiceNumber: 'INV-42',
				businessUnit: 'Online',
				displayMessage: 'Order 42',
				preferredLanguage: 'fr',
				merchantAccountId: 'CUST-7',
			},
		});
		expect(sms).toMatchObject({
			type: 'EBILL',
			amount: 10000,
			status: 'SCHEDULED',
			deliveryMode: 'SMS',
			merchantTransactionId,
			deliveryDate: '2099-06-01',
			dueDate: '2099-06-30',
			invoiceNumber: 'INV-42',
			businessUnit: 'Online',
			displayMessage: 'Order 42',
			payer: { name: 'Jane Doe', mobileNumber: '4165551234', preferredLanguage: 'fr', merchantAccountId: 'CUST-7' },
		});
		expect(sms.payer).not.toHaveProperty('email');
		const email = await createOne({ type: 'EBILL', deliveryMode: 'EMAIL', payerMobileNumber: '' });
		expect(email).toMatchObject({ deliveryMode: 'EMAIL', status: 'CREATED', payer: { email: 'jane@example.com' } });
		expect(email.payer).not.toHaveProperty('mobileNumber');
	});

	test('as an AI tool, a money-moving create needs a Merchant Transaction ID (an agent that retries cannot pay twice)', async () => {
		const before = f.count(ROUTES.create);
		await expect(f.run(createParams(), [{}], undefined, true)).rejects.toThrow(
			'Merchant Transaction ID is required when the Clik2pay node is used as an AI tool (item 0)',
		);
		expect(f.count(ROUTES.create)).toBe(before);
		// With an ID, a tool's first call previews only (money limits: the agent sends by calling again
		// with the confirmation, see test/integration/money-limits-tool.test.js).
		const [out] = await f.run(createParams({ additionalFields: { merchantTransactionId: newTransactionId('TOOL') } }), [{}], undefined, true);
		expect(out[0].json).toMatchObject({ status: 'PREVIEW_NOT_SENT', moneyMoved: false, confirmation: expect.stringMatching(/^CONFIRM-/) });
		expect(f.count(ROUTES.create)).toBe(before);
	});

	test('Create FLEX sends a null amount and the amount range', async () => {
		const flex = await createOne({ type: 'FLEX', amount: 999999, flexDetails: { minimum: 10, maximum: 500, requested: 250 } });
		expect(flex).toMatchObject({ type: 'FLEX', amount: null, flexDetails: { minimum: 10, maximum: 500, requested: 250 } });
	});

	test('Get returns the current object; Cancel answers with the CANCELLED event; a second cancel surfaces Clik2pay’s detail', async () => {
		const created = await createOne();
		const [got] = await f.run({ resource: 'paymentRequest', operation: 'get', paymentRequestId: created.id });
		expect(got[0].json).toEqual(created);
		expect(created).toMatchObject({ status: 'CREATED', paymentState: 'pending' });

		const [cancelled] = await f.run({ resource: 'paymentRequest', operation: 'cancel', paymentRequestId: created.id });
		expect(cancelled[0].json).toMatchObject({ id: created.id, status: 'CANCELLED', paymentState: 'cancelled', event: { status: 'CANCELLED' } });

		const error = await f.run({ resource: 'paymentRequest', operation: 'cancel', paymentRequestId: created.id }).catch((e) => e);
		expect(error.message).toBe(
			`Clik2pay POST /payment-requests/${created.id}/cancellation failed: HTTP 400: Payment request ${created.id} is CANCELLED and cannot be cancelled (item 0)`,
		);
		expect(error.httpCode).toBe('400');
		expect(f.count(ROUTES.cancel)).toBe(2);
	});

	test('Get of an unknown id is a 404 with Clik2pay’s detail (not retried)', async () => {
		const id = '00000000-0000-0000-0000-000000000000';
		const error = await f.run({ resource: 'paymentRequest', operation: 'get', paymentRequestId: id }).catch((e) => e);
		expect(error.message).toBe(`Clik2pay GET /payment-requests/${id} failed: HTTP 404: Payment request ${id} not found (item 0)`);
		expect(f.count(ROUTES.get)).toBe(1);
	});

	test('a refund is refused while the request is CREATED and accepted once it is paid; Get Refund reads it', async () => {
		const created = await createOne({ amount: 40 });
		const refused = await f.run(refundParams(created.id)).catch((e) => e);
		expect(refused.message).toBe(
			`Clik2pay POST /payment-requests/${created.id}/refunds failed: HTTP 400: Only PAID or SETTLED payment requests can be refunded: check the payment request's status with Payment Request → Get (item 0)`,
		);
		expect(refused.httpCode).toBe('400');

		await f.sim.clik2payPayerAction(created.id, 'pay');
		const [refund] = await f.run(refundParams(created.id, { amount: 15.5 }));
		expect(refund[0].json).toMatchObject({
			amount: 15.5,
			status: 'CREATED',
			paymentState: 'pending',
			paymentRequestId: created.id,
			recipient: { email: 'jane@example.com', mobileNumber: '4165551234' },
		});
		const [read] = await f.run({ resource: 'refund', operation: 'get', paymentRequestId: created.id, refundId: refund[0].json.id });
		expect(read[0].json).toEqual(refund[0].json);

		const tooMuch = await f.run(refundParams(created.id, { amount: 30 })).catch((e) => e);
		expect(tooMuch.message).toBe(
			`Clik2pay POST /payment-requests/${created.id}/refunds failed: HTTP 400: amount exceeds the refundable balance of 24.50. A refund needs a payment request with status PAID or SETTLED, an amount no larger than what is left to refund, and enough Clik2pay daily balance (item 0)`,
		);
		expect(f.count(ROUTES.refund)).toBe(3);
		expect(f.count(ROUTES.getRefund)).toBe(1);
	});

	test('Send Money returns the paymentId', async () => {
		const [out] = await f.run(
			sendMoneyParams({
				additionalFields: { merchantTransactionId: newTransactionId('SM'), expiryDays: 30, displayMessage: 'Refund of order 9' },
			}),
		);
		// Send Money answers only the id: sent, not yet accepted by the recipient.
		expect(out[0].json).toEqual({ paymentId: expect.stringMatching(UUID), paymentState: 'pending' });
		expect(f.count(ROUTES.sendMoney)).toBe(1);
	});

	test('a reused merchant transaction id is explained', async () => {
		const merchantTransactionId = newTransactionId('DUP');
		await createOne({ additionalFields: { merchantTransactionId } });
		const error = await f.run(createParams({ additionalFields: { merchantTransactionId } })).catch((e) => e);
		expect(error.message).toContain('HTTP 400: merchantTransactionId already exists');
		expect(error.message).toContain(`Merchant Transaction ID "${merchantTransactionId}" was already used`);
		expect(f.count(ROUTES.create)).toBe(2);
	});

	test('bad input in any operation is refused naming field and item, before any HTTP request', async () => {
		const cases = [
			[createParams({ payerMobileNumber: '12345' }), 'Payer Mobile Number "12345" is not a North American mobile number (item 0)'],
			[createParams({ amount: 0 }), 'Amount must be from 0.01 to 10000 CAD (got 0) (item 0)'],
			[createParams({ amount: 10000.5 }), 'Amount must be from 0.01 to 10000 CAD (got 10000.5) (item 0)'],
			[createParams({ payerName: ' ' }), 'Payer Name is required (item 0)'],
			[createParams({ payerEmail: '', payerMobileNumber: '' }), 'Give the Payer Email, the Payer Mobile Number or both (item 0)'],
			[createParams({ deliveryMode: 'SMS', payerMobileNumber: '' }), 'Payer Mobile Number is required when Delivery Mode is SMS (item 0)'],
			[createParams({ deliveryMode: 'EMAIL', payerEmail: '' }), 'Payer Email is required when Delivery Mode is Email (item 0)'],
			[createParams({ type: 'FLEX', flexDetails: {} }), 'A FLEX payment request needs a Minimum Amount and/or a Maximum Amount in Amount Range (item 0)'],
			[createParams({ type: 'FLEX', flexDetails: { minimum: 50, maximum: 10 } }), 'Minimum Amount 50 is greater than Maximum Amount 10 (item 0)'],
			[createParams({ additionalFields: { merchantTransactionId: 'abc' } }), 'Merchant Transaction ID must be 6 to 32 characters long (got 3) (item 0)'],
			[createParams({ additionalFields: { dueDate: 'tomorrow' } }), 'Due Date "tomorrow" is not a date (item 0)'],
			[createParams({ additionalFields: { displayMessage: 'hi' } }), 'Display Message must be 3 to 250 characters long (got 2) (item 0)'],
			[{ resource: 'paymentRequest', operation: 'get', paymentRequestId: '../payments' }, 'Payment Request ID "../payments" is not a Clik2pay ID (item 0)'],
			[{ resource: 'paymentRequest', operation: 'cancel', paymentRequestId: 'a/b' }, 'Payment Request ID "a/b" is not a Clik2pay ID (item 0)'],
			[refundParams('abc?x=1'), 'Payment Request ID "abc?x=1" is not a Clik2pay ID (item 0)'],
			[refundParams('8ecd810d-c0e2-40a6-8ab9-da12d72a3d6a', { recipientEmail: '' }), 'Recipient Email is required (item 0)'],
			[refundParams('8ecd810d-c0e2-40a6-8ab9-da12d72a3d6a', { recipientMobileNumber: '' }), 'Recipient Mobile Number is required (item 0)'],
			[{ resource: 'refund', operation: 'get', paymentRequestId: '8ecd810d', refundId: '..' }, 'Refund ID ".." is not a Clik2pay ID (item 0)'],
			[sendMoneyParams({ amount: 0 }), 'Amount must be at least 0.01 CAD (got 0) (item 0)'],
			[sendMoneyParams({ additionalFields: { expiryDays: 400 } }), 'Expiry Days must be a whole number from 1 to 365 (got 400) (item 0)'],
		];
		for (const [parameters, message] of cases) {
			const error = await f.run(/** @type {any} */ (parameters)).catch((e) => e);
			expect(error.constructor.name).toBe('NodeOperationError');
			expect(error.message).toBe(message);
			expect(error.context.itemIndex).toBe(0);
		}
		expect(f.sim.stats().totalRequests).toBe(0);
	});

	test('Continue On Fail: failing items go out as errors naming their index, the others go on', async () => {
		const items = [
			{ phone: '416 555 1234', amount: 10 },
			{ phone: '555', amount: 10 },
			{ phone: '4165551234', amount: 20000 },
			{ phone: '+1 250 555 0199', amount: 30 },
		];
		const params = createParams({ payerMobileNumber: '={{ $json.phone }}', amount: '={{ $json.amount }}' });
		const [out] = await f.run(params, items, 'continueErrorOutput');
		expect(out.map((item) => item.pairedItem.item)).toEqual([0, 1, 2, 3]);
		expect(out[0].json).toMatchObject({ status: 'CREATED', amount: 10 });
		expect(out[1].json).toEqual({ error: 'Payer Mobile Number "555" is not a North American mobile number (item 1)' });
		expect(out[2].json).toEqual({ error: 'Amount must be from 0.01 to 10000 CAD (got 20000) (item 2)' });
		expect(out[3].json).toMatchObject({ status: 'CREATED', payer: { mobileNumber: '2505550199' } });
		expect(f.count(ROUTES.create)).toBe(2);
	});

	test('an expired token: 401 → one refresh → retried; 20 items need a single new token call', async () => {
		const ids = [];
		for (let i = 0; i < 20; i++) ids.push({ id: (await createOne()).id });
		expect(f.count(ROUTES.token)).toBe(1);
		f.sim.expireTokens('clik2pay');
		const [out] = await f.run({ resource: 'paymentRequest', operation: 'get', paymentRequestId: '={{ $json.id }}' }, ids);
		expect(out.map((item) => item.json.id)).toEqual(ids.map((item) => item.id));
		expect(f.count(ROUTES.token)).toBe(2);
		// Items go out 5 at a time, so up to 5 requests in flight meet the expired token; they share one refresh.
		expect(f.countStatus(ROUTES.get, 401)).toBeGreaterThanOrEqual(1);
		expect(f.countStatus(ROUTES.get, 401)).toBeLessThanOrEqual(5);
		expect(f.countStatus(ROUTES.get, 200)).toBe(20);
	});

	test('Advanced Options → Items in Flight 1: one request at a time, so only one meets the expired token', async () => {
		const ids = [];
		for (let i = 0; i < 6; i++) ids.push({ id: (await createOne()).id });
		const tokensBefore = f.count(ROUTES.token);
		const unauthorizedBefore = f.countStatus(ROUTES.get, 401);
		f.sim.expireTokens('clik2pay');
		const [out] = await f.run({ resource: 'paymentRequest', operation: 'get', paymentRequestId: '={{ $json.id }}', advancedOptions: { itemsInFlight: 1 } }, ids);
		expect(out.map((item) => item.json.id)).toEqual(ids.map((item) => item.id));
		expect(f.countStatus(ROUTES.get, 401) - unauthorizedBefore).toBe(1);
		expect(f.count(ROUTES.token) - tokensBefore).toBe(1);
	});

	test('a POST whose token expired is refreshed and sent once more (401 means nothing was created)', async () => {
		await createOne();
		f.sim.addFault({ route: ROUTES.create, kind: 'expire-token' });
		const created = await createOne();
		expect(created.status).toBe('CREATED');
		expect(f.countStatus(ROUTES.create, 401)).toBe(1);
		expect(f.countStatus(ROUTES.create, 201)).toBe(2);
		expect(f.count(ROUTES.token)).toBe(2);
	});

	test('GET retries 503 and 429 with backoff', async () => {
		const created = await createOne();
		f.sim.addFault({ route: ROUTES.get, kind: 'status', status: 503, times: 2 });
		const [out] = await f.run({ resource: 'paymentRequest', operation: 'get', paymentRequestId: created.id });
		expect(out[0].json.id).toBe(created.id);
		expect(f.countStatus(ROUTES.get, 503)).toBe(2);
		f.sim.addFault({ route: ROUTES.get, kind: 'status', status: 429, times: 1 });
		await f.run({ resource: 'paymentRequest', operation: 'get', paymentRequestId: created.id });
		expect(f.countStatus(ROUTES.get, 429)).toBe(1);
		expect(f.countStatus(ROUTES.get, 200)).toBe(2);
	});

	test('Create is never re-sent after a 503: the error says it may exist and how the transaction id protects a retry', async () => {
		const merchantTransactionId = newTransactionId('P5');
		f.sim.addFault({ route: ROUTES.create, kind: 'status', status: 503, times: 1, body: { message: 'Service Unavailable' } });
		const error = await f.run(createParams({ additionalFields: { merchantTransactionId } })).catch((e) => e);
		expect(error.message).toContain('Clik2pay POST /payment-requests failed: HTTP 503: Service Unavailable. The payment request may have been created anyway');
		expect(error.message).toContain(`Check the Clik2pay portal for merchant transaction ID "${merchantTransactionId}" before retrying`);
		expect(error.httpCode).toBe('503');
		expect(f.count(ROUTES.create)).toBe(1);
	});

	test('a 429 on a money-moving POST is not retried and may mean a payment limit', async () => {
		f.sim.addFault({ route: ROUTES.sendMoney, kind: 'status', status: 429, times: 1, body: { message: 'Too Many Requests' } });
		const error = await f.run(sendMoneyParams()).catch((e) => e);
		expect(error.message).toContain('HTTP 429: Too Many Requests. Clik2pay answers 429 when a rate limit or a payment limit');
		expect(f.count(ROUTES.sendMoney)).toBe(1);

		const created = await createOne();
		await f.sim.clik2payPayerAction(created.id, 'pay');
		f.sim.addFault({ route: ROUTES.refund, kind: 'status', status: 429, times: 1 });
		const refundError = await f.run(refundParams(created.id)).catch((e) => e);
		expect(refundError.message).toContain('payment limit');
		expect(f.count(ROUTES.refund)).toBe(1);
	});

	test('a connection dropped after Clik2pay created the request: the error says so, and a retry with the same id cannot duplicate it', async () => {
		const merchantTransactionId = newTransactionId('LOST');
		f.sim.addFault({ route: ROUTES.create, kind: 'reset', afterProcessing: true, times: 1 });
		const error = await f.run(createParams({ additionalFields: { merchantTransactionId } })).catch((e) => e);
		expect(error.message).toContain('the connection failed before an answer arrived. The payment request may have been created anyway');
		expect(error.message).toContain(merchantTransactionId);
		expect(f.count(ROUTES.create)).toBe(1);

		const again = await f.run(createParams({ additionalFields: { merchantTransactionId } })).catch((e) => e);
		expect(again.message).toContain(`Merchant Transaction ID "${merchantTransactionId}" was already used`);
	});

	test('without a merchant transaction id the unknown-outcome error recommends setting one', async () => {
		f.sim.addFault({ route: ROUTES.sendMoney, kind: 'status', status: 500, times: 1 });
		const error = await f.run(sendMoneyParams()).catch((e) => e);
		expect(error.message).toContain('The payment may have been created anyway');
		expect(error.message).toContain('set a Merchant Transaction ID');
		expect(f.count(ROUTES.sendMoney)).toBe(1);
	});

	test('a provider 400 that only names the merchant transaction id is not mistaken for a duplicate', async () => {
		const merchantTransactionId = newTransactionId('V');
		f.sim.addFault({
			route: ROUTES.create,
			kind: 'status',
			status: 400,
			times: 1,
			body: { detail: 'merchantTransactionId contains unsupported characters' },
		});
		const error = await f.run(createParams({ additionalFields: { merchantTransactionId } })).catch((e) => e);
		expect(error.message).toBe(
			'Clik2pay POST /payment-requests failed: HTTP 400: merchantTransactionId contains unsupported characters (item 0)',
		);
	});

	test('wrong client credentials: the token refusal is reported per item, without the password', async () => {
		f.credentials.set('clik2payApi', { ...f.credentials.get('clik2payApi'), password: 'not-the-password' });
		const [out] = await f.run({ resource: 'paymentRequest', operation: 'get', paymentRequestId: 'abc-123' }, [{}, {}], 'continueRegularOutput');
		expect(out).toHaveLength(2);
		expect(out[0].json.error).toContain('Clik2pay refused to issue a token (HTTP 401: invalid_client)');
		expect(out[1].json.error).toMatch(/\(item 1\)$/);
		expect(JSON.stringify(out)).not.toContain('not-the-password');
		expect(f.count(ROUTES.get)).toBe(0);
	});

	test('no secret reaches outputs, errors or the simulator log', async () => {
		const created = await createOne();
		const token = String(f.credentials.get('clik2payApi')?.accessToken);
		expect(token.length).toBeGreaterThan(20);
		const good = await f.run({ resource: 'paymentRequest', operation: 'get', paymentRequestId: created.id });
		f.credentials.set('clik2payApi', { ...f.credentials.get('clik2payApi'), apiKey: 'wrong-api-key-value' });
		const [bad] = await f.run({ resource: 'paymentRequest', operation: 'get', paymentRequestId: created.id }, [{}], 'continueRegularOutput');
		expect(bad[0].json.error).toBe(`Clik2pay GET /payment-requests/${created.id} failed: HTTP 403: Forbidden (item 0)`);
		const text = JSON.stringify(good) + JSON.stringify(bad) + JSON.stringify(f.sim.requests(1000));
		for (const secret of [SECRETS.password, SECRETS.apiKey, 'wrong-api-key-value', token]) {
			expect(text).not.toContain(secret);
		}
	});
});

describe('Clik2pay environments and credential test', () => {
	/** @type {Awaited<ReturnType<typeof clik2payFixture>>} */
	let f;
	beforeAll(async () => {
		f = await clik2payFixture();
	});
	afterAll(async () => {
		await f.sim.stop();
	});

	const credential = new Clik2payApi();
	/** The credential test's baseURL expression, evaluated as n8n would for the given credential data. */
	const testBaseUrl = (/** @type {Record<string, unknown>} */ data) => {
		const expression = String(credential.test.request.baseURL).replace(/^=\{\{/, '').replace(/\}\}$/, '');
		return new Function('$credentials', `return (${expression});`)(data);
	};

	test.each([
		['sandbox', 'https://api-auth.sandbox.clik2pay.com', 'https://api.sandbox.clik2pay.com/open/v1'],
		['production', 'https://api-auth.clik2pay.com', 'https://api.clik2pay.com/open/v1'],
	])('%s: fixed URLs, whatever custom URLs are saved', (environment, authUrl, baseUrl) => {
		const data = { environment, authUrl: 'http://127.0.0.1:1/x', baseUrl: 'http://127.0.0.1:1/y' };
		expect(clik2payEndpoints(data)).toEqual({ authUrl, baseUrl });
		expect(CLIK2PAY_ENVIRONMENTS[environment]).toEqual({ authUrl, baseUrl });
		expect(testBaseUrl(data)).toBe(baseUrl);
	});

	test('custom: the user’s URLs (trailing slashes dropped); the credential test uses the same base', () => {
		const data = { environment: 'custom', authUrl: `${f.sim.clik2payAuthUrl}/`, baseUrl: f.sim.clik2payBaseUrl };
		expect(clik2payEndpoints(data)).toEqual({ authUrl: f.sim.clik2payAuthUrl, baseUrl: f.sim.clik2payBaseUrl });
		expect(testBaseUrl(data)).toBe(f.sim.clik2payBaseUrl);
	});

	test('the credential test request is accepted (404) with good credentials and flagged (403 Forbidden) with a wrong API key', async () => {
		const { context } = buildExecuteContext({
			type: 'clik2pay',
			parameters: {},
			items: [{}],
			credentials: f.credentials,
			credentialType: 'clik2payApi',
		});
		const data = f.credentials.get('clik2payApi') ?? {};
		const request = { ...credential.test.request, baseURL: testBaseUrl(data), returnFullResponse: true, json: true };
		const accepted = await context.helpers.httpRequestWithAuthentication.call(context, 'clik2payApi', request);
		expect(accepted.statusCode).toBe(404);
		expect(f.count('clik2pay GET /payment-requests/:id')).toBe(1);

		f.credentials.set('clik2payApi', { ...data, apiKey: 'not-the-key' });
		const refused = await context.helpers.httpRequestWithAuthentication.call(context, 'clik2payApi', request);
		expect(refused.statusCode).toBe(403);
		const forbiddenRule = credential.test.rules?.find((rule) => rule.properties.value === refused.body.message);
		expect(forbiddenRule?.properties.message).toBe('Clik2pay rejected the API key (403 Forbidden)');
	});
});
