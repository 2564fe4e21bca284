// @ts-check
/**
 * Smoke test against a real n8n, for every pinned version (scripts/toolchain.sh; E2E_N8N_VERSIONS
 * restricts): the packed package installs into <user folder>/.n8n/nodes and n8n loads it, a workflow
 * imported into the running n8n runs as the editor's "Execute workflow" runs it, and (2.x) queue mode
 * runs a webhook-started execution on a worker (queue.e2e.test.js).
 * Needs a built dist/ (`npm run build`). KEEP_N8N=1 keeps the temp folders for inspection.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { N8nInstance, packPackage, removePackedTarballs, nodeOutput } = require('./support/n8n');
const { pinnedN8nVersions } = require('./support/versions');
const { chainWorkflow, setNode } = require('./workflows');

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const NODE_TYPE = `${PACKAGE.name}.clickPesa`;

const MINUTE = 60 * 1000;
const versions = pinnedN8nVersions();

/** @type {Record<string, number>} */
const timings = {};
/** @param {string} label @param {number} since */
const record = (label, since) => {
	timings[label] = Date.now() - since;
};

/** Manual Trigger → n8n's own Set node. */
const manualWorkflow = chainWorkflow('e2eSmokeManual', [setNode('Set', { hello: 'world' }, 'b2d1f6f0-0000-4000-8000-000000000002')]);

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
		let started = Date.now();
		n8n = await N8nInstance.create({ version, tarball });
		record(`${version}: create instance (toolchain lookup + copy of the installed tarball)`, started);
		started = Date.now();
		await n8n.start();
		record(`${version}: n8n start to ready (migrations on a new user folder)`, started);
	}, 15 * MINUTE);

	afterAll(async () => {
		await n8n?.destroy();
	}, 2 * MINUTE);

	test('loads the package from .n8n/nodes', async () => {
		if (!n8n) throw new Error('no instance');
		const types = await n8n.exportNodeTypes();
		expect(types).toContain(NODE_TYPE);
		expect(types).toContain('n8n-nodes-base.manualTrigger');
	}, 10 * MINUTE);

	test('runs a Manual Trigger → Set workflow imported into the running n8n', async () => {
		if (!n8n) throw new Error('no instance');
		await n8n.importWorkflow(manualWorkflow);
		const started = Date.now();
		const run = await n8n.execute(manualWorkflow.id);
		record(`${version}: first run`, started);
		expect(run.status).toBe('success');
		expect(run.raw.mode).toBe('manual');
		expect(nodeOutput(run, 'Set')).toEqual([{ hello: 'world' }]);
	}, 10 * MINUTE);
});
