// @ts-check
/**
 * The simulator's webhook sender → a local receiver → the trigger's webhook() with exactly the
 * headers and body text that arrived: ClickPesa's own signing (simulator code) is accepted, every
 * forgery the simulator can make is refused.
 */
const { startSimulator } = require('../../simulator');
const { startWebhookReceiver } = require('../simulator/helpers');
const { clickPesaTrigger, clik2payTrigger, WEBHOOK_USER, WEBHOOK_PASSWORD } = require('./helpers');

const KEY = 'shared-checksum-key';

describe('simulator webhooks through the triggers', () => {
	let sim;
	let receiver;
	beforeEach(async () => {
		receiver = await startWebhookReceiver(200);
		sim = await startSimulator({
			port: 0,
			clickpesa: { checksumKey: KEY, webhookUrl: receiver.url },
			clik2pay: { webhookUrl: receiver.url, webhookUsername: WEBHOOK_USER, webhookPassword: WEBHOOK_PASSWORD },
		});
	});
	afterEach(async () => {
		await sim.stop();
		await receiver.close();
	});

	/** Sends through the simulator and hands what arrived to the trigger. */
	async function deliver(trigger, send) {
		const before = receiver.received.length;
		await send();
		const arrived = (await receiver.waitFor(before + 1))[before];
		return await trigger.call({ body: arrived.text, headers: arrived.headers });
	}

	test.each([
		['canonical (body)', { signature: 'canonical' }, 'emit'],
		['canonical (header)', { signature: 'header' }, 'emit'],
		['legacy, tampered', { signature: 'legacy', tamper: { collectedAmount: '9999999' } }, 401],
		['canonical, tampered', { signature: 'canonical', tamper: { collectedAmount: '9999999' } }, 401],
		['another key', { signature: 'wrong-key' }, 401],
		['unsigned', { signature: 'none' }, 401],
		['not JSON', { rawBody: '{"event":' }, 400],
	])('ClickPesa %s', async (_name, order, expected) => {
		const trigger = clickPesaTrigger({}, { checksumSecret: KEY });
		const call = await deliver(trigger, () => sim.sendClickPesaWebhook(order));
		expect(call.threw).toBeUndefined();
		if (expected === 'emit') expect(call.items).toEqual([expect.objectContaining({ event: 'PAYMENT RECEIVED', verified: true })]);
		else {
			expect(call.status).toBe(expected);
			expect(call.items).toBeNull();
		}
	});

	test.each([
		['valid auth', { auth: 'valid' }, 'emit'],
		['no auth', { auth: 'none' }, 401],
		['wrong auth', { auth: 'wrong' }, 403],
		['valid auth, not JSON', { auth: 'valid', rawBody: 'nope' }, 400],
	])('Clik2pay %s', async (_name, order, expected) => {
		const call = await deliver(clik2payTrigger(), () => sim.sendClik2payWebhook(order));
		expect(call.threw).toBeUndefined();
		if (expected === 'emit') expect(call.items).toEqual([expect.objectContaining({ eventType: 'PAYMENT-COMPLETED' })]);
		else {
			expect(call.status).toBe(expected);
			expect(call.items).toBeNull();
		}
	});
});
