// @ts-check
/**
 * Queue mode (Redis, main, 2 workers: each a real n8n process with the package installed): a
 * webhook-started execution of n8n's own nodes, and one of our node, run on a worker; then against
 * one ClickPesa limit per IP address: two executions of 70 USSD pushes started together, the
 * credential saying that 2 n8n processes share the address. Together they send 140 pushes and 2
 * token calls, more than ClickPesa's 120 per minute, and meet no 429 because each worker keeps to
 * its share. Then a batch of 200 pushes whose worker is killed half-way is simply run again: every
 * customer gets one prompt, and the second run says which pushes it found and which it sent.
 * Also the credential's daily payout cap across the two workers: two executions started together
 * try to pay out twice the cap, and ClickPesa's list plus its payout cooldown hold it.
 */
'use strict';

const { startSimulator } = require('../../simulator');
const { N8nInstance, packPackage, removePackedTarballs, nodeOutput, httpRequest, waitFor } = require('./support/n8n');
const { startRedis } = require('./support/redis');
const { pinnedN8nVersions } = require('./support/versions');
const { ourNode, webhookNode, setNode, orderStart, simulatorCredentials } = require('./workflows');
const { DAILY_CAP, PAYOUT_AMOUNT, CAP_REFUSAL, startCappedSimulator, cappedCredential, cappedPayoutNode, paidOut } = require('./support/dailyCap');

const MINUTE = 60_000;
const PUSHES_PER_EXECUTION = 70;
const RERUN_PUSHES = 200;
/** The batch both runs send: the same 200 order references, RERUNB1N0 … RERUNB1N199. */
const RERUN_BATCH = 'RERUNB1';
/** The worker is killed once the simulator has answered this many pushes of the first run. */
const KILL_AFTER_PUSHES = 60;
/** Simulator latency per request: with 25 pushes in flight, 200 take about 8 s, so the kill lands mid-batch. */
const RERUN_LATENCY_MS = 1000;
const PUSH_ROUTE = 'clickpesa POST /payments/initiate-ussd-push-request';
const LOOKUP_ROUTE = 'clickpesa GET /payments/:orderReference';
/** The re-run batch has its own simulator and credential (pacing off), so the paced tests above share nothing with it. */
const RERUN_CREDENTIAL = { id: 'simClickPesaRerun', name: 'ClickPesa (re-run simulator)' };
/** The daily-cap simulator's payout cooldown (ClickPesa's is 60 s): what keeps the two workers' creates apart. */
const CAP_COOLDOWN_MS = 1500;
const queueVersions = pinnedN8nVersions().filter((version) => Number(version.split('.')[0]) >= 2);

/**
 * Webhook (POST `path`) → Code: `count` orders whose references start with the body's `field`
 * → Initiate USSD Push (If the Reference Was Already Used left at its default).
 * @param {{ id: string, name: string, path: string, field: string, count: number, ids: string, webhookId: string, credential?: { id: string, name: string } }} spec
 * `ids`: the node ids' prefix, one digit short of the 12-digit tail
 */
function batchPushWorkflow({ id, name, path, field, count, ids, webhookId, credential }) {
	const push = ourNode('Push', 'clickPesa', { resource: 'payment', operation: 'initiateUssdPush', amount: 1000, currency: 'TZS', orderReference: '={{ $json.reference }}', phoneNumber: '0712 345 678' });
	return {
		id,
		name,
		active: false,
		nodes: [
			{ id: `${ids}1`, name: 'Batch', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId, parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} } },
			{
				id: `${ids}2`,
				name: 'Orders',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: { jsCode: `const ${field} = $input.first().json.body.${field};\nreturn Array.from({ length: ${count} }, (_, i) => ({ json: { reference: ${field} + 'N' + i } }));` },
			},
			{ ...push, ...(credential ? { credentials: { clickPesaApi: credential } } : {}), position: [400, 0] },
		],
		connections: {
			Batch: { main: [[{ node: 'Orders', type: 'main', index: 0 }]] },
			Orders: { main: [[{ node: 'Push', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

const pushWorkflow = batchPushWorkflow({
	id: 'e2eQueuePushes',
	name: 'E2E queue pushes',
	path: 'queue-pushes',
	field: 'prefix',
	count: PUSHES_PER_EXECUTION,
	ids: '9a1e0000-0000-4000-8000-00000000000',
	webhookId: '9a1e0000-0000-4000-8000-0000000000aa',
});

/** Webhook "order" → Set (reference, resume URL) → Initiate USSD Push → Wait for Payment (callback) → Not Paid / Paid. */
const waitWorkflow = {
	id: 'e2eQueueWait',
	name: 'E2E queue wait',
	active: false,
	nodes: [
		...orderStart('queue-order', '9a1e0000-0000-4000-8000-0000000000bb'),
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

/** Webhook → n8n's own Set node: queue mode itself works (the execution runs on a worker). */
const setOnWorkerWorkflow = {
	id: 'e2eQueueSmoke',
	name: 'E2E queue smoke',
	active: false,
	nodes: [
		webhookNode('Webhook', 'queue-smoke', '9a1e0000-0000-4000-8000-0000000000dd', '9a1e0000-0000-4000-8000-000000000031'),
		setNode('Set', { hello: 'world' }, '9a1e0000-0000-4000-8000-000000000032'),
	],
	connections: { Webhook: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
	pinData: {},
};

/** Webhook → Get Many (3 payments): our node's read path on a worker. */
const listOnWorkerWorkflow = {
	id: 'e2eQueueList',
	name: 'E2E queue list',
	active: false,
	nodes: [
		webhookNode('Run', 'queue-list', '9a1e0000-0000-4000-8000-0000000000ee', '9a1e0000-0000-4000-8000-000000000041'),
		{ ...ourNode('List', 'clickPesa', { resource: 'payment', operation: 'getMany', returnAll: false, limit: 3 }), position: [220, 0] },
	],
	connections: { Run: { main: [[{ node: 'List', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
	pinData: {},
};

/** The re-run batch: 200 orders of one batch, on the re-run simulator's credential. */
const rerunWorkflow = batchPushWorkflow({
	id: 'e2eQueueRerun',
	name: 'E2E queue re-run',
	path: 'queue-rerun',
	field: 'batch',
	count: RERUN_PUSHES,
	ids: '9a1e0000-0000-4000-8000-00000000002',
	webhookId: '9a1e0000-0000-4000-8000-0000000000cc',
	credential: RERUN_CREDENTIAL,
});

/** Webhook (POST queue-cap, body.prefix) → 2 payouts of 10,000 under the prefix's references → Pay Out on the capped credential. */
const capWorkflow = {
	id: 'e2eQueueCap',
	name: 'E2E queue daily cap',
	active: false,
	nodes: [
		webhookNode('Run', 'queue-cap', '9a1e0000-0000-4000-8000-0000000000ff', '9a1e0000-0000-4000-8000-000000000051'),
		{
			id: '9a1e0000-0000-4000-8000-000000000052',
			name: 'Payouts',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, 0],
			parameters: { jsCode: `const prefix = $input.first().json.body.prefix;\nreturn [0, 1].map((i) => ({ json: { ref: prefix + 'N' + i, amount: ${PAYOUT_AMOUNT} } }));` },
		},
		{ ...cappedPayoutNode(ourNode, CAP_COOLDOWN_MS), id: '9a1e0000-0000-4000-8000-000000000053', position: [400, 0] },
	],
	connections: {
		Run: { main: [[{ node: 'Payouts', type: 'main', index: 0 }]] },
		Payouts: { main: [[{ node: 'Pay Out', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
	pinData: {},
};

let tarball;
beforeAll(async () => {
	tarball = await packPackage();
}, 5 * MINUTE);
afterAll(() => removePackedTarballs());

// Queue mode needs n8n 2.x: with only 1.x selected the suite is skipped (jest refuses an empty .each).
const eachQueueVersion = queueVersions.length > 0 ? describe.each(queueVersions) : describe.skip.each(['(no n8n 2.x selected)']);

eachQueueVersion('queue mode with 2 workers on n8n %s', (version) => {
	let sim;
	let rerunSim;
	let capSim;
	let redis;
	/** @type {N8nInstance} */
	let n8n;

	beforeAll(async () => {
		sim = await startSimulator({ port: 0, clickpesa: { customerDelayMs: null, rateLimitPerMinute: 120 } });
		// No rate limit, and customers who never answer: every push stays PROCESSING.
		rerunSim = await startSimulator({ port: 0, latencyMs: RERUN_LATENCY_MS, clickpesa: { customerDelayMs: null, rateLimitPerMinute: 0 } });
		capSim = await startCappedSimulator(CAP_COOLDOWN_MS);
		await sim.seedPayments({ count: 3, status: 'SUCCESS', prefix: 'QUEUE' });
		redis = await startRedis();
		n8n = await N8nInstance.create({ version, tarball, queue: { redisPort: redis.port } });
		// One execution per worker at a time, so the two executions run in two processes.
		// Generous start-up waits: the machine may be shared and busy.
		await Promise.all([n8n.startWorker({ concurrency: 1, timeoutMs: 5 * MINUTE }), n8n.startWorker({ concurrency: 1, timeoutMs: 5 * MINUTE }), n8n.start({ timeoutMs: 5 * MINUTE })]);
		const [clickPesa, ...others] = simulatorCredentials(sim, { rateLimitPerMinute: 120, processesSharingIp: 2 });
		const rerunClickPesa = { ...clickPesa, ...RERUN_CREDENTIAL, data: { ...clickPesa.data, baseUrl: rerunSim.clickpesaBaseUrl, rateLimitPerMinute: 0, processesSharingIp: 1 } };
		await n8n.importCredentials([clickPesa, rerunClickPesa, cappedCredential(clickPesa, capSim), ...others]);
		const workflows = [setOnWorkerWorkflow, listOnWorkerWorkflow, pushWorkflow, waitWorkflow, rerunWorkflow, capWorkflow];
		await n8n.importWorkflow(workflows);
		for (const workflow of workflows) await n8n.activate(workflow.id);
		for (const path of ['queue-smoke', 'queue-list', 'queue-pushes', 'queue-rerun', 'queue-cap']) await n8n.waitForWebhook(path);
	}, 15 * MINUTE);

	afterAll(async () => {
		await n8n?.destroy();
		await redis?.stop();
		await sim?.stop();
		await rerunSim?.stop();
		await capSim?.stop();
	}, 2 * MINUTE);

	/**
	 * Calls the webhook at `path` twice at once (body.prefix: each prefix with a time stamp) and waits
	 * until both executions of the workflow finished, successfully.
	 * @param {string} path @param {string[]} prefixes @param {string} workflowId
	 */
	async function startTwoTogether(path, prefixes, workflowId) {
		const started = await Promise.all(prefixes.map((prefix) => httpRequest(n8n.webhookUrl(path), { method: 'POST', body: { prefix: `${prefix}${Date.now().toString(36).toUpperCase()}` } })));
		expect(started.map((response) => response.status)).toEqual([200, 200]);
		let executions = [];
		await waitFor(
			async () => {
				executions = (await n8n.executions()).filter((row) => row.workflowId === workflowId && row.finished);
				return executions.length === 2;
			},
			{ timeoutMs: 4 * MINUTE, what: `both executions of ${workflowId} to finish` },
		);
		expect(executions.map((row) => row.status)).toEqual(['success', 'success']);
		return executions;
	}

	test('a webhook-started execution of n8n’s own nodes runs on a worker', async () => {
		const response = await httpRequest(n8n.webhookUrl('queue-smoke'), { method: 'POST', body: { ping: 1 } });
		expect(response.status).toBe(200);
		const execution = await n8n.waitForExecution({ workflowId: setOnWorkerWorkflow.id, timeoutMs: 2 * MINUTE });
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook', finished: true });
		expect(nodeOutput(await n8n.executionData(execution.id), 'Set')).toEqual([expect.objectContaining({ hello: 'world' })]);
		expect(n8n.workerLog(0) + n8n.workerLog(1)).toMatch(new RegExp(`Worker started execution ${execution.id}\\b`));
	}, 5 * MINUTE);

	test('our node runs on a worker: Get Many lists the 3 seeded payments with one list call', async () => {
		const response = await httpRequest(n8n.webhookUrl('queue-list'), { method: 'POST', body: { ping: 1 } });
		expect(response.status).toBe(200);
		const execution = await n8n.waitForExecution({ workflowId: listOnWorkerWorkflow.id, timeoutMs: 2 * MINUTE });
		expect(execution.status).toBe('success');
		expect(nodeOutput(await n8n.executionData(execution.id), 'List')).toHaveLength(3);
		expect(sim.stats().counts['clickpesa GET /payments/all'].total).toBe(1);
		expect(n8n.workerLog(0) + n8n.workerLog(1)).toMatch(new RegExp(`Worker started execution ${execution.id}\\b`));
	}, 5 * MINUTE);

	test(`2 executions × ${PUSHES_PER_EXECUTION} pushes on 2 workers, the credential saying 2 processes: all sent, no 429`, async () => {
		const executions = await startTwoTogether('queue-pushes', ['QA', 'QB'], pushWorkflow.id);
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

	test('the daily payout cap holds across 2 workers: 2 executions started together pay out twice the cap, 2 of 4 payouts are sent', async () => {
		const executions = await startTwoTogether('queue-cap', ['CA', 'CB'], capWorkflow.id);
		const workerLogs = n8n.workerLog(0) + n8n.workerLog(1);
		for (const row of executions) expect(workerLogs).toMatch(new RegExp(`Worker started execution ${row.id}\\b`));

		const items = [];
		for (const row of executions) items.push(...nodeOutput(await n8n.executionData(row.id), 'Pay Out'));
		expect(items).toHaveLength(4);
		const sent = items.filter((item) => item.error === undefined);
		const refused = items.filter((item) => item.error !== undefined);
		// 10,300 debited per payout: two fit under 25,000, a third would not, whichever worker sends it.
		expect(sent.map((item) => item.status)).toEqual(['AUTHORIZED', 'AUTHORIZED']);
		expect(refused).toHaveLength(2);
		for (const item of refused) {
			expect(item.error).toMatch(CAP_REFUSAL);
			expect(item.error).toContain('20,600 TZS so far today');
		}

		// Through the simulator: exactly the two sent payouts exist, never more than the cap.
		const after = paidOut(capSim);
		expect(after.references.sort()).toEqual(sent.map((item) => item.orderReference).sort());
		expect(after.debited).toBe(2 * (PAYOUT_AMOUNT + 300));
		expect(after.debited).toBeLessThanOrEqual(DAILY_CAP);
	}, 5 * MINUTE);

	// Runs last: it kills one of the two workers.
	test(`a batch of ${RERUN_PUSHES} pushes whose worker is killed half-way, run again: every reference paid for once, the second run says found or sent`, async () => {
		const references = Array.from({ length: RERUN_PUSHES }, (_, i) => `${RERUN_BATCH}N${i}`);
		const pushes = (/** @type {string} */ status) => rerunSim.stats().counts[PUSH_ROUTE]?.byStatus[status] ?? 0;
		const logLengths = n8n.workers.map((_, index) => n8n.workerLog(index).length);

		const started = await httpRequest(n8n.webhookUrl('queue-rerun'), { method: 'POST', body: { batch: RERUN_BATCH } });
		expect(started.status).toBe(200);
		const { worker, killedId } = await waitFor(
			() => {
				for (const [index, length] of logLengths.entries()) {
					const match = /Worker started execution (\d+)\b/.exec(n8n.workerLog(index).slice(length));
					if (match) return { worker: index, killedId: Number(match[1]) };
				}
				return undefined;
			},
			{ timeoutMs: 2 * MINUTE, what: 'a worker to start the first run' },
		);
		await waitFor(() => pushes('200') >= KILL_AFTER_PUSHES, { timeoutMs: 3 * MINUTE, intervalMs: 50, what: `${KILL_AFTER_PUSHES} pushes of the first run` });
		const killed = await n8n.killWorker(worker);
		const answeredAtKill = pushes('200');
		expect(killed.signal).toBe('SIGKILL');

		// Pushes still in flight are processed or dropped within the latency; then the count holds still.
		let held = -1;
		const settled = waitFor(
			async () => {
				const count = rerunSim.overview().clickpesa.payments.length;
				const still = count === held;
				held = count;
				return still;
			},
			{ timeoutMs: 2 * MINUTE, intervalMs: 3 * RERUN_LATENCY_MS, what: 'the simulator to stop receiving pushes of the killed run' },
		);
		// A replacement worker, as a restarted container would be.
		await Promise.all([settled, n8n.startWorker({ concurrency: 1, timeoutMs: 5 * MINUTE })]);
		const sentBefore = new Set(rerunSim.overview().clickpesa.payments.map((payment) => String(payment.orderReference)));
		expect(sentBefore.size).toBeGreaterThanOrEqual(answeredAtKill);
		expect(sentBefore.size).toBeLessThan(RERUN_PUSHES);
		const killedRun = (await n8n.executions()).find((row) => row.id === killedId);
		expect(killedRun?.finished).toBe(false);
		expect(killedRun?.status).not.toBe('success');

		const again = await httpRequest(n8n.webhookUrl('queue-rerun'), { method: 'POST', body: { batch: RERUN_BATCH } });
		expect(again.status).toBe(200);
		const rerun = await n8n.waitForExecution({ workflowId: rerunWorkflow.id, after: killedId, timeoutMs: 4 * MINUTE });
		expect(rerun.status).toBe('success');
		expect(n8n.workers.map((_, index) => n8n.workerLog(index)).join('\n')).toMatch(new RegExp(`Worker started execution ${rerun.id}\\b`));

		const output = nodeOutput(await n8n.executionData(rerun.id), 'Push');
		expect(output.map((item) => item.orderReference)).toEqual(references);
		const found = output.filter((item) => item.foundByReference === true);
		const sentNow = output.filter((item) => item.foundByReference === undefined);
		expect(found.map((item) => item.orderReference).sort()).toEqual([...sentBefore].sort());
		expect(found).toHaveLength(sentBefore.size);
		expect(sentNow).toHaveLength(RERUN_PUSHES - sentBefore.size);
		expect(sentNow.every((item) => item.status === 'PROCESSING' && !sentBefore.has(item.orderReference))).toBe(true);

		// One payment per reference: nothing sent twice, nothing missing.
		const payments = rerunSim.overview().clickpesa.payments;
		expect(payments).toHaveLength(RERUN_PUSHES);
		expect(new Set(payments.map((payment) => payment.orderReference))).toEqual(new Set(references));
		expect(payments.every((payment) => Number(payment.collectedAmount) === 1000 && payment.paymentPhoneNumber === '255712345678')).toBe(true);
		// Each reference found was refused once (409) and looked up once; ClickPesa created 200 payments in all.
		expect(pushes('200')).toBe(RERUN_PUSHES);
		expect(pushes('409')).toBe(sentBefore.size);
		expect(rerunSim.stats().counts[LOOKUP_ROUTE]?.byStatus['200']).toBe(sentBefore.size);
	}, 15 * MINUTE);
});
