// @ts-check
/**
 * Reconcile: 10,000 invoices against 10,000 payments with Payment → Reconcile, in one execution.
 * The API calls are the token call and the pages of GET /payments/all (50 per page): no call per
 * invoice. Nobody builds this by hand with HTTP Request nodes in one node, so the "theirs" column is
 * the derived cost of looking each invoice up (Payment → Get Status per item), not a run.
 */
'use strict';

const { randomUUID } = require('node:crypto');

const { executeMeasured, outputOf, nodesTimeMs, traffic } = require('../measure');
const { medianOf, fixed } = require('../stats');
const { CLICKPESA_LIMIT_PER_MINUTE } = require('../settings');

const ID = 'benchReconcile';
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
	return [reconcileWorkflow(settings.reconcileItems, credentials.unpaced)];
}

/** @param {import('./context').Context} ctx */
async function measureOnce({ sim, n8n, settings }) {
	const count = settings.reconcileItems;
	// A fresh ledger each run, so the same references are seeded again.
	sim.reset({ state: true });
	await sim.seedPayments({ count, prefix: 'REC', amount: '1000', status: 'SUCCESS' });
	const before = await traffic(sim);
	const { runData, wallMs } = await executeMeasured(n8n, ID);
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
		log(`Reconcile run ${n}: ${result.invoices} invoices, ${result.unmatched} unmatched, ${result.calls} calls (${result.pages} pages) in ${result.wallMs} ms; ${JSON.stringify(result.states)}`);
	}
	const pages = medianOf(results, 'pages');
	const calls = medianOf(results, 'calls');
	const wall = medianOf(results, 'wallMs');
	const node = medianOf(results, 'nodeMs');
	const expectedPages = Math.ceil(count / PAGE_SIZE);
	const billed = Math.round(count * 0.9);
	const expectedStates = { paid: billed - Math.floor(billed / 10), 'partially paid': Math.floor(billed / 10), unpaid: count - billed };
	const last = results[results.length - 1];
	const statesRight = results.every((r) => JSON.stringify(r.states) === JSON.stringify(expectedStates) && r.unmatched === count - billed);
	return {
		rows: [
			{
				measure: `Reconcile ${count.toLocaleString('en-US')} invoices against ${count.toLocaleString('en-US')} payments: API calls (list pages + token)`,
				ours: `${calls} (${pages} pages)`,
				theirs: `${count} (derived: Get Status per invoice, not run)`,
				ratio: `${fixed(count / calls, 0)}× fewer`,
				target: `${expectedPages} pages, 0 per invoice`,
				met: pages === expectedPages && results.every((r) => r.perInvoiceCalls === 0),
			},
			{
				measure: `Reconcile ${count.toLocaleString('en-US')} × ${count.toLocaleString('en-US')}: wall time of the execution, s (${settings.latencyMs} ms latency)`,
				ours: fixed(wall / 1000, 2),
				theirs: `${fixed((count * settings.latencyMs) / 1000, 0)}+ (derived: ${count} × latency) or ${fixed(count / CLICKPESA_LIMIT_PER_MINUTE, 0)} min at 120/min`,
				ratio: '',
				target: 'report',
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

module.exports = { workflows, run, ID };
