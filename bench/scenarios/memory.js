// @ts-check
/**
 * Memory: peak RSS of `n8n execute` at two sizes (1,000 and 10,000 items by default), rate limit
 * off and 0 ms latency so as many items are in flight as the node allows. What counts is the growth
 * between the sizes, ours against the HTTP Request workflow a user builds instead, for Initiate USSD
 * Push and for BillPay Create Many; a Code node alone shows what n8n itself needs for the items.
 */
'use strict';

const { ourUssdWorkflow, handBuiltUssdWorkflow, ourBillPayWorkflow, handBuiltBillPayWorkflow, baselineWorkflow } = require('../workflows');
const { executeMeasured, outputOf } = require('../measure');
const { fixed, medianOf } = require('../stats');

/** Ours may grow by at most this share of what the hand-built workflow grows by. */
const GROWTH_TARGET = 0.5;

/** @param {string} side @param {number} items */
const idOf = (side, items) => `benchMem${side}${items}`;

const pushAccepted = (/** @type {any} */ json) => json.error === undefined && json.status === 'PROCESSING';
const numberCreated = (/** @type {any} */ json) => json.error === undefined && typeof json.billPayNumber === 'string';
const SIDES = {
	ussdOurs: { ours: true, node: 'Initiate', ok: pushAccepted },
	ussdHand: { ours: false, node: 'Initiate', ok: pushAccepted },
	billOurs: { ours: true, node: 'Create', ok: numberCreated },
	billHand: { ours: false, node: 'Create', ok: numberCreated },
	code: { ours: false, node: 'Items', ok: () => true },
};

/** @param {import('./context').Context} ctx */
function workflows({ settings, sim, credentials }) {
	return settings.memoryItems.flatMap((items) => [
		ourUssdWorkflow(idOf('ussdOurs', items), items, credentials.unpaced),
		handBuiltUssdWorkflow(idOf('ussdHand', items), items, sim.clickpesaBaseUrl),
		ourBillPayWorkflow(idOf('billOurs', items), items, credentials.unpaced),
		handBuiltBillPayWorkflow(idOf('billHand', items), items, sim.clickpesaBaseUrl),
		baselineWorkflow(idOf('code', items), items),
	]);
}

/**
 * Peak RSS of one side at one size; every item must have come out right, or the number means nothing.
 * @param {import('./context').Context} ctx @param {keyof typeof SIDES} side @param {number} items
 */
async function measureOnce({ sim, n8n }, side, items) {
	sim.reset();
	const { runData, peakRssMiB, wallMs } = await executeMeasured(n8n, idOf(side, items), { timeoutMs: 20 * 60_000 });
	const ok = outputOf(runData, SIDES[side].node).filter(SIDES[side].ok).length;
	// Ours must deliver every item or the number means nothing; the hand-built side's failures are reported.
	if (SIDES[side].ours && ok !== items) throw new Error(`memory pair, ${side} at ${items} items: ${ok} items came out right`);
	return { peakRssMiB, wallMs, ok };
}

/** @param {import('./context').Context} ctx @returns {Promise<{ rows: import('./context').Row[], raw: any }>} */
async function run(ctx) {
	const { settings, sim, log } = ctx;
	const [small, large] = settings.memoryItems;
	if (!large) throw new Error('BENCH_MEMORY_ITEMS needs two sizes, e.g. 1000,10000');
	await sim.configure({ latencyMs: 0, clickpesa: { rateLimitPerMinute: 0 } });
	/** @type {Record<string, Record<number, Array<{ peakRssMiB: number, wallMs: number, ok: number }>>>} */
	const measured = {};
	for (let runIndex = 0; runIndex < settings.runs; runIndex++) {
		// Sides take turns within each size, the order rotating per run, so drift is shared.
		const sides = /** @type {Array<keyof typeof SIDES>} */ (Object.keys(SIDES));
		const order = sides.map((_, i) => sides[(i + runIndex) % sides.length]);
		for (const items of [small, large]) {
			for (const side of order) {
				const result = await measureOnce(ctx, side, items);
				((measured[side] ??= {})[items] ??= []).push(result);
				log(`Memory run ${runIndex + 1}: ${side} at ${items} items: peak ${fixed(result.peakRssMiB, 0)} MiB in ${result.wallMs} ms, ${result.ok} right`);
			}
		}
	}
	await sim.configure({ latencyMs: settings.latencyMs });

	const peak = (/** @type {string} */ side, /** @type {number} */ items) => medianOf(measured[side][items], 'peakRssMiB');
	const growth = (/** @type {string} */ side) => peak(side, large) - peak(side, small);
	const right = (/** @type {string} */ side) => medianOf(measured[side][large], 'ok');
	const sizes = `${small.toLocaleString('en-US')} → ${large.toLocaleString('en-US')} items`;
	const pairRow = (/** @type {string} */ label, /** @type {string} */ ours, /** @type {string} */ theirs) => {
		const share = growth(ours) / growth(theirs);
		return [
			{
				measure: `${label}: peak RSS, MiB, ${sizes} (rate limit off, 0 ms latency; items that came out right at ${large.toLocaleString('en-US')}: ours ${right(ours)}, theirs ${right(theirs)})`,
				ours: `${fixed(peak(ours, small), 0)} → ${fixed(peak(ours, large), 0)}`,
				theirs: `${fixed(peak(theirs, small), 0)} → ${fixed(peak(theirs, large), 0)}`,
				ratio: '',
				target: 'report',
			},
			{
				measure: `${label}: growth of peak RSS, MiB, ${sizes}`,
				ours: fixed(growth(ours), 0),
				theirs: fixed(growth(theirs), 0),
				ratio: `${fixed(share)}× theirs`,
				target: `≤ ${GROWTH_TARGET}× theirs`,
				met: share <= GROWTH_TARGET,
			},
		];
	};
	return {
		rows: [
			...pairRow('Initiate USSD Push (theirs: HTTP Request, token + push per item)', 'ussdOurs', 'ussdHand'),
			...pairRow('BillPay Create Many (theirs: HTTP Request per control number)', 'billOurs', 'billHand'),
			{
				measure: `The Code node alone (what n8n needs for the items): peak RSS, MiB, ${sizes}`,
				ours: `${fixed(peak('code', small), 0)} → ${fixed(peak('code', large), 0)}`,
				theirs: '',
				ratio: '',
				target: 'report',
			},
		],
		raw: measured,
	};
}

module.exports = { workflows, run };
