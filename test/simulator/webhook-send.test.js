'use strict';

const { startSimulator } = require('../../simulator');
const { canonicalChecksum, legacyChecksum } = require('../../simulator/clickpesa/checksum');
const { control, startWebhookReceiver } = require('./helpers');

const KEY = 'sim-webhook-key';

describe('simulator: POST /__control/clickpesa/webhooks/send', () => {
	let simulator;
	let receiver;
	beforeEach(async () => {
		receiver = await startWebhookReceiver(200);
		simulator = await startSimulator({ port: 0, clickpesa: { checksumKey: KEY, webhookUrl: receiver.url } });
	});
	afterEach(async () => {
		await simulator.stop();
		await receiver.close();
	});

	test('by default a PAYMENT RECEIVED signed like ClickPesa (body checksum, canonical)', async () => {
		const response = await control(simulator).post('/clickpesa/webhooks/send', {});
		expect(response.status).toBe(200);
		expect(response.body).toMatchObject({ provider: 'clickpesa', event: 'PAYMENT RECEIVED', status: 200, error: null });
		const [{ body, headers }] = await receiver.waitFor(1);
		expect(headers['content-type']).toBe('application/json');
		expect(body).toMatchObject({ event: 'PAYMENT RECEIVED', checksumMethod: 'canonical', data: { status: 'SUCCESS', collectedCurrency: 'TZS' } });
		expect(body.checksum).toBe(canonicalChecksum(KEY, body));
		expect(simulator.webhookDeliveries()).toHaveLength(1);
	});

	test('custom event and data, the checksum in a header, legacy, wrong key and tampered forgeries', async () => {
		const data = { id: 'P1', status: 'REVERSED', orderReference: 'PO1', amount: '500.00' };
		const send = (order) => control(simulator).post('/clickpesa/webhooks/send', order);
		await send({ event: 'PAYOUT REVERSED', data, signature: 'header' });
		await send({ data, signature: 'legacy', tamper: { amount: '9999999' } });
		await send({ data, signature: 'wrong-key' });
		await send({ data, signature: 'none', headers: { 'x-extra': 'yes' } });
		const [header, legacy, wrongKey, unsigned] = await receiver.waitFor(4);
		expect(header.body).toEqual({ event: 'PAYOUT REVERSED', data });
		expect(header.headers['x-clickpesa-checksum']).toBe(canonicalChecksum(KEY, { event: 'PAYOUT REVERSED', data }));
		expect(legacy.body).toMatchObject({ checksumMethod: 'legacy', data: { amount: '9999999' } });
		// The legacy checksum was made before tampering, and still fits: it never covered `data`.
		expect(legacy.body.checksum).toBe(legacyChecksum(KEY, legacy.body));
		expect(wrongKey.body.checksum).not.toBe(canonicalChecksum(KEY, wrongKey.body));
		expect(unsigned.body.checksum).toBeUndefined();
		expect(unsigned.headers['x-extra']).toBe('yes');
	});

	test('a raw body is sent verbatim', async () => {
		await control(simulator).post('/clickpesa/webhooks/send', { rawBody: '{"event": "PAYMENT RECEIVED", ' });
		const [{ text }] = await receiver.waitFor(1);
		expect(text).toBe('{"event": "PAYMENT RECEIVED", ');
	});

	test('refusals: no URL (409), signing without a key (409), unknown fields and bad types (400)', async () => {
		const send = (order) => control(simulator).post('/clickpesa/webhooks/send', order);
		expect((await send({ signature: 'sha1' })).status).toBe(400);
		expect((await send({ data: [1] })).status).toBe(400);
		expect((await send({ colour: 'red' })).status).toBe(400);
		simulator.configure({ clickpesa: { checksumKey: null } });
		expect((await send({ signature: 'canonical' })).status).toBe(409);
		expect((await send({})).body).toMatchObject({ status: 200 });
		const [{ body }] = await receiver.waitFor(1);
		expect(body.checksum).toBeUndefined();
		simulator.configure({ clickpesa: { webhookUrl: null } });
		expect((await send({})).status).toBe(409);
	});
});

describe('simulator: POST /__control/clik2pay/webhooks/send', () => {
	let simulator;
	let receiver;
	beforeEach(async () => {
		receiver = await startWebhookReceiver(200);
		simulator = await startSimulator({
			port: 0,
			clik2pay: { webhookUrl: receiver.url, webhookUsername: 'hook-user', webhookPassword: 'hook-pass' },
		});
	});
	afterEach(async () => {
		await simulator.stop();
		await receiver.close();
	});

	test('valid, missing and wrong Basic auth; the default body is a one-event array', async () => {
		const send = (order) => control(simulator).post('/clik2pay/webhooks/send', order);
		expect((await send({})).body).toMatchObject({ provider: 'clik2pay', event: 'PAYMENT-COMPLETED', status: 200 });
		await send({ auth: 'none', body: { eventType: 'PAYMENT-FAILED', resource: { id: 'x' } } });
		await send({ auth: 'wrong', rawBody: 'not json' });
		const [valid, none, wrong] = await receiver.waitFor(3);
		expect(valid.headers.authorization).toBe(`Basic ${Buffer.from('hook-user:hook-pass').toString('base64')}`);
		expect(valid.body).toEqual([expect.objectContaining({ eventType: 'PAYMENT-COMPLETED', resourceType: 'payment-request', resource: expect.objectContaining({ status: 'PAID' }) })]);
		expect(none.headers.authorization).toBeUndefined();
		expect(none.body).toEqual({ eventType: 'PAYMENT-FAILED', resource: { id: 'x' } });
		expect(wrong.headers.authorization).not.toBe(valid.headers.authorization);
		expect(wrong.text).toBe('not json');
	});

	test('without webhook credentials only auth "none" can be sent', async () => {
		simulator.configure({ clik2pay: { webhookUsername: null } });
		const send = (order) => control(simulator).post('/clik2pay/webhooks/send', order);
		expect((await send({})).status).toBe(409);
		expect((await send({ auth: 'none' })).status).toBe(200);
		expect((await send({ auth: 'maybe' })).status).toBe(400);
	});
});
