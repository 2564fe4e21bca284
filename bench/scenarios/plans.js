// @ts-check
/**
 * Payment plans: Payment Plan → Get Status for 1,000 plans (3 instalments each) in one execution.
 * The API calls are the token call and the pages of GET /payments/all over the plans' dates (50 per
 * page): no call per plan. The "theirs" column is the derived cost of looking each plan's payments
 * up by its reference (one call per plan), not a run.
 */
'use strict';

const { randomUUID } = require('node:crypto');

const { executeMeasured, outputOf, nodesTimeMs, traffic } = require('../measure');
const { ourNode, chainWorkflow } = require('../../test/e2e/workflows');
const { medianOf, fixed } = require('../stats');

const ID = 'benchPlans';
const PAGE_SIZE = 50;
const ROUTES = { list: 'GET /payments/all', one: 'GET /payments/:orderReference' };

/**
 * Plans PLN1…: created 40 days ago, instalments of 1000 TZS due 30 days ago, today and in 30 days
 * (Dar es Salaam days). Each seeded payment of 1000 covers the first instalment of its plan, so
 * every plan is on track, except every tenth, which nobody paid (late).
 * @param {number} count
 */
function plansCode(count) {
	return (
		`const day = (offset) => new Date(Date.now() + 3 * 3600000 + offset * 86400000).toISOString().slice(0, 10);\n` +
		`const instalments = [-30, 0, 30].map((offset, i) => ({ number: i + 1, dueDate: day(offset), amount: 1000 }));\n` +
		`return Array.from({ length: ${count} }, (_, i) => ({ json: { planReference: (i % 10 === 9 ? 'UNPAID' : 'PLN') + (i + 1), createdOn: day(-40), instalments } }));`
	);
}

/** @param {number} count @param {{ id: string, name: string }} credential */
function plansWorkflow(count, credential) {
	const plans = { id: randomUUID(), name: 'Plans', type: 'n8n-nodes-base.code', typeVersion: 2, position: [0, 0], parameters: { jsCode: plansCode(count) } };
	const getStatus = ourNode(
		'Get Status',
		'clickPesa',
		{ resource: 'paymentPlan', operation: 'getPlanStatus', planReference: '={{ $json.planReference }}', instalments: '={{ $json.instalments }}', createdOn: '={{ $json.createdOn }}', options: {} },
		{ typeVersion: 1.1, credentials: { clickPesaApi: credential } },
	);
	return chainWorkflow(ID, [plans, getStatus]);
}

/** @param {import('./context').Context} ctx */
function workflows({ settings, credentials }) {
	return [plansWorkflow(settings.planItems, credentials.unpaced)];
}

/** @param {import('./context').Context} ctx */
async function measureOnce({ sim, n8n, settings }) {
	const count = settings.planItems;
	sim.reset({ state: true });
	// Payments PLN1…PLNn; those whose number is a multiple of 10 belong to no plan (the plan is UNPAIDn).
	await sim.seedPayments({ count, prefix: 'PLN', amount: '1000', status: 'SUCCESS' });
	const before = await traffic(sim);
	const { runData, wallMs } = await executeMeasured(n8n, ID);
	const seen = await traffic(sim);
	/** @type {Record<string, number>} */
	const states = {};
	for (const json of outputOf(runData, 'Get Status')) states[json.planStatus] = (states[json.planStatus] ?? 0) + 1;
	return {
		wallMs,
		nodeMs: nodesTimeMs(runData, ['Get Status']),
		calls: seen.total - before.total,
		// The simulator's state reset drops every token: the first page of runs 2 and 3 is refused 401
		// once and sent again with a new token; pages are the list requests answered 200.
		pages: seen.route(ROUTES.list, 200) - before.route(ROUTES.list, 200),
		perPlanCalls: seen.route(ROUTES.one) - before.route(ROUTES.one),
		states,
	};
}

/** @param {import('./context').Context} ctx @returns {Promise<{ rows: import('./context').Row[], raw: any }>} */
async function run(ctx) {
	const { settings, sim, log } = ctx;
	const count = settings.planItems;
	await sim.configure({ latencyMs: settings.latencyMs, clickpesa: { rateLimitPerMinute: 0 } });
	/** @type {Awaited<ReturnType<typeof measureOnce>>[]} */
	const results = [];
	for (let n = 1; n <= settings.runs; n++) {
		const result = await measureOnce(ctx);
		results.push(result);
		log(`Plans run ${n}: ${result.calls} calls (${result.pages} pages) in ${result.wallMs} ms; ${JSON.stringify(result.states)}`);
	}
	const pages = medianOf(results, 'pages');
	const calls = medianOf(results, 'calls');
	const expectedPages = Math.ceil(count / PAGE_SIZE);
	const late = Math.floor(count / 10);
	const expectedStates = { 'on track': count - late, late };
	const last = results[results.length - 1];
	const same = (a, b) => Object.keys(b).every((key) => a[key] === b[key]) && Object.keys(a).length === Object.keys(b).length;
	return {
		rows: [
			{
				measure: `Get Status of ${count.toLocaleString('en-US')} payment plans: API calls (list pages + token)`,
				ours: `${calls} (${pages} pages)`,
				theirs: `${count} (derived: one lookup per plan, not run)`,
				ratio: `${fixed(count / calls, 0)}× fewer`,
				target: `${expectedPages} pages, 0 per plan`,
				met: pages === expectedPages && results.every((r) => r.perPlanCalls === 0),
			},
			{
				measure: `Get Status of ${count.toLocaleString('en-US')} plans: the node's own execution time, s (paging included, ${settings.latencyMs} ms latency)`,
				ours: fixed(medianOf(results, 'nodeMs') / 1000, 2),
				theirs: `${fixed((count * settings.latencyMs) / 1000, 0)}+ (derived: ${count} × latency)`,
				ratio: '',
				target: 'report',
			},
			{
				measure: `Get Status: plan states (${count - late} on track, ${late} late)`,
				ours: Object.entries(last.states).map(([state, n]) => `${n} ${state}`).join(', '),
				theirs: '',
				ratio: '',
				target: 'all right',
				met: results.every((r) => same(r.states, expectedStates)),
			},
		],
		raw: results,
	};
}

module.exports = { workflows, run, ID };
