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

const CHECKSUM_KEY = 'bench-checksum-key';
const CREDENTIALS = {
	unpaced: SIM_CREDENTIALS.clickPesaApi,
	paced: { id: 'benchPaced', name: 'ClickPesa (simulator, paced)' },
	signed: { id: 'benchSigned', name: 'ClickPesa (simulator, checksum)' },
};

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
	];
}

function settingsText() {
	return [
		'```',
		...Object.entries(settings).map(([key, value]) => `${key}: ${JSON.stringify(value)}`),
		`webhook execution settings (both sides): ${JSON.stringify(webhooks.EXECUTION_SETTINGS)}`,
		'```',
		'',
		`- Simulator: latency ${settings.latencyMs} ms per request (0 ms in the CPU pair), no rate limit except in the rate-limited USSD pair, ` +
			`where it allows ${settings.rateLimitPerMinute} requests per 60 s sliding window; the paced credential's Max Requests per Minute is the same ${settings.rateLimitPerMinute}. Other credentials: 0 (pacing off).`,
		'- Hand-built USSD: Code → HTTP Request "Get Token" (one per item) → HTTP Request "Initiate" (one per item; the node sends all items at once). ' +
			'Hand-built BillPay: HTTP Request "Get Token" once per execution → Code → HTTP Request per control number (the better of the two hand-built variants). ' +
			'Hand-built in the CPU pair: one token per execution, so both sides make one call per item.',
		'- Webhooks: both workflows active in the same `n8n start`, trigger → No Operation; ours is the ClickPesa Trigger with the checksum key on its credential, ' +
			'theirs n8n\'s Webhook node (POST, respond immediately). Every body is signed with the canonical checksum and sent to both.',
		`- Payouts: the simulator's payout cooldown is ${settings.payoutCooldownMs} ms (ClickPesa: 60 s); ours is Create Mobile Money Payout with Payout Spacing ${settings.payoutCooldownMs / 1000} s, ` +
			'theirs Code → HTTP Request "Get Token" (one per item) → HTTP Request "Create" (one per item, all items at once). Fresh cooldown before each run.',
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
		n8n = await N8nInstance.create({ version: versions.n8n2, tarball });
		/** @type {import('./scenarios/context').Context} */
		const ctx = { settings, sim, n8n, credentials: CREDENTIALS, log };
		await n8n.importCredentials(credentialsFor(sim));
		const scenarios = [ussd, billpay, cpu, payouts];
		await n8n.importWorkflow([...scenarios, webhooks].flatMap((scenario) => scenario.workflows(ctx)));
		log('n8n ready; measuring');

		const wanted = (/** @type {string} */ name) => settings.only.length === 0 || settings.only.includes(name);
		const rows = [];
		/** @type {string[]} */
		const notes = [];
		if (wanted('ussd')) {
			const result = await ussd.run(ctx);
			rows.push(...result.rows);
			notes.push(...result.notes);
		}
		if (wanted('billpay')) rows.push(...(await billpay.run(ctx)).rows);
		if (wanted('cpu')) rows.push(...(await cpu.run(ctx)).rows);
		if (wanted('webhooks')) rows.push(...(await webhooks.run(ctx, CHECKSUM_KEY)).rows);
		if (wanted('payouts')) rows.push(...(await payouts.run(ctx)).rows);

		console.log(`\n${table(rows)}\n`);
		if (settings.only.length > 0 || settings.profileDir) {
			log('Partial or profiled run: bench/results.md left as it was');
			return;
		}
		writeReport({ rows, n8nVersion: versions.n8n2, settings, settingsText: settingsText(), notes: [...(notes.length ? ['## When our node met the rate limit', '', ...notes, ''] : []), 'Method and findings: bench/README.md.'].join('\n') });
		log('Written to bench/results.md');
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
