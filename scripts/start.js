// @ts-check
/**
 * `npm start`: builds and packs the package, installs it into a local n8n (2.x by default;
 * N8N_VERSION=1.123.81 for the 1.x line), starts the provider simulator (with a few payments of
 * today, and webhooks for both providers pointed at the trigger examples), imports credentials that
 * point at it plus every examples/*.json workflow, then runs `n8n start` on 127.0.0.1:5678 and
 * creates the owner account of a new user folder. Ports: N8N_PORT (5678) and SIMULATOR_PORT (4010),
 * see scripts/start-ports.js. Ctrl-C stops everything.
 *
 * State lives in the git-ignored .local/: the n8n user folder .local/n8n-<version>/ (kept between
 * runs: owner account, edits, executions), its encryption key .local/encryption-key, the owner's
 * e-mail and password .local/owner.json, the tarball, and the logs. Delete .local/ to start from
 * scratch. Runs under Node 24 (scripts/run-with-node24.sh).
 */
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const {
	N8nInstance,
	packPackage,
	n8nInstall,
	readPinnedVersions,
	spawnDetached,
	stopProcessGroup,
	tailFile,
	sleep,
	httpRequest,
} = require('./n8n');
const { choosePorts, PortError, RUN_FILE } = require('./start-ports');

const ROOT = path.resolve(__dirname, '..');
const LOCAL = path.join(ROOT, '.local');
const VERSION = process.env.N8N_VERSION || readPinnedVersions().n8n2;
/** Set by main() from choosePorts() (already run once by run-with-node24.sh --start-ports). */
let PORT = 5678;
let SIMULATOR_PORT = 4010;
const SIM_CHECKSUM_KEY = 'sim-checksum-key';
/** The Basic-auth pair the simulator sends with Clik2pay webhooks, and the simulator credential checks. */
const SIM_C2P_WEBHOOK = { username: 'sim-webhook-user', password: 'sim-webhook-pass' };
const OWNER_FILE = path.join(LOCAL, 'owner.json');
/** The user's own n8n settings (N8N_LOG_LEVEL, GENERIC_TIMEZONE, …) reach n8n; ours win for the rest. */
const PASSTHROUGH = /^(N8N_|DB_|EXECUTIONS_|GENERIC_TIMEZONE$|TZ$)/;
const OURS = new Set(['N8N_VERSION', 'N8N_PORT', 'N8N_USER_FOLDER', 'N8N_ENCRYPTION_KEY']);

/** @type {N8nInstance | undefined} */
let n8n;
/** @type {ReturnType<typeof spawnDetached> | undefined} */
let simulator;
let stopping = false;

const step = (/** @type {string} */ text) => console.log(`\n▶ ${text}`);

async function main() {
	fs.mkdirSync(LOCAL, { recursive: true });
	const { ports, notes } = await choosePorts();
	for (const note of notes) step(note);
	PORT = ports.N8N_PORT;
	SIMULATOR_PORT = ports.SIMULATOR_PORT;
	fs.writeFileSync(RUN_FILE, `${JSON.stringify({ pid: process.pid, n8nPort: PORT, simulatorPort: SIMULATOR_PORT })}\n`);

	step('Building the package (npm run build)');
	const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
	if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status})`);

	step('Packing it (npm pack)');
	const tarball = await packPackage({ root: ROOT, destination: LOCAL });
	console.log(`  ${path.relative(ROOT, tarball)}`);

	step(`Getting n8n ${VERSION} (installed once into the cache; the first time takes several minutes)`);
	const install = await n8nInstall(VERSION);

	const userFolder = path.join(LOCAL, `n8n-${VERSION}`);
	step(`Installing the package into ${path.relative(ROOT, userFolder)}/.n8n/nodes`);
	const env = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => PASSTHROUGH.test(name) && !OURS.has(name)),
	);
	n8n = await N8nInstance.create({
		version: VERSION,
		install,
		tarball,
		port: PORT,
		userFolder,
		encryptionKey: encryptionKeyFor(userFolder),
		env: /** @type {Record<string, string>} */ (env),
	});

	step(`Starting the provider simulator on port ${SIMULATOR_PORT}`);
	const sim = await startSimulator();

	step('Importing the simulator credentials and the example workflows');
	await n8n.importCredentials([
		{
			id: 'simClickPesa',
			name: 'ClickPesa (simulator)',
			type: 'clickPesaApi',
			data: {
				clientId: 'SIMCLIENTID',
				apiKey: 'sim-api-key',
				checksumSecret: SIM_CHECKSUM_KEY,
				baseUrl: sim.clickpesaBaseUrl,
				rateLimitPerMinute: 120,
			},
		},
		{
			id: 'simClik2pay',
			name: 'Clik2pay (simulator)',
			type: 'clik2payApi',
			data: {
				environment: 'custom',
				authUrl: sim.clik2payAuthUrl,
				baseUrl: sim.clik2payBaseUrl,
				username: 'sim-user',
				password: 'sim-pass',
				apiKey: 'sim-c2p-api-key',
				webhookUsername: SIM_C2P_WEBHOOK.username,
				webhookPassword: SIM_C2P_WEBHOOK.password,
			},
		},
	]);
	const examples = readExamples();
	if (examples.length > 0) await n8n.importWorkflow(examples);
	// Import deactivates; an example that says "active": true (e.g. a trigger) is activated again.
	for (const example of examples.filter((workflow) => workflow.active === true)) await n8n.activate(example.id);

	step(`Starting n8n ${VERSION} on http://127.0.0.1:${PORT}`);
	const startedAt = Date.now();
	await n8n.start();
	const owner = await ensureOwner(n8n.baseUrl);
	const rel = (/** @type {string} */ file) => path.relative(ROOT, file);
	const signIn = `http://127.0.0.1:${PORT}/signin?redirect=${encodeURIComponent('/home/workflows')}`;
	console.log(
		[
			'',
			`n8n ${VERSION} is ready (${((Date.now() - startedAt) / 1000).toFixed(1)} s):`,
			'',
			`  Editor:            ${signIn}`,
			...(owner
				? [
						`  Sign in with:      ${owner.email}  /  ${owner.password}`,
						`                     (this sandbox's owner account, made by npm start; kept in ${rel(OWNER_FILE)})`,
					]
				: [`  Sign in with:      the owner account you created in ${rel(userFolder)}/ (delete that folder to start afresh)`]),
			`  Simulator control: ${sim.controlPageUrl}  (approve payments, switch faults, see webhooks)`,
			`                     ${SEEDED.length} payments of today are seeded (DEMO1…); webhooks: ClickPesa → /webhook/clickpesa,`,
			`                     Clik2pay → /webhook/clik2pay (Basic auth ${SIM_C2P_WEBHOOK.username})`,
			`  Credentials:       "ClickPesa (simulator)", "Clik2pay (simulator)"`,
			`  Example workflows: ${examples.length === 0 ? '(none in examples/)' : ''}`,
			...examples.map((workflow) => `    - ${workflow.name}${workflow.active === true ? ' (active)' : ''}  http://127.0.0.1:${PORT}/workflow/${workflow.id}`),
			`  Logs:              ${rel(n8n.mainLogFile)}, ${rel(path.join(LOCAL, 'simulator.log'))}`,
			'',
			'Press Ctrl-C to stop n8n and the simulator.',
		].join('\n'),
	);

	// Runs until Ctrl-C / SIGTERM; if n8n or the simulator dies on its own, stop the other one too.
	const n8nProcess = /** @type {NonNullable<typeof n8n.main>} */ (n8n.main);
	const ended = await Promise.race([
		n8nProcess.exited.then((result) => ({ who: 'n8n', result, log: n8n?.mainLogFile ?? '' })),
		simulator?.exited.then((result) => ({ who: 'the simulator', result, log: path.join(LOCAL, 'simulator.log') })),
	]);
	if (ended && !stopping) {
		console.error(`\n${ended.who} exited (${JSON.stringify(ended.result)}). Log tail:\n${tailFile(ended.log)}`);
		await shutdown(1);
	}
}

/**
 * The user folder's encryption key: the one n8n already wrote into .n8n/config, else the one in
 * .local/encryption-key (created once).
 * @param {string} userFolder
 */
function encryptionKeyFor(userFolder) {
	try {
		const config = JSON.parse(fs.readFileSync(path.join(userFolder, '.n8n', 'config'), 'utf8'));
		if (config.encryptionKey) return String(config.encryptionKey);
	} catch {
		/* new folder */
	}
	const keyFile = path.join(LOCAL, 'encryption-key');
	if (!fs.existsSync(keyFile)) fs.writeFileSync(keyFile, `${crypto.randomBytes(24).toString('hex')}\n`, { mode: 0o600 });
	return fs.readFileSync(keyFile, 'utf8').trim();
}

/**
 * Starts `node simulator/cli.js --port <port>` and waits for its "SIMULATOR_READY {json}" line.
 * @returns {Promise<{ url: string, clickpesaBaseUrl: string, clik2payAuthUrl: string, clik2payBaseUrl: string, controlUrl: string, controlPageUrl: string }>}
 */
async function startSimulator() {
	const cli = path.join(ROOT, 'simulator', 'cli.js');
	if (!fs.existsSync(cli)) throw new Error(`${cli} is missing`);
	const logFile = path.join(LOCAL, 'simulator.log');
	fs.writeFileSync(logFile, '');
	// Webhooks (signed with the checksum key) go to the ClickPesa Trigger example's production URL.
	const hooks = ['--webhook-url', `http://127.0.0.1:${PORT}/webhook/clickpesa`, '--checksum-key', SIM_CHECKSUM_KEY];
	simulator = spawnDetached(process.execPath, [cli, '--port', String(SIMULATOR_PORT), ...hooks], { cwd: ROOT, stdoutFile: logFile });
	let exited = false;
	void simulator.exited.then(() => {
		exited = true;
	});
	const deadline = Date.now() + 30000;
	while (Date.now() < deadline && !exited) {
		const line = fs.readFileSync(logFile, 'utf8').split('\n').find((text) => text.startsWith('SIMULATOR_READY '));
		if (line) {
			const ready = JSON.parse(line.slice('SIMULATOR_READY '.length));
			await prepareSimulator(ready.controlUrl);
			return ready;
		}
		await sleep(100);
	}
	throw new Error(`The simulator ${exited ? 'exited' : 'did not print SIMULATOR_READY within 30 s'}. Log tail:\n${tailFile(logFile)}`);
}

/** Payments of today the simulator starts with, so "List today's payments" has something to list. */
const SEEDED = [
	{ minutesAgo: 95, amount: '15000', channel: 'TIGO-PESA', phoneNumber: '255712345678', status: 'SUCCESS' },
	{ minutesAgo: 62, amount: '2500', channel: 'M-PESA', phoneNumber: '255754321098', status: 'SUCCESS' },
	{ minutesAgo: 31, amount: '48000', channel: 'AIRTEL-MONEY', phoneNumber: '255687654321', status: 'SUCCESS' },
	{ minutesAgo: 12, amount: '7000', channel: 'TIGO-PESA', phoneNumber: '255719999999', status: 'FAILED' },
];

/**
 * Seeds SEEDED (times clamped into today, UTC, the day "List today's payments" asks for) and points
 * the simulator's Clik2pay webhooks at the Clik2pay Trigger example, through its control API.
 * Only npm start does this; the tests start their own simulator.
 * @param {string} controlUrl
 */
async function prepareSimulator(controlUrl) {
	const post = async (/** @type {string} */ route, /** @type {object} */ body) => {
		const response = await httpRequest(`${controlUrl}${route}`, { method: 'POST', body });
		if (response.status >= 300) throw new Error(`simulator ${route}: ${response.status} ${response.body}`);
	};
	await post('/config', {
		clik2pay: {
			webhookUrl: `http://127.0.0.1:${PORT}/webhook/clik2pay`,
			webhookUsername: SIM_C2P_WEBHOOK.username,
			webhookPassword: SIM_C2P_WEBHOOK.password,
		},
	});
	const startOfDay = new Date();
	startOfDay.setUTCHours(0, 0, 0, 0);
	for (const [index, { minutesAgo, ...payment }] of SEEDED.entries()) {
		const at = Math.max(startOfDay.getTime() + index * 1000, Date.now() - minutesAgo * 60000);
		await post('/clickpesa/seed-payments', { count: 1, prefix: 'DEMO', createdAt: new Date(at).toISOString(), ...payment });
	}
}

/**
 * Creates the owner account of a new user folder (POST /rest/owner/setup) with the e-mail and
 * password in .local/owner.json (generated once), and returns them; when the folder already has an
 * owner, returns them only if they still sign in (an owner made by hand before is not known).
 * @param {string} baseUrl
 * @returns {Promise<{ email: string, password: string } | undefined>}
 */
async function ensureOwner(baseUrl) {
	/** @type {{ email: string, password: string, firstName: string, lastName: string }} */
	let owner;
	try {
		owner = JSON.parse(fs.readFileSync(OWNER_FILE, 'utf8'));
	} catch {
		// n8n wants 8+ characters with a digit and an upper-case letter.
		owner = { email: 'sandbox@example.com', password: `Sandbox-${crypto.randomBytes(6).toString('hex')}-7`, firstName: 'Sandbox', lastName: 'Owner' };
		fs.writeFileSync(OWNER_FILE, `${JSON.stringify(owner, null, 2)}\n`, { mode: 0o600 });
	}
	const { email, password } = owner;
	const settings = (await httpRequest(`${baseUrl}/rest/settings`)).json();
	const settingsData = settings.data ?? settings;
	if (settingsData.userManagement?.showSetupOnFirstLoad) {
		const setup = await httpRequest(`${baseUrl}/rest/owner/setup`, {
			method: 'POST',
			body: { email, password, firstName: owner.firstName, lastName: owner.lastName },
		});
		if (setup.status !== 200) throw new Error(`owner setup failed: ${setup.status} ${setup.body.slice(0, 300)}`);
		return { email, password };
	}
	// 2.x signs in with emailOrLdapLoginId, 1.x with email.
	const login = await httpRequest(`${baseUrl}/rest/login`, {
		method: 'POST',
		body: { email, emailOrLdapLoginId: email, password },
	});
	return login.status === 200 ? { email, password } : undefined;
}

/** @returns {{ id: string, name: string, active?: boolean }[]} every examples/*.json workflow */
function readExamples() {
	const dir = path.join(ROOT, 'examples');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
			if (!workflow.id) throw new Error(`examples/${file} has no "id"`);
			return workflow;
		});
}

/** @param {number} code */
async function shutdown(code) {
	if (stopping) return;
	stopping = true;
	console.log('\nStopping n8n and the simulator…');
	await Promise.all([n8n?.stop(), simulator ? stopProcessGroup(simulator, { graceMs: 5000 }) : undefined]);
	try {
		if (JSON.parse(fs.readFileSync(RUN_FILE, 'utf8')).pid === process.pid) fs.rmSync(RUN_FILE);
	} catch {
		/* not written yet */
	}
	process.exit(code);
}

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
	process.on(signal, () => {
		if (stopping) return; // a second Ctrl-C while stopping: the SIGKILL fallback is under way
		void shutdown(0);
	});
}

main().catch(async (error) => {
	if (error instanceof PortError) {
		console.error(`\nnpm start: ${error.message}`);
		process.exit(1);
	}
	console.error(`\nnpm start failed: ${error instanceof Error ? error.message : error}`);
	await shutdown(1);
});
