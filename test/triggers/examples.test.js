// @ts-check
const fs = require('node:fs');
const path = require('node:path');

const { computeChecksum } = require('../../dist/nodes/ClickPesa/transport/checksum');
const { CredentialStore } = require('../support/credentialStore');
const { webhookTrigger } = require('../support/runWebhook');
const { paymentReceivedSample } = require('./helpers');

const read = (file) => JSON.parse(fs.readFileSync(path.join(__dirname, '../../examples', file), 'utf8'));

describe('example workflows for the triggers', () => {
	test('the webhook example: fixed webhookId, predictable production URL, PAYMENT RECEIVED → Mark order paid', async () => {
		const workflow = read('mark-order-paid-on-webhook.json');
		expect(workflow.id.length).toBeLessThanOrEqual(21);
		const [trigger, markPaid] = workflow.nodes;
		expect(trigger.type).toBe('n8n-nodes-clickpesa-clik2pay.clickPesaTrigger');
		expect(trigger.webhookId).toMatch(/^[0-9a-f-]{36}$/);
		expect(markPaid.name).toBe('Mark order paid');
		const assigned = markPaid.parameters.assignments.assignments.map((a) => a.name);
		expect(assigned).toEqual(expect.arrayContaining(['orderReference', 'amount', 'paidAt']));

		const credentials = new CredentialStore();
		credentials.set('clickPesaApi', { clientId: 'c', apiKey: 'k', checksumSecret: 'example-key', baseUrl: 'http://127.0.0.1:9', token: '' });
		const node = webhookTrigger({
			type: 'clickPesaTrigger',
			parameters: trigger.parameters,
			credentials,
			credentialType: 'clickPesaApi',
			webhookId: trigger.webhookId,
		});
		expect(node.productionUrl()).toBe('http://127.0.0.1/webhook/clickpesa');

		const received = paymentReceivedSample();
		const call = await node.call({ body: { ...received, checksum: computeChecksum('example-key', received) } });
		expect(call.items?.[0].data).toMatchObject({ orderReference: 'ORD123456', collectedAmount: '10000', updatedAt: expect.any(String) });
		const failed = { event: 'PAYMENT FAILED', data: { id: 'F', status: 'FAILED', orderReference: 'ORD1' } };
		const ignored = await node.call({ body: { ...failed, checksum: computeChecksum('example-key', failed) } });
		expect(ignored.status).toBe(200);
		expect(ignored.items).toBeNull();
	});
});
