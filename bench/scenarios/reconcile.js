// @ts-check
/**
 * Reconcile: 10,000 invoices against 10,000 payments with Payment → Reconcile, in one execution.
 * The API calls are the token call and the pages of GET /payments/all (50 per page): no call per
 * invoice. Nobody builds this by hand with HTTP Request nodes in one node, so the "theirs" column is
 * the derived cost of looking each invoice up (Payment → Get Status per item), not a run.
 */
'use strict';

const { randomUUID } = require('node:crypto');

const { executeMeasured, outputOf, nodesTimeMs, traffic, profileEnv } = require('../measure');
const { medianOf, fixed, perRun } = require('../stats');
const { CLICKPESA_LIMIT_PER_MINUTE } = require('../settings');
const { simulatorCredentials } = require('../../scripts/simulator-credentials');

const ID = 'benchReconcile';
/**
 * The pair's own ClickPesa credential (pacing off), imported again before every run so each run
 * starts without a saved token and makes exactly one token call. With a token another pair or an
 * earlier run saved, the simulator's state reset has revoked it: the first page was refused (401)
 * and sent again after the token call, the 201st page of runs that followed another pair.
 */
const CREDENTIAL = { id: 'benchReconcileCred', name: 'ClickPesa (simulator, reconcile)' };

/** @param {import('../../simulator').Simulator} sim */
function credential(sim) {
	const [clickPesa] = simulatorCredentials(sim, { rateLimitPerMinute: 0 });
	return { ...clickPesa, ...CREDENTIAL };
}
const PAGE_SIZE = 50;
const ROUTES = { list: 'GET /payments/all', token: 'POST /generate-token', one: 'GET /payments/:orderReference', statement: 'GET /account/statement' };

/**
 * Invoices REC1…: 90 % of the seeded payments are billed (every tenth asks for more than was paid),
 * plus 10 % invoices nobody paid; the other 10 % of the payments are nobody's.
 * @param {number} count
 */
function invoicesCode(count) {
	const billed = Math.round(count * 0.9);
	return (
		`const billed = ${billed};\n` +
		`return Array.from({ length: ${count} }, (_, i) => ({ json: i < billed\n` +
		`\t? { ref: 'REC' + (i + 1), amount: i % 10 === 9 ? 1500 : 1000, currency: 'TZS' }\n` +
		`\t: { ref: 'NOBODY' + i, amount: 1000, currency: 'TZS' } }));`
	);
}

/** @param {number} count @param {{ id: string, name: string }} credential */
function reconcileWorkflow(count, credential) {
	return {
		id: ID,
		name: ID,
		active: false,
		nodes: [
			{ id: randomUUID(), name: 'Run', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: randomUUID(), name: 'Invoices', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { jsCode: invoicesCode(count) } },
			{
				id: randomUUID(),
				name: 'Reconcile',
				type: 'n8n-nodes-clickpesa-clik2pay.clickPesa',
				typeVersion: 1.1,
				position: [440, 0],
				parameters: {
					resource: 'payment',
					operation: 'reconcile',
					orderReference: '={{ $json.ref }}',
					expectedAmount: '={{ $json.amount }}',
					currency: '={{ $json.currency }}',
					options: {},
				},
				credentials: { clickPesaApi: credential },
			},
		],
		connections: {
			Run: { main: [[{ node: 'Invoices', type: 'main', index: 0 }]] },
			Invoices: { main: [[{ node: 'Reconcile', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** @param {import('./context').Context} ctx */
function workflows({ settings, credentials }) {
	return [reconcileWorkflow(settings.reconcileItems, credentials.reconcile)];
}

/** @param {import('./context').Context} ctx @param {Record<string, string>} [env] */
async function measureOnce({ sim, n8n, settings }, env = {}) {
	const count = settings.reconcileItems;
	await n8n.importCredentials([credential(sim)]);
	// A fresh ledger each run, so the same references are seeded again.
	sim.reset({ state: true });
	await sim.seedPayments({ count, prefix: 'REC', amount: '1000', status: 'SUCCESS' });
	const before = await traffic(sim);
	const { runData, wallMs } = await executeMeasured(n8n, ID, { env });
	const seen = await traffic(sim);
	const invoices = outputOf(runData, 'Reconcile');
	const unmatched = (runData.Reconcile?.[0]?.data?.main?.[1] ?? []).length;
	/** @type {Record<string, number>} */
	const states = {};
	for (const json of invoices) states[json.reconciliation] = (states[json.reconciliation] ?? 0) + 1;
	return {
		wallMs,
		nodeMs: nodesTimeMs(runData, ['Reconcile']),
		calls: seen.total - before.total,
		pages: seen.route(ROUTES.list) - before.route(ROUTES.list),
		pagesRefused401: seen.route(ROUTES.list, 401) - before.route(ROUTES.list, 401),
		tokenCalls: seen.route(ROUTES.token) - before.route(ROUTES.token),
		perInvoiceCalls: seen.route(ROUTES.one) - before.route(ROUTES.one),
		invoices: invoices.length,
		unmatched,
		states,
	};
}

/** @param {import('./context').Context} ctx @returns {Promise<{ rows: import('./context').Row[], raw: any }>} */
async function run(ctx) {
	const { settings, sim, log } = ctx;
	const count = settings.reconcileItems;
	await sim.configure({ latencyMs: settings.latencyMs, clickpesa: { rateLimitPerMinute: 0 } });
	/** @type {Awaited<ReturnType<typeof measureOnce>>[]} */
	const results = [];
	for (let n = 1; n <= settings.runs; n++) {
		const result = await measureOnce(ctx);
		results.push(result);
		log(`Reconcile run ${n}: ${result.invoices} invoices, ${result.unmatched} unmatched, ${result.calls} calls (${result.pages} pages, ${result.pagesRefused401} refused with 401; ${result.tokenCalls} token calls) in ${result.wallMs} ms; ${JSON.stringify(result.states)}`);
	}
	if (settings.profileDir) {
		// One more run with V8's CPU profiler on, not part of the numbers.
		const profiled = await measureOnce(ctx, profileEnv(settings, 'reconcile', 'ours'));
		log(`Reconcile profile (${profiled.wallMs} ms, ${profiled.calls} calls) written under ${settings.profileDir}/reconcile/ours`);
	}
	const calls = medianOf(results, 'calls');
	const wall = medianOf(results, 'wallMs');
	const node = medianOf(results, 'nodeMs');
	const expectedPages = Math.ceil(count / PAGE_SIZE);
	// The floor the target is set against: the token, then every page one after another.
	const floorMs = (expectedPages + 1) * settings.latencyMs;
	// What the node needs at least now that it reads the pages after the first five at a time.
	const roundsFloorMs = (2 + Math.ceil((expectedPages - 1) / 5)) * settings.latencyMs;
	const billed = Math.round(count * 0.9);
	const expectedStates = { paid: billed - Math.floor(billed / 10), 'partially paid': Math.floor(billed / 10), unpaid: count - billed };
	const last = results[results.length - 1];
	const statesRight = results.every((r) => JSON.stringify(r.states) === JSON.stringify(expectedStates) && r.unmatched === count - billed);
	return {
		rows: [
			{
				measure: `Reconcile ${count.toLocaleString('en-US')} invoices against ${count.toLocaleString('en-US')} payments: API calls (list pages + token), each run`,
				ours: `${perRun(results, 'calls')} (pages ${perRun(results, 'pages')}; token calls ${perRun(results, 'tokenCalls')})`,
				theirs: `${count} (derived: Get Status per invoice, not run)`,
				ratio: `${fixed(count / calls, 0)}× fewer`,
				target: `${expectedPages} pages + 1 token call, 0 per invoice, every run`,
				met: results.every((r) => r.pages === expectedPages && r.tokenCalls === 1 && r.calls === expectedPages + 1 && r.perInvoiceCalls === 0),
			},
			{
				measure: `Reconcile ${count.toLocaleString('en-US')} × ${count.toLocaleString('en-US')}: wall time of the execution, s (${settings.latencyMs} ms latency; floor: ${expectedPages + 1} calls one after another × latency = ${fixed(floorMs / 1000, 1)} s; reading 5 pages at once after the first needs ${fixed(roundsFloorMs / 1000, 1)} s)`,
				ours: fixed(wall / 1000, 2),
				theirs: `${fixed((count * settings.latencyMs) / 1000, 0)}+ (derived: ${count} × latency) or ${fixed(count / CLICKPESA_LIMIT_PER_MINUTE, 0)} min at 120/min`,
				ratio: `${fixed(wall / floorMs)}× floor`,
				target: '≤ 1.3× floor',
				met: wall <= 1.3 * floorMs,
			},
			{
				measure: `Reconcile ${count.toLocaleString('en-US')} × ${count.toLocaleString('en-US')}: the node's own execution time, s (paging included)`,
				ours: fixed(node / 1000, 2),
				theirs: '',
				ratio: '',
				target: 'report',
			},
			{
				measure: `Reconcile: states (${Object.entries(expectedStates).map(([state, n]) => `${n} ${state}`).join(', ')}; ${count - billed} unmatched payments)`,
				ours: `${Object.entries(last.states).map(([state, n]) => `${n} ${state}`).join(', ')}; ${last.unmatched} unmatched`,
				theirs: '',
				ratio: '',
				target: 'all right',
				met: statesRight,
			},
		],
		raw: results,
	};
}

module.exports = { workflows, run, ID, CREDENTIAL, credential };
