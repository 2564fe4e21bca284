// @ts-check
/**
 * Pair 4: CPU time per item of our node vs an HTTP Request node making one call per item, with no
 * simulated latency. CPU time of the whole `n8n execute` process (GNU time: user + system), minus
 * that of a run with the same Code node and nothing after it, divided by the items.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { ourUssdWorkflow, handBuiltUssdWorkflow, baselineWorkflow } = require('../workflows');
const { executeMeasured, nodesTimeMs } = require('../measure');
const { median, medianOf, fixed } = require('../stats');

const IDS = { ours: 'benchCpuOurs', theirs: 'benchCpuHand', baseline: 'benchCpuBase' };

/** @param {import('./context').Context} ctx */
function workflows({ settings, sim, credentials }) {
	return [
		ourUssdWorkflow(IDS.ours, settings.cpuItems, credentials.unpaced),
		handBuiltUssdWorkflow(IDS.theirs, settings.cpuItems, sim.clickpesaBaseUrl, { tokenPer: 'execution' }),
		baselineWorkflow(IDS.baseline, settings.cpuItems),
	];
}

/** @param {import('./context').Context} ctx @param {string} workflowId @param {Record<string, string>} [env] */
async function measureOnce({ sim, n8n }, workflowId, env) {
	sim.reset();
	const { runData, cpuMs } = await executeMeasured(n8n, workflowId, { env });
	return { cpuMs, nodeMs: nodesTimeMs(runData, ['Initiate']) };
}

/** @param {import('./context').Context} ctx @returns {Promise<{ rows: import('./context').Row[], raw: any }>} */
async function run(ctx) {
	const { settings, sim, log } = ctx;
	const items = settings.cpuItems;
	await sim.configure({ latencyMs: 0, clickpesa: { rateLimitPerMinute: 0 } });
	/** @type {{ baseline: number[], ours: { cpuMs: number, nodeMs: number }[], theirs: { cpuMs: number, nodeMs: number }[] }} */
	const results = { baseline: [], ours: [], theirs: [] };
	const order = /** @type {const} */ (['baseline', 'ours', 'theirs']);
	for (let n = 0; n < settings.runs; n++) {
		const rotated = [...order.slice(n % 3), ...order.slice(0, n % 3)];
		for (const side of rotated) {
			const measured = await measureOnce(ctx, IDS[side]);
			if (side === 'baseline') results.baseline.push(measured.cpuMs);
			else results[side].push(measured);
		}
		log(`CPU run ${n + 1}: baseline ${results.baseline[n]} ms, ours ${results.ours[n].cpuMs} ms, hand-built ${results.theirs[n].cpuMs} ms`);
	}
	if (settings.profileDir) await profile(ctx);
	await sim.configure({ latencyMs: settings.latencyMs });

	const base = median(results.baseline);
	const perItem = (/** @type {{ cpuMs: number }[]} */ list) => (medianOf(list, 'cpuMs') - base) / items;
	const [ours, theirs] = [perItem(results.ours), perItem(results.theirs)];
	const [oursNode, theirsNode] = [medianOf(results.ours, 'nodeMs') / items, medianOf(results.theirs, 'nodeMs') / items];
	return {
		rows: [
			{
				measure: `CPU time per item at 0 ms latency, ms (n8n process, minus a ${fixed(base / 1000, 1)} s baseline)`,
				ours: fixed(ours),
				theirs: fixed(theirs),
				ratio: `${fixed(ours / theirs)}× theirs`,
				target: 'report',
			},
			{
				measure: 'Node execution time per item at 0 ms latency, ms',
				ours: fixed(oursNode),
				theirs: fixed(theirsNode),
				ratio: `${fixed(oursNode / theirsNode)}× theirs`,
				target: 'report',
			},
		],
		raw: results,
	};
}

/** One extra run of each side with V8's CPU profiler on (not part of the numbers above). @param {import('./context').Context} ctx */
async function profile(ctx) {
	for (const side of /** @type {const} */ (['ours', 'theirs'])) {
		const dir = path.resolve(ctx.settings.profileDir, side);
		fs.mkdirSync(dir, { recursive: true });
		await measureOnce(ctx, IDS[side], { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` });
		ctx.log(`CPU profile of ${side} written to ${dir}`);
	}
}

module.exports = { workflows, run, IDS };
