// @ts-check
const { clickPesaFixture, initiateParams, newReference, ROUTES, CLIENT } = require('./clickpesa.helpers');
const { buildExecuteContext } = require('../support/runNode');
const { pacerFor } = require('../../dist/nodes/ClickPesa/transport/account');

describe('ClickPesa node against the simulator (n8n-core request helpers, real HTTP)', () => {
	/** @type {Awaited<ReturnType<typeof clickPesaFixture>>} */
	let f;
	beforeEach(async () => {
		f = await clickPesaFixture();
	});
	afterEach(async () => {
		await f.sim.stop();
	});

	test('Preview USSD Push returns the methods and charges nothing', async () => {
		const reference = newReference('PV');
		const [out] = await f.run({
			resource: 'payment',
			operation: 'previewUssdPush',
			amount: 1500,
			currency: 'TZS',
			orderReference: reference,
			phoneNumber: '+255 712 345 678',
			fetchSenderDetails: true,
		});
		expect(out).toHaveLength(1);
		expect(Array.isArray(out[0].json.activeMethods)).toBe(true);
		expect(out[0].json.sender).toBeDefined();
		expect(out[0].pairedItem).toEqual({ item: 0 });
		// The reference is still free: a preview creates nothing.
		const [status] = await f.run({ resource: 'payment', operation: 'getStatus', orderReference: reference }, [{}], 'continueRegularOutput');
		expect(status[0].json.error).toMatch(/No ClickPesa payment has order reference/);
	});

	test('Initiate USSD Push sends the documented body and returns PROCESSING; Get Status emits the array as items', async () => {
		const reference = newReference('IN');
		const [out] = await f.run(initiateParams(reference, '0712 345 678', 2500));
		expect(out[0].json).toMatchObject({ status: 'PROCESSING', orderReference: reference, collectedCurrency: 'TZS' });
		const sent = (await f.sim.requests()).find((entry) => entry.route === ROUTES.initiate);
		expect(sent).toBeDefined();

		await f.sim.completePayment(reference, 'SUCCESS');
		const [status] = await f.run({ resource: 'payment', operation: 'getStatus', orderReference: reference });
		expect(status).toHaveLength(1);
		expect(status[0].json).toMatchObject({ orderReference: reference, status: 'SUCCESS', paymentPhoneNumber: '255712345678' });
	});

	test('a token is fetched once and reused: 100 items → 1 token call and 100 initiate calls', async () => {
		const items = Array.from({ length: 100 }, () => ({ reference: newReference('B') }));
		const [out] = await f.run(initiateParams('={{ $json.reference }}'), items);
		expect(out).toHaveLength(100);
		expect(out.every((item, index) => item.json.status === 'PROCESSING' && item.pairedItem.item === index)).toBe(true);
		expect(await f.count(ROUTES.token)).toBe(1);
		expect(await f.count(ROUTES.initiate)).toBe(100);
		// The next execution reuses the saved token too.
		await f.run({ resource: 'payment', operation: 'getStatus', orderReference: items[0].reference });
		expect(await f.count(ROUTES.token)).toBe(1);
	});

	test('an expired token: 401 → one refresh → the request is sent once more and succeeds', async () => {
		const reference = newReference('EX');
		await f.run(initiateParams(reference));
		await f.sim.expireTokens();
		const [status] = await f.run({ resource: 'payment', operation: 'getStatus', orderReference: reference });
		expect(status[0].json.orderReference).toBe(reference);
		expect(await f.count(ROUTES.token)).toBe(2);
		expect(await f.countStatus(ROUTES.query, 401)).toBe(1);
		expect(await f.countStatus(ROUTES.query, 200)).toBe(1);
	});

	test('a changed API key is not served with the old account’s token', async () => {
		await f.run({ resource: 'payment', operation: 'getMany', returnAll: false, limit: 1 });
		const saved = f.credentials.get('clickPesaApi');
		f.credentials.set('clickPesaApi', { ...saved, apiKey: 'a-different-key' });
		const [out] = await f.run({ resource: 'payment', operation: 'getMany', returnAll: false, limit: 1 }, [{}], 'continueRegularOutput');
		// The stale token was not used: n8n asked for a new one with the new key, which the simulator refuses.
		expect(out[0].json.error).toMatch(/ClickPesa refused to issue a token \(HTTP 403/);
		expect(out[0].json.error).not.toContain('a-different-key');
	});

	test('a refused token is reported as such: the push was never sent, no lookup, no "outcome unknown"', async () => {
		f.credentials.set('clickPesaApi', { ...f.credentials.get('clickPesaApi'), apiKey: 'not-the-key', token: '' });
		const error = await f.run(initiateParams(newReference('TK'))).catch((e) => e);
		expect(error.message).toMatch(/failed: ClickPesa refused to issue a token \(HTTP 403: Invalid or Expired API-Key\)/);
		expect(error.message).not.toMatch(/unknown|lookup/);
		expect(await f.count(ROUTES.initiate)).toBe(0);
		expect(await f.count(ROUTES.query)).toBe(0);
	});

	test('a 409 for a reused reference says to query its status', async () => {
		const reference = newReference('DUP');
		await f.run(initiateParams(reference));
		await expect(f.run({ ...initiateParams(reference), ifReferenceUsed: 'fail' })).rejects.toThrow(
			`Order reference "${reference}" was already used — query its status (Payment → Get Status) instead of sending it again, or use a new reference (item 0)`,
		);
		expect(await f.count(ROUTES.initiate)).toBe(2);
	});

	test('a reused reference of a matching payment (a batch run again) returns that payment, marked as found', async () => {
		const reference = newReference('AGAIN');
		const [[first]] = await f.run(initiateParams(reference));
		const queriesBefore = await f.count(ROUTES.query);
		const [[again]] = await f.run(initiateParams(reference));
		expect(again.json).toMatchObject({ id: first.json.id, orderReference: reference, foundByReference: true });
		expect(first.json.foundByReference).toBeUndefined();
		expect((await f.count(ROUTES.query)) - queriesBefore).toBe(1);
		// Another amount under the same reference is not this item's payment: it fails naming both.
		const error = await f.run(initiateParams(reference, '0712 345 678', 999)).catch((e) => e);
		expect(error.message).toBe(
			`Order reference "${reference}" was already used — query its status (Payment → Get Status) instead of sending it again, or use a new reference. Order reference "${reference}" already belongs to an earlier payment (amount 1000, created ${first.json.createdAt ?? 'undefined'}), which is not what this item asks for (item 0)`,
		);
		// So is another phone number.
		await expect(f.run(initiateParams(reference, '0754 000 111'))).rejects.toThrow('which is not what this item asks for (item 0)');
		expect(await f.countStatus(ROUTES.initiate, 200)).toBe(1);
	});

	test('a provider 400 surfaces ClickPesa’s message', async () => {
		await f.sim.configure({ clickpesa: { checksumKey: 'provider-side-key' } });
		const error = await f.run(initiateParams(newReference('CS'))).catch((e) => e);
		expect(error.message).toMatch(/ClickPesa POST \/payments\/initiate-ussd-push-request failed: HTTP 400: Checksum is required \(item 0\)/);
		expect(error.httpCode).toBe('400');
		expect(error.context.itemIndex).toBe(0);
	});

	test('GET retries 5xx and 429 with backoff', async () => {
		const reference = newReference('RG');
		await f.run(initiateParams(reference));
		await f.sim.addFault({ route: ROUTES.query, kind: 'status', status: 503, times: 2 });
		await f.sim.addFault({ route: ROUTES.all, kind: 'status', status: 429, times: 1 });
		const [status] = await f.run({ resource: 'payment', operation: 'getStatus', orderReference: reference });
		expect(status[0].json.orderReference).toBe(reference);
		expect(await f.countStatus(ROUTES.query, 503)).toBe(2);
		expect(await f.countStatus(ROUTES.query, 200)).toBe(1);
		await f.run({ resource: 'payment', operation: 'getMany', returnAll: false, limit: 5 });
		expect(await f.countStatus(ROUTES.all, 429)).toBe(1);
		expect(await f.countStatus(ROUTES.all, 200)).toBe(1);
	});

	test('Initiate is not re-sent after a 5xx: the payment is looked up and the error says it is safe to retry', async () => {
		const reference = newReference('P5');
		await f.sim.addFault({ route: ROUTES.initiate, kind: 'status', status: 500, times: 1, body: { message: 'Error validating fee, try again later' } });
		const error = await f.run(initiateParams(reference)).catch((e) => e);
		expect(error.message).toContain('Error validating fee, try again later');
		expect(error.message).toContain(`No payment with order reference "${reference}" exists, so nothing was sent to the customer`);
		expect(await f.count(ROUTES.initiate)).toBe(1);
		expect(await f.count(ROUTES.query)).toBe(1);
	});

	test('after a 429 Initiate is sent again only once a lookup found nothing under the reference', async () => {
		const before = { initiate: await f.count(ROUTES.initiate), query: await f.count(ROUTES.query) };
		await f.sim.addFault({ route: ROUTES.initiate, kind: 'status', status: 429, times: 1 });
		const reference = newReference('P4');
		const [[out]] = await f.run(initiateParams(reference));
		expect(out.json).toMatchObject({ orderReference: reference, status: 'PROCESSING' });
		expect((await f.count(ROUTES.initiate)) - before.initiate).toBe(2);
		expect((await f.count(ROUTES.query)) - before.query).toBe(1);
	});

	test('a 429 on a paced credential halves the pace of every request to that address; the item still completes', async () => {
		const paced = await clickPesaFixture({}, { rateLimitPerMinute: 120 });
		try {
			const pacer = () => pacerFor(`clickpesa|${paced.sim.clickpesaBaseUrl}`, { requestsPerMinute: 120, headroom: 5, requester: 'test' });
			expect(pacer().capacity).toBe(115);
			await paced.sim.addFault({ route: ROUTES.initiate, kind: 'status', status: 429, times: 1 });
			const reference = newReference('P4P');
			const [[out]] = await paced.run(initiateParams(reference));
			expect(out.json).toMatchObject({ orderReference: reference, status: 'PROCESSING' });
			expect(await paced.countStatus(ROUTES.initiate, 429)).toBe(1);
			expect(pacer().capacity).toBe(57);
		} finally {
			await paced.sim.stop();
		}
	});

	test('a 429 that does not end: three lookups and re-sends, then the item fails saying nothing was sent', async () => {
		const before = { initiate: await f.count(ROUTES.initiate), query: await f.count(ROUTES.query) };
		await f.sim.addFault({ route: ROUTES.initiate, kind: 'status', status: 429, times: 4 });
		const error = await f.run(initiateParams(newReference('P4X'))).catch((e) => e);
		expect(error.message).toContain('ClickPesa did not accept the request, so no prompt was sent');
		expect((await f.count(ROUTES.initiate)) - before.initiate).toBe(4);
		expect((await f.count(ROUTES.query)) - before.query).toBe(3);
	});

	test('when the connection drops after ClickPesa created the push, the node returns the payment found by reference', async () => {
		const reference = newReference('LOST');
		await f.sim.addFault({ route: ROUTES.initiate, kind: 'reset', afterProcessing: true, times: 1 });
		const [out] = await f.run(initiateParams(reference));
		expect(out[0].json).toMatchObject({ orderReference: reference, status: 'PROCESSING' });
		expect(await f.count(ROUTES.initiate)).toBe(1);
		expect(await f.count(ROUTES.query)).toBe(1);
	});

	test('Continue On Fail: bad items go out as errors naming item and field, before any HTTP; the rest go on', async () => {
		const items = [
			{ reference: newReference('C'), phone: '0712345678' },
			{ reference: newReference('C'), phone: '12345' },
			{ reference: 'BAD-REF', phone: '0712345678' },
			{ reference: newReference('C'), phone: '0754000111' },
		];
		const params = initiateParams('={{ $json.reference }}', '={{ $json.phone }}');
		const [out] = await f.run(params, items, 'continueErrorOutput');
		expect(out.map((item) => item.pairedItem.item)).toEqual([0, 1, 2, 3]);
		expect(out[0].json.status).toBe('PROCESSING');
		expect(out[1].json).toEqual({ error: 'Phone Number "12345" is not a Tanzanian mobile number (item 1)' });
		expect(out[2].json).toEqual({ error: 'Order Reference "BAD-REF" may only contain letters and digits (item 2)' });
		expect(out[3].json.status).toBe('PROCESSING');
		expect(await f.count(ROUTES.initiate)).toBe(2);
	});

	test('without Continue On Fail the first bad item stops the node with its index', async () => {
		const error = await f.run(initiateParams(newReference('S'), 'not a phone')).catch((e) => e);
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toBe('Phone Number "not a phone" is not a Tanzanian mobile number (item 0)');
		expect(error.context.itemIndex).toBe(0);
		expect(await f.count(ROUTES.initiate)).toBe(0);
	});

	test('Get Many with Return All pages through skip/limit; Limit stops early', async () => {
		await f.sim.seedPayments({ count: 120, status: 'SUCCESS', prefix: 'SEED' });
		const [all] = await f.run({ resource: 'payment', operation: 'getMany', returnAll: true, filters: { status: 'SUCCESS' } });
		expect(all).toHaveLength(120);
		expect(new Set(all.map((item) => item.json.orderReference)).size).toBe(120);
		expect(await f.count(ROUTES.all)).toBe(3);

		const [some] = await f.run({ resource: 'payment', operation: 'getMany', returnAll: false, limit: 70 });
		expect(some).toHaveLength(70);
		expect(await f.count(ROUTES.all)).toBe(5);
		const pages = (await f.sim.requests()).filter((entry) => entry.route === ROUTES.all).map((entry) => entry.path);
		expect(pages.some((path) => /skip=50/.test(path) && /limit=20/.test(path))).toBe(true);
	});

	test('Get Many refuses an unreadable date naming the field', async () => {
		const [out] = await f.run(
			{ resource: 'payment', operation: 'getMany', returnAll: true, filters: { startDate: 'soon' } },
			[{}],
			'continueRegularOutput',
		);
		expect(out[0].json.error).toBe('Start Date "soon" is not a date (item 0)');
		expect(await f.count(ROUTES.all)).toBe(0);
	});

	test('no secret reaches outputs, errors or the simulator log', async () => {
		await f.sim.configure({ clickpesa: { checksumKey: 'cs-secret-value' } });
		f.credentials.set('clickPesaApi', { ...f.credentials.get('clickPesaApi'), checksumSecret: 'wrong-secret-value' });
		const [out] = await f.run(initiateParams(newReference('SEC')), [{}], 'continueRegularOutput');
		const token = String(f.credentials.get('clickPesaApi')?.token);
		const text = JSON.stringify(out) + JSON.stringify(await f.sim.requests());
		expect(out[0].json.error).toMatch(/HTTP 400: Invalid checksum/);
		for (const secret of [CLIENT.apiKey, 'wrong-secret-value', 'cs-secret-value', token.replace('Bearer ', '')]) {
			expect(text).not.toContain(secret);
		}
	});

	test('with the checksum key set on both sides, signed requests are accepted', async () => {
		await f.sim.configure({ clickpesa: { checksumKey: 'shared-checksum-key' } });
		f.credentials.set('clickPesaApi', { ...f.credentials.get('clickPesaApi'), checksumSecret: 'shared-checksum-key' });
		const [out] = await f.run(initiateParams(newReference('SG')));
		expect(out[0].json.status).toBe('PROCESSING');
	});
});

describe('ClickPesa credential', () => {
	/** @type {Awaited<ReturnType<typeof clickPesaFixture>>} */
	let f;
	beforeAll(async () => {
		f = await clickPesaFixture();
	});
	afterAll(async () => {
		await f.sim.stop();
	});
	const { ClickPesaApi } = require('../../index.js');
	const credential = new ClickPesaApi();
	/** n8n-core's own httpRequest helper, as n8n hands it to preAuthentication. */
	const helpers = () =>
		buildExecuteContext({
			type: 'clickPesa',
			parameters: {},
			items: [{}],
			credentials: f.credentials,
			credentialType: 'clickPesaApi',
		}).context.helpers;

	test('preAuthentication returns the token verbatim (it already starts with "Bearer ") and its fingerprint', async () => {
		const data = { ...CLIENT, baseUrl: f.sim.clickpesaBaseUrl, rateLimitPerMinute: 0 };
		const result = await credential.preAuthentication.call({ helpers: helpers() }, data);
		expect(result.token).toMatch(/^Bearer \S+$/);
		expect(result.tokenFingerprint).toMatch(/^[0-9a-f]{32}$/);
		const request = await credential.authenticate({ ...data, ...result }, { url: '/x', headers: { accept: 'application/json' } });
		expect(request.headers).toEqual({ accept: 'application/json', Authorization: result.token });
	});

	test('a refused API key gives a clear error without the key', async () => {
		const data = { ...CLIENT, apiKey: 'wrong-key-123', baseUrl: f.sim.clickpesaBaseUrl, rateLimitPerMinute: 0 };
		const error = await credential.preAuthentication.call({ helpers: helpers() }, data).catch((e) => e);
		expect(error.message).toBe(
			'ClickPesa refused to issue a token (HTTP 403: Invalid or Expired API-Key). Check the Client ID, the API Key (and its expiry date) and the Base URL.',
		);
	});
});

describe('items in flight', () => {
	/** @type {Awaited<ReturnType<typeof clickPesaFixture>>} */
	let f;
	beforeAll(async () => {
		// ClickPesa's 120 requests per minute: 5 items in flight.
		f = await clickPesaFixture({ latencyMs: 30 }, { rateLimitPerMinute: 120 });
	});
	afterAll(async () => {
		await f.sim.stop();
	});

	test('several items are sent at a time; outputs keep the input order', async () => {
		const items = Array.from({ length: 20 }, () => ({ reference: newReference('PAR') }));
		const [out] = await f.run(initiateParams('={{ $json.reference }}'), items);
		expect(out.map((item) => item.json.orderReference)).toEqual(items.map((item) => item.reference));
	});

	test('the stop error also reports later items that failed while in flight, with their own messages', async () => {
		const reused = newReference('USED');
		await f.run(initiateParams(reused));
		const items = [
			{ reference: newReference('OK'), phone: '0712345678' },
			{ reference: reused, phone: '0712345678' },
			{ reference: newReference('OK'), phone: '0712345678' },
			{ reference: newReference('OK'), phone: '999' },
			{ reference: newReference('OK'), phone: '0712345678' },
			{ reference: newReference('NEVER'), phone: '0712345678' },
		];
		const error = await f.run({ ...initiateParams('={{ $json.reference }}', '={{ $json.phone }}'), ifReferenceUsed: 'fail' }, items).catch((e) => e);
		expect(error.message).toContain('(item 1)');
		expect(error.description).toContain('Items 2, 4 were processed successfully before the node stopped');
		expect(error.description).toContain('Also failed: Phone Number "999" is not a Tanzanian mobile number (item 3)');
	});

	test('without Continue On Fail a provider refusal stops new items and names those already sent', async () => {
		const reused = newReference('USED');
		await f.run(initiateParams(reused));
		const items = [{ reference: newReference('OK') }, { reference: reused }, ...Array.from({ length: 10 }, () => ({ reference: newReference('LATE') }))];
		const before = await f.count(ROUTES.initiate);
		const error = await f.run({ ...initiateParams('={{ $json.reference }}'), ifReferenceUsed: 'fail' }, items).catch((e) => e);
		expect(error.message).toContain(`Order reference "${reused}" was already used`);
		expect(error.message).toContain('(item 1)');
		const sent = (await f.count(ROUTES.initiate)) - before;
		expect(sent).toBeLessThan(items.length);
		// Items 0-4 start together (5 in flight); 2, 3 and 4 were already on their way when item 1 failed.
		expect(sent).toBeGreaterThanOrEqual(5);
		expect(error.description).toMatch(/Items 2, 3, 4(, \d+)* were processed successfully before the node stopped/);
	});
});

describe('recovery after an unknown outcome', () => {
	/** @type {Awaited<ReturnType<typeof clickPesaFixture>>} */
	let f;
	beforeAll(async () => {
		f = await clickPesaFixture();
	});
	afterAll(async () => {
		await f.sim.stop();
	});

	test('an earlier payment that used the same reference is not passed off as this request’s result', async () => {
		const reference = newReference('REUSE');
		await f.run(initiateParams(reference, '0712 345 678', 1000));
		await f.sim.addFault({ route: ROUTES.initiate, kind: 'status', status: 502, times: 1 });
		const error = await f.run(initiateParams(reference, '0765 000 111', 250000)).catch((e) => e);
		expect(error.message).toContain(`Order reference "${reference}" already belongs to an earlier payment (amount 1000`);
		expect(error.message).toContain('the outcome of this request is unknown');
	});
});

describe('Get Many against a server that ignores skip', () => {
	test('Return All stops when a page brings nothing new instead of looping forever', async () => {
		const http = require('node:http');
		let pages = 0;
		const server = http.createServer((request, response) => {
			pages++;
			if (request.url.startsWith('/generate-token')) {
				response.end(JSON.stringify({ success: true, token: 'Bearer fixed' }));
				return;
			}
			const data = Array.from({ length: 50 }, (_, i) => ({ id: `SAME${i}`, orderReference: `SAME${i}` }));
			response.setHeader('content-type', 'application/json');
			response.end(JSON.stringify({ data }));
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const { CredentialStore } = require('../support/credentialStore');
			const { runNode } = require('../support/runNode');
			const credentials = new CredentialStore();
			credentials.set('clickPesaApi', { ...CLIENT, baseUrl: `http://127.0.0.1:${server.address().port}`, rateLimitPerMinute: 0, token: '' });
			const [out] = await runNode({
				type: 'clickPesa',
				parameters: { resource: 'payment', operation: 'getMany', returnAll: true },
				items: [{}],
				credentials,
				credentialType: 'clickPesaApi',
			});
			expect(out).toHaveLength(50);
			expect(pages).toBe(3); // token, first page, the repeated page
		} finally {
			server.close();
		}
	});
});

describe('items in flight', () => {
	test.each([
		[120, undefined, 5],
		[300, undefined, 12],
		[0, undefined, 25],
		[0, 3, 3],
		[300, 7, 7],
		// The option lowers, never raises, what the pace allows.
		[120, 20, 5],
	])('with %d requests per minute and Items in Flight %s, Initiate USSD Push has exactly %d requests open at once, never more', async (rateLimitPerMinute, allowed, inFlight) => {
		const http = require('node:http');
		let open = 0;
		let mostOpen = 0;
		const server = http.createServer((request, response) => {
			let body = '';
			request.on('data', (chunk) => (body += chunk));
			request.on('end', () => {
				response.setHeader('content-type', 'application/json');
				if (request.url.startsWith('/generate-token')) {
					response.end(JSON.stringify({ success: true, token: 'Bearer fixed' }));
					return;
				}
				open++;
				mostOpen = Math.max(mostOpen, open);
				const { orderReference, amount } = JSON.parse(body);
				held.push(() => {
					open--;
					response.end(JSON.stringify({ id: `ID${orderReference}`, status: 'PROCESSING', orderReference, collectedAmount: amount }));
				});
				// Answers are held until as many requests are open as the node may have (however slow the
				// machine), or until no request came for a second (the last ones of the batch): so the most
				// ever open is what the node allows, never a matter of timing.
				clearTimeout(idle);
				if (open >= inFlight) setImmediate(releaseHeld);
				else idle = setTimeout(releaseHeld, 1000);
			});
		});
		/** @type {Array<() => void>} */
		let held = [];
		/** @type {NodeJS.Timeout | undefined} */
		let idle;
		const releaseHeld = () => {
			clearTimeout(idle);
			const answers = held;
			held = [];
			for (const answer of answers) answer();
		};
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const { CredentialStore } = require('../support/credentialStore');
			const { runNode } = require('../support/runNode');
			const credentials = new CredentialStore();
			credentials.set('clickPesaApi', { ...CLIENT, baseUrl: `http://127.0.0.1:${server.address().port}`, rateLimitPerMinute, token: '' });
			const items = Array.from({ length: 40 }, (_, i) => ({ reference: `FLIGHT${rateLimitPerMinute}x${i}` }));
			const [out] = await runNode({
				type: 'clickPesa',
				parameters: { ...initiateParams('={{ $json.reference }}'), ...(allowed === undefined ? {} : { advancedOptions: { itemsInFlight: allowed } }) },
				items,
				credentials,
				credentialType: 'clickPesaApi',
			});
			expect(out.map((item) => item.json.orderReference)).toEqual(items.map((item) => item.reference));
			expect(mostOpen).toBe(inFlight);
		} finally {
			clearTimeout(idle);
			server.close();
		}
	});
});
