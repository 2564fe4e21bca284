// @ts-check
/**
 * Pair 1: 500 USSD pushes, our Initiate USSD Push node vs a token call plus a payment call per item
 * with HTTP Request nodes. Once without a rate limit (calls per payment, wall time), once under
 * ClickPesa's 120/min scaled up (items completed, 429s reaching the user).
 */
'use strict';

const { ourUssdWorkflow, handBuiltUssdWorkflow } = require('../workflows');
const { executeMeasured, outputOf, nodesTimeMs, traffic, rateLimitTimeline, profileEnv } = require('../measure');
const { medianOf, fixed, alternating, perRun } = require('../stats');

const IDS = { ours: 'benchUssdOurs', oursPaced: 'benchUssdOursPaced', theirs: 'benchUssdHand' };

/** @param {import('./context').Context} ctx */
function workflows({ settings, sim, credentials }) {
	return [
		ourUssdWorkflow(IDS.ours, settings.ussdItems, credentials.unpaced),
		ourUssdWorkflow(IDS.oursPaced, settings.ussdItems, credentials.paced),
		handBuiltUssdWorkflow(IDS.theirs, settings.ussdItems, sim.clickpesaBaseUrl),
	];
}

/** @param {import('./context').Context} ctx @param {string} workflowId @param {string[]} httpNodes @param {Record<string, string>} [env] */
async function measureOnce({ sim, n8n, settings }, workflowId, httpNodes, env = {}) {
	sim.reset();
	const { runData, wallMs } = await executeMeasured(n8n, workflowId, { env });
	const seen = await traffic(sim);
	const output = outputOf(runData, 'Initiate');
	const completed = output.filter((json) => json.error === undefined && json.status === 'PROCESSING').length;
	return {
		wallMs,
		httpNodesMs: nodesTimeMs(runData, httpNodes),
		calls: seen.total,
		tokenCalls: seen.route('POST /generate-token'),
		callsPerPayment: seen.total / Math.max(1, completed),
		completed,
		rejected429: seen.rejected429,
		errorItems: output.filter((json) => json.error !== undefined).length,
		items: settings.ussdItems,
		timeline: seen.rejected429 > 0 ? rateLimitTimeline(sim) : '',
	};
}

/** @param {import('./context').Context} ctx @returns {Promise<{ rows: import('./context').Row[], notes: string[], raw: any }>} */
async function run(ctx) {
	const { settings, sim, log } = ctx;
	const items = settings.ussdItems;
	await sim.configure({ latencyMs: settings.latencyMs, clickpesa: { rateLimitPerMinute: 0 } });
	const free = await alternating(
		settings.runs,
		() => measureOnce(ctx, IDS.ours, ['Initiate']),
		() => measureOnce(ctx, IDS.theirs, ['Get Token', 'Initiate']),
		(n, ours, theirs) =>
			log(`USSD run ${n}: ours ${ours.wallMs} ms (the node ${ours.httpNodesMs} ms), ${ours.calls} calls; hand-built ${theirs.wallMs} ms (the HTTP Request nodes ${theirs.httpNodesMs} ms), ${theirs.calls} calls`),
	);
	if (settings.profileDir) {
		// One more run of each side with V8's CPU profiler on, not part of the numbers.
		for (const [side, id, nodes] of /** @type {const} */ ([['ours', IDS.ours, ['Initiate']], ['theirs', IDS.theirs, ['Get Token', 'Initiate']]])) {
			const profiled = await measureOnce(ctx, id, [...nodes], profileEnv(settings, 'ussd', side));
			log(`USSD profile of ${side} (${profiled.wallMs} ms, ${profiled.calls} calls) written under ${settings.profileDir}/ussd/${side}`);
		}
	}

	const limit = settings.rateLimitPerMinute;
	await sim.configure({ clickpesa: { rateLimitPerMinute: limit } });
	const limited = await alternating(
		settings.runs,
		() => measureOnce(ctx, IDS.oursPaced, ['Initiate']),
		() => measureOnce(ctx, IDS.theirs, ['Get Token', 'Initiate']),
		(n, ours, theirs) => {
			log(`USSD under ${limit}/min run ${n}: ours ${ours.completed}/${items} in ${ours.wallMs} ms; hand-built ${theirs.completed}/${items} in ${theirs.wallMs} ms`);
			if (ours.timeline) log(`  ours hit the limit: ${ours.timeline}`);
		},
	);
	await sim.configure({ clickpesa: { rateLimitPerMinute: 0 } });

	const m = (list, key) => medianOf(list, key);
	const oursCalls = m(free.ours, 'callsPerPayment');
	const theirsCalls = m(free.theirs, 'callsPerPayment');
	const worst = (/** @type {Array<Record<string, number>>} */ list) => Math.max(...list.map((entry) => entry.callsPerPayment));
	return {
		rows: [
			{
				measure: `${items} USSD pushes: HTTP calls per payment, token calls included (median, worst run)`,
				ours: `${fixed(oursCalls, 3)} (${fixed(worst(free.ours), 3)})`,
				theirs: `${fixed(theirsCalls, 3)} (${fixed(worst(free.theirs), 3)})`,
				ratio: `${fixed(theirsCalls / oursCalls)}× fewer`,
				target: 'ours ≤ 1.002, theirs 2.0',
				met: worst(free.ours) <= 1.002 && free.theirs.every((entry) => Math.abs(entry.callsPerPayment - 2) < 1e-9),
			},
			{
				measure: `${items} USSD pushes: wall time of the execution, s (${settings.latencyMs} ms latency)`,
				ours: fixed(m(free.ours, 'wallMs') / 1000, 2),
				theirs: fixed(m(free.theirs, 'wallMs') / 1000, 2),
				ratio: `${fixed(m(free.ours, 'wallMs') / m(free.theirs, 'wallMs'))}× theirs`,
				target: 'report',
			},
			{
				measure: `Items completed under ${limit}/min (ClickPesa's 120/min × ${fixed(limit / 120, 1)}), each run`,
				ours: perRun(limited.ours, 'completed'),
				theirs: perRun(limited.theirs, 'completed'),
				ratio: `of ${items}`,
				target: 'ours all, every run',
				met: limited.ours.every((entry) => entry.completed === items),
			},
			{
				measure: `Under ${limit}/min: 429 answers from ClickPesa, each run`,
				ours: perRun(limited.ours, 'rejected429'),
				theirs: perRun(limited.theirs, 'rejected429'),
				ratio: '',
				target: 'ours 0',
				met: limited.ours.every((entry) => entry.rejected429 === 0),
			},
			{
				measure: `Under ${limit}/min: error items reaching the user, each run`,
				ours: perRun(limited.ours, 'errorItems'),
				theirs: perRun(limited.theirs, 'errorItems'),
				ratio: '',
				target: 'ours 0',
				met: limited.ours.every((entry) => entry.errorItems === 0),
			},
			{
				measure: `Under ${limit}/min: wall time, s`,
				ours: fixed(m(limited.ours, 'wallMs') / 1000, 1),
				theirs: fixed(m(limited.theirs, 'wallMs') / 1000, 1),
				ratio: '',
				target: 'report',
			},
		],
		notes: limited.ours.flatMap((entry, index) =>
			entry.timeline ? [`- Rate-limited run ${index + 1}, ours: ${entry.timeline} (relative to the first request's arrival).`] : [],
		),
		raw: { free, limited },
	};
}

module.exports = { workflows, run, IDS };
