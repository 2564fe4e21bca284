// @ts-check
/**
 * `npm run bench`: what our nodes save compared with what users build by hand in n8n, measured
 * side by side in one run against the provider simulator and a real n8n (the pinned 2.x).
 * Prints a table of medians and writes bench/results.md. Knobs: bench/settings.js; method and
 * findings: bench/README.md.
 */
'use strict';

const { startSimulator } = require('../simulator');
const { N8nInstance, packPackage, removePackedTarballs, readPinnedVersions } = require('../scripts/n8n');
const { simulatorCredentials, SIM_CREDENTIALS } = require('../test/e2e/workflows');
const { settings } = require('./settings');
const { writeReport, table } = require('./report');
const ussd = require('./scenarios/ussd');
const billpay = require('./scenarios/billpay');
const webhooks = require('./scenarios/webhooks');
const cpu = require('./scenarios/cpu');
const payouts = require('./scenarios/payouts');
const reconcile = require('./scenarios/reconcile');
const plans = require('./scenarios/plans');
const memory = require('./scenarios/memory');
const queue = require('./scenarios/queue');

const CHECKSUM_KEY = 'bench-checksum-key';
const CREDENTIALS = {
	unpaced: SIM_CREDENTIALS.clickPesaApi,
	paced: { id: 'benchPaced', name: 'ClickPesa (simulator, paced)' },
	signed: { id: 'benchSigned', name: 'ClickPesa (simulator, checksum)' },
	reconcile: reconcile.CREDENTIAL,
};

/** The pairs measured in one regular-mode n8n; the queue pair starts its own. */
const REGULAR_PAIRS = ['ussd', 'billpay', 'cpu', 'webhooks', 'payouts', 'reconcile', 'plans', 'memory'];

const started = Date.now();
/** @param {string} line */
const log = (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

/** @param {import('../simulator').Simulator} sim */
function credentialsFor(sim) {
	// Pacing off where no rate limit is simulated; the paced credential gets the simulated limit.
	const [clickPesa] = simulatorCredentials(sim, { rateLimitPerMinute: 0 });
	return [
		clickPesa,
		{ ...clickPesa, ...CREDENTIALS.paced, data: { ...clickPesa.data, rateLimitPerMinute: settings.rateLimitPerMinute } },
		{ ...clickPesa, ...CREDENTIALS.signed, data: { ...clickPesa.data, checksumSecret: CHECKSUM_KEY } },
		reconcile.credential(sim),
	];
}

function settingsText() {
	return [
		'```',
		...Object.entries(settings).map(([key, value]) => `${key}: ${JSON.stringify(value)}`),
		`webhook execution settings (all sides): ${JSON.stringify(webhooks.EXECUTION_SETTINGS)}`,
		`webhook n8n start, for the hand-built Code node: ${JSON.stringify(webhooks.CODE_NODE_SETTINGS)}`,
		'```',
		'',
		`- Simulator: latency ${settings.latencyMs} ms per request (0 ms in the CPU pair), no rate limit except in the rate-limited USSD pair, ` +
			`where it allows ${settings.rateLimitPerMinute} requests per 60 s sliding window; the paced credential's Max Requests per Minute is the same ${settings.rateLimitPerMinute}. Other credentials: 0 (pacing off).`,
		'- Hand-built USSD: Code → HTTP Request "Get Token" (one per item) → HTTP Request "Initiate" (one per item; the node sends all items at once). ' +
			'Hand-built BillPay: HTTP Request "Get Token" once per execution → Code → HTTP Request per control number (the better of the two hand-built variants). ' +
			'Hand-built in the CPU pair: one token per execution, so both sides make one call per item.',
		'- Webhooks: four workflows active in the same `n8n start`. Ours: ClickPesa Trigger (typeVersion 1.1, and 1 as context; checksum key on its credential) → No Operation. ' +
			'Theirs, what a user builds instead: Webhook node (POST, "Using \'Respond to Webhook\' Node") → Code node (canonical HMAC-SHA256 with the same key) → IF (equals the body\'s checksum) → ' +
			'Respond to Webhook 200 → No Operation; IF false → Respond to Webhook 401. Context only: the Webhook node alone (respond immediately) → No Operation, nothing verified. ' +
			'Every timed body is signed with the canonical checksum and sent to every side; a check phase first sends 2 signed and 5 tampered bodies to each side and stops the run unless ours and theirs answer 200 and 401. ' +
			`The timed bodies go out in chunks of ${settings.webhookChunk}, the sides taking turns per chunk; CPU per delivery is the user + system time of n8n's process group during a side's chunks.`,
		`- Payouts: the simulator's payout cooldown is ${settings.payoutCooldownMs} ms (ClickPesa: 60 s); ours is Create Mobile Money Payout with Payout Spacing ${settings.payoutCooldownMs / 1000} s, ` +
			'theirs Code → HTTP Request "Get Token" (one per item) → HTTP Request "Create" (one per item, all items at once). Fresh cooldown before each run.',
		`- Queue mode: its own n8n (Redis, \`n8n start\`, 2 × \`n8n worker --concurrency=${Math.ceil(settings.queueExecutions / 2)}\`, the package installed once in the user folder all three read), ` +
			`${settings.queueExecutions} webhook-started executions × ${settings.queueItems} USSD pushes, the simulator allowing ${settings.queueRateLimit} requests per 60 s sliding window per address; ` +
			`ours with Max Requests per Minute ${settings.queueRateLimit} and n8n Processes Sharing the IP Address 2, then 1; theirs Code → HTTP Request "Get Token" → HTTP Request "Initiate" (one of each per item). ` +
			'Fresh workers and a cleared simulator window for every side.',
	].join('\n');
}

async function main() {
	const versions = readPinnedVersions();
	log(`Benchmark against n8n ${versions.n8n2}: ${JSON.stringify(settings)}`);
	const tarball = await packPackage();
	const sim = await startSimulator({ port: 0, latencyMs: settings.latencyMs, clickpesa: { rateLimitPerMinute: 0, customerDelayMs: null } });
	/** @type {N8nInstance | undefined} */
	let n8n;
	try {
		const wanted = (/** @type {string} */ name) => settings.only.length === 0 || settings.only.includes(name);
		/** @type {Record<string, { rows: import('./scenarios/context').Row[], notes?: string[] }>} */
		const measured = {};
		// The queue pair brings its own n8n (queue mode); the others share one in regular mode.
		if (REGULAR_PAIRS.some(wanted)) {
			n8n = await N8nInstance.create({ version: versions.n8n2, tarball });
			/** @type {import('./scenarios/context').Context} */
			const ctx = { settings, sim, n8n, credentials: CREDENTIALS, log, checksumKey: CHECKSUM_KEY };
			await n8n.importCredentials(credentialsFor(sim));
			const scenarios = [ussd, billpay, cpu, payouts, reconcile, plans, memory];
			await n8n.importWorkflow([...scenarios, webhooks].flatMap((scenario) => scenario.workflows(ctx)));
			log('n8n ready; measuring');

			if (wanted('ussd')) {
				const result = await ussd.run(ctx);
				measured.ussd = { rows: result.rows, notes: result.notes.length ? ['', '### When our node met the rate limit', '', ...result.notes] : [] };
			}
			if (wanted('billpay')) measured.billpay = { rows: (await billpay.run(ctx)).rows };
			if (wanted('cpu')) measured.cpu = { rows: (await cpu.run(ctx)).rows };
			if (wanted('reconcile')) measured.reconcile = { rows: (await reconcile.run(ctx)).rows };
			if (wanted('plans')) measured.plans = { rows: (await plans.run(ctx)).rows };
			if (wanted('memory')) measured.memory = { rows: (await memory.run(ctx)).rows };
			if (wanted('webhooks')) {
				const extraEnv = Object.keys(settings.webhookN8nEnv).length ? ['', `n8n started with extra environment (BENCH_WEBHOOK_N8N_ENV): \`${JSON.stringify(settings.webhookN8nEnv)}\`.`] : [];
				measured.webhooks = { rows: (await webhooks.run(ctx, CHECKSUM_KEY)).rows, notes: extraEnv };
			}
			if (wanted('payouts')) measured.payouts = { rows: (await payouts.run(ctx)).rows };
			await n8n.destroy();
			n8n = undefined;
		}
		if (wanted('queue')) {
			const result = await queue.run({ settings, sim, log, tarball, version: versions.n8n2 });
			measured.queue = { rows: result.rows, notes: result.notes };
		}

		console.log(`\n${table(Object.values(measured).flatMap(({ rows }) => rows))}\n`);
		if (settings.profileDir) {
			log('Profiled run: bench/results.md left as it was');
			return;
		}
		writeReport({ measured, n8nVersion: versions.n8n2, runs: settings.runs, settingsText: settingsText() });
		log(`Written to bench/results.md (sections: ${Object.keys(measured).join(', ')})`);
	} finally {
		await n8n?.destroy();
		await sim.stop();
		removePackedTarballs();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
