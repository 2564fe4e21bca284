// @ts-check
const http = require('node:http');
const { computeChecksum, computeLegacyChecksum } = require('../../dist/nodes/ClickPesa/transport/checksum');
const { startSimulator } = require('../../simulator');
const { runNode } = require('../support/runNode');
const { CHECKSUM_KEY, VECTOR_4_DIGEST, paymentReceivedSample, clickPesaTrigger } = require('./helpers');

/** @param {Record<string, unknown>} body */
const signed = (body, key = CHECKSUM_KEY) => ({ ...body, checksum: computeChecksum(key, body), checksumMethod: 'canonical' });

describe('ClickPesa Trigger: checksum verification (docs/clickpesa-api.md §7.3, §7.4)', () => {
	test('§6.4 vector 4: the docs PAYMENT RECEIVED sample signed with "secret-key" starts the workflow', async () => {
		const trigger = clickPesaTrigger();
		const body = { ...paymentReceivedSample(), checksum: VECTOR_4_DIGEST };
		const call = await trigger.call({ body });
		expect(call.threw).toBeUndefined();
		expect(call.answeredByNode).toBe(false);
		expect(call.items).toEqual([
			{ event: 'PAYMENT RECEIVED', data: paymentReceivedSample().data, verified: true, checksumMethod: 'canonical' },
		]);
	});

	test('the same body as JSON text, as a Buffer, or only in rawBody (octet-stream) is verified too', async () => {
		const trigger = clickPesaTrigger();
		const text = JSON.stringify({ checksum: VECTOR_4_DIGEST, checksumMethod: 'canonical', ...paymentReceivedSample() }, null, 2);
		for (const request of [{ body: text }, { body: Buffer.from(text) }, { body: undefined, rawBody: Buffer.from(text) }]) {
			const call = await trigger.call(request);
			expect(call.items).toHaveLength(1);
			expect(call.items?.[0].verified).toBe(true);
		}
	});

	test('unsigned, wrongly signed or signed with another key: 401 and no execution', async () => {
		const trigger = clickPesaTrigger();
		const sample = paymentReceivedSample();
		const cases = [
			sample,
			{ ...sample, checksum: '' },
			{ ...sample, checksum: VECTOR_4_DIGEST.replace(/^7/, '8') },
			{ ...sample, checksum: VECTOR_4_DIGEST.slice(0, 63) },
			{ ...sample, checksum: 12345 },
			signed(sample, 'another-key'),
		];
		for (const body of cases) {
			const call = await trigger.call({ body });
			expect(call.threw).toBeUndefined();
			expect(call.status).toBe(401);
			expect(call.items).toBeNull();
			expect(JSON.stringify(call.body)).not.toContain(CHECKSUM_KEY);
		}
	});

	test('a changed amount after signing is refused', async () => {
		const trigger = clickPesaTrigger();
		const body = signed(paymentReceivedSample());
		body.data = { ...body.data, collectedAmount: '9999999' };
		const call = await trigger.call({ body });
		expect(call.status).toBe(401);
		expect(call.body.message).toMatch(/checksum does not match/);
		expect(call.items).toBeNull();
	});

	test('hole 1: a legacy-signed webhook with the amount and reference changed is refused with 401', async () => {
		const trigger = clickPesaTrigger();
		const forged = paymentReceivedSample();
		forged.data.collectedAmount = '9999999';
		forged.data.orderReference = 'SOMEONEELSE1';
		// Legacy joins the top-level values: `data` is signed as "[object Object]", whatever it holds.
		const body = { ...forged, checksum: computeLegacyChecksum(CHECKSUM_KEY, forged), checksumMethod: 'legacy' };
		expect(body.checksum).toBe(computeLegacyChecksum(CHECKSUM_KEY, paymentReceivedSample()));
		const call = await trigger.call({ body });
		expect(call.status).toBe(401);
		expect(call.body.message).toContain('legacy checksums do not cover the payment data');
		expect(call.items).toBeNull();
		// An untampered legacy-signed body is refused the same way: legacy cannot prove anything here.
		const honest = paymentReceivedSample();
		const untampered = await trigger.call({
			body: { ...honest, checksum: computeLegacyChecksum(CHECKSUM_KEY, honest), checksumMethod: 'LEGACY' },
		});
		expect(untampered.status).toBe(401);
	});

	test('other checksum methods are refused; "canonical" in any case is accepted', async () => {
		const trigger = clickPesaTrigger();
		const body = signed(paymentReceivedSample());
		expect((await trigger.call({ body: { ...body, checksumMethod: 'sha1' } })).status).toBe(401);
		expect((await trigger.call({ body: { ...body, checksumMethod: ['canonical'] } })).status).toBe(401);
		expect((await trigger.call({ body: { ...body, checksumMethod: 'Canonical' } })).items).toHaveLength(1);
	});

	test('hole 2: a "__proto__" member added to data after signing is refused', async () => {
		const trigger = clickPesaTrigger();
		const text = JSON.stringify(signed(paymentReceivedSample()));
		const tampered = text.replace('"data":{', '"data":{"__proto__":{"collectedAmount":"9999999"},');
		const parsed = JSON.parse(tampered);
		expect(Object.keys(parsed.data)).toContain('__proto__');
		for (const request of [{ body: parsed }, { body: tampered }]) {
			const call = await trigger.call(request);
			expect(call.status).toBe(401);
			expect(call.items).toBeNull();
		}
		// Signed including the "__proto__" member: the checksum holds, the body is still refused.
		const signedWithProto = JSON.parse('{"event":"PAYMENT RECEIVED","data":{"id":"X1","__proto__":{"a":1}}}');
		signedWithProto.checksum = computeChecksum(CHECKSUM_KEY, signedWithProto);
		const call = await trigger.call({ body: signedWithProto });
		expect(call.status).toBe(400);
		expect(call.items).toBeNull();
	});

	test('hole 3: 100,000 levels of nesting are answered 400, without a crash', async () => {
		const trigger = clickPesaTrigger();
		const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
		const text = `{"event":"PAYMENT RECEIVED","data":{"id":"D1","nested":${deep}},"checksum":"${'0'.repeat(64)}"}`;
		for (const request of [{ body: JSON.parse(text) }, { body: text }, { body: undefined, rawBody: Buffer.from(text) }]) {
			const call = await trigger.call(request);
			expect(call.threw).toBeUndefined();
			expect(call.status).toBe(400);
			expect(call.items).toBeNull();
		}
		const unverified = clickPesaTrigger({ acceptUnsigned: true }, { checksumSecret: '' });
		expect((await unverified.call({ body: JSON.parse(text) })).status).toBe(400);
	});

	test('a checksum header is used only when the body carries none', async () => {
		const trigger = clickPesaTrigger();
		const sample = paymentReceivedSample();
		const viaHeader = await trigger.call({ body: sample, headers: { 'x-clickpesa-checksum': VECTOR_4_DIGEST } });
		expect(viaHeader.items?.[0].verified).toBe(true);
		const viaPlainHeader = await trigger.call({ body: sample, headers: { checksum: VECTOR_4_DIGEST } });
		expect(viaPlainHeader.items).toHaveLength(1);
		const bodyWins = await trigger.call({
			body: { ...sample, checksum: '0'.repeat(64) },
			headers: { 'x-clickpesa-checksum': VECTOR_4_DIGEST },
		});
		expect(bodyWins.status).toBe(401);
	});
});

describe('ClickPesa Trigger: events and bodies', () => {
	test('without a checksum key, every call is refused with 401 unless Accept Unsigned Webhooks is on', async () => {
		const trigger = clickPesaTrigger({}, { checksumSecret: '' });
		const forged = paymentReceivedSample();
		forged.data.collectedAmount = '9999999';
		for (const body of [forged, { ...forged, checksum: VECTOR_4_DIGEST }, signed(forged, '')]) {
			const call = await trigger.call({ body });
			expect(call.threw).toBeUndefined();
			expect(call.status).toBe(401);
			expect(call.body.message).toMatch(/set the Checksum Key in the ClickPesa credential, or turn on Accept Unsigned Webhooks/);
			expect(call.items).toBeNull();
		}
	});

	test('with Accept Unsigned Webhooks on and no checksum key, events start the workflow marked verified: false', async () => {
		const trigger = clickPesaTrigger({ acceptUnsigned: true }, { checksumSecret: '' });
		const call = await trigger.call({ body: paymentReceivedSample() });
		expect(call.items).toEqual([{ event: 'PAYMENT RECEIVED', data: paymentReceivedSample().data, verified: false }]);
	});

	test('with a checksum key, Accept Unsigned Webhooks changes nothing: unsigned calls are still refused', async () => {
		const trigger = clickPesaTrigger({ acceptUnsigned: true });
		const unsigned = await trigger.call({ body: paymentReceivedSample() });
		expect(unsigned.status).toBe(401);
		expect(unsigned.items).toBeNull();
		const verified = await trigger.call({ body: signed(paymentReceivedSample()) });
		expect(verified.items?.[0].verified).toBe(true);
	});

	test('legacy "eventType" naming is accepted', async () => {
		const trigger = clickPesaTrigger();
		const failed = { eventType: 'PAYMENT FAILED', data: { id: 'F1', status: 'FAILED', orderReference: 'ORD1', message: 'Insufficient balance' } };
		const call = await trigger.call({ body: signed(failed) });
		expect(call.items).toEqual([expect.objectContaining({ event: 'PAYMENT FAILED', verified: true })]);
	});

	test('an event that is not selected gets 200 and starts nothing', async () => {
		const trigger = clickPesaTrigger({ events: ['PAYMENT RECEIVED'] });
		const payout = { event: 'PAYOUT REVERSED', data: { id: 'P1', status: 'REVERSED', orderReference: 'PO1' } };
		const call = await trigger.call({ body: signed(payout) });
		expect(call.status).toBe(200);
		// Answered by n8n, as its own triggers' ignored events are.
		expect(call.answeredByNode).toBe(false);
		expect(call.body).toEqual({ message: 'Event received and ignored: not selected in the trigger', event: 'PAYOUT REVERSED' });
		expect(call.items).toBeNull();
		expect((await trigger.call({ body: signed(paymentReceivedSample()) })).items).toHaveLength(1);
	});

	test.each([
		['not JSON', { body: '{"event": "PAYMENT RECEIVED", ' }],
		['empty', { body: undefined }],
		['an array', { body: [paymentReceivedSample()] }],
		['a number', { body: '42' }],
		['no event name', { body: { data: { id: 'A' } } }],
		['event name not a string', { body: { event: 7, data: { id: 'A' } } }],
		['no data', { body: { event: 'PAYMENT RECEIVED' } }],
		['data not an object', { body: { event: 'PAYMENT RECEIVED', data: 'x' } }],
	])('a body that is %s gets 400 (unsigned accepted, no key)', async (_name, request) => {
		const trigger = clickPesaTrigger({ acceptUnsigned: true }, { checksumSecret: '' });
		const call = await trigger.call(request);
		expect(call.threw).toBeUndefined();
		expect(call.status).toBe(400);
		expect(call.items).toBeNull();
	});

	test('a signed body that is not an event gets 400', async () => {
		const trigger = clickPesaTrigger();
		const call = await trigger.call({ body: signed({ event: 'PAYMENT RECEIVED', data: ['not', 'an', 'object'] }) });
		expect(call.status).toBe(400);
	});

	test('a missing credential is answered 500 without details and nothing runs', async () => {
		const trigger = clickPesaTrigger();
		trigger.credentials.saved.clear();
		const call = await trigger.call({ body: signed(paymentReceivedSample()) });
		expect(call.threw).toBeUndefined();
		expect(call.status).toBe(500);
		expect(call.body).toEqual({ message: 'The webhook could not be processed' });
		expect(call.items).toBeNull();
	});
});

describe('ClickPesa Trigger: Ignore Duplicates', () => {
	test('a repeated (event, data.id, data.status) is acknowledged and dropped; a new status passes', async () => {
		const trigger = clickPesaTrigger({ options: { ignoreDuplicates: true } }, {}, `dup-${Date.now()}`);
		const body = signed(paymentReceivedSample());
		expect((await trigger.call({ body })).items).toHaveLength(1);
		const repeat = await trigger.call({ body });
		expect(repeat.status).toBe(200);
		expect(repeat.body.message).toMatch(/already received/);
		expect(repeat.items).toBeNull();
		const settled = signed({ ...paymentReceivedSample(), data: { ...paymentReceivedSample().data, status: 'SETTLED' } });
		expect((await trigger.call({ body: settled })).items).toHaveLength(1);
	});

	test('off by default, and kept apart per workflow', async () => {
		const body = signed(paymentReceivedSample());
		const plain = clickPesaTrigger({}, {}, `plain-${Date.now()}`);
		expect((await plain.call({ body })).items).toHaveLength(1);
		expect((await plain.call({ body })).items).toHaveLength(1);
		const first = clickPesaTrigger({ options: { ignoreDuplicates: true } }, {}, `wf-a-${Date.now()}`);
		const second = clickPesaTrigger({ options: { ignoreDuplicates: true } }, {}, `wf-b-${Date.now()}`);
		expect((await first.call({ body })).items).toHaveLength(1);
		expect((await second.call({ body })).items).toHaveLength(1);
	});

	test('a refused (forged) delivery does not use up the key of the real one', async () => {
		const trigger = clickPesaTrigger({ options: { ignoreDuplicates: true } }, {}, `forged-${Date.now()}`);
		const body = signed(paymentReceivedSample());
		expect((await trigger.call({ body: { ...body, checksum: '0'.repeat(64) } })).status).toBe(401);
		expect((await trigger.call({ body })).items).toHaveLength(1);
	});
});

describe('ClickPesa Trigger: Confirm with API against the simulator (signed by the simulator, real HTTP)', () => {
	/** @type {import('../../simulator').Simulator} */
	let sim;
	const SIM_KEY = 'sim-checksum-key';
	beforeEach(async () => {
		// The simulator's webhook goes nowhere (port 9): its signed body is taken from the delivery record.
		sim = await startSimulator({
			port: 0,
			clickpesa: { customerDelayMs: null, rateLimitPerMinute: 0, checksumKey: SIM_KEY, webhookUrl: 'http://127.0.0.1:9/hook' },
		});
	});
	afterEach(async () => {
		await sim.stop();
	});

	const credential = () => ({ baseUrl: sim.clickpesaBaseUrl, checksumSecret: SIM_KEY });

	/** Initiates a USSD push with the ClickPesa node, lets the customer answer, returns the webhook body sent. */
	async function paymentWebhook(reference, outcome, phoneNumber = '255712345678') {
		const payer = clickPesaTrigger({}, credential());
		await runNode({
			type: 'clickPesa',
			parameters: { resource: 'payment', operation: 'initiateUssdPush', amount: 2500, currency: 'TZS', orderReference: reference, phoneNumber },
			items: [{}],
			credentials: payer.credentials,
			credentialType: 'clickPesaApi',
		});
		const { webhook } = await sim.completePayment(reference, outcome);
		return /** @type {any} */ (webhook).body;
	}

	test('PAYMENT RECEIVED: verified with the simulator’s independent checksum, confirmed SUCCESS', async () => {
		const body = await paymentWebhook('CONFIRM1', 'SUCCESS');
		const trigger = clickPesaTrigger({ options: { confirmWithApi: true } }, credential());
		const call = await trigger.call({ body });
		expect(call.items).toEqual([
			expect.objectContaining({ event: 'PAYMENT RECEIVED', verified: true, confirmed: true, confirmedStatus: 'SUCCESS' }),
		]);
		expect(call.items?.[0].data.orderReference).toBe('CONFIRM1');
		expect(sim.stats().counts['clickpesa GET /payments/:orderReference'].byStatus['200']).toBe(1);
	});

	test('a PAYMENT RECEIVED for a payment ClickPesa reports FAILED is emitted with confirmed: false', async () => {
		const { data } = await paymentWebhook('CONFIRM2', 'FAILED');
		// Unsigned (no key): anyone could post this; the API tells the truth.
		const trigger = clickPesaTrigger({ acceptUnsigned: true, options: { confirmWithApi: true } }, { baseUrl: sim.clickpesaBaseUrl, checksumSecret: '' });
		const forged = { event: 'PAYMENT RECEIVED', data: { id: data.id, status: 'SUCCESS', orderReference: 'CONFIRM2', collectedAmount: '2500', collectedCurrency: 'TZS' } };
		const call = await trigger.call({ body: forged });
		expect(call.items?.[0]).toMatchObject({ verified: false, confirmed: false, confirmedStatus: 'FAILED' });
		expect(call.items?.[0].confirmationError).toMatch(/FAILED/);
	});

	test('an amount that differs from ClickPesa’s record is not confirmed', async () => {
		const { data } = await paymentWebhook('CONFIRM3', 'SUCCESS');
		const trigger = clickPesaTrigger({ acceptUnsigned: true, options: { confirmWithApi: true } }, { baseUrl: sim.clickpesaBaseUrl, checksumSecret: '' });
		const forged = { event: 'PAYMENT RECEIVED', data: { ...data, collectedAmount: '9999999' } };
		const call = await trigger.call({ body: forged });
		expect(call.items?.[0]).toMatchObject({ confirmed: false, confirmedStatus: 'SUCCESS' });
		expect(call.items?.[0].confirmationError).toMatch(/amount/);
	});

	test('replay: an event with another transaction id for a paid order reference is not confirmed', async () => {
		const { data } = await paymentWebhook('REALPAID1', 'SUCCESS');
		const trigger = clickPesaTrigger({ acceptUnsigned: true, options: { confirmWithApi: true } }, { baseUrl: sim.clickpesaBaseUrl, checksumSecret: '' });
		for (const id of ['FAKEID1', 'FAKEID2']) {
			const { collectedAmount, ...withoutAmount } = data;
			const call = await trigger.call({ body: { event: 'PAYMENT RECEIVED', data: { ...withoutAmount, id } } });
			expect(call.items?.[0]).toMatchObject({ verified: false, confirmed: false });
			expect(call.items?.[0].confirmationError).toBe(`ClickPesa has no transaction ${id} for REALPAID1`);
		}
		const missing = await trigger.call({ body: { event: 'PAYMENT RECEIVED', data: { ...data, id: undefined } } });
		expect(missing.items?.[0]).toMatchObject({ confirmed: false, confirmationError: 'the event has no id to match' });
	});

	test('the amount and currency must be in the event and equal to ClickPesa’s (numerically for amounts)', async () => {
		const { data } = await paymentWebhook('CONFIRM5', 'SUCCESS');
		expect(data.collectedAmount).toBe('2500');
		const trigger = clickPesaTrigger({ acceptUnsigned: true, options: { confirmWithApi: true } }, { baseUrl: sim.clickpesaBaseUrl, checksumSecret: '' });
		/** @param {Record<string, unknown>} changes */
		const confirm = async (changes) => (await trigger.call({ body: { event: 'PAYMENT RECEIVED', data: { ...data, ...changes } } })).items?.[0];
		expect(await confirm({})).toMatchObject({ confirmed: true, confirmedStatus: 'SUCCESS' });
		expect(await confirm({ collectedAmount: '2500.00' })).toMatchObject({ confirmed: true });
		expect(await confirm({ collectedAmount: 2500 })).toMatchObject({ confirmed: true });
		expect(await confirm({ collectedAmount: undefined })).toMatchObject({
			confirmed: false,
			confirmationError: "the event has no collectedAmount to compare with ClickPesa's record for CONFIRM5",
		});
		expect(await confirm({ collectedAmount: '' })).toMatchObject({ confirmed: false });
		expect(await confirm({ collectedAmount: '25OO' })).toMatchObject({ confirmed: false });
		expect(await confirm({ collectedCurrency: 'USD' })).toMatchObject({
			confirmed: false,
			confirmationError: "the currency in the event differs from ClickPesa's record for CONFIRM5",
		});
		expect(await confirm({ collectedCurrency: undefined })).toMatchObject({
			confirmed: false,
			confirmationError: "the event has no collectedCurrency to compare with ClickPesa's record for CONFIRM5",
		});
	});

	test('PAYMENT FAILED (no amount in the documented event) is confirmed by id and status', async () => {
		const { data } = await paymentWebhook('CONFIRM6', 'FAILED');
		const trigger = clickPesaTrigger({ acceptUnsigned: true, options: { confirmWithApi: true } }, { baseUrl: sim.clickpesaBaseUrl, checksumSecret: '' });
		const event = { event: 'PAYMENT FAILED', data: { id: data.id, status: 'FAILED', orderReference: 'CONFIRM6', message: 'Insufficient balance' } };
		expect((await trigger.call({ body: event })).items?.[0]).toMatchObject({ confirmed: true, confirmedStatus: 'FAILED' });
		const otherId = await trigger.call({ body: { ...event, data: { ...event.data, id: 'NOTTHATONE' } } });
		expect(otherId.items?.[0]).toMatchObject({ confirmed: false });
	});

	test('a failed lookup still starts the workflow, with confirmed: false and no secrets in the message', async () => {
		const trigger = clickPesaTrigger({ acceptUnsigned: true, options: { confirmWithApi: true } }, { baseUrl: sim.clickpesaBaseUrl, checksumSecret: '' });
		const unknown = await trigger.call({ body: { event: 'PAYMENT RECEIVED', data: { id: 'U', status: 'SUCCESS', orderReference: 'NOSUCHREF' } } });
		expect(unknown.items?.[0]).toMatchObject({ confirmed: false });
		expect(unknown.items?.[0].confirmationError).toMatch(/HTTP 404: Invalid or missing payment: NOSUCHREF/);
		// ClickPesa down: one retry, then the error; the token and API key never appear.
		sim.addFault({ route: 'clickpesa GET /payments/:orderReference', kind: 'status', status: 503, times: 0 });
		const down = await trigger.call({ body: { event: 'PAYMENT FAILED', data: { id: 'U', status: 'FAILED', orderReference: 'ANYREF' } } });
		expect(down.items?.[0]).toMatchObject({ confirmed: false });
		expect(down.items?.[0].confirmationError).toMatch(/HTTP 503/);
		const text = JSON.stringify(down.items);
		expect(text).not.toContain('sim-api-key');
		expect(text).not.toContain('Bearer');
		expect(sim.stats().counts['clickpesa GET /payments/:orderReference'].byStatus['503']).toBe(2);
	});

	test('an orderReference that is not letters and digits is not looked up (no "..", "/" or "?" in the path)', async () => {
		const trigger = clickPesaTrigger({ acceptUnsigned: true, options: { confirmWithApi: true } }, { baseUrl: sim.clickpesaBaseUrl, checksumSecret: '' });
		for (const orderReference of ['..', '../account/balance', 'A/B', 'REF?x=1', 'REF-1', '%2e%2e']) {
			for (const event of ['PAYMENT RECEIVED', 'PAYOUT INITIATED']) {
				const call = await trigger.call({ body: { event, data: { id: 'X1', status: 'SUCCESS', orderReference, collectedAmount: '1', collectedCurrency: 'TZS' } } });
				expect(call.threw).toBeUndefined();
				expect(call.items?.[0]).toMatchObject({ confirmed: false, confirmationError: 'reference is not valid for a lookup' });
			}
		}
		expect(sim.stats().totalRequests).toBe(0);
	});

	test('payout events are looked up under /payouts, deposits are not looked up', async () => {
		const trigger = clickPesaTrigger({ acceptUnsigned: true, options: { confirmWithApi: true } }, { baseUrl: sim.clickpesaBaseUrl, checksumSecret: '' });
		const payout = await trigger.call({ body: { event: 'PAYOUT INITIATED', data: { id: 'P', status: 'SUCCESS', orderReference: 'PAYOUT1' } } });
		expect(payout.items?.[0].confirmed).toBe(false);
		expect(sim.requests().some((entry) => entry.path.endsWith('/payouts/PAYOUT1'))).toBe(true);
		const deposit = await trigger.call({ body: { event: 'DEPOSIT RECEIVED', data: { id: 'D', status: 'SUCCESS', orderReference: 'DEP1' } } });
		expect(deposit.items?.[0]).toMatchObject({ confirmed: false, confirmationError: expect.stringMatching(/cannot be looked up/) });
	});
});

describe('ClickPesa Trigger: Confirm with API does not keep ClickPesa waiting', () => {
	test('a 429 with Retry-After: 120 is retried once after at most about a second, then reported', async () => {
		const lookups = [];
		const server = http.createServer((req, res) => {
			if (req.method === 'POST' && req.url === '/generate-token') {
				res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ success: true, token: 'Bearer slow-token' }));
				return;
			}
			lookups.push(req.url);
			res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '120' }).end(JSON.stringify({ message: 'Too many requests' }));
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
		try {
			const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
			const trigger = clickPesaTrigger({ options: { confirmWithApi: true } }, { baseUrl: `http://127.0.0.1:${port}` });
			// Retry-After says 120 s; the test's own timeout (20 s) fails it if the wait is not capped.
			const call = await trigger.call({ body: signed(paymentReceivedSample()) });
			expect(call.items?.[0]).toMatchObject({ verified: true, confirmed: false });
			expect(call.items?.[0].confirmationError).toMatch(/HTTP 429/);
			expect(lookups).toEqual(['/payments/ORD123456', '/payments/ORD123456']);
		} finally {
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		}
	}, 20_000);

	test('the lookup does not wait for the account’s rate-limit pacer', async () => {
		const sim = await startSimulator({ port: 0, clickpesa: { customerDelayMs: null, rateLimitPerMinute: 0, checksumKey: null } });
		try {
			// One request per minute: the token call uses the only slot of this account's window.
			const trigger = clickPesaTrigger({ options: { confirmWithApi: true } }, { baseUrl: sim.clickpesaBaseUrl, rateLimitPerMinute: 1 });
			// A paced lookup would wait a minute for the next slot; the test's own timeout (20 s) fails it.
			const call = await trigger.call({ body: signed(paymentReceivedSample()) });
			expect(call.items?.[0]).toMatchObject({ confirmed: false, confirmationError: expect.stringMatching(/HTTP 404/) });
			expect(sim.stats().counts['clickpesa POST /generate-token'].byStatus['200']).toBe(1);
			expect(sim.stats().counts['clickpesa GET /payments/:orderReference'].byStatus['404']).toBe(1);
		} finally {
			await sim.stop();
		}
	}, 20_000);
});
