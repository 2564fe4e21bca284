// @ts-check
/**
 * Queue mode (Redis, main, 2 workers: each a real n8n process with the package installed) against
 * one ClickPesa limit per IP address: two executions of 70 USSD pushes started together, the
 * credential saying that 2 n8n processes share the address. Together they send 140 pushes and 2
 * token calls, more than ClickPesa's 120 per minute, and meet no 429 because each worker keeps to
 * its share.
 */
'use strict';

const { startSimulator } = require('../../simulator');
const { N8nInstance, packPackage, removePackedTarballs, nodeOutput, httpRequest, waitFor } = require('./support/n8n');
const { startRedis } = require('./support/redis');
const { pinnedN8nVersions } = require('./support/versions');
const { ourNode, simulatorCredentials } = require('./workflows');

const MINUTE = 60_000;
const PUSHES_PER_EXECUTION = 70;
const queueVersions = pinnedN8nVersions().filter((version) => Number(version.split('.')[0]) >= 2);

const pushWorkflow = {
	id: 'e2eQueuePushes',
	name: 'E2E queue pushes',
	active: false,
	nodes: [
		{ id: '9a1e0000-0000-4000-8000-000000000001', name: 'Batch', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: '9a1e0000-0000-4000-8000-0000000000aa', parameters: { httpMethod: 'POST', path: 'queue-pushes', responseMode: 'onReceived', options: {} } },
		{
			id: '9a1e0000-0000-4000-8000-000000000002',
			name: 'Orders',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, 0],
			parameters: { jsCode: `const prefix = $input.first().json.body.prefix;\nreturn Array.from({ length: ${PUSHES_PER_EXECUTION} }, (_, i) => ({ json: { reference: prefix + 'N' + i } }));` },
		},
		{ ...ourNode('Push', 'clickPesa', { resource: 'payment', operation: 'initiateUssdPush', amount: 1000, currency: 'TZS', orderReference: '={{ $json.reference }}', phoneNumber: '0712 345 678' }), position: [400, 0] },
	],
	connections: {
		Batch: { main: [[{ node: 'Orders', type: 'main', index: 0 }]] },
		Orders: { main: [[{ node: 'Push', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
	pinData: {},
};

/** Webhook "order" → Set (reference, resume URL) → Initiate USSD Push → Wait for Payment (callback) → Not Paid / Paid. */
const waitWorkflow = {
	id: 'e2eQueueWait',
	name: 'E2E queue wait',
	active: false,
	nodes: [
		{ id: '9a1e0000-0000-4000-8000-000000000011', name: 'Order', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: '9a1e0000-0000-4000-8000-0000000000bb', parameters: { httpMethod: 'POST', path: 'queue-order', responseMode: 'onReceived', options: {} } },
		{
			id: '9a1e0000-0000-4000-8000-000000000012',
			name: 'Resume URL',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [200, 0],
			parameters: {
				assignments: {
					assignments: [
						{ id: 'a1', name: 'orderReference', value: '={{ $json.body.orderReference }}', type: 'string' },
						{ id: 'a2', name: 'resumeUrl', value: '={{ $execution.resumeUrl }}', type: 'string' },
					],
				},
				options: {},
			},
		},
		{ ...ourNode('Push', 'clickPesa', { resource: 'payment', operation: 'initiateUssdPush', amount: 3000, currency: 'TZS', orderReference: '={{ $json.orderReference }}', phoneNumber: '0712 345 678' }), position: [400, 0] },
		{ ...ourNode('Wait', 'clickPesa', { resource: 'payment', operation: 'waitForPayment', waitMode: 'callback', orderReference: "={{ $('Resume URL').item.json.orderReference }}", deadlineHours: 24, options: {} }), position: [600, 0] },
		{ id: '9a1e0000-0000-4000-8000-000000000015', name: 'Not Paid', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [800, -100], parameters: {} },
		{ id: '9a1e0000-0000-4000-8000-000000000016', name: 'Paid', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [800, 100], parameters: {} },
	],
	connections: {
		Order: { main: [[{ node: 'Resume URL', type: 'main', index: 0 }]] },
		'Resume URL': { main: [[{ node: 'Push', type: 'main', index: 0 }]] },
		Push: { main: [[{ node: 'Wait', type: 'main', index: 0 }]] },
		Wait: { main: [[{ node: 'Not Paid', type: 'main', index: 0 }], [{ node: 'Paid', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
	pinData: {},
};

let tarball;
beforeAll(async () => {
	tarball = await packPackage();
}, 5 * MINUTE);
afterAll(() => removePackedTarballs());

describe.each(queueVersions)('queue mode with 2 workers on n8n %s', (version) => {
	let sim;
	let redis;
	/** @type {N8nInstance} */
	let n8n;

	beforeAll(async () => {
		sim = await startSimulator({ port: 0, clickpesa: { customerDelayMs: null, rateLimitPerMinute: 120 } });
		redis = await startRedis();
		n8n = await N8nInstance.create({ version, tarball, queue: { redisPort: redis.port } });
		await n8n.importCredentials(simulatorCredentials(sim, { rateLimitPerMinute: 120, processesSharingIp: 2 }));
		await n8n.importWorkflow([pushWorkflow, waitWorkflow]);
		await n8n.activate(pushWorkflow.id);
		await n8n.activate(waitWorkflow.id);
		// One execution per worker at a time, so the two executions run in two processes.
		await Promise.all([n8n.startWorker({ concurrency: 1 }), n8n.startWorker({ concurrency: 1 }), n8n.start()]);
		await n8n.waitForWebhook('queue-pushes');
	}, 15 * MINUTE);

	afterAll(async () => {
		await n8n?.destroy();
		await redis?.stop();
		await sim?.stop();
	}, 2 * MINUTE);

	test(`2 executions × ${PUSHES_PER_EXECUTION} pushes on 2 workers, the credential saying 2 processes: all sent, no 429`, async () => {
		const started = await Promise.all(
			['QA', 'QB'].map((prefix) => httpRequest(n8n.webhookUrl('queue-pushes'), { method: 'POST', body: { prefix: `${prefix}${Date.now().toString(36).toUpperCase()}` } })),
		);
		expect(started.map((response) => response.status)).toEqual([200, 200]);
		let executions = [];
		await waitFor(
			async () => {
				executions = (await n8n.executions()).filter((row) => row.workflowId === pushWorkflow.id && row.finished);
				return executions.length === 2;
			},
			{ timeoutMs: 4 * MINUTE, what: 'both executions to finish' },
		);
		expect(executions.map((row) => row.status)).toEqual(['success', 'success']);
		for (const row of executions) expect(nodeOutput(await n8n.executionData(row.id), 'Push')).toHaveLength(PUSHES_PER_EXECUTION);
		// Both ran on workers (queue mode), not on the main instance.
		const workerLogs = n8n.workerLog(0) + n8n.workerLog(1);
		for (const row of executions) expect(workerLogs).toMatch(new RegExp(`Worker started execution ${row.id}\\b`));
		const counts = sim.stats().counts;
		expect(counts['clickpesa POST /payments/initiate-ussd-push-request'].byStatus).toEqual({ 200: 2 * PUSHES_PER_EXECUTION });
		expect(counts['clickpesa POST /generate-token'].byStatus['429']).toBeUndefined();
	}, 6 * MINUTE);

	test('Wait for Payment, Resume on Callback: parked while unpaid, resumed on a worker once ClickPesa says paid', async () => {
		const orderReference = `QW${Date.now().toString(36).toUpperCase()}`;
		const started = await httpRequest(n8n.webhookUrl('queue-order'), { method: 'POST', body: { orderReference } });
		expect(started.status).toBe(200);
		let execution;
		await waitFor(
			async () => {
				execution = (await n8n.executions()).find((row) => row.workflowId === waitWorkflow.id && row.status === 'waiting');
				return Boolean(execution) && nodeOutput(await n8n.executionData(execution.id), 'Resume URL').length > 0;
			},
			{ timeoutMs: 2 * MINUTE, what: 'a waiting execution' },
		);
		const [{ resumeUrl }] = nodeOutput(await n8n.executionData(execution.id), 'Resume URL');
		const early = await httpRequest(resumeUrl, { method: 'POST', body: {} });
		expect(early.status).toBe(202);
		expect((await n8n.executions()).find((row) => row.id === execution.id)?.status).toBe('waiting');

		await sim.completePayment(orderReference, 'SUCCESS');
		expect((await httpRequest(resumeUrl, { method: 'POST', body: {} })).status).toBe(200);
		await waitFor(async () => (await n8n.executions()).find((row) => row.id === execution.id)?.status === 'success', { timeoutMs: 2 * MINUTE, what: 'the resumed execution' });
		const data = await n8n.executionData(execution.id);
		expect(nodeOutput(data, 'Paid')).toEqual([expect.objectContaining({ outcome: 'paid', orderReference, status: 'SUCCESS' })]);
		expect(data.resultData.runData['Not Paid']).toBeUndefined();
	}, 6 * MINUTE);
});
