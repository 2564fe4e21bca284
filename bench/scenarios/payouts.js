// @ts-check
/**
 * Pair 5: 10 mobile money payouts under ClickPesa's payout cooldown (one create per 60 s, scaled
 * down), our Create Mobile Money Payout with Payout Spacing = the cooldown vs a token call plus a
 * create call per item with HTTP Request nodes, as users build it.
 */
'use strict';

const { ourNode, chainWorkflow } = require('../../test/e2e/workflows');
const { httpRequestNode, inputItems } = require('../workflows');
const { executeMeasured, outputOf, traffic } = require('../measure');
const { medianOf, fixed, alternating, perRun } = require('../stats');

const IDS = { ours: 'benchPayoutOurs', theirs: 'benchPayoutHand' };
const ROUTES = { create: 'POST /payouts/create-mobile-money-payout', token: 'POST /generate-token' };
/** Enough to pay every run's payouts (1,000 TZS each plus the fee). */
const BALANCE_TZS = 10_000_000;

/** @param {import('./context').Context} ctx */
function workflows({ settings, sim, credentials }) {
	const items = settings.payoutItems;
	const ours = chainWorkflow(IDS.ours, [
		inputItems(items, 'PAYO'),
		ourNode(
			'Create',
			'clickPesa',
			{
				resource: 'payout',
				operation: 'createMobileMoney',
				amount: '={{ $json.amount }}',
				currency: 'TZS',
				orderReference: '={{ $json.ref }}',
				phoneNumber: '={{ $json.phone }}',
				options: { payoutSpacingSeconds: settings.payoutCooldownMs / 1000 },
			},
			{ onError: 'continueRegularOutput', credentials: { clickPesaApi: credentials.unpaced } },
		),
	]);
	const token = httpRequestNode('Get Token', { url: `${sim.clickpesaBaseUrl}/generate-token`, headers: { 'client-id': 'SIMCLIENTID', 'api-key': 'sim-api-key' } });
	const create = httpRequestNode('Create', {
		url: `${sim.clickpesaBaseUrl}/payouts/create-mobile-money-payout`,
		headers: { Authorization: '={{ $json.token }}' },
		jsonBody:
			'={{ JSON.stringify({ amount: $("Items").item.json.amount, currency: "TZS", orderReference: $("Items").item.json.ref, phoneNumber: $("Items").item.json.phone }) }}',
	});
	const theirs = chainWorkflow(IDS.theirs, [inputItems(items, 'PAYH'), token, create]);
	return [ours, theirs];
}

/** @param {import('./context').Context} ctx @param {string} workflowId */
async function measureOnce({ sim, n8n }, workflowId) {
	sim.reset(); // also ends the cooldown the previous run started
	const { runData, wallMs } = await executeMeasured(n8n, workflowId);
	const seen = await traffic(sim);
	const output = outputOf(runData, 'Create');
	const counts = (await sim.stats()).counts[`clickpesa ${ROUTES.create}`];
	// What the cooldown bounds: from the first create ClickPesa received to the last.
	const arrivals = sim.requests(10_000).filter((entry) => entry.route === `clickpesa ${ROUTES.create}`).map((entry) => Date.parse(entry.time));
	return {
		wallMs,
		createSpanMs: arrivals.length > 1 ? Math.max(...arrivals) - Math.min(...arrivals) : 0,
		createNodeMs: runData.Create?.[0]?.executionTime ?? 0,
		created: output.filter((json) => json.error === undefined && json.status === 'AUTHORIZED').length,
		failed: output.filter((json) => json.error !== undefined).length,
		createRequests: seen.route(ROUTES.create),
		refused400: counts?.byStatus['400'] ?? 0,
		tokenCalls: seen.route(ROUTES.token),
	};
}

/** @param {import('./context').Context} ctx @returns {Promise<{ rows: import('./context').Row[], raw: any }>} */
async function run(ctx) {
	const { settings, sim, log } = ctx;
	const items = settings.payoutItems;
	const cooldownMs = settings.payoutCooldownMs;
	const before = sim.getConfig().clickpesa;
	await sim.configure({ latencyMs: settings.latencyMs, clickpesa: { rateLimitPerMinute: 0, payoutCooldownMs: cooldownMs, payoutDelayMs: null } });
	await sim.seedBalance('TZS', BALANCE_TZS * settings.runs);
	try {
		const results = await alternating(
			settings.runs,
			() => measureOnce(ctx, IDS.ours),
			() => measureOnce(ctx, IDS.theirs),
			(n, ours, theirs) =>
				log(
					`Payouts run ${n}: ours ${ours.created}/${items} created, ${ours.refused400} refused, in ${ours.wallMs} ms; ` +
						`hand-built ${theirs.created}/${items}, ${theirs.refused400} refused, in ${theirs.wallMs} ms`,
				),
		);
		const floorMs = (items - 1) * cooldownMs;
		const [oursWall, theirsWall] = [medianOf(results.ours, 'wallMs'), medianOf(results.theirs, 'wallMs')];
		const [oursSpan, theirsSpan] = [medianOf(results.ours, 'createSpanMs'), medianOf(results.theirs, 'createSpanMs')];
		const [oursNode, theirsNode] = [medianOf(results.ours, 'createNodeMs'), medianOf(results.theirs, 'createNodeMs')];
		const title = `${items} payouts under a ${fixed(cooldownMs / 1000, 1)} s cooldown`;
		return {
			rows: [
				{
					measure: `${title}: payouts created (each run)`,
					ours: perRun(results.ours, 'created'),
					theirs: perRun(results.theirs, 'created'),
					ratio: '',
					target: `${items}/${items} (ours)`,
					met: results.ours.every((entry) => entry.created === items),
				},
				{
					measure: `${title}: failed items (each run; cooldown 400s from ClickPesa: ours ${perRun(results.ours, 'refused400')}, theirs ${perRun(results.theirs, 'refused400')})`,
					ours: perRun(results.ours, 'failed'),
					theirs: perRun(results.theirs, 'failed'),
					ratio: '',
					target: '0 (ours)',
					met: results.ours.every((entry) => entry.failed === 0 && entry.refused400 === 0),
				},
				{
					measure: `${title}: first to last create at ClickPesa, s (floor ${items - 1} × cooldown = ${fixed(floorMs / 1000, 1)} s; ${settings.latencyMs} ms latency)`,
					ours: fixed(oursSpan / 1000, 2),
					theirs: fixed(theirsSpan / 1000, 2),
					ratio: `${fixed(oursSpan / floorMs)}× floor`,
					target: `≤ ${fixed((floorMs * 1.1) / 1000, 1)} s (floor + 10 %)`,
					met: results.ours.every((entry) => entry.createSpanMs <= floorMs * 1.1),
				},
				{
					measure: `${title}: wall time, s: the Create node (ours ${fixed(oursNode / 1000, 2)}, theirs ${fixed(theirsNode / 1000, 2)}) and the whole execution (below; Code node and token call included)`,
					ours: fixed(oursWall / 1000, 2),
					theirs: fixed(theirsWall / 1000, 2),
					ratio: `${fixed(oursWall / floorMs)}× floor`,
					target: 'report',
				},
			],
			raw: results,
		};
	} finally {
		await sim.configure({ clickpesa: { payoutCooldownMs: before.payoutCooldownMs, payoutDelayMs: before.payoutDelayMs } });
	}
}

module.exports = { workflows, run, IDS };
