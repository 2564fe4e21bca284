// @ts-check
const { startSimulator } = require('../../simulator');
const { WEBHOOK_USER, WEBHOOK_PASSWORD, GOOD_AUTH, basic, clik2payEvent, clik2payTrigger } = require('./helpers');

const PRODUCTION_IP = '3.99.39.224';

describe('Clik2pay Trigger: Basic auth (docs/clik2pay-api.md §8.2, §8.4)', () => {
	test('the right username and password start the workflow with one item per event', async () => {
		const trigger = clik2payTrigger();
		const call = await trigger.call({ body: [clik2payEvent()], headers: { authorization: GOOD_AUTH } });
		expect(call.threw).toBeUndefined();
		expect(call.answeredByNode).toBe(false);
		const event = clik2payEvent();
		expect(call.items).toEqual([
			{ eventType: 'PAYMENT-COMPLETED', resourceType: 'payment-request', message: event.message, resource: event.resource },
		]);
	});

	test('no Authorization header, or another scheme: 401 with a Basic challenge', async () => {
		const trigger = clik2payTrigger();
		for (const headers of [{}, { authorization: 'Bearer abc' }, { authorization: '' }]) {
			const call = await trigger.call({ body: clik2payEvent(), headers });
			expect(call.status).toBe(401);
			expect(call.headers['www-authenticate']).toBe('Basic realm="clik2pay"');
			expect(call.items).toBeNull();
		}
	});

	test('a wrong username, password or encoding: 403', async () => {
		const trigger = clik2payTrigger();
		const wrong = [
			basic(WEBHOOK_USER, 'wrong'),
			basic('someone', WEBHOOK_PASSWORD),
			basic(WEBHOOK_USER, `${WEBHOOK_PASSWORD} `),
			basic(WEBHOOK_USER, ''),
			`Basic ${Buffer.from(`${WEBHOOK_USER}${WEBHOOK_PASSWORD}`).toString('base64')}`,
			`${GOOD_AUTH}!!`,
			`${GOOD_AUTH.slice(0, -2)}`,
			'Basic ',
		];
		for (const authorization of wrong) {
			const call = await trigger.call({ body: clik2payEvent(), headers: { authorization } });
			expect(call.status).toBe(403);
			expect(call.items).toBeNull();
			expect(JSON.stringify(call.body)).not.toContain(WEBHOOK_PASSWORD);
		}
		// Scheme case and surrounding spaces do not matter.
		const relaxed = await trigger.call({ body: clik2payEvent(), headers: { authorization: `  basic ${GOOD_AUTH.slice(6)} ` } });
		expect(relaxed.items).toHaveLength(1);
	});

	test('without a webhook username and password in the credential every call is refused (fail closed)', async () => {
		for (const credential of [{ webhookUsername: '', webhookPassword: '' }, { webhookPassword: '' }, { webhookUsername: '' }]) {
			const trigger = clik2payTrigger({}, credential);
			const call = await trigger.call({ body: clik2payEvent(), headers: { authorization: GOOD_AUTH } });
			expect(call.status).toBe(401);
			expect(call.items).toBeNull();
		}
	});
});

describe('Clik2pay Trigger: source address allowlist', () => {
	test('added with its default, the option lets exactly the documented production and sandbox addresses call', async () => {
		const { nodeType } = clik2payTrigger();
		const allowedIps = nodeType.description.properties.find((p) => p.name === 'options').options.find((o) => o.name === 'allowedIps');
		const trigger = clik2payTrigger({ options: { allowedIps: allowedIps.default } });
		const request = { body: clik2payEvent(), headers: { authorization: GOOD_AUTH } };
		for (const ip of ['3.99.39.224', '3.96.30.80', '52.60.229.252', '99.79.143.93', '3.96.21.104', '52.60.117.97']) {
			expect((await trigger.call({ ...request, ip })).items).toHaveLength(1);
		}
		for (const ip of ['127.0.0.1', '52.6.229.252', '10.0.0.1']) {
			const call = await trigger.call({ ...request, ip });
			expect(call.status).toBe(403);
			expect(call.items).toBeNull();
		}
	});

	test('listed addresses (also IPv4-mapped IPv6) pass, others get 403 before credentials are even read', async () => {
		const trigger = clik2payTrigger({ options: { allowedIps: '3.99.39.224, 3.96.30.80\n52.60.229.252' } });
		const request = { body: clik2payEvent(), headers: { authorization: GOOD_AUTH } };
		expect((await trigger.call({ ...request, ip: PRODUCTION_IP })).items).toHaveLength(1);
		expect((await trigger.call({ ...request, ip: `::ffff:${PRODUCTION_IP}` })).items).toHaveLength(1);
		for (const ip of ['10.0.0.1', '52.6.229.252', '', '3.99.39.22']) {
			const call = await trigger.call({ ...request, ip });
			expect(call.status).toBe(403);
			expect(call.items).toBeNull();
		}
	});

	test('an empty list, or the option not added, allows any address', async () => {
		const request = { body: clik2payEvent(), headers: { authorization: GOOD_AUTH }, ip: '10.1.2.3' };
		expect((await clik2payTrigger({ options: { allowedIps: '' } }).call(request)).items).toHaveLength(1);
		expect((await clik2payTrigger().call(request)).items).toHaveLength(1);
	});
});

describe('Clik2pay Trigger: bodies and events', () => {
	const auth = { authorization: GOOD_AUTH };

	test('an array gives one item per event, a single object one item', async () => {
		const trigger = clik2payTrigger();
		const events = [
			clik2payEvent({ eventType: 'PAYMENT-LINK-FOLLOWED' }, { status: 'ACTIVE' }),
			clik2payEvent(),
			clik2payEvent({ eventType: 'payment_failed' }, { id: 'other', status: 'FAILED' }),
		];
		const call = await trigger.call({ body: events, headers: auth });
		expect(call.items?.map((item) => item.eventType)).toEqual(['PAYMENT-LINK-FOLLOWED', 'PAYMENT-COMPLETED', 'PAYMENT-FAILED']);
		const single = await trigger.call({ body: JSON.stringify(clik2payEvent()), headers: auth });
		expect(single.items).toHaveLength(1);
	});

	test('only selected event types are emitted; none selected → 200 and nothing starts', async () => {
		const trigger = clik2payTrigger({ events: ['PAYMENT-COMPLETED'] });
		const mixed = await trigger.call({ body: [clik2payEvent({ eventType: 'PAYMENT-PROCESSING' }), clik2payEvent()], headers: auth });
		expect(mixed.items?.map((item) => item.eventType)).toEqual(['PAYMENT-COMPLETED']);
		const none = await trigger.call({ body: [clik2payEvent({ eventType: 'PAYMENT-LINK-FOLLOWED' })], headers: auth });
		expect(none.status).toBe(200);
		expect(none.answeredByNode).toBe(false);
		expect(none.body).toEqual({ message: 'Events received and ignored: not selected in the trigger' });
		expect(none.items).toBeNull();
	});

	test.each([
		['not JSON', '[{"eventType":'],
		['empty', undefined],
		['an empty array', []],
		['a string', '"PAYMENT-COMPLETED"'],
		['an event without eventType', [{ resource: { id: 'x' } }]],
		['an event without resource', [{ eventType: 'PAYMENT-COMPLETED' }]],
		['an array with one bad event', [clik2payEvent(), 7]],
		['an event with a __proto__ key', JSON.parse('[{"eventType":"PAYMENT-COMPLETED","resource":{"__proto__":{"x":1}}}]')],
	])('a body that is %s gets 400', async (_name, body) => {
		const call = await clik2payTrigger().call({ body, headers: auth });
		expect(call.threw).toBeUndefined();
		expect(call.status).toBe(400);
		expect(call.items).toBeNull();
	});

	test('a malformed body without valid auth gets 401/403, not 400: auth is checked first', async () => {
		const trigger = clik2payTrigger();
		expect((await trigger.call({ body: 'not json' })).status).toBe(401);
		expect((await trigger.call({ body: 'not json', headers: { authorization: basic('a', 'b') } })).status).toBe(403);
	});

	test('Ignore Duplicates drops a repeated (resource.id, eventType, resource.status) and keeps the rest', async () => {
		const trigger = clik2payTrigger({ options: { ignoreDuplicates: true } }, {}, `c2p-dup-${Date.now()}`);
		expect((await trigger.call({ body: [clik2payEvent()], headers: auth })).items).toHaveLength(1);
		const again = await trigger.call({ body: clik2payEvent(), headers: auth });
		expect(again.status).toBe(200);
		expect(again.items).toBeNull();
		const mixed = await trigger.call({
			body: [clik2payEvent(), clik2payEvent({ eventType: 'PAYMENT-COMPLETED' }, { status: 'SETTLED' })],
			headers: auth,
		});
		expect(mixed.items?.map((item) => item.resource.status)).toEqual(['SETTLED']);
	});
});

describe('Clik2pay Trigger: Confirm with API against the simulator', () => {
	/** @type {import('../../simulator').Simulator} */
	let sim;
	beforeEach(async () => {
		sim = await startSimulator({ port: 0 });
	});
	afterEach(async () => {
		await sim.stop();
	});

	test('the payment request is fetched with the credential (token + API key); a 404 is reported, the event still emitted', async () => {
		const trigger = clik2payTrigger(
			{ options: { confirmWithApi: true } },
			{ authUrl: sim.clik2payAuthUrl, baseUrl: sim.clik2payBaseUrl },
		);
		const call = await trigger.call({ body: [clik2payEvent()], headers: { authorization: GOOD_AUTH } });
		expect(call.items).toHaveLength(1);
		expect(call.items?.[0]).toMatchObject({ eventType: 'PAYMENT-COMPLETED', confirmed: false });
		expect(call.items?.[0].confirmationError).toMatch(/^Clik2pay GET \/payment-requests\/8ecd810d-c0e2-40a6-8ab9-da12d72a3d6a failed: HTTP 404/);
		expect(JSON.stringify(call.items)).not.toMatch(/sim-pass|sim-c2p-api-key|Bearer/);
		const counts = sim.stats().counts;
		expect(counts['clik2pay POST /oauth2/token'].byStatus['200']).toBe(1);
		expect(counts['clik2pay GET /payment-requests/:id'].byStatus['404']).toBe(1);
	});

	test('a resource id that is not a Clik2pay ID is not looked up (no "..", "/" or "?" in the path)', async () => {
		const trigger = clik2payTrigger({ options: { confirmWithApi: true } }, { authUrl: sim.clik2payAuthUrl, baseUrl: sim.clik2payBaseUrl });
		for (const id of ['..', '../payments', 'a/b', 'id?x=1', '-abc', 'x'.repeat(65)]) {
			const call = await trigger.call({ body: [clik2payEvent({}, { id })], headers: { authorization: GOOD_AUTH } });
			expect(call.threw).toBeUndefined();
			expect(call.items?.[0]).toMatchObject({ confirmed: false, confirmationError: 'reference is not valid for a lookup' });
		}
		expect(sim.stats().totalRequests).toBe(0);
	});

	test('non payment-request resources are not looked up', async () => {
		const trigger = clik2payTrigger({ options: { confirmWithApi: true } }, { authUrl: sim.clik2payAuthUrl, baseUrl: sim.clik2payBaseUrl });
		const call = await trigger.call({ body: clik2payEvent({ resourceType: 'payment' }), headers: { authorization: GOOD_AUTH } });
		expect(call.items?.[0]).toMatchObject({ confirmed: false, confirmationError: expect.stringMatching(/cannot be looked up/) });
		expect(sim.stats().totalRequests).toBe(0);
	});
});
