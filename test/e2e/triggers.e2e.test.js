// @ts-check
/**
 * Payment webhooks into real n8n (every pinned version): the triggers' workflows are activated,
 * n8n is started, and the simulator fires signed, unsigned, forged, malformed and unsubscribed
 * webhooks at the production URLs. Exactly the genuine ones may become executions.
 */
'use strict';

const { startSimulator } = require('../../simulator');
const { computeChecksum } = require('../../dist/nodes/ClickPesa/transport/checksum');
const { N8nInstance, packPackage, removePackedTarballs, nodeOutput, waitFor } = require('./support/n8n');
const { pinnedN8nVersions } = require('./support/versions');
const { ourNode, simulatorCredentials } = require('./workflows');

const MINUTE = 60_000;
const CHECKSUM_KEY = 'e2e-checksum-key';
const WEBHOOK_USER = 'clik2pay-hooks';
const WEBHOOK_PASSWORD = 'e2e-hook-password';

/** Trigger → Set "Received": a workflow n8n starts on a webhook. */
function triggerWorkflow(id, triggerType, webhookId, parameters) {
	const trigger = { ...ourNode('Trigger', triggerType, parameters), webhookId };
	const received = {
		id: `${webhookId.slice(0, 30)}ffffff`,
		name: 'Received',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [220, 0],
		parameters: {},
	};
	return {
		id,
		name: `E2E ${id}`,
		active: false,
		nodes: [trigger, received],
		connections: { Trigger: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** @type {string} */
let tarball;
beforeAll(async () => {
	tarball = await packPackage();
}, 5 * MINUTE);
afterAll(() => removePackedTarballs());

describe.each(pinnedN8nVersions())('payment webhooks into n8n %s', (version) => {
	let sim;
	/** @type {N8nInstance} */
	let n8n;

	/** Finished executions of one workflow, oldest first, once their number has stopped changing. */
	const settledExecutions = async (workflowId, expected) => {
		await waitFor(async () => (await n8n.executions()).filter((row) => row.workflowId === workflowId).length >= expected, {
			timeoutMs: 60_000,
			what: `${expected} executions of ${workflowId}`,
		});
		await new Promise((resolve) => setTimeout(resolve, 2000)); // nothing more may arrive
		return (await n8n.executions()).filter((row) => row.workflowId === workflowId).sort((a, b) => Number(a.id) - Number(b.id));
	};

	beforeAll(async () => {
		sim = await startSimulator({ port: 0, clickpesa: { customerDelayMs: null, checksumKey: CHECKSUM_KEY } });
		n8n = await N8nInstance.create({ version, tarball });
		await n8n.start();
		await sim.configure({
			clickpesa: { webhookUrl: n8n.webhookUrl('clickpesa') },
			clik2pay: { webhookUrl: n8n.webhookUrl('clik2pay'), webhookUsername: WEBHOOK_USER, webhookPassword: WEBHOOK_PASSWORD },
		});
		const credentials = simulatorCredentials(sim, { checksumSecret: CHECKSUM_KEY });
		Object.assign(credentials[1].data, { webhookUsername: WEBHOOK_USER, webhookPassword: WEBHOOK_PASSWORD });
		await n8n.importCredentials(credentials);
		await n8n.importWorkflow([
			triggerWorkflow('e2eHookClickPesa', 'clickPesaTrigger', '3f0e7a52-1c1d-4b7e-9a55-0c5e2a1b0001', {
				path: 'clickpesa',
				events: ['PAYMENT RECEIVED', 'PAYMENT FAILED'],
				options: {},
			}),
			triggerWorkflow('e2eHookClik2pay', 'clik2payTrigger', '3f0e7a52-1c1d-4b7e-9a55-0c5e2a1b0002', {
				path: 'clik2pay',
				events: ['PAYMENT-COMPLETED', 'PAYMENT-FAILED'],
				options: {},
			}),
		]);
		await n8n.activate('e2eHookClickPesa');
		await n8n.activate('e2eHookClik2pay');
		await n8n.waitForWebhook('clickpesa');
	}, 15 * MINUTE);

	afterAll(async () => {
		await n8n?.destroy();
		await sim?.stop();
	}, 2 * MINUTE);

	test('ClickPesa: only genuinely signed, subscribed events start the workflow', async () => {
		const send = async (order) => (await sim.sendClickPesaWebhook(order)).status;
		expect(await send({})).toBe(200); // signed with the checksum key (body)
		expect(await send({ signature: 'header' })).toBe(200); // signed, checksum in a header
		expect(await send({ signature: 'none' })).toBe(401);
		expect(await send({ signature: 'wrong-key' })).toBe(401);
		expect(await send({ signature: 'canonical', tamper: { collectedAmount: '9999999' } })).toBe(401);
		expect(await send({ signature: 'legacy', tamper: { orderReference: 'OTHER1' } })).toBe(401);
		expect([400, 422]).toContain(await send({ rawBody: '{"event": "PAYMENT RECEIVED", "data": ' }));
		expect(await send({ rawBody: '"just a string"', headers: { 'content-type': 'application/json' } })).toBe(400);
		expect(await send({ event: 'DEPOSIT RECEIVED' })).toBe(200); // not subscribed: acknowledged, ignored

		// The full path: a USSD push the simulated customer accepts → signed PAYMENT RECEIVED.
		const token = await (await fetch(`${sim.clickpesaBaseUrl}/generate-token`, { method: 'POST', headers: { 'client-id': 'SIMCLIENTID', 'api-key': 'sim-api-key' } })).json();
		const push = { amount: '4200', currency: 'TZS', orderReference: `HOOK${Date.now()}`, phoneNumber: '255712345678' };
		const initiated = await fetch(`${sim.clickpesaBaseUrl}/payments/initiate-ussd-push-request`, {
			method: 'POST',
			headers: { authorization: token.token, 'content-type': 'application/json' },
			body: JSON.stringify({ ...push, checksum: computeChecksum(CHECKSUM_KEY, push) }),
		});
		expect(initiated.status).toBe(200);
		const completed = await sim.completePayment(push.orderReference, 'SUCCESS');
		expect(completed.webhook.status).toBe(200);

		const executions = await settledExecutions('e2eHookClickPesa', 3);
		expect(executions).toHaveLength(3);
		expect(executions.every((row) => row.status === 'success' && row.mode === 'webhook')).toBe(true);
		const last = nodeOutput(await n8n.executionData(executions[2].id), 'Trigger');
		expect(last).toEqual([expect.objectContaining({ event: 'PAYMENT RECEIVED', verified: true })]);
		expect(last[0].data).toMatchObject({ orderReference: push.orderReference, status: 'SUCCESS', collectedAmount: '4200' });
	}, 5 * MINUTE);

	test('Clik2pay: Basic auth checked, object or array bodies, one item per selected event', async () => {
		const event = (eventType, status) => ({
			message: 'e2e',
			eventType,
			resourceType: 'payment-request',
			resource: { id: `8ecd810d-c0e2-40a6-8ab9-${String(Date.now()).slice(-12)}`, amount: 1, type: 'EBILL', status },
		});
		const send = async (order) => (await sim.sendClik2payWebhook(order)).status;
		expect(await send({ body: event('PAYMENT-COMPLETED', 'PAID') })).toBe(200);
		expect(await send({ body: [event('PAYMENT-COMPLETED', 'PAID'), event('PAYMENT-FAILED', 'FAILED'), event('PAYMENT-LINK-FOLLOWED', 'ACTIVE')] })).toBe(200);
		expect(await send({ auth: 'none', body: [event('PAYMENT-COMPLETED', 'PAID')] })).toBe(401);
		expect(await send({ auth: 'wrong', body: [event('PAYMENT-COMPLETED', 'PAID')] })).toBe(403);
		expect(await send({ body: [event('PAYMENT-LINK-FOLLOWED', 'ACTIVE')] })).toBe(200); // not selected
		expect([400, 422]).toContain(await send({ rawBody: '[{"eventType": ' }));

		const executions = await settledExecutions('e2eHookClik2pay', 2);
		expect(executions).toHaveLength(2);
		const second = nodeOutput(await n8n.executionData(executions[1].id), 'Trigger');
		expect(second.map((item) => item.eventType)).toEqual(['PAYMENT-COMPLETED', 'PAYMENT-FAILED']);
	}, 5 * MINUTE);
});


