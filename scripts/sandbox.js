// @ts-check
/**
 * The sandbox `npm start` sets up (scripts/start.js runs it; test/browser/firstHour.js runs the
 * same code in a temp folder): the package installed into an n8n user folder, the provider simulator
 * (with a few payments of today, and webhooks for both providers pointed at the trigger examples),
 * credentials that point at it plus every examples/*.json workflow, `n8n start`, the owner account of
 * a new user folder, and the banner that tells the user all of it.
 *
 * State lives in `local` (.local/ for npm start): the n8n user folder n8n-<version>/, its encryption
 * key encryption-key, the owner's e-mail and password owner.json, and simulator.log.
 */
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { N8nInstance, spawnDetached, stopProcessGroup, tailFile, sleep, httpRequest } = require('./n8n');
const { simulatorCredentials } = require('./simulator-credentials');

const ROOT = path.resolve(__dirname, '..');
const SIM_CHECKSUM_KEY = 'sim-checksum-key';
/** The Basic-auth pair the simulator sends with Clik2pay webhooks, and the simulator credential checks. */
const SIM_C2P_WEBHOOK = { username: 'sim-webhook-user', password: 'sim-webhook-pass' };
/** The user's own n8n settings (N8N_LOG_LEVEL, GENERIC_TIMEZONE, …) reach n8n; ours win for the rest. */
const PASSTHROUGH = /^(N8N_|DB_|EXECUTIONS_|GENERIC_TIMEZONE$|TZ$)/;
const OURS = new Set(['N8N_VERSION', 'N8N_PORT', 'N8N_USER_FOLDER', 'N8N_ENCRYPTION_KEY']);

/** Payments of today the simulator starts with, so "List today's payments" has something to list. */
const SEEDED = [
	{ minutesAgo: 95, amount: '15000', channel: 'TIGO-PESA', phoneNumber: '255712345678', status: 'SUCCESS' },
	{ minutesAgo: 62, amount: '2500', channel: 'M-PESA', phoneNumber: '255754321098', status: 'SUCCESS' },
	{ minutesAgo: 31, amount: '48000', channel: 'AIRTEL-MONEY', phoneNumber: '255687654321', status: 'SUCCESS' },
	{ minutesAgo: 12, amount: '7000', channel: 'TIGO-PESA', phoneNumber: '255719999999', status: 'FAILED' },
];

/**
 * The variables of `env` that reach n8n (PASSTHROUGH, minus those the sandbox sets itself).
 * @param {NodeJS.ProcessEnv} env
 * @returns {Record<string, string>}
 */
function passthroughEnv(env) {
	return /** @type {Record<string, string>} */ (
		Object.fromEntries(Object.entries(env).filter(([name]) => PASSTHROUGH.test(name) && !OURS.has(name)))
	);
}

/** The example that says where to start: first in the banner and in n8n's workflow list. */
const START_HERE = 'start-here.json';

/** @returns {{ id: string, name: string, active?: boolean }[]} every examples/*.json workflow, start-here.json first */
function readExamples(root = ROOT) {
	const dir = path.join(root, 'examples');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort((a, b) => Number(b === START_HERE) - Number(a === START_HERE) || a.localeCompare(b))
		.map((file) => {
			const workflow = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
			if (!workflow.id) throw new Error(`examples/${file} has no "id"`);
			return workflow;
		});
}

/**
 * @typedef {object} SandboxOptions
 * @property {string} local state folder (.local/ for npm start)
 * @property {string} version exact n8n version
 * @property {number} port n8n's port
 * @property {number} simulatorPort the simulator's port
 * @property {Record<string, string>} [env] extra environment for n8n (passthroughEnv(process.env) for npm start)
 * @property {string} [root] the repository (examples/, simulator/)
 */

class Sandbox {
	/** @param {SandboxOptions} options */
	constructor({ local, version, port, simulatorPort, env = {}, root = ROOT }) {
		this.local = local;
		this.version = version;
		this.port = port;
		this.simulatorPort = simulatorPort;
		this.env = env;
		this.root = root;
		this.userFolder = path.join(local, `n8n-${version}`);
		this.ownerFile = path.join(local, 'owner.json');
		this.simulatorLogFile = path.join(local, 'simulator.log');
		/** @type {N8nInstance | undefined} */
		this.n8n = undefined;
		/** @type {ReturnType<typeof spawnDetached> | undefined} */
		this.simulator = undefined;
		/** @type {{ url: string, clickpesaBaseUrl: string, clik2payAuthUrl: string, clik2payBaseUrl: string, controlUrl: string, controlPageUrl: string } | undefined} */
		this.simulatorUrls = undefined;
		/** @type {{ id: string, name: string, active?: boolean }[]} */
		this.examples = [];
		/** @type {{ email: string, password: string } | undefined} */
		this.owner = undefined;
	}

	/** A path for messages: relative to the repository when inside it. @param {string} file */
	rel(file) {
		const relative = path.relative(this.root, file);
		return relative.startsWith('..') ? file : relative;
	}

	/**
	 * Prepares the user folder and installs the package tarball into its .n8n/nodes.
	 * @param {{ tarball: string, install?: import('./n8n/toolchain').N8nInstall }} options
	 */
	async createN8n({ tarball, install }) {
		fs.mkdirSync(this.local, { recursive: true });
		this.n8n = await N8nInstance.create({
			version: this.version,
			install,
			tarball,
			port: this.port,
			userFolder: this.userFolder,
			encryptionKey: this.encryptionKey(),
			env: this.env,
			owner: this.ownerAccount(),
		});
		return this.n8n;
	}

	/**
	 * The user folder's encryption key: the one n8n already wrote into .n8n/config, else the one in
	 * <local>/encryption-key (created once).
	 */
	encryptionKey() {
		try {
			const config = JSON.parse(fs.readFileSync(path.join(this.userFolder, '.n8n', 'config'), 'utf8'));
			if (config.encryptionKey) return String(config.encryptionKey);
		} catch {
			/* new folder */
		}
		const keyFile = path.join(this.local, 'encryption-key');
		if (!fs.existsSync(keyFile)) fs.writeFileSync(keyFile, `${crypto.randomBytes(24).toString('hex')}\n`, { mode: 0o600 });
		return fs.readFileSync(keyFile, 'utf8').trim();
	}

	/**
	 * Starts `node simulator/cli.js --port <port>`, waits for its "SIMULATOR_READY {json}" line, then
	 * seeds it and points its webhooks at n8n (prepareSimulator).
	 */
	async startSimulator() {
		const cli = path.join(this.root, 'simulator', 'cli.js');
		if (!fs.existsSync(cli)) throw new Error(`${cli} is missing`);
		const logFile = this.simulatorLogFile;
		fs.writeFileSync(logFile, '');
		// Webhooks (signed with the checksum key) go to the ClickPesa Trigger example's production URL.
		const hooks = ['--webhook-url', `http://127.0.0.1:${this.port}/webhook/clickpesa`, '--checksum-key', SIM_CHECKSUM_KEY];
		const simulator = spawnDetached(process.execPath, [cli, '--port', String(this.simulatorPort), ...hooks], { cwd: this.root, stdoutFile: logFile });
		this.simulator = simulator;
		let exited = false;
		void simulator.exited.then(() => {
			exited = true;
		});
		const deadline = Date.now() + 30000;
		while (Date.now() < deadline && !exited) {
			const line = fs.readFileSync(logFile, 'utf8').split('\n').find((text) => text.startsWith('SIMULATOR_READY '));
			if (line) {
				const ready = JSON.parse(line.slice('SIMULATOR_READY '.length));
				await this.prepareSimulator(ready.controlUrl);
				this.simulatorUrls = ready;
				return ready;
			}
			await sleep(100);
		}
		throw new Error(`The simulator ${exited ? 'exited' : 'did not print SIMULATOR_READY within 30 s'}. Log tail:\n${tailFile(logFile)}`);
	}

	/**
	 * Seeds SEEDED (times clamped into today, UTC, the day "List today's payments" asks for) and points
	 * the simulator's Clik2pay webhooks at the Clik2pay Trigger example, through its control API.
	 * Only the sandbox does this; the other tests start their own simulator.
	 * @param {string} controlUrl
	 */
	async prepareSimulator(controlUrl) {
		const post = async (/** @type {string} */ route, /** @type {object} */ body) => {
			const response = await httpRequest(`${controlUrl}${route}`, { method: 'POST', body });
			if (response.status >= 300) throw new Error(`simulator ${route}: ${response.status} ${response.body}`);
		};
		await post('/config', {
			clik2pay: {
				webhookUrl: `http://127.0.0.1:${this.port}/webhook/clik2pay`,
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
	 * Imports the two simulator credentials and every example with n8n's CLI, before n8n starts, so
	 * that they keep their ids (the banner links to /workflow/<id>); startN8n() activates the examples
	 * marked active.
	 */
	async importAll() {
		const n8n = this.requireN8n();
		const sim = this.simulatorUrls;
		if (!sim) throw new Error('importAll: start the simulator first');
		await n8n.importCredentials(
			simulatorCredentials(sim, { checksumSecret: SIM_CHECKSUM_KEY }, { webhookUsername: SIM_C2P_WEBHOOK.username, webhookPassword: SIM_C2P_WEBHOOK.password }),
		);
		this.examples = readExamples(this.root);
		// n8n lists workflows last updated first: imported in reverse, they are listed in the banner's order.
		if (this.examples.length > 0) await n8n.importWorkflow([...this.examples].reverse());
	}

	/**
	 * `n8n start`, the owner account (ensureOwner), then the examples that say "active": true (import
	 * deactivated them) are activated through n8n's REST API as that owner. When the folder's owner is
	 * not ours (made by hand), n8n's CLI activates them and n8n starts again.
	 * @returns {Promise<string>} the banner: addresses, owner account, simulator, credentials, examples, logs
	 */
	async startN8n() {
		const n8n = this.requireN8n();
		const startedAt = Date.now();
		await n8n.start();
		this.owner = await this.ensureOwner(n8n.baseUrl);
		const active = this.examples.filter((workflow) => workflow.active === true);
		if (this.owner) {
			for (const example of active) await n8n.activate(example.id);
		} else if (active.length > 0) {
			await n8n.stop();
			for (const example of active) await n8n.activate(example.id);
			await n8n.start();
		}
		return this.banner((Date.now() - startedAt) / 1000);
	}

	/** @param {number} seconds how long `n8n start` took */
	banner(seconds) {
		const n8n = this.requireN8n();
		const sim = this.simulatorUrls;
		const { owner, examples, port } = this;
		const signIn = `http://127.0.0.1:${port}/signin?redirect=${encodeURIComponent('/home/workflows')}`;
		return [
			'',
			`n8n ${this.version} is ready (${seconds.toFixed(1)} s):`,
			'',
			`  Editor:            ${signIn}`,
			...(owner
				? [
						`  Sign in with:      ${owner.email}  /  ${owner.password}`,
						`                     (this sandbox's owner account, made by npm start; kept in ${this.rel(this.ownerFile)})`,
					]
				: [`  Sign in with:      the owner account you created in ${this.rel(this.userFolder)}/ (delete that folder to start afresh)`]),
			`  Simulator control: ${sim?.controlPageUrl}  (approve payments, switch faults, see webhooks)`,
			`                     ${SEEDED.length} payments of today are seeded (DEMO1…); webhooks: ClickPesa → /webhook/clickpesa,`,
			`                     Clik2pay → /webhook/clik2pay (Basic auth ${SIM_C2P_WEBHOOK.username})`,
			`  Credentials:       "ClickPesa (simulator)", "Clik2pay (simulator)"`,
			`  Example workflows: ${examples.length === 0 ? '(none in examples/)' : ''}`,
			...examples.map((workflow) => `    - ${workflow.name}${workflow.active === true ? ' (active)' : ''}  http://127.0.0.1:${port}/workflow/${workflow.id}`),
			`  Logs:              ${this.rel(n8n.mainLogFile)}, ${this.rel(this.simulatorLogFile)}`,
			'',
			'Press Ctrl-C to stop n8n and the simulator.',
		].join('\n');
	}

	/**
	 * The sandbox's owner account: <local>/owner.json, generated once.
	 * @returns {{ email: string, password: string, firstName: string, lastName: string }}
	 */
	ownerAccount() {
		try {
			return JSON.parse(fs.readFileSync(this.ownerFile, 'utf8'));
		} catch {
			// n8n wants 8+ characters with a digit and an upper-case letter.
			const owner = { email: 'sandbox@example.com', password: `Sandbox-${crypto.randomBytes(6).toString('hex')}-7`, firstName: 'Sandbox', lastName: 'Owner' };
			fs.mkdirSync(this.local, { recursive: true });
			fs.writeFileSync(this.ownerFile, `${JSON.stringify(owner, null, 2)}\n`, { mode: 0o600 });
			return owner;
		}
	}

	/**
	 * Creates the owner account of a new user folder (POST /rest/owner/setup) with the e-mail and
	 * password in <local>/owner.json (generated once), and returns them; when the folder already has an
	 * owner, returns them only if they still sign in (an owner made by hand before is not known).
	 * @param {string} baseUrl
	 * @returns {Promise<{ email: string, password: string } | undefined>}
	 */
	async ensureOwner(baseUrl) {
		const owner = this.ownerAccount();
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

	/**
	 * Resolves when n8n or the simulator exits on its own.
	 * @returns {Promise<{ who: string, result: unknown, log: string }>}
	 */
	exited() {
		const n8n = this.requireN8n();
		const n8nProcess = /** @type {NonNullable<typeof n8n.main>} */ (n8n.main);
		return Promise.race([
			n8nProcess.exited.then((result) => ({ who: 'n8n', result, log: n8n.mainLogFile })),
			...(this.simulator ? [this.simulator.exited.then((result) => ({ who: 'the simulator', result, log: this.simulatorLogFile }))] : []),
		]);
	}

	/** Stops n8n and the simulator, each by its own process group. */
	async stop() {
		await Promise.all([this.n8n?.stop(), this.simulator ? stopProcessGroup(this.simulator, { graceMs: 5000 }) : undefined]);
	}

	requireN8n() {
		if (!this.n8n) throw new Error('Sandbox: createN8n() first');
		return this.n8n;
	}
}

module.exports = { Sandbox, SEEDED, SIM_C2P_WEBHOOK, SIM_CHECKSUM_KEY, passthroughEnv, readExamples };
