// @ts-check
/**
 * Pair 2: 1,000 BillPay order control numbers, our Create Many (50 per request) vs one
 * create-order-control-number call per number with HTTP Request nodes (one token per execution).
 */
'use strict';

const { ourBillPayWorkflow, handBuiltBillPayWorkflow } = require('../workflows');
const { executeMeasured, outputOf, traffic } = require('../measure');
const { medianOf, fixed, alternating } = require('../stats');
const { CLICKPESA_LIMIT_PER_MINUTE } = require('../settings');

const IDS = { ours: 'benchBillOurs', theirs: 'benchBillHand' };
const ROUTES = {
	bulk: 'POST /billpay/bulk-create-order-control-numbers',
	single: 'POST /billpay/create-order-control-number',
	token: 'POST /generate-token',
};

/** @param {import('./context').Context} ctx */
function workflows({ settings, sim, credentials }) {
	return [
		ourBillPayWorkflow(IDS.ours, settings.billPayItems, credentials.unpaced),
		handBuiltBillPayWorkflow(IDS.theirs, settings.billPayItems, sim.clickpesaBaseUrl),
	];
}

/** @param {import('./context').Context} ctx @param {string} workflowId */
async function measureOnce({ sim, n8n }, workflowId) {
	sim.reset();
	const { runData, wallMs } = await executeMeasured(n8n, workflowId);
	const seen = await traffic(sim);
	const created = outputOf(runData, 'Create').filter((json) => json.error === undefined && typeof json.billPayNumber === 'string');
	return {
		wallMs,
		requests: seen.total,
		createRequests: seen.route(ROUTES.bulk) + seen.route(ROUTES.single),
		tokenCalls: seen.route(ROUTES.token),
		created: created.length,
	};
}

/** @param {import('./context').Context} ctx @returns {Promise<{ rows: import('./context').Row[], raw: any }>} */
async function run(ctx) {
	const { settings, sim, log } = ctx;
	const items = settings.billPayItems;
	await sim.configure({ latencyMs: settings.latencyMs, clickpesa: { rateLimitPerMinute: 0 } });
	const results = await alternating(
		settings.runs,
		() => measureOnce(ctx, IDS.ours),
		() => measureOnce(ctx, IDS.theirs),
		(n, ours, theirs) =>
			log(`BillPay run ${n}: ours ${ours.created} created with ${ours.requests} requests in ${ours.wallMs} ms; hand-built ${theirs.created} with ${theirs.requests} in ${theirs.wallMs} ms`),
	);
	const m = (key) => [medianOf(results.ours, key), medianOf(results.theirs, key)];
	const [oursCreate, theirsCreate] = m('createRequests');
	const [oursAll, theirsAll] = m('requests');
	const [oursTokens, theirsTokens] = m('tokenCalls');
	const [oursWall, theirsWall] = m('wallMs');
	const [oursCreated, theirsCreated] = m('created');
	return {
		rows: [
			{
				measure: `${items} BillPay control numbers: create requests`,
				ours: String(oursCreate),
				theirs: String(theirsCreate),
				ratio: `${fixed(theirsCreate / oursCreate, 0)}× fewer`,
				target: `${Math.ceil(items / 50)} vs ${items}`,
				met: oursCreate === Math.ceil(items / 50) && theirsCreate === items,
			},
			{
				measure: `${items} BillPay: all requests (token calls: ours ${oursTokens}, theirs ${theirsTokens})`,
				ours: String(oursAll),
				theirs: String(theirsAll),
				ratio: `${fixed(theirsAll / oursAll, 0)}× fewer`,
				target: 'report',
			},
			{
				measure: `${items} BillPay: minutes of ClickPesa's 120/min budget used (derived: all requests ÷ 120)`,
				ours: fixed(oursAll / CLICKPESA_LIMIT_PER_MINUTE, 2),
				theirs: fixed(theirsAll / CLICKPESA_LIMIT_PER_MINUTE, 2),
				ratio: '',
				target: 'report',
			},
			{
				measure: `${items} BillPay: control numbers created`,
				ours: `${oursCreated}/${items}`,
				theirs: `${theirsCreated}/${items}`,
				ratio: '',
				target: 'all',
				met: oursCreated === items,
			},
			{
				measure: `${items} BillPay: wall time of the execution, s (${settings.latencyMs} ms latency)`,
				ours: fixed(oursWall / 1000, 2),
				theirs: fixed(theirsWall / 1000, 2),
				ratio: `${fixed(oursWall / theirsWall)}× theirs`,
				target: 'report',
			},
		],
		raw: results,
	};
}

module.exports = { workflows, run, IDS };
