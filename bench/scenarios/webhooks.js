// @ts-check
/**
 * Pair 3: webhook deliveries per second into an active workflow, our verified ClickPesa Trigger
 * vs n8n's stock Webhook node (no verification), each followed by a No Operation node, in one
 * `n8n start`. Same signed bodies, same load, same execution-saving settings for both.
 */
'use strict';

const { canonicalChecksum } = require('../../simulator/clickpesa/checksum');
const { ourWebhookWorkflow, stockWebhookWorkflow } = require('../workflows');
const { postAll } = require('../loadgen');
const { medianOf, percentile, fixed, alternating } = require('../stats');

const IDS = { ours: 'benchHookOurs', theirs: 'benchHookStock' };
const PATHS = { ours: 'bench-clickpesa', theirs: 'bench-stock' };

/** Identical for both sides, so the database is not what is measured. */
const EXECUTION_SETTINGS = {
	EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
	EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
	EXECUTIONS_DATA_SAVE_ON_PROGRESS: 'false',
	EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'false',
};

/** @param {import('./context').Context} ctx */
function workflows({ credentials }) {
	return [ourWebhookWorkflow(IDS.ours, PATHS.ours, credentials.signed), stockWebhookWorkflow(IDS.theirs, PATHS.theirs)];
}

/** `count` PAYMENT RECEIVED events signed with the canonical checksum. @param {number} count @param {string} key */
function signedBodies(count, key) {
	return Array.from({ length: count }, (_, i) => {
		const event = {
			event: 'PAYMENT RECEIVED',
			data: {
				id: `BENCH${i}`,
				status: 'SUCCESS',
				paymentReference: `PR${i}`,
				orderReference: `ORDER${i}`,
				collectedAmount: '1000',
				collectedCurrency: 'TZS',
				message: 'Payment received',
				channel: 'TIGO-PESA',
				updatedAt: '2026-11-23T12:00:00.000Z',
				createdAt: '2026-11-23T11:59:00.000Z',
				customer: { customerName: 'Asha Said', customerPhoneNumber: '255712000000', customerEmail: null },
			},
		};
		return Buffer.from(JSON.stringify({ ...event, checksum: canonicalChecksum(key, event), checksumMethod: 'canonical' }));
	});
}

/** @param {import('./context').Context} ctx @param {string} path @param {Buffer[]} warmup @param {Buffer[]} timed */
async function load({ n8n, settings }, path, warmup, timed) {
	const url = n8n.webhookUrl(path);
	await postAll({ url, bodies: warmup, concurrency: settings.webhookConcurrency });
	const result = await postAll({ url, bodies: timed, concurrency: settings.webhookConcurrency });
	const ok = result.statuses['200'] ?? 0;
	return {
		perSecond: ok / (result.elapsedMs / 1000),
		p50: percentile(result.latenciesMs, 50),
		p99: percentile(result.latenciesMs, 99),
		ok,
		statuses: result.statuses,
	};
}

/** @param {import('./context').Context} ctx @param {string} checksumKey @returns {Promise<{ rows: import('./context').Row[], raw: any }>} */
async function run(ctx, checksumKey) {
	const { n8n, settings, log } = ctx;
	for (const id of Object.values(IDS)) await n8n.activate(id);
	// Profiling (BENCH_PROFILE_DIR) slows n8n down: use it to find causes, not for the numbers.
	const profile = settings.profileDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${require('node:path').resolve(settings.profileDir, 'webhooks')}` } : {};
	await n8n.start({ env: { ...EXECUTION_SETTINGS, ...profile } });
	try {
		for (const path of Object.values(PATHS)) await n8n.waitForWebhook(path);
		const warmup = signedBodies(settings.webhookWarmup, checksumKey);
		const timed = signedBodies(settings.webhookRequests, checksumKey);
		const results = await alternating(
			settings.runs,
			() => load(ctx, PATHS.ours, warmup, timed),
			() => load(ctx, PATHS.theirs, warmup, timed),
			(n, ours, theirs) =>
				log(`Webhooks run ${n}: ours ${fixed(ours.perSecond, 0)}/s ${JSON.stringify(ours.statuses)}; stock ${fixed(theirs.perSecond, 0)}/s ${JSON.stringify(theirs.statuses)}`),
		);
		const m = (/** @type {string} */ key) => [medianOf(results.ours, key), medianOf(results.theirs, key)];
		const [oursRate, theirsRate] = m('perSecond');
		const [oursP50, theirsP50] = m('p50');
		const [oursP99, theirsP99] = m('p99');
		const [oursOk, theirsOk] = m('ok');
		const requests = settings.webhookRequests;
		return {
			rows: [
				{
					measure: `Webhook deliveries per second (${requests} after ${settings.webhookWarmup} warm-up, ${settings.webhookConcurrency} in flight)`,
					ours: fixed(oursRate, 0),
					theirs: fixed(theirsRate, 0),
					ratio: `${fixed((100 * oursRate) / theirsRate, 1)} % of theirs`,
					target: 'ours ≥ 95 % of theirs',
					met: oursRate >= 0.95 * theirsRate,
				},
				{
					measure: 'Webhooks answered 200',
					ours: `${oursOk}/${requests}`,
					theirs: `${theirsOk}/${requests}`,
					ratio: '',
					target: 'all',
					met: oursOk === requests && theirsOk === requests,
				},
				{
					measure: 'Time to acknowledge, 50th / 99th percentile, ms',
					ours: `${fixed(oursP50, 1)} / ${fixed(oursP99, 1)}`,
					theirs: `${fixed(theirsP50, 1)} / ${fixed(theirsP99, 1)}`,
					ratio: `${fixed(oursP50 / theirsP50)}× / ${fixed(oursP99 / theirsP99)}×`,
					target: 'report',
				},
			],
			raw: results,
		};
	} finally {
		await n8n.stop();
	}
}

module.exports = { workflows, run, IDS, EXECUTION_SETTINGS };
