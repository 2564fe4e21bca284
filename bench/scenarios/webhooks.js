// @ts-check
/**
 * Pair 5: verified webhook deliveries per second into active workflows in one `n8n start`: our
 * ClickPesa Trigger (checksum key on its credential) vs what a user builds instead of it, n8n's
 * Webhook node → Code node (the canonical checksum) → IF → Respond to Webhook (200 / 401). Our
 * trigger at typeVersion 1 and n8n's Webhook node alone (nothing verified) run alongside as context.
 * Same signed bodies, same load, same execution-saving settings for all. A check phase first sends
 * tampered bodies to every side and fails the run unless ours and the hand-built workflow refuse them.
 */
'use strict';

const { canonicalChecksum } = require('../../simulator/clickpesa/checksum');
const { ourWebhookWorkflow, stockWebhookWorkflow, handVerifiedWebhookWorkflow } = require('../workflows');
const { postAll } = require('../loadgen');
const { median, medianOf, percentile, fixed, rotated } = require('../stats');
const { groupCpuMs } = require('../procstat');
const { sleep } = require('../../scripts/n8n/process');
const { webhookTrigger } = require('../../test/support/runWebhook');
const { CredentialStore } = require('../../test/support/credentialStore');

/** Every side: workflow id, webhook path, label in the log. */
const SIDES = {
	ours: { id: 'benchHookOurs', path: 'bench-clickpesa', label: 'ours (1.1)' },
	oursV1: { id: 'benchHookOursV1', path: 'bench-clickpesa-v1', label: 'ours (1)' },
	theirs: { id: 'benchHookVerify', path: 'bench-verify', label: 'hand-verified' },
	stock: { id: 'benchHookStock', path: 'bench-stock', label: 'Webhook alone' },
};
/** @typedef {keyof typeof SIDES} Side */
const IDS = Object.fromEntries(Object.entries(SIDES).map(([side, { id }]) => [side, id]));

/** Identical for all sides, so the database is not what is measured. */
const EXECUTION_SETTINGS = {
	EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
	EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
	EXECUTIONS_DATA_SAVE_ON_PROGRESS: 'false',
	EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'false',
};
/** The hand-built Code node needs `require('crypto')`; nothing else uses the Code node in this n8n start. */
const CODE_NODE_SETTINGS = { NODE_FUNCTION_ALLOW_BUILTIN: 'crypto' };

/** @param {import('./context').Context} ctx */
function workflows({ credentials, checksumKey }) {
	return [
		ourWebhookWorkflow(SIDES.ours.id, SIDES.ours.path, credentials.signed),
		ourWebhookWorkflow(SIDES.oursV1.id, SIDES.oursV1.path, credentials.signed, { typeVersion: 1, webhookId: '0b5e7c1a-9d3f-4e2a-8b6c-000000000b03' }),
		handVerifiedWebhookWorkflow(SIDES.theirs.id, SIDES.theirs.path, checksumKey),
		stockWebhookWorkflow(SIDES.stock.id, SIDES.stock.path),
	];
}

/** @param {number} i @param {string} prefix */
function paymentEvent(i, prefix = 'BENCH') {
	return {
		event: 'PAYMENT RECEIVED',
		data: {
			id: `${prefix}${i}`,
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
}

/** @param {Record<string, any>} event @param {string} key */
const signed = (event, key) => ({ ...event, checksum: canonicalChecksum(key, event), checksumMethod: 'canonical' });

/** `count` PAYMENT RECEIVED events signed with the canonical checksum. @param {number} count @param {string} key */
function signedBodies(count, key) {
	return Array.from({ length: count }, (_, i) => Buffer.from(JSON.stringify(signed(paymentEvent(i), key))));
}

/** Signed bodies changed after signing, one per way a forger would try. @param {string} key */
function tamperedBodies(key) {
	const base = () => signed(paymentEvent(0, 'TAMPER'), key);
	/** @type {Array<(body: any) => void>} */
	const tamperings = [
		(body) => (body.data.collectedAmount = '1000000'),
		(body) => (body.data.orderReference = 'ORDER-SOMEONE-ELSE'),
		(body) => (body.data.customer.customerName = 'Mallory'), // nested two levels down
		(body) => (body.checksum = canonicalChecksum('a-guessed-key', paymentEvent(0, 'TAMPER'))),
		(body) => delete body.checksum,
	];
	return tamperings.map((tamper) => {
		const body = base();
		tamper(body);
		return Buffer.from(JSON.stringify(body));
	});
}

/** Pause after each chunk so the executions it started finish before the next side's chunk. */
const SETTLE_MS = 250;

/**
 * One run: warm-up for every side, then the timed bodies in chunks, the sides taking turns per chunk
 * (the order rotates with the run and the chunk), so load from other work on the machine falls on
 * all sides alike. Per side: deliveries per second over its chunks' time, and the CPU time the n8n
 * process group (main process and task runner) used during its chunks, per delivery.
 * @param {import('./context').Context} ctx @param {Side[]} sides @param {number} run @param {Buffer[]} warmup @param {Buffer[]} timed
 */
async function measureRun({ n8n, settings }, sides, run, warmup, timed) {
	const pgid = /** @type {number} */ (n8n.main?.pid);
	const url = (/** @type {Side} */ side) => n8n.webhookUrl(SIDES[side].path);
	const order = rotated(sides, run);
	for (const side of order) await postAll({ url: url(side), bodies: warmup, concurrency: settings.webhookConcurrency });
	/** @type {Record<string, { ok: number, elapsedMs: number, cpuMs: number, latenciesMs: number[], statuses: Record<string, number> }>} */
	const sum = Object.fromEntries(sides.map((side) => [side, { ok: 0, elapsedMs: 0, cpuMs: 0, latenciesMs: [], statuses: {} }]));
	const chunks = Math.ceil(timed.length / settings.webhookChunk);
	for (let chunk = 0; chunk < chunks; chunk++) {
		const bodies = timed.slice(chunk * settings.webhookChunk, (chunk + 1) * settings.webhookChunk);
		for (const side of rotated(order, chunk)) {
			const cpuBefore = groupCpuMs(pgid);
			const result = await postAll({ url: url(side), bodies, concurrency: settings.webhookConcurrency });
			await sleep(SETTLE_MS);
			const into = sum[side];
			into.cpuMs += groupCpuMs(pgid) - cpuBefore;
			into.elapsedMs += result.elapsedMs;
			into.latenciesMs.push(...result.latenciesMs);
			for (const [status, count] of Object.entries(result.statuses)) into.statuses[status] = (into.statuses[status] ?? 0) + count;
			into.ok += result.statuses['200'] ?? 0;
		}
	}
	return Object.fromEntries(
		sides.map((side) => {
			const { ok, elapsedMs, cpuMs, latenciesMs, statuses } = sum[side];
			return [side, { perSecond: ok / (elapsedMs / 1000), cpuMsPerDelivery: cpuMs / ok, p50: percentile(latenciesMs, 50), p99: percentile(latenciesMs, 99), ok, statuses }];
		}),
	);
}

/**
 * The check phase: valid and tampered deliveries to every side, one at a time.
 * @param {import('./context').Context} ctx @param {string} checksumKey
 * @returns {Promise<Record<Side, { valid: Record<string, number>, tampered: Record<string, number> }>>}
 */
async function check({ n8n }, checksumKey) {
	const valid = signedBodies(2, checksumKey);
	const tampered = tamperedBodies(checksumKey);
	/** @type {Record<string, any>} */
	const outcome = {};
	for (const [side, { path }] of Object.entries(SIDES)) {
		const url = n8n.webhookUrl(path);
		outcome[side] = {
			valid: (await postAll({ url, bodies: valid, concurrency: 1 })).statuses,
			tampered: (await postAll({ url, bodies: tampered, concurrency: 1 })).statuses,
		};
	}
	const refusedAll = (/** @type {Side} */ side) => outcome[side].tampered['401'] === tampered.length;
	const acceptedAll = (/** @type {Side} */ side) => outcome[side].valid['200'] === valid.length;
	for (const side of /** @type {Side[]} */ (['ours', 'oursV1', 'theirs'])) {
		if (!refusedAll(side) || !acceptedAll(side)) {
			throw new Error(
				`Webhook check phase: ${SIDES[side].label} must answer 200 to ${valid.length} signed and 401 to ${tampered.length} tampered deliveries, ` +
					`got ${JSON.stringify(outcome[side])}. Log tail: see ${n8n.mainLogFile}`,
			);
		}
	}
	if (!acceptedAll('stock')) throw new Error(`Webhook check phase: the Webhook node alone answered ${JSON.stringify(outcome.stock)}`);
	return /** @type {any} */ (outcome);
}

/**
 * The trigger's own CPU per delivery: its webhook() for the same signed bodies, in this process,
 * inside n8n-core's real WebhookContext (test/support/runWebhook.js), the credential read from an
 * in-memory store: no HTTP server, database, decryption, expression isolate or execution, so what
 * is left is our code (body checks, canonical checksum, the item) plus n8n-core building the
 * context. Median of `rounds` rounds over all bodies, after one untimed round.
 * @param {Buffer[]} bodies @param {string} checksumKey @param {number} rounds
 */
async function ownCpuPerDelivery(bodies, checksumKey, rounds) {
	const credentials = new CredentialStore();
	credentials.set('clickPesaApi', { clientId: 'SIMCLIENTID', apiKey: 'sim-api-key', checksumSecret: checksumKey, baseUrl: 'http://127.0.0.1:9', rateLimitPerMinute: 0, token: '' });
	const trigger = webhookTrigger({ type: 'clickPesaTrigger', parameters: { path: 'bench-in-process' }, credentials, credentialType: 'clickPesaApi' });
	const deliver = async (/** @type {Buffer} */ raw) => {
		const answer = await trigger.call({ body: JSON.parse(raw.toString('utf8')), rawBody: raw, headers: { 'content-type': 'application/json' } });
		if (!answer.items) throw new Error(`In-process delivery not accepted: ${answer.status} ${JSON.stringify(answer.body)}`);
	};
	/** @type {number[]} */
	const perDelivery = [];
	for (let round = 0; round <= rounds; round++) {
		const before = process.cpuUsage();
		for (const raw of bodies) await deliver(raw);
		const used = process.cpuUsage(before);
		if (round > 0) perDelivery.push((used.user + used.system) / 1000 / bodies.length);
	}
	return median(perDelivery);
}

/** @param {import('./context').Context} ctx @param {string} checksumKey @returns {Promise<{ rows: import('./context').Row[], raw: any }>} */
async function run(ctx, checksumKey) {
	const { n8n, settings, log } = ctx;
	for (const { id } of Object.values(SIDES)) await n8n.activate(id);
	// Profiling (BENCH_PROFILE_DIR) slows n8n down: use it to find causes, not for the numbers.
	const profile = settings.profileDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${require('node:path').resolve(settings.profileDir, 'webhooks')}` } : {};
	await n8n.start({ env: { ...EXECUTION_SETTINGS, ...CODE_NODE_SETTINGS, ...settings.webhookN8nEnv, ...profile } });
	try {
		for (const { path } of Object.values(SIDES)) await n8n.waitForWebhook(path);
		const checked = await check(ctx, checksumKey);
		log(`Webhook check phase (2 signed, 5 tampered each): ${JSON.stringify(checked)}`);
		const warmup = signedBodies(settings.webhookWarmup, checksumKey);
		const timed = signedBodies(settings.webhookRequests, checksumKey);
		const sides = /** @type {Side[]} */ (Object.keys(SIDES));
		/** @type {Record<string, any[]>} */
		const results = Object.fromEntries(sides.map((side) => [side, []]));
		for (let n = 0; n < settings.runs; n++) {
			const measured = await measureRun(ctx, sides, n, warmup, timed);
			for (const side of sides) results[side].push(measured[side]);
			log(
				`Webhooks run ${n + 1}: ` +
					sides.map((side) => `${SIDES[side].label} ${fixed(measured[side].perSecond, 1)}/s, ${fixed(measured[side].cpuMsPerDelivery, 1)} ms CPU ${JSON.stringify(measured[side].statuses)}`).join('; '),
			);
		}
		const ownCpuMs = await ownCpuPerDelivery(timed, checksumKey, 3);
		log(`Webhooks: our trigger's own CPU per delivery, in-process: ${fixed(ownCpuMs, 3)} ms`);
		const m = (/** @type {Side} */ side, /** @type {string} */ key) => medianOf(results[side], key);
		const rate = Object.fromEntries(sides.map((side) => [side, m(side, 'perSecond')]));
		const cpu = Object.fromEntries(sides.map((side) => [side, m(side, 'cpuMsPerDelivery')]));
		const percentOf = (/** @type {number} */ a, /** @type {number} */ b) => `${fixed((100 * a) / b, 1)} %`;
		const requests = settings.webhookRequests;
		const okText = (/** @type {Side} */ side) => `${m(side, 'ok')}/${requests}`;
		const refusedText = (/** @type {Side} */ side) => `${checked[side].tampered['401'] ?? 0}/5`;
		return {
			rows: [
				{
					measure:
						`Verified webhook deliveries per second (${requests} after ${settings.webhookWarmup} warm-up, ${settings.webhookConcurrency} in flight, in chunks of ${settings.webhookChunk}): ` +
						'ClickPesa Trigger 1.1 vs Webhook → Code (canonical checksum) → IF → Respond to Webhook',
					ours: fixed(rate.ours, 1),
					theirs: fixed(rate.theirs, 1),
					ratio: `${percentOf(rate.ours, rate.theirs)} of theirs`,
					target: 'ours ≥ 100 % of theirs',
					met: rate.ours >= rate.theirs,
				},
				{
					measure: "Context only: n8n's Webhook node alone (responds immediately, verifies nothing), deliveries per second",
					ours: fixed(rate.ours, 1),
					theirs: fixed(rate.stock, 1),
					ratio: `${percentOf(rate.ours, rate.stock)} of it`,
					target: 'context, no target',
				},
				{
					measure: 'CPU time of n8n (main process and task runner) per delivery, ms (Webhook node alone: ' + fixed(cpu.stock, 1) + ')',
					ours: fixed(cpu.ours, 1),
					theirs: fixed(cpu.theirs, 1),
					ratio: `${fixed(cpu.ours / cpu.theirs)}× theirs`,
					target: 'report',
				},
				{
					measure:
						"Of ours: the trigger's own CPU per delivery, ms (its webhook() in-process in n8n-core's WebhookContext, credential from memory: body checks, canonical checksum, the item); the rest of the row above is n8n's (HTTP server, credential read with its expression isolate, webhook phase, execution)",
					ours: `${fixed(ownCpuMs, 2)} (${fixed((100 * ownCpuMs) / cpu.ours, 2)} % of ${fixed(cpu.ours, 1)})`,
					theirs: '',
					ratio: '',
					target: 'report',
				},
				{
					measure: 'Our trigger at typeVersion 1 / 1.1: deliveries per second; CPU ms per delivery (same runs, sides taking turns)',
					ours: `${fixed(rate.oursV1, 1)} / ${fixed(rate.ours, 1)}; ${fixed(cpu.oursV1, 1)} / ${fixed(cpu.ours, 1)}`,
					theirs: '',
					ratio: `1 is ${percentOf(rate.oursV1, rate.ours)} of 1.1`,
					target: 'report',
				},
				{
					measure: `Tampered deliveries refused with 401 in the check phase (5 kinds; the Webhook node alone accepted ${checked.stock.tampered['200'] ?? 0}/5)`,
					ours: `${refusedText('ours')} (1: ${refusedText('oursV1')})`,
					theirs: refusedText('theirs'),
					ratio: '',
					target: 'all, both sides',
					met: true, // check() throws otherwise
				},
				{
					measure: 'Timed deliveries answered 200',
					ours: `${okText('ours')} (1: ${okText('oursV1')})`,
					theirs: `${okText('theirs')} (Webhook alone: ${okText('stock')})`,
					ratio: '',
					target: 'all',
					met: sides.every((side) => m(side, 'ok') === requests),
				},
				{
					measure: 'Time to acknowledge, 50th / 99th percentile, ms',
					ours: `${fixed(m('ours', 'p50'), 1)} / ${fixed(m('ours', 'p99'), 1)}`,
					theirs: `${fixed(m('theirs', 'p50'), 1)} / ${fixed(m('theirs', 'p99'), 1)}`,
					ratio: `${fixed(m('ours', 'p50') / m('theirs', 'p50'))}× / ${fixed(m('ours', 'p99') / m('theirs', 'p99'))}×`,
					target: 'report',
				},
			],
			raw: { results, checked },
		};
	} finally {
		await n8n.stop();
	}
}

module.exports = { workflows, run, IDS, SIDES, EXECUTION_SETTINGS, CODE_NODE_SETTINGS };
