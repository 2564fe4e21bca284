// @ts-check
/**
 * Smoke test against a real n8n, for every pinned version (scripts/toolchain.sh; E2E_N8N_VERSIONS
 * restricts): the packed package installs into <user folder>/.n8n/nodes and n8n loads it, `n8n
 * execute` runs a workflow, and (2.x) queue mode runs a webhook-started execution on a worker.
 * Needs a built dist/ (`npm run build`). KEEP_N8N=1 keeps the temp folders for inspection.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { N8nInstance, packPackage, removePackedTarballs, nodeOutput, httpRequest } = require('./support/n8n');
const { pinnedN8nVersions } = require('./support/versions');
const { startRedis } = require('./support/redis');

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const NODE_TYPE = `${PACKAGE.name}.clickPesa`;

const MINUTE = 60 * 1000;
const versions = pinnedN8nVersions();
/** Queue mode is exercised on 2.x only (the supported line). */
const queueVersions = versions.filter((version) => Number(version.split('.')[0]) >= 2);

/** @type {Record<string, number>} */
const timings = {};
/** @param {string} label @param {number} since */
const record = (label, since) => {
	timings[label] = Date.now() - since;
};

/** @param {string} id @param {object[]} nodes @param {object} connections */
const workflow = (id, nodes, connections) => ({
	id,
	name: `E2E ${id}`,
	active: false,
	nodes,
	connections,
	settings: { executionOrder: 'v1' },
	pinData: {},
});

const setNode = {
	id: 'b2d1f6f0-0000-4000-8000-000000000002',
	name: 'Set',
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	position: [220, 0],
	parameters: {
		assignments: {
			assignments: [{ id: 'c0ffee00-0000-4000-8000-000000000001', name: 'hello', value: 'world', type: 'string' }],
		},
		options: {},
	},
};

const manualWorkflow = workflow(
	'e2eSmokeManual',
	[
		{
			id: 'b2d1f6f0-0000-4000-8000-000000000001',
			name: 'Manual',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		setNode,
	],
	{ Manual: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
);

const WEBHOOK_PATH = 'e2e-smoke-queue';
const webhookWorkflow = workflow(
	'e2eSmokeQueue',
	[
		{
			id: 'b2d1f6f0-0000-4000-8000-000000000003',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: '5f0e8f3c-2b1a-4c7d-9e6f-0a1b2c3d4e5f',
			parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'onReceived', options: {} },
		},
		setNode,
	],
	{ Webhook: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
);

/** @type {string} */
let tarball;

beforeAll(async () => {
	const missing = [...PACKAGE.n8n.nodes, ...PACKAGE.n8n.credentials].filter((file) => !fs.existsSync(path.join(ROOT, file)));
	if (missing.length > 0) {
		throw new Error(`dist/ is not built (missing ${missing.join(', ')}): run "npm run build" before the e2e tests.`);
	}
	const started = Date.now();
	tarball = await packPackage();
	record('npm pack', started);
}, 5 * MINUTE);

afterAll(() => {
	removePackedTarballs();
	const lines = Object.entries(timings).map(([label, ms]) => `  ${label}: ${(ms / 1000).toFixed(1)} s`);
	if (lines.length > 0) console.log(`e2e smoke timings:\n${lines.join('\n')}`);
});

describe.each(versions)('n8n %s', (version) => {
	/** @type {N8nInstance | undefined} */
	let n8n;

	beforeAll(async () => {
		const started = Date.now();
		n8n = await N8nInstance.create({ version, tarball });
		record(`${version}: create instance (toolchain lookup + npm install of the tarball)`, started);
	}, 15 * MINUTE);

	afterAll(async () => {
		await n8n?.destroy();
	}, 2 * MINUTE);

	test('loads the package from .n8n/nodes', async () => {
		if (!n8n) throw new Error('no instance');
		const started = Date.now();
		const types = await n8n.exportNodeTypes();
		record(`${version}: export:nodes (first n8n call: migrations)`, started);
		expect(types).toContain(NODE_TYPE);
		expect(types).toContain('n8n-nodes-base.manualTrigger');
	}, 10 * MINUTE);

	test('runs a Manual Trigger → Set workflow through `n8n execute`', async () => {
		if (!n8n) throw new Error('no instance');
		await n8n.importWorkflow(manualWorkflow);
		const started = Date.now();
		const run = await n8n.execute(manualWorkflow.id);
		record(`${version}: first execute`, started);
		expect(run.status).toBe('success');
		expect(nodeOutput(run, 'Set')).toEqual([{ hello: 'world' }]);
	}, 10 * MINUTE);
});

describe.each(queueVersions)('queue mode on n8n %s', (version) => {
	/** @type {N8nInstance | undefined} */
	let n8n;
	/** @type {Awaited<ReturnType<typeof startRedis>> | undefined} */
	let redis;

	afterAll(async () => {
		await n8n?.destroy();
		await redis?.stop();
	}, 2 * MINUTE);

	test('a webhook-started execution runs on the worker', async () => {
		const started = Date.now();
		redis = await startRedis();
		n8n = await N8nInstance.create({ version, tarball, queue: { redisPort: redis.port } });
		await n8n.importWorkflow(webhookWorkflow);
		await n8n.activate(webhookWorkflow.id);

		const startedProcesses = Date.now();
		await Promise.all([n8n.startWorker({ concurrency: 2 }), n8n.start()]);
		record(`${version}: queue mode main + worker start to ready`, startedProcesses);
		await n8n.waitForWebhook(WEBHOOK_PATH);

		const response = await httpRequest(n8n.webhookUrl(WEBHOOK_PATH), { method: 'POST', body: { ping: 1 } });
		expect(response.status).toBe(200);

		const execution = await n8n.waitForExecution({ workflowId: webhookWorkflow.id, timeoutMs: 2 * MINUTE });
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook', finished: true });
		const data = await n8n.executionData(execution.id);
		expect(nodeOutput(data, 'Set')).toEqual([expect.objectContaining({ hello: 'world' })]);
		expect(n8n.workerLog()).toMatch(new RegExp(`Worker started execution ${execution.id}\\b`));
		record(`${version}: queue-mode smoke (redis + create + import + start + run)`, started);
	}, 10 * MINUTE);
});
