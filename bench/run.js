// @ts-check
/**
 * `npm run bench`: what our nodes save compared with the HTTP Request workflows users build by
 * hand, measured side by side in one run against the provider simulator and a real n8n (the
 * pinned 2.x). Prints a table of medians over several runs and writes bench/results.md.
 *
 * Options (environment): BENCH_LATENCY_MS (default 50), BENCH_RUNS (3), BENCH_ITEMS (500),
 * BENCH_RATE_LIMIT (600 requests/min: ClickPesa's 120/min scaled up for a run of this size).
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { startSimulator } = require('../simulator');
const { N8nInstance, packPackage, removePackedTarballs, readPinnedVersions } = require('../scripts/n8n');
const { simulatorCredentials } = require('../test/e2e/workflows');
const { ourUssdWorkflow, handBuiltUssdWorkflow } = require('./workflows');
const { median, fixed } = require('./stats');

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 500);
const RATE_LIMIT = Number(process.env.BENCH_RATE_LIMIT ?? 600);
const ROUTES = {
	token: 'clickpesa POST /generate-token',
	initiate: 'clickpesa POST /payments/initiate-ussd-push-request',
};
const PACED_CREDENTIAL = { id: 'simClickPesaPaced', name: 'ClickPesa (simulator, paced)' };

/** @param {N8nInstance} n8n @param {string} workflowId */
async function timedRun(n8n, workflowId) {
	const run = await n8n.execute(workflowId, { timeoutMs: 15 * 60_000 });
	if (run.status !== 'success') throw new Error(`${workflowId} failed: ${JSON.stringify(run.error ?? {}).slice(0, 500)}`);
	const wallMs = Date.parse(run.raw.stoppedAt) - Date.parse(run.raw.startedAt);
	return { run, wallMs };
}

/** Items of the last node's main output that carry no error. */
function completedItems(run, nodeName) {
	const items = run.runData[nodeName]?.[0]?.data?.main?.[0] ?? [];
	return items.filter((item) => item.json?.error === undefined && item.json?.status === 'PROCESSING').length;
}

function nodeTimeMs(run, nodeName) {
	return run.runData[nodeName]?.[0]?.executionTime ?? Number.NaN;
}

async function count(sim, route, status) {
	const entry = (await sim.stats()).counts[route];
	return status === undefined ? (entry?.total ?? 0) : (entry?.byStatus?.[String(status)] ?? 0);
}

/** One measured execution of a workflow: wall time, HTTP calls per completed item, node time. */
async function measure(sim, n8n, workflowId) {
	await sim.reset();
	const { run, wallMs } = await timedRun(n8n, workflowId);
	const stats = (await sim.stats()).counts;
	const calls = Object.values(stats).reduce((sum, entry) => sum + entry.total, 0);
	const completed = completedItems(run, 'Initiate');
	return {
		wallMs,
		calls,
		completed,
		callsPerPayment: calls / Math.max(1, completed),
		rejected429: Object.values(stats).reduce((sum, entry) => sum + (entry.byStatus['429'] ?? 0), 0),
		nodeMsPerItem: (nodeTimeMs(run, 'Initiate') + (run.runData['Get Token'] ? nodeTimeMs(run, 'Get Token') : 0)) / ITEMS,
		errorsShown: (run.runData.Initiate?.[0]?.data?.main?.[0] ?? []).filter((item) => item.json?.error !== undefined).length,
	};
}

async function main() {
	const versions = readPinnedVersions();
	console.log(`Benchmark: n8n ${versions.n8n2}, ${ITEMS} items, ${RUNS} runs, simulator latency ${LATENCY_MS} ms`);
	const tarball = await packPackage();
	const sim = await startSimulator({ port: 0, latencyMs: LATENCY_MS, clickpesa: { rateLimitPerMinute: 0, customerDelayMs: null } });
	const n8n = await N8nInstance.create({ version: versions.n8n2, tarball });
	try {
		const credentials = simulatorCredentials(sim, { rateLimitPerMinute: 0 });
		credentials.push({ ...credentials[0], ...PACED_CREDENTIAL, data: { ...credentials[0].data, rateLimitPerMinute: RATE_LIMIT } });
		await n8n.importCredentials(credentials);
		await n8n.importWorkflow([
			ourUssdWorkflow('benchOurs', ITEMS),
			ourUssdWorkflow('benchOursPaced', ITEMS, PACED_CREDENTIAL),
			handBuiltUssdWorkflow('benchHand', ITEMS, sim.clickpesaBaseUrl),
			ourUssdWorkflow('benchOursZero', ITEMS),
			handBuiltUssdWorkflow('benchHandZero', ITEMS, sim.clickpesaBaseUrl),
		]);

		const rows = [];
		// 1. USSD pushes, no rate limit: calls per payment and wall time, alternating to share the noise.
		const ours = [];
		const hand = [];
		for (let i = 0; i < RUNS; i++) {
			ours.push(await measure(sim, n8n, 'benchOurs'));
			hand.push(await measure(sim, n8n, 'benchHand'));
			console.log(`  run ${i + 1}: ours ${ours[i].wallMs} ms, hand-built ${hand[i].wallMs} ms`);
		}
		const m = (list, key) => median(list.map((entry) => entry[key]));
		rows.push([`${ITEMS} USSD pushes: HTTP calls per payment`, fixed(m(ours, 'callsPerPayment'), 3), fixed(m(hand, 'callsPerPayment'), 3), fixed(m(hand, 'callsPerPayment') / m(ours, 'callsPerPayment')) + '× fewer']);
		rows.push([`${ITEMS} USSD pushes: wall time (s, ${LATENCY_MS} ms latency)`, fixed(m(ours, 'wallMs') / 1000, 1), fixed(m(hand, 'wallMs') / 1000, 1), fixed(m(hand, 'wallMs') / m(ours, 'wallMs')) + '× faster']);

		// 2. Under a rate limit: how many items complete, and does a 429 reach the user?
		await sim.configure({ clickpesa: { rateLimitPerMinute: RATE_LIMIT } });
		const oursLimited = await measure(sim, n8n, 'benchOursPaced');
		const handLimited = await measure(sim, n8n, 'benchHand');
		await sim.configure({ clickpesa: { rateLimitPerMinute: 0 } });
		rows.push([`Completed under ${RATE_LIMIT}/min rate limit`, `${oursLimited.completed}/${ITEMS}`, `${handLimited.completed}/${ITEMS}`, '']);
		rows.push(['429s reaching the user (error items)', String(oursLimited.errorsShown), String(handLimited.errorsShown), '']);

		// 3. Per-item cost of the node itself with zero latency (CPU-bound): node execution time per item.
		await sim.configure({ latencyMs: 0 });
		const oursZero = [];
		const handZero = [];
		for (let i = 0; i < RUNS; i++) {
			oursZero.push(await measure(sim, n8n, 'benchOursZero'));
			handZero.push(await measure(sim, n8n, 'benchHandZero'));
		}
		await sim.configure({ latencyMs: LATENCY_MS });
		rows.push(['Node time per item at 0 ms latency (ms)', fixed(m(oursZero, 'nodeMsPerItem')), fixed(m(handZero, 'nodeMsPerItem')), fixed(m(handZero, 'nodeMsPerItem') / m(oursZero, 'nodeMsPerItem')) + '×']);

		report(rows, versions.n8n2, { oursLimited, handLimited });
	} finally {
		await n8n.destroy();
		await sim.stop();
		removePackedTarballs();
	}
}

function report(rows, n8nVersion, detail) {
	const header = ['Measure', 'Our nodes', 'HTTP Request by hand', 'Ratio'];
	const table = [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
	const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}, n8n ${n8nVersion}`;
	const text = `# Benchmark results\n\nMeasured ${new Date().toISOString()} by \`npm run bench\` on ${machine}.\n` +
		`Simulator latency ${LATENCY_MS} ms, ${ITEMS} items, medians of ${RUNS} runs (side by side, alternating).\n\n${table}\n\n` +
		`Under the rate limit the simulator answered 429 ${detail.oursLimited.rejected429} times to our node and ${detail.handLimited.rejected429} times to the hand-built workflow.\n`;
	console.log(`\n${table}\n`);
	fs.writeFileSync(path.join(__dirname, 'results.md'), text);
	console.log('Written to bench/results.md');
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
