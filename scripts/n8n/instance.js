// @ts-check
/**
 * Drives a real n8n (1.x or 2.x, from the toolchain's cache) for the e2e tests and `npm start`:
 * prepares a user folder, installs the package tarball the way users do, starts `n8n start` /
 * `n8n worker`, reads executions from SQLite.
 *
 * Imports, activations and runs go through n8n's REST API once the instance is started (one n8n
 * process serves a whole suite), and through n8n's CLI before that (`npm start` imports the examples
 * with their own ids before n8n starts). Each CLI call is a cold start of n8n (seconds each), so the
 * tests start first and use the REST path. docs/testing.md has the facts behind every step.
 */
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { createRequire } = require('node:module');
const { promisify } = require('node:util');

const { freePort } = require('./ports');
const { httpRequest } = require('./http');
const { spawnDetached, stopProcessGroup, groupAlive, runToFiles, tail, tailFile, sleep } = require('./process');
const { REPO_ROOT, n8nInstall, ensureCommand } = require('./toolchain');
const { N8nRest, TEST_OWNER } = require('./rest');

const execFileAsync = promisify(execFile);

/** The fixed key the tests use; set before the first n8n call on a folder (any call writes a random one). */
/**
 * How long a start of n8n (main or worker) may take before the test fails. A quiet 2-core machine
 * starts 2.41.1 on a new folder in 10–30 s; CI may run other work beside the tests, and a start
 * measured under a load of 40 took over 2 minutes: the bound is for a start that never comes.
 */
const N8N_START_TIMEOUT_MS = 5 * 60_000;

const TEST_ENCRYPTION_KEY = 'n8n-nodes-clickpesa-clik2pay-e2e-key-0123456789';

/** Inherited variables that would change how n8n behaves are not passed on; pass them through `env`
 * instead. NODE_ENV=test (jest sets it) makes n8n's node loader refuse to run ("Not available in
 * tests"): `export:nodes` then exits 0 without writing its file. */
const STRIPPED_ENV = /^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|NODE_ENV$|JEST_WORKER_ID$)/;

/**
 * N8N_PROCESS_LOG (set by scripts/test.sh): a file that gets one line per n8n process started
 * ("<version> <command>") and per package install, so a test run can say what it cost.
 * @param {string} what
 */
function countProcess(what) {
	const file = process.env.N8N_PROCESS_LOG;
	if (file) fs.appendFileSync(file, `${what}\n`);
}

/**
 * Packs the repository (its dist/ must be built) with `npm pack`; one tarball per process and root.
 * @param {{ root?: string, destination?: string }} [options] destination defaults to a temp folder,
 *   removed by removePackedTarballs() (tests: call it in afterAll) or when this process exits.
 * @returns {Promise<string>} absolute path of the .tgz
 */
function packPackage({ root = REPO_ROOT, destination } = {}) {
	// scripts/test.sh packs once per test run and hands the tarball to every suite.
	const packed = process.env.N8N_PACKAGE_TARBALL;
	if (packed && root === REPO_ROOT && !destination && fs.existsSync(packed)) return Promise.resolve(packed);
	const key = `${root}\0${destination ?? ''}`;
	let pending = packCache.get(key);
	if (!pending) {
		pending = doPack(root, destination);
		pending.catch(() => packCache.delete(key));
		packCache.set(key, pending);
	}
	return pending;
}
/** @type {Map<string, Promise<string>>} */
const packCache = new Map();
/** @type {Set<string>} */
const packTempDirs = new Set();

/** Removes the temp folders packPackage() made (unless KEEP_N8N=1) and forgets its tarballs. */
function removePackedTarballs() {
	if (process.env.KEEP_N8N !== '1') {
		for (const dir of packTempDirs) fs.rmSync(dir, { recursive: true, force: true });
	}
	packTempDirs.clear();
	packCache.clear();
}
process.on('exit', removePackedTarballs);

/** @param {string} root @param {string | undefined} destination */
async function doPack(root, destination) {
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const built = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const missing = built.filter((file) => !fs.existsSync(path.join(root, file)));
	if (built.length === 0 || missing.length > 0) {
		throw new Error(
			`packPackage: the package is not built (missing ${missing.join(', ') || 'n8n.nodes in package.json'}). ` +
				`Run "npm run build" in ${root} first.`,
		);
	}
	let dir = destination;
	if (!dir) {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-pack-'));
		packTempDirs.add(dir);
	}
	fs.mkdirSync(dir, { recursive: true });
	const { stdout } = await execFileAsync('npm', ['pack', '--json', '--pack-destination', dir], {
		cwd: root,
		maxBuffer: 16 * 1024 * 1024,
	});
	const [result] = JSON.parse(stdout.slice(stdout.indexOf('[')));
	return path.join(dir, result.filename);
}

/**
 * The `json` of every item on one output of a node, from a run returned by execute() or from
 * executionData().
 * @param {{ runData?: any, data?: any, resultData?: any }} run
 * @param {string} nodeName
 * @param {number} [outputIndex]
 * @param {number} [runIndex]
 * @returns {any[]}
 */
function nodeOutput(run, nodeName, outputIndex = 0, runIndex = 0) {
	const runData = run.runData ?? run.data?.resultData?.runData ?? run.resultData?.runData;
	const nodeRuns = runData?.[nodeName];
	if (!nodeRuns) {
		throw new Error(`nodeOutput: node "${nodeName}" did not run (ran: ${Object.keys(runData ?? {}).join(', ') || 'none'})`);
	}
	const taskData = nodeRuns[runIndex];
	if (!taskData) throw new Error(`nodeOutput: node "${nodeName}" has no run #${runIndex}`);
	if (taskData.error) {
		const error = new Error(`nodeOutput: node "${nodeName}" failed: ${taskData.error.message}`);
		Object.assign(error, { nodeError: taskData.error });
		throw error;
	}
	const items = taskData.data?.main?.[outputIndex] ?? [];
	return items.map((/** @type {{ json: any }} */ item) => item.json);
}

/**
 * Finds n8n's run JSON in `n8n execute` output: `JSON.stringify(run, null, 2)` starts with a line
 * "{" and ends with the next line "}" (nested lines are indented); log lines may come before and,
 * when the run failed, after it.
 * @param {string} text
 * @returns {any | undefined}
 */
function parseRunJson(text) {
	const lines = text.split('\n');
	for (let start = 0; start < lines.length; start++) {
		if (!lines[start].startsWith('{')) continue;
		for (let end = start; end < lines.length; end++) {
			if (!lines[end].startsWith('}')) continue;
			try {
				const value = JSON.parse(lines.slice(start, end + 1).join('\n'));
				if (value && typeof value === 'object' && 'data' in value) return value;
			} catch {
				/* not this slice */
			}
			break;
		}
	}
	return undefined;
}

/**
 * `npm install <tarball>` into a folder of its own, as a user installs the package: peer dependencies
 * (n8n-workflow) are not installed (`--legacy-peer-deps`), n8n's own copy is used, as n8n's installer
 * does by stripping peerDependencies. Under scripts/test.sh (N8N_TEST_TMP set) once per tarball
 * content for the whole test run (`shared`); otherwise into a temp folder the caller removes.
 * @param {string} tarball
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<{ dir: string, packageName: string, shared: boolean }>}
 */
async function installedCopy(tarball, env) {
	const absolute = path.resolve(tarball);
	const { stdout: manifest } = await execFileAsync('tar', ['-xzOf', absolute, 'package/package.json'], { maxBuffer: 4 * 1024 * 1024 });
	const packageName = JSON.parse(manifest).name;
	const runFolder = process.env.N8N_TEST_TMP;
	const digest = crypto.createHash('sha256').update(fs.readFileSync(absolute)).digest('hex').slice(0, 16);
	const dir = runFolder ? path.join(runFolder, `n8n-nodes-install-${digest}`) : '';
	const installedIn = (/** @type {string} */ folder) => fs.existsSync(path.join(folder, 'node_modules', packageName, 'package.json'));
	if (dir) {
		// Suites run side by side: the first one installs, the others wait for its folder.
		const lock = `${dir}.lock`;
		const deadline = Date.now() + 300000;
		for (;;) {
			if (installedIn(dir)) return { dir, packageName, shared: true };
			try {
				fs.mkdirSync(lock);
				break;
			} catch {
				if (Date.now() > deadline) throw new Error(`installedCopy: ${lock} held for 5 minutes (a suite that died while installing?)`);
				await sleep(250);
			}
		}
		try {
			if (installedIn(dir)) return { dir, packageName, shared: true };
			return await npmInstall(absolute, packageName, env, dir);
		} finally {
			fs.rmSync(lock, { recursive: true, force: true });
		}
	}
	return npmInstall(absolute, packageName, env, '');
}

/**
 * @param {string} absolute the tarball @param {string} packageName @param {NodeJS.ProcessEnv} env
 * @param {string} dir where the install ends up ('' = a temp folder the caller removes)
 * @returns {Promise<{ dir: string, packageName: string, shared: boolean }>}
 */
async function npmInstall(absolute, packageName, env, dir) {
	const work = fs.mkdtempSync(dir ? `${dir}-tmp-` : path.join(os.tmpdir(), 'n8n-nodes-install-'));
	fs.writeFileSync(path.join(work, 'package.json'), `${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2)}\n`);
	countProcess(`npm-install ${packageName}`);
	const result = await runToFiles(
		'npm',
		['install', absolute, '--legacy-peer-deps', '--package-lock=false', '--no-audit', '--no-fund', '--loglevel=warn'],
		{
			cwd: work,
			env: { ...env, npm_config_yes: 'true', npm_config_update_notifier: 'false' },
			stdoutFile: path.join(work, 'npm-install.out'),
			stderrFile: path.join(work, 'npm-install.err'),
			timeoutMs: 180000,
		},
	);
	if (result.code !== 0 || !fs.existsSync(path.join(work, 'node_modules', packageName, 'package.json'))) {
		throw new Error(`npm install ${absolute} in ${work} failed (exit ${result.code}):\n${tail(result.stdout + result.stderr)}`);
	}
	if (!dir) return { dir: work, packageName, shared: false };
	fs.renameSync(work, dir);
	return { dir, packageName, shared: true };
}

/**
 * @typedef {object} CreateOptions
 * @property {string} version exact n8n version, e.g. "2.41.1"
 * @property {string} [tarball] package tarball to install into <userFolder>/.n8n/nodes
 * @property {number} [port] N8N_PORT for `n8n start` (default: a free port)
 * @property {Record<string, string>} [env] extra environment for every n8n process (wins over the defaults)
 * @property {string} [userFolder] a persistent N8N_USER_FOLDER (kept by destroy()); default: a fresh temp folder
 * @property {string} [encryptionKey] default: a fixed test key
 * @property {{ redisPort: number, redisHost?: string }} [queue] queue mode for `start` and `startWorker`
 * @property {import('./toolchain').N8nInstall} [install] skip the toolchain lookup
 * @property {{ email: string, password: string, firstName: string, lastName: string }} [owner] the account
 *   the REST calls sign in with (created on a new user folder); default TEST_OWNER
 */

class N8nInstance {
	/**
	 * Prepares a user folder (fresh temp folder unless `userFolder` is given) and installs `tarball`.
	 * @param {CreateOptions} options
	 */
	static async create(options) {
		const install = options.install ?? (await n8nInstall(options.version));
		const persistent = Boolean(options.userFolder);
		const userFolder = options.userFolder
			? path.resolve(options.userFolder)
			: fs.mkdtempSync(path.join(os.tmpdir(), `n8n-e2e-${options.version}-`));
		const instance = new N8nInstance({
			install,
			userFolder,
			persistent,
			port: options.port ?? (await freePort()),
			encryptionKey: options.encryptionKey ?? TEST_ENCRYPTION_KEY,
			extraEnv: options.env ?? {},
			queue: options.queue,
			owner: options.owner ?? TEST_OWNER,
		});
		try {
			fs.mkdirSync(instance.n8nFolder, { recursive: true });
			fs.mkdirSync(instance.logDir, { recursive: true });
			if (options.tarball) await instance.installPackage(options.tarball);
		} catch (error) {
			await instance.destroy();
			throw error;
		}
		return instance;
	}

	/**
	 * @param {{ install: import('./toolchain').N8nInstall, userFolder: string, persistent: boolean, port: number,
	 *   encryptionKey: string, extraEnv: Record<string, string>, queue?: { redisPort: number, redisHost?: string },
	 *   owner: { email: string, password: string, firstName: string, lastName: string } }} fields
	 */
	constructor({ install, userFolder, persistent, port, encryptionKey, extraEnv, queue, owner }) {
		this.install = install;
		this.version = install.version;
		this.major = Number(install.version.split('.')[0]);
		this.userFolder = userFolder;
		this.persistent = persistent;
		this.port = port;
		this.encryptionKey = encryptionKey;
		this.extraEnv = extraEnv;
		this.queue = queue;
		this.n8nFolder = path.join(userFolder, '.n8n');
		this.logDir = path.join(userFolder, 'logs');
		this.dbPath = path.join(this.n8nFolder, 'database.sqlite');
		this.baseUrl = `http://127.0.0.1:${port}`;
		/** @type {(ReturnType<typeof spawnDetached>) | undefined} */
		this.main = undefined;
		this.mainLogFile = path.join(this.logDir, 'main.log');
		/** @type {{ process: ReturnType<typeof spawnDetached>, healthPort: number, logFile: string }[]} */
		this.workers = [];
		/** Workers started so far, counted before the first await so that workers started together get their own index and log. */
		this.workersStarted = 0;
		this.cliCount = 0;
		/** @type {Promise<unknown> | undefined} resolves once the main process answers /healthz (its migrations are done) */
		this.mainHealthy = undefined;
		this.owner = owner;
		/** @type {N8nRest | undefined} signed in on first use while n8n runs (restRequired()) */
		this.rest = undefined;
		/**
		 * The id a caller gave each workflow and credential → the id n8n holds it under (n8n 1.x gives
		 * workflows made through REST ids of its own, and every version does so for credentials).
		 * @type {Map<string, string>}
		 */
		this.workflowIds = new Map();
		/** @type {Map<string, string>} */
		this.credentialIds = new Map();
	}

	/** The id n8n holds a workflow under, for the id it was imported with. @param {string} id */
	workflowId(id) {
		return this.workflowIds.get(id) ?? id;
	}

	/** The id n8n holds a credential under, for the id it was imported with. @param {string} id */
	credentialId(id) {
		return this.credentialIds.get(id) ?? id;
	}

	/** The REST session of the running instance (signs in as the owner once). */
	async restRequired() {
		if (!this.main) throw new Error('this needs a running n8n: start() first');
		if (!this.rest) {
			const rest = new N8nRest(this.baseUrl, this.major);
			await rest.signIn(this.owner);
			this.rest = rest;
		}
		return this.rest;
	}

	/**
	 * The environment of one n8n process (running-n8n.md §3); each process gets its own broker port.
	 * @param {{ brokerPort: number, queue?: boolean, extra?: Record<string, string> }} options
	 * @returns {NodeJS.ProcessEnv}
	 */
	processEnv({ brokerPort, queue = false, extra = {} }) {
		/** @type {NodeJS.ProcessEnv} */
		const env = {};
		for (const [name, value] of Object.entries(process.env)) if (!STRIPPED_ENV.test(name)) env[name] = value;
		Object.assign(env, {
			PATH: `${this.install.nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(this.port),
			N8N_SECURE_COOKIE: 'false',
			DB_TYPE: 'sqlite',
			N8N_LOG_LEVEL: 'info',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			SCARF_ANALYTICS: 'false',
			// n8n 2.x pings its database every 2 s and answers every request 503 "Database is not ready"
			// after one ping that took longer than this; on a busy 2-core machine a SQLite ping can.
			DB_PING_TIMEOUT_MS: '30000',
		});
		// 2.41.x looks up an MCP registry on the internet at start; the switch is fatal on 2.8.x.
		if (this.version.startsWith('2.41.')) env.N8N_DISABLED_MODULES = 'mcp-registry';
		if (queue && this.queue) {
			Object.assign(env, {
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: this.queue.redisHost ?? '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(this.queue.redisPort),
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			});
		}
		Object.assign(env, this.extraEnv, extra);
		return env;
	}

	/**
	 * Installs a package tarball into <userFolder>/.n8n/nodes as a user would (`npm install <tarball>`),
	 * replacing an earlier install of the same package. Under scripts/test.sh npm runs once per tarball
	 * (installedCopy()) and each instance gets a copy of what it installed.
	 * @param {string} tarball
	 * @returns {Promise<string>} the package name
	 */
	async installPackage(tarball) {
		const installed = await installedCopy(tarball, this.processEnv({ brokerPort: 0 }));
		const nodesDir = path.join(this.n8nFolder, 'nodes');
		fs.mkdirSync(path.join(nodesDir, 'node_modules'), { recursive: true });
		// Without its own package.json npm (and a user's later installs) would walk up into an enclosing project.
		const nodesPackageJson = path.join(nodesDir, 'package.json');
		if (!fs.existsSync(nodesPackageJson)) fs.copyFileSync(path.join(installed.dir, 'package.json'), nodesPackageJson);
		const target = path.join(nodesDir, 'node_modules', installed.packageName);
		fs.rmSync(target, { recursive: true, force: true });
		fs.cpSync(path.join(installed.dir, 'node_modules', installed.packageName), target, { recursive: true });
		if (!installed.shared) fs.rmSync(installed.dir, { recursive: true, force: true });
		return installed.packageName;
	}

	/**
	 * Runs `n8n <args>` (this version's Node first on PATH, own broker port), output to files in logDir.
	 * @param {string[]} args
	 * @param {{ timeoutMs?: number, env?: Record<string, string> }} [options]
	 * @returns {Promise<{ code: number | null, stdout: string, stderr: string, timedOut: boolean }>}
	 */
	async cli(args, { timeoutMs = 180000, env } = {}) {
		const n = ++this.cliCount;
		countProcess(`${this.version} ${args[0] ?? 'n8n'}`);
		const label = `cli-${String(n).padStart(3, '0')}-${(args[0] || 'n8n').replace(/[^\w.-]/g, '_')}`;
		const result = await runToFiles(this.install.bin, args, {
			cwd: this.userFolder,
			env: this.processEnv({ brokerPort: await freePort(), extra: env }),
			stdoutFile: path.join(this.logDir, `${label}.out`),
			stderrFile: path.join(this.logDir, `${label}.err`),
			timeoutMs,
		});
		return { code: result.code, stdout: result.stdout, stderr: result.stderr, timedOut: result.timedOut };
	}

	/**
	 * cli() that throws (with the output's tail) unless the command exits 0.
	 * @param {string[]} args
	 * @param {{ timeoutMs?: number, env?: Record<string, string> }} [options]
	 */
	async cliOk(args, options) {
		const result = await this.cli(args, options);
		if (result.code !== 0) {
			const why = result.timedOut ? 'timed out' : `exit ${result.code}`;
			throw new Error(`n8n ${args.join(' ')} (${this.version}) failed: ${why}\n${tail(`${result.stdout}\n${result.stderr}`)}`);
		}
		return result;
	}

	/** @returns {Promise<any[]>} every node description n8n loads (`n8n export:nodes`) */
	async exportNodeDescriptions() {
		const file = path.join(this.logDir, `nodes-${Date.now()}.json`);
		await this.cliOk(['export:nodes', `--output=${file}`]);
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	}

	/**
	 * Node type names n8n loaded, e.g. "n8n-nodes-clickpesa-clik2pay.clickPesa": from the running
	 * editor's /types/nodes.json, else `n8n export:nodes`.
	 * @returns {Promise<string[]>}
	 */
	async exportNodeTypes() {
		if (this.main) {
			const { cookie } = await this.restRequired();
			const response = await httpRequest(`${this.baseUrl}/types/nodes.json`, { timeoutMs: 60000, headers: cookie ? { cookie } : {} });
			if (response.status !== 200) throw new Error(`GET /types/nodes.json: ${response.status} ${response.body.slice(0, 200)}`);
			return [...new Set(response.json().map((/** @type {{ name: string }} */ description) => description.name))];
		}
		const descriptions = await this.exportNodeDescriptions();
		return [...new Set(descriptions.map((description) => description.name))];
	}

	/**
	 * Credentials `{ id, name, type, data }` (plain `data`, encrypted by n8n): through REST while n8n
	 * runs (n8n gives them ids of its own; workflows imported afterwards are pointed at them), else
	 * `n8n import:credentials`, which keeps the ids.
	 * @param {{ id: string, name: string, type: string, data: Record<string, unknown> }[]} credentials
	 */
	async importCredentials(credentials) {
		if (this.main) {
			const rest = await this.restRequired();
			for (const credential of credentials) this.credentialIds.set(credential.id, await rest.createCredential(credential));
			return;
		}
		const file = path.join(this.logDir, `credentials-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
		try {
			await this.cliOk(['import:credentials', `--input=${file}`]);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	/**
	 * One workflow or an array, each with an explicit `id` (≤ 21 characters) by which the other methods
	 * know it: through REST while n8n runs, else `n8n import:workflow`. Both leave it inactive: call
	 * activate() afterwards.
	 * @param {object | object[]} workflows
	 * @returns {Promise<string[]>} the ids
	 */
	async importWorkflow(workflows) {
		const list = Array.isArray(workflows) ? workflows : [workflows];
		const ids = list.map((/** @type {any} */ workflow) => {
			if (typeof workflow.id !== 'string' || !workflow.id || workflow.id.length > 21) {
				throw new Error(`importWorkflow: "${workflow.name}" needs an explicit string id of at most 21 characters`);
			}
			return workflow.id;
		});
		if (this.main) {
			const rest = await this.restRequired();
			for (const workflow of list) {
				const { id } = await rest.createWorkflow(this.withCredentialIds(/** @type {any} */ (workflow)));
				this.workflowIds.set(/** @type {any} */ (workflow).id, id);
			}
			return ids;
		}
		const file = path.join(this.logDir, `workflows-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(list, null, 2));
		await this.cliOk(['import:workflow', `--input=${file}`]);
		return ids;
	}

	/** A workflow whose nodes name the credentials by the ids n8n gave them. @param {{ nodes?: any[] }} workflow */
	withCredentialIds(workflow) {
		const nodes = (workflow.nodes ?? []).map((node) => {
			if (!node.credentials) return node;
			const credentials = Object.fromEntries(
				Object.entries(node.credentials).map(([type, ref]) => [type, { ...ref, id: this.credentialIds.get(ref?.id) ?? ref?.id }]),
			);
			return { ...node, credentials };
		});
		return { ...workflow, nodes };
	}

	/**
	 * Activates (2.x: publishes) a workflow: through REST while n8n runs (its webhooks are live when this
	 * resolves), else in the database (2.x `publish:workflow`, 1.x `update:workflow --active=true`),
	 * taking effect at the next start().
	 * @param {string} id
	 */
	async activate(id) {
		if (this.main) await (await this.restRequired()).activate(this.workflowId(id));
		else if (this.major >= 2) await this.cliOk(['publish:workflow', `--id=${id}`]);
		else await this.cliOk(['update:workflow', `--id=${id}`, '--active=true']);
	}

	/**
	 * Runs a workflow that starts with a Manual Trigger and resolves when it is no longer running (a
	 * failed workflow resolves too, with status "error"; one left waiting, with "waiting"). While n8n
	 * runs: a manual run through REST, as the editor's "Execute workflow" starts it, read back from the
	 * database; `stdout` is what n8n logged meanwhile plus the run's JSON. Otherwise `n8n execute`.
	 * @param {string} id
	 * @param {{ timeoutMs?: number, env?: Record<string, string> }} [options] env: `n8n execute` only
	 * @returns {Promise<{ status: string, runData: Record<string, any[]>, raw: any, error?: any, code: number | null, stdout: string, stderr: string, executionId?: number }>}
	 */
	async execute(id, options = {}) {
		if (this.main) return this.executeOnRunning(id, options);
		const result = await this.cli(['execute', `--id=${id}`, '--rawOutput'], options);
		const raw = parseRunJson(result.stdout) ?? parseRunJson(`${result.stdout}\n${result.stderr}`);
		if (!raw) {
			const why = result.timedOut ? 'timed out' : `exit ${result.code}`;
			throw new Error(
				`n8n execute --id=${id} (${this.version}) printed no run JSON (${why}). Output tail:\n` +
					`${tail(result.stdout, 30)}\n--- stderr ---\n${tail(result.stderr, 30)}`,
			);
		}
		const error = raw.data?.resultData?.error;
		const status = raw.status ?? (error ? 'error' : raw.finished ? 'success' : 'unknown');
		return {
			status,
			runData: raw.data?.resultData?.runData ?? {},
			raw,
			...(error ? { error } : {}),
			code: result.code,
			stdout: result.stdout,
			stderr: result.stderr,
		};
	}

	/**
	 * execute() on the running instance.
	 * @param {string} id
	 * @param {{ timeoutMs?: number }} options
	 */
	async executeOnRunning(id, { timeoutMs = 180000 }) {
		const logs = () => [this.mainLogFile, ...this.workers.filter(Boolean).map((worker) => worker.logFile)];
		const sizes = logs().map((file) => (fs.existsSync(file) ? fs.statSync(file).size : 0));
		const executionId = Number(await (await this.restRequired()).runManually(this.workflowId(id)));
		const row = await this.waitForExecutionRow(executionId, timeoutMs);
		const data = await this.executionData(executionId);
		const raw = { data, mode: row.mode, status: row.status, finished: row.finished, startedAt: row.startedAt, stoppedAt: row.stoppedAt, waitTill: row.waitTill ?? null };
		const logged = logs()
			.map((file, index) => (fs.existsSync(file) ? fs.readFileSync(file).subarray(sizes[index] ?? 0).toString('utf8') : ''))
			.join('');
		const error = data?.resultData?.error;
		return {
			status: row.status,
			runData: data?.resultData?.runData ?? {},
			raw,
			...(error ? { error } : {}),
			code: 0,
			stdout: `${logged}\n${JSON.stringify(raw, null, 2)}`,
			stderr: '',
			executionId,
		};
	}

	/**
	 * Polls execution `id` until it is no longer new or running.
	 * @param {number} id @param {number} timeoutMs
	 */
	async waitForExecutionRow(id, timeoutMs) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const [row] = await this.sqlite(`SELECT id, workflowId, status, mode, finished, startedAt, stoppedAt, waitTill FROM execution_entity WHERE id = ${Number(id)}`);
			if (row && !['new', 'running'].includes(row.status)) return { ...row, id: Number(row.id), finished: Boolean(row.finished) };
			if (this.main && (this.main.exitCode !== null || this.main.signalCode !== null)) {
				throw new Error(`n8n (${this.version}) exited while execution ${id} ran. Log tail:\n${tailFile(this.mainLogFile)}`);
			}
			if (Date.now() > deadline) throw new Error(`execution ${id} still ${row?.status ?? 'not saved'} after ${timeoutMs} ms. Log tail:\n${tailFile(this.mainLogFile)}`);
			await sleep(200);
		}
	}

	/**
	 * Starts `n8n start` in the background (own process group, log in logDir/main.log) and resolves
	 * when GET /healthz answers 200 and (unless untilActivated is false) n8n has printed "Editor is
	 * now accessible via", which it does after activating the active workflows (1.x and 2.x). /healthz
	 * alone answers a few seconds before webhooks are registered.
	 * @param {{ timeoutMs?: number, untilActivated?: boolean, env?: Record<string, string> }} [options]
	 */
	async start({ timeoutMs = N8N_START_TIMEOUT_MS, untilActivated = true, env } = {}) {
		if (this.main) throw new Error('start: n8n is already running');
		// Set before the first await, so that a worker started in the same breath waits for it: n8n
		// migrates a new database before /healthz answers, and two processes migrating one SQLite file
		// at once fail ("table … already exists").
		/** @type {(value?: unknown) => void} */
		let markHealthy = () => {};
		this.mainHealthy = new Promise((resolve) => (markHealthy = resolve));
		const deadline = Date.now() + timeoutMs;
		fs.writeFileSync(this.mainLogFile, '');
		countProcess(`${this.version} start`);
		const main = spawnDetached(this.install.bin, ['start'], {
			cwd: this.userFolder,
			env: this.processEnv({ brokerPort: await freePort(), queue: true, extra: env }),
			stdoutFile: this.mainLogFile,
		});
		this.main = main;
		const healthy = this.waitForHttp(`${this.baseUrl}/healthz`, main, this.mainLogFile, timeoutMs, 'n8n start');
		void healthy.then(markHealthy, markHealthy);
		await healthy;
		if (!untilActivated) return;
		while (!/Editor is now accessible via/.test(this.mainLog())) {
			if (main.exitCode !== null || main.signalCode !== null) {
				throw new Error(`n8n start (${this.version}) exited during start-up. Log tail:\n${tailFile(this.mainLogFile)}`);
			}
			if (Date.now() > deadline) {
				throw new Error(`n8n start (${this.version}): no "Editor is now accessible" within ${timeoutMs} ms. Log tail:\n${tailFile(this.mainLogFile)}`);
			}
			await sleep(200);
		}
	}

	/**
	 * Starts `n8n worker` (queue mode only) and resolves when its /healthz/readiness answers 200.
	 * @param {{ concurrency?: number, timeoutMs?: number, env?: Record<string, string> }} [options]
	 * @returns {Promise<{ pid: number | undefined, healthPort: number, logFile: string }>}
	 */
	async startWorker({ concurrency = 5, timeoutMs = N8N_START_TIMEOUT_MS, env } = {}) {
		if (!this.queue) throw new Error('startWorker: create the instance with { queue: { redisPort } }');
		const index = this.workersStarted++;
		// Lets a start() called beside this one (Promise.all([startWorker(), start()])) begin first; the
		// worker waits until the main process has migrated the database (see start()).
		await null;
		if (this.mainHealthy) await this.mainHealthy;
		const healthPort = await freePort();
		const logFile = path.join(this.logDir, `worker-${index}.log`);
		fs.writeFileSync(logFile, '');
		countProcess(`${this.version} worker`);
		const worker = spawnDetached(this.install.bin, ['worker', `--concurrency=${concurrency}`], {
			cwd: this.userFolder,
			env: this.processEnv({
				brokerPort: await freePort(),
				queue: true,
				extra: { QUEUE_HEALTH_CHECK_PORT: String(healthPort), ...env },
			}),
			stdoutFile: logFile,
		});
		this.workers[index] = { process: worker, healthPort, logFile };
		await this.waitForHttp(`http://127.0.0.1:${healthPort}/healthz/readiness`, worker, logFile, timeoutMs, 'n8n worker');
		return { pid: worker.pid, healthPort, logFile };
	}

	/**
	 * Kills worker `index` with SIGKILL, as a crash or an out-of-memory kill would: no shutdown, so
	 * what it was running is left unfinished. The signal goes to the worker's process group, so its
	 * task runner does not outlive it. Resolves once the group is gone.
	 * @param {number} index as in workerLog(), in the order the workers were started
	 * @param {{ timeoutMs?: number }} [options]
	 * @returns {Promise<{ code: number | null, signal: string | null }>}
	 */
	async killWorker(index, { timeoutMs = 15000 } = {}) {
		const worker = this.workers[index];
		const pid = worker?.process.pid;
		if (!worker || !pid) throw new Error(`killWorker: there is no worker ${index} (${this.workersStarted} started)`);
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			/* already gone */
		}
		const deadline = Date.now() + timeoutMs;
		while (groupAlive(pid) && Date.now() < deadline) await sleep(100);
		if (groupAlive(pid)) throw new Error(`killWorker: worker ${index} (pid ${pid}) still alive ${timeoutMs} ms after SIGKILL`);
		/** @type {NodeJS.Timeout | undefined} */
		let timer;
		const exited = await Promise.race([worker.process.exited, new Promise((resolve) => (timer = setTimeout(() => resolve(undefined), 2000)))]);
		clearTimeout(timer);
		return /** @type {{ code: number | null, signal: string | null }} */ (exited ?? { code: worker.process.exitCode, signal: worker.process.signalCode });
	}

	/**
	 * @param {string} url
	 * @param {ReturnType<typeof spawnDetached>} child
	 * @param {string} logFile
	 * @param {number} timeoutMs
	 * @param {string} what
	 */
	async waitForHttp(url, child, logFile, timeoutMs, what) {
		let exited = false;
		void child.exited.then(() => {
			exited = true;
		});
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (exited) {
				throw new Error(`${what} (${this.version}) exited with ${child.exitCode ?? child.signalCode} before ${url} answered. Log tail:\n${tailFile(logFile)}`);
			}
			try {
				const response = await httpRequest(url, { timeoutMs: 2000 });
				if (response.status === 200) return;
			} catch {
				/* not listening yet */
			}
			await sleep(250);
		}
		throw new Error(`${what} (${this.version}): ${url} did not answer 200 within ${timeoutMs} ms. Log tail:\n${tailFile(logFile)}`);
	}

	/** @param {string} webhookPath */
	webhookUrl(webhookPath) {
		return `${this.baseUrl}/webhook/${webhookPath.replace(/^\/+/, '')}`;
	}

	/**
	 * Waits until the (non-GET) webhook at `path` is registered: GET answers anything but "not
	 * registered" (n8n says "… not registered for GET requests" once the POST route exists).
	 * @param {string} webhookPath
	 * @param {{ timeoutMs?: number }} [options]
	 */
	async waitForWebhook(webhookPath, { timeoutMs = 60000 } = {}) {
		const url = this.webhookUrl(webhookPath);
		const deadline = Date.now() + timeoutMs;
		let last = '';
		while (Date.now() < deadline) {
			try {
				const response = await httpRequest(url, { timeoutMs: 5000 });
				last = `${response.status} ${response.body.slice(0, 200)}`;
				if (response.status !== 404 || /not registered for GET/i.test(response.body)) return;
			} catch (error) {
				last = String(error);
			}
			await sleep(250);
		}
		throw new Error(`waitForWebhook: ${url} not registered within ${timeoutMs} ms (last answer: ${last}). Log tail:\n${tailFile(this.mainLogFile)}`);
	}

	/** @returns {string} the main process's log so far */
	mainLog() {
		return fs.existsSync(this.mainLogFile) ? fs.readFileSync(this.mainLogFile, 'utf8') : '';
	}

	/**
	 * @param {number} [index] which worker (default: the first)
	 * @returns {string} that worker's log so far
	 */
	workerLog(index = 0) {
		const worker = this.workers[index];
		return worker && fs.existsSync(worker.logFile) ? fs.readFileSync(worker.logFile, 'utf8') : '';
	}

	/**
	 * @param {string} sql
	 * @returns {Promise<any[]>}
	 */
	async sqlite(sql) {
		const sqlite3 = await ensureCommand('sqlite3', 'sqlite3');
		const { stdout } = await execFileAsync(sqlite3, ['-json', '-cmd', '.timeout 10000', this.dbPath, sql], {
			maxBuffer: 256 * 1024 * 1024,
		});
		return stdout.trim() ? JSON.parse(stdout) : [];
	}

	/**
	 * Rows of execution_entity, oldest first; workflowId is the id the workflow was imported with.
	 * @returns {Promise<{ id: number, workflowId: string, status: string, mode: string, finished: boolean, startedAt: string | null, stoppedAt: string | null }[]>}
	 */
	async executions() {
		const rows = await this.sqlite(
			'SELECT id, workflowId, status, mode, finished, startedAt, stoppedAt FROM execution_entity ORDER BY id',
		);
		const givenIds = new Map([...this.workflowIds].map(([given, actual]) => [actual, given]));
		return rows.map((row) => ({ ...row, workflowId: givenIds.get(row.workflowId) ?? row.workflowId, id: Number(row.id), finished: Boolean(row.finished) }));
	}

	/**
	 * Polls executions() until one matches (default: any execution that is no longer new/running).
	 * @param {{ workflowId?: string, after?: number, timeoutMs?: number }} [options] after: only ids greater than this
	 */
	async waitForExecution({ workflowId, after = 0, timeoutMs = 60000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		/** @type {any[]} */
		let rows = [];
		while (Date.now() < deadline) {
			rows = await this.executions();
			const done = rows.find(
				(row) => row.id > after && (!workflowId || row.workflowId === workflowId) && !['new', 'running', 'waiting'].includes(row.status),
			);
			if (done) return done;
			await sleep(250);
		}
		throw new Error(`waitForExecution: none finished within ${timeoutMs} ms; rows: ${JSON.stringify(rows)}`);
	}

	/**
	 * The run data of one execution (execution_data.data, parsed with n8n's own `flatted`).
	 * @param {number | string} id
	 * @returns {Promise<any>} IRunExecutionData: `{ resultData: { runData, error? }, ... }`
	 */
	async executionData(id) {
		if (!/^\d+$/.test(String(id))) throw new Error(`executionData: bad id ${id}`);
		const requireFromN8n = createRequire(path.join(this.install.home, 'node_modules', 'n8n', 'package.json'));
		// n8n writes an execution's status and its data in two statements: right after the status says
		// it stopped, the data may still be what was saved when it started (no node has run in it).
		const deadline = Date.now() + 15000;
		for (;;) {
			const [row] = await this.sqlite(`SELECT data FROM execution_data WHERE executionId = ${Number(id)}`);
			if (!row) throw new Error(`executionData: no execution_data row for execution ${id}`);
			const data = row.data ? requireFromN8n('flatted').parse(row.data) : undefined;
			const written = data?.resultData && (Object.keys(data.resultData.runData ?? {}).length > 0 || data.resultData.error);
			if (written || Date.now() > deadline) return data;
			await sleep(200);
		}
	}

	/** Stops the workers and the main process (SIGTERM to each process group, SIGKILL after 15 s). */
	async stop() {
		// filter: a worker still starting has no entry yet.
		const running = [...this.workers.filter(Boolean).map((worker) => worker.process), ...(this.main ? [this.main] : [])];
		await Promise.all(running.map((child) => stopProcessGroup(child, { graceMs: 15000 })));
		this.main = undefined;
		this.rest = undefined;
	}

	/**
	 * Stops every worker (SIGTERM, SIGKILL after 15 s); the main process keeps running. Their logs stay
	 * readable by index; workers started afterwards get the next indexes.
	 */
	async stopWorkers() {
		await Promise.all(this.workers.filter(Boolean).map((worker) => stopProcessGroup(worker.process, { graceMs: 15000 })));
	}

	/** stop(), then removes the temp user folder (kept when KEEP_N8N=1 or when it was given to create()). */
	async destroy() {
		await this.stop();
		if (this.persistent) return;
		if (process.env.KEEP_N8N === '1') {
			process.stderr.write(`KEEP_N8N=1: kept n8n ${this.version} user folder ${this.userFolder}\n`);
			return;
		}
		fs.rmSync(this.userFolder, { recursive: true, force: true, maxRetries: 3 });
	}
}

module.exports = { N8N_START_TIMEOUT_MS, N8nInstance, TEST_OWNER, countProcess, packPackage, removePackedTarballs, nodeOutput, parseRunJson, n8nInstall, TEST_ENCRYPTION_KEY };
