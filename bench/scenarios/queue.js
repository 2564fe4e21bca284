// @ts-check
/**
 * Pair 9: queue mode. Redis, `n8n start` and 2 × `n8n worker` (each a real n8n process with the
 * package installed) behind one ClickPesa limit per address: 4 executions × 250 USSD pushes started
 * together through webhooks, 2 on each worker. Ours with the credential saying 2 processes share
 * the address, ours with the field left at 1 (the 429 recovery path), and the hand-built workflow.
 * This pair brings its own n8n (queue mode); the others share one in regular mode.
 */
'use strict';

const { randomUUID } = require('node:crypto');
const fs = require('node:fs');

const { N8nInstance, httpRequest, waitFor } = require('../../scripts/n8n');
const { startRedis } = require('../../test/e2e/support/redis');
const { ourUssdWorkflow, handBuiltUssdWorkflow, webhookItems, webhookTriggered } = require('../workflows');
const { outputOf, traffic, rateLimitTimeline } = require('../measure');
const { medianOf, fixed, rotated, perRun } = require('../stats');

const WORKERS = 2;
const ROUTES = { push: 'POST /payments/initiate-ussd-push-request', token: 'POST /generate-token', lookup: 'GET /payments/:orderReference' };
/** Target for ours with the field at 2: the wall time within this factor of the floor (all calls ÷ limit). */
const FLOOR_FACTOR = 1.15;
/** Generous: with the field at 1 every 429 costs a wait and a lookup, on a machine shared with other work. */
const SIDE_TIMEOUT_MS = 40 * 60_000;

/**
 * @typedef {object} QueueContext
 * @property {typeof import('../settings').settings} settings
 * @property {import('../../simulator').Simulator} sim
 * @property {(line: string) => void} log
 * @property {string} tarball
 * @property {string} version n8n version (2.x: queue mode as users run it)
 *
 * @typedef {{ key: 'shared' | 'alone' | 'theirs', id: string, path: string, tag: string, node: string }} Side
 */

/** @type {Record<Side['key'], Side>} */
const SIDES = {
	shared: { key: 'shared', id: 'benchQueueOurs2', path: 'bench-queue-ours-2', tag: 'S', node: 'Initiate' },
	alone: { key: 'alone', id: 'benchQueueOurs1', path: 'bench-queue-ours-1', tag: 'A', node: 'Initiate' },
	theirs: { key: 'theirs', id: 'benchQueueHand', path: 'bench-queue-hand', tag: 'H', node: 'Initiate' },
};
const CREDENTIALS = {
	shared: { id: 'benchQueueShared', name: 'ClickPesa (simulator, 2 processes)' },
	alone: { id: 'benchQueueAlone', name: 'ClickPesa (simulator, 1 process)' },
};

/** @param {QueueContext} q */
function credentials({ sim, settings }) {
	/** @param {{ id: string, name: string }} credential @param {number} processesSharingIp */
	const clickPesa = (credential, processesSharingIp) => ({
		...credential,
		type: 'clickPesaApi',
		data: { clientId: 'SIMCLIENTID', apiKey: 'sim-api-key', baseUrl: sim.clickpesaBaseUrl, rateLimitPerMinute: settings.queueRateLimit, processesSharingIp },
	});
	return [clickPesa(CREDENTIALS.shared, 2), clickPesa(CREDENTIALS.alone, 1)];
}

/** @param {QueueContext} q */
function workflows({ sim, settings }) {
	const count = settings.queueItems;
	/** @param {Side} side @param {object} workflow */
	const started = (side, workflow) => webhookTriggered(workflow, side.path, randomUUID());
	return [
		started(SIDES.shared, ourUssdWorkflow(SIDES.shared.id, count, CREDENTIALS.shared, { items: webhookItems(count) })),
		started(SIDES.alone, ourUssdWorkflow(SIDES.alone.id, count, CREDENTIALS.alone, { items: webhookItems(count) })),
		started(SIDES.theirs, handBuiltUssdWorkflow(SIDES.theirs.id, count, sim.clickpesaBaseUrl, { items: webhookItems(count) })),
	];
}

/** n8n's SQLite stamps are UTC without a zone ("2026-12-01 22:17:26.762"). @param {string | null} value */
function dbTime(value) {
	if (!value) return Number.NaN;
	const text = String(value).replace(' ', 'T');
	return Date.parse(/(Z|[+-]\d\d:?\d\d)$/.test(text) ? text : `${text}Z`);
}

/**
 * One side: fresh workers (so no pacer or token state carries over from another side), the
 * simulator's counters and rate-limit window cleared, the executions started together.
 * @param {QueueContext & { n8n: N8nInstance }} q @param {Side} side
 */
async function measureSide({ sim, n8n, settings, log }, side) {
	const { queueExecutions: executions, queueItems: items, queueRateLimit: limit } = settings;
	const concurrency = Math.ceil(executions / WORKERS);
	const workers = await Promise.all(Array.from({ length: WORKERS }, () => n8n.startWorker({ concurrency, timeoutMs: 5 * 60_000 })));
	try {
		sim.reset(); // counters, request log and ClickPesa's rate-limit windows (clearTraffic)
		const after = Math.max(0, ...(await n8n.executions()).map((row) => row.id));
		const run = Date.now().toString(36).toUpperCase();
		const prefixes = Array.from({ length: executions }, (_, i) => `Q${side.tag}${run}E${i}`);
		const postedAt = Date.now();
		const answers = await Promise.all(
			prefixes.map((prefix) => httpRequest(n8n.webhookUrl(side.path), { method: 'POST', body: { prefix }, timeoutMs: 60_000 })),
		);
		const refused = answers.filter((answer) => answer.status !== 200);
		if (refused.length) throw new Error(`queue pair, ${side.id}: webhook answered ${refused.map((answer) => `${answer.status} ${answer.body.slice(0, 200)}`).join('; ')}`);

		/** @type {Awaited<ReturnType<N8nInstance['executions']>>} */
		let rows = [];
		await waitFor(
			async () => {
				rows = (await n8n.executions()).filter((row) => row.id > after && row.workflowId === side.id);
				return rows.length === executions && rows.every((row) => !['new', 'running', 'waiting'].includes(row.status));
			},
			{ timeoutMs: SIDE_TIMEOUT_MS, intervalMs: 2000, what: `${executions} executions of ${side.id}`, details: () => JSON.stringify(rows) },
		);

		const outputs = [];
		/** @type {string[]} why an execution ended in error (n8n's own message), when one did */
		const executionErrors = [];
		for (const row of rows) {
			const { resultData } = await n8n.executionData(row.id);
			outputs.push(...outputOf(resultData.runData, side.node));
			if (resultData.error) executionErrors.push(`${row.id}: ${String(resultData.error.message ?? resultData.error).slice(0, 200)}`);
		}
		const isError = (/** @type {any} */ json) => json.error !== undefined;
		const mentions429 = (/** @type {any} */ json) => isError(json) && /429|too many requests/i.test(JSON.stringify(json.error));

		const seen = await traffic(sim);
		const pushCounts = (await sim.stats()).counts[`clickpesa ${ROUTES.push}`];
		const arrivals = sim
			.requests(10_000)
			.filter((entry) => entry.provider === 'clickpesa')
			.map((entry) => Date.parse(entry.time));
		const starts = rows.map((row) => dbTime(row.startedAt));
		const stops = rows.map((row) => dbTime(row.stoppedAt));
		// Which worker ran which execution (each worker's log names the executions it started).
		const perWorker = workers.map(({ logFile }) => {
			const workerLog = fs.readFileSync(logFile, 'utf8');
			return rows.filter((row) => new RegExp(`Worker started execution ${row.id}\\b`).test(workerLog)).length;
		});
		const result = {
			executions: rows.length,
			statuses: rows.map((row) => row.status).join(', '),
			executionErrors: executionErrors.join('; '),
			items: executions * items,
			outputItems: outputs.length,
			completed: outputs.filter((json) => !isError(json) && json.status === 'PROCESSING').length,
			errorItems: outputs.filter(isError).length,
			errorItems429: outputs.filter(mentions429).length,
			calls: seen.total,
			rejected429: seen.rejected429,
			tokenCalls: seen.route(ROUTES.token),
			lookups: seen.route(ROUTES.lookup),
			pushesAccepted: pushCounts?.byStatus['200'] ?? 0,
			wallMs: Math.max(...stops) - Math.min(...starts),
			startSkewMs: Math.max(...starts) - Math.min(...starts),
			fromPostMs: Math.max(...stops) - postedAt,
			clickPesaSpanMs: arrivals.length > 1 ? Math.max(...arrivals) - Math.min(...arrivals) : 0,
			floorMs: (seen.total / limit) * 60_000,
			perWorker: perWorker.join(' + '),
			timeline: seen.rejected429 > 0 ? rateLimitTimeline(sim) : '',
		};
		log(
			`Queue ${side.id}: ${result.completed}/${result.items} completed, ${result.errorItems} error items, ${result.rejected429} × 429, ` +
				`${result.tokenCalls} token calls, ${result.calls} calls, wall ${fixed(result.wallMs / 1000, 1)} s (floor ${fixed(result.floorMs / 1000, 1)} s), executions per worker ${result.perWorker}`,
		);
		return result;
	} finally {
		await n8n.stopWorkers();
	}
}

const seconds = (/** @type {number} */ ms) => fixed(ms / 1000, 1);

/**
 * @param {QueueContext} q
 * @returns {Promise<{ rows: import('./context').Row[], notes: string[], raw: any }>}
 */
async function run(q) {
	const { settings, sim, log, tarball, version } = q;
	const { queueExecutions: executions, queueItems: items, queueRateLimit: limit } = settings;
	const total = executions * items;
	const before = sim.getConfig().clickpesa.rateLimitPerMinute;
	await sim.configure({ latencyMs: settings.latencyMs, clickpesa: { rateLimitPerMinute: limit } });
	/** @type {Awaited<ReturnType<typeof startRedis>> | undefined} */
	let redis;
	/** @type {N8nInstance | undefined} */
	let n8n;
	try {
		redis = await startRedis();
		n8n = await N8nInstance.create({ version, tarball, queue: { redisPort: redis.port } });
		await n8n.importCredentials(credentials(q));
		const list = workflows(q);
		await n8n.importWorkflow(list);
		for (const workflow of list) await n8n.activate(workflow.id);
		await n8n.start({ timeoutMs: 5 * 60_000 });
		for (const side of Object.values(SIDES)) await n8n.waitForWebhook(side.path);
		log(`Queue pair: Redis and n8n ${version} main ready; each side starts ${WORKERS} fresh workers`);

		/** @type {Record<Side['key'], any[]>} */
		const results = { shared: [], alone: [], theirs: [] };
		for (let runIndex = 0; runIndex < settings.runs; runIndex++) {
			for (const side of rotated(Object.values(SIDES), runIndex)) {
				results[side.key].push(await measureSide({ ...q, n8n }, side));
			}
		}

		const { shared, alone, theirs } = results;
		const m = (/** @type {any[]} */ list, /** @type {string} */ key) => medianOf(list, key);
		const title = `${executions} executions × ${items} USSD pushes on ${WORKERS} workers, ${limit}/min per address`;
		const allDone = (/** @type {any[]} */ list) => list.every((entry) => entry.completed === total && entry.errorItems === 0);
		const rows = [
			{
				measure: `${title}: items completed, each run (the credential saying 2 processes; theirs: Code → HTTP Request "Get Token" → HTTP Request "Initiate")`,
				ours: perRun(shared, 'completed'),
				theirs: perRun(theirs, 'completed'),
				ratio: `of ${total}`,
				target: `ours ${total}/${total}, every run`,
				met: shared.every((entry) => entry.completed === total),
			},
			{
				measure: `${title}: 429 answers from ClickPesa, each run`,
				ours: perRun(shared, 'rejected429'),
				theirs: perRun(theirs, 'rejected429'),
				ratio: '',
				target: 'ours 0',
				met: shared.every((entry) => entry.rejected429 === 0),
			},
			{
				measure: `${title}: error items reaching the user, each run (of them naming a 429: ours ${perRun(shared, 'errorItems429')}, theirs ${perRun(theirs, 'errorItems429')})`,
				ours: perRun(shared, 'errorItems'),
				theirs: perRun(theirs, 'errorItems'),
				ratio: '',
				target: 'ours 0',
				met: shared.every((entry) => entry.errorItems === 0),
			},
			{
				measure: `${title}: token calls, each run`,
				ours: perRun(shared, 'tokenCalls'),
				theirs: perRun(theirs, 'tokenCalls'),
				ratio: '',
				target: 'ours ≤ 2',
				met: shared.every((entry) => entry.tokenCalls <= 2),
			},
			{
				measure:
					`${title}: wall time, s, first execution started to last finished (floor: all calls ClickPesa received ÷ ${limit}/min; ` +
					`ours ${perRun(shared, 'calls')} calls = ${shared.map((entry) => seconds(entry.floorMs)).join(', ')} s)`,
				ours: shared.map((entry) => seconds(entry.wallMs)).join(', '),
				theirs: theirs.map((entry) => seconds(entry.wallMs)).join(', '),
				ratio: `${shared.map((entry) => fixed(entry.wallMs / entry.floorMs)).join(', ')}× floor`,
				target: `ours ≤ ${FLOOR_FACTOR} × floor`,
				met: shared.every((entry) => entry.wallMs <= FLOOR_FACTOR * entry.floorMs),
			},
			{
				measure: `Same load, ours with the field left at 1 (each worker paces for the whole ${limit}/min): items completed; error items, each run`,
				ours: `${perRun(alone, 'completed')}; ${perRun(alone, 'errorItems')}`,
				theirs: '',
				ratio: `of ${total}`,
				target: `${total}/${total}, 0 error items`,
				met: allDone(alone),
			},
			{
				measure: `Field at 1: 429 answers from ClickPesa; lookups by reference after them; token calls, each run`,
				ours: `${perRun(alone, 'rejected429')}; ${perRun(alone, 'lookups')}; ${perRun(alone, 'tokenCalls')}`,
				theirs: '',
				ratio: '',
				target: 'report',
			},
			{
				measure:
					`Field at 1: wall time, s (floor: its ${perRun(alone, 'calls')} calls ÷ ${limit}/min = ${alone.map((entry) => seconds(entry.floorMs)).join(', ')} s; ` +
					`the refused ones took none of the limit: ${alone.map((entry) => entry.calls - entry.rejected429).join(', ')} accepted)`,
				ours: alone.map((entry) => seconds(entry.wallMs)).join(', '),
				theirs: '',
				ratio: `${fixed(m(alone, 'wallMs') / m(shared, 'wallMs'))}× the field at 2`,
				target: 'report',
			},
		];
		/** @param {string} label @param {any[]} list */
		const detail = (label, list) =>
			list.map(
				(entry, index) =>
					`- ${label}, run ${index + 1}: executions per worker ${entry.perWorker} (${entry.statuses}` +
					(entry.executionErrors ? `; n8n's error, execution ${entry.executionErrors}` : '') +
					`); executions started within ${seconds(entry.startSkewMs)} s of each other; ` +
					`${entry.calls} calls (pushes accepted ${entry.pushesAccepted}, token calls ${entry.tokenCalls}, lookups ${entry.lookups}, 429s ${entry.rejected429}); ` +
					`first to last request at ClickPesa ${seconds(entry.clickPesaSpanMs)} s; webhook calls to last finish ${seconds(entry.fromPostMs)} s; ` +
					`${entry.outputItems} output items, ${entry.completed} completed, ${entry.errorItems} errors (${entry.errorItems429} naming a 429)` +
					(entry.timeline ? `; ${entry.timeline}` : '') +
					'.',
			);
		return {
			rows,
			notes: [
				'### Each side, each run',
				'',
				...detail('Ours, field at 2', shared),
				...detail('Ours, field at 1', alone),
				...detail('Hand-built', theirs),
			],
			raw: results,
		};
	} finally {
		await n8n?.destroy();
		await redis?.stop();
		await sim.configure({ clickpesa: { rateLimitPerMinute: before } });
	}
}

module.exports = { run, workflows, credentials, SIDES };
