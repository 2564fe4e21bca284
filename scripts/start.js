// @ts-check
/**
 * `npm start`: builds and packs the package, installs it into a local n8n (2.x by default;
 * N8N_VERSION=1.123.81 for the 1.x line), starts the provider simulator (with a few payments of
 * today, and webhooks for both providers pointed at the trigger examples), imports credentials that
 * point at it plus every examples/*.json workflow, then runs `n8n start` on 127.0.0.1:5678 and
 * creates the owner account of a new user folder (scripts/sandbox.js). Ports: N8N_PORT (5678) and
 * SIMULATOR_PORT (4010), see scripts/start-ports.js. Ctrl-C stops everything.
 *
 * State lives in the git-ignored .local/: the n8n user folder .local/n8n-<version>/ (kept between
 * runs: owner account, edits, executions), its encryption key .local/encryption-key, the owner's
 * e-mail and password .local/owner.json, the tarball, and the logs. Delete .local/ to start from
 * scratch. Runs under Node 24 (scripts/run-with-node24.sh).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const { packPackage, n8nInstall, readPinnedVersions, tailFile } = require('./n8n');
const { Sandbox, passthroughEnv } = require('./sandbox');
const { choosePorts, PortError, RUN_FILE } = require('./start-ports');

const ROOT = path.resolve(__dirname, '..');
const LOCAL = path.join(ROOT, '.local');
const VERSION = process.env.N8N_VERSION || readPinnedVersions().n8n2;

/** @type {Sandbox | undefined} */
let sandbox;
let stopping = false;

const step = (/** @type {string} */ text) => console.log(`\n▶ ${text}`);

async function main() {
	fs.mkdirSync(LOCAL, { recursive: true });
	const { ports, notes } = await choosePorts();
	for (const note of notes) step(note);
	fs.writeFileSync(RUN_FILE, `${JSON.stringify({ pid: process.pid, n8nPort: ports.N8N_PORT, simulatorPort: ports.SIMULATOR_PORT })}\n`);
	const box = new Sandbox({
		local: LOCAL,
		version: VERSION,
		port: ports.N8N_PORT,
		simulatorPort: ports.SIMULATOR_PORT,
		env: passthroughEnv(process.env),
	});
	sandbox = box;

	step('Building the package (npm run build)');
	const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
	if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status})`);

	step('Packing it (npm pack)');
	const tarball = await packPackage({ root: ROOT, destination: LOCAL });
	console.log(`  ${path.relative(ROOT, tarball)}`);

	step(`Getting n8n ${VERSION} (installed once into the cache; the first time takes several minutes)`);
	const install = await n8nInstall(VERSION);

	step(`Installing the package into ${path.relative(ROOT, box.userFolder)}/.n8n/nodes`);
	await box.createN8n({ tarball, install });

	step(`Starting the provider simulator on port ${box.simulatorPort}`);
	await box.startSimulator();

	step('Importing the simulator credentials and the example workflows');
	await box.importAll();

	step(`Starting n8n ${VERSION} on http://127.0.0.1:${box.port}`);
	console.log(await box.startN8n());

	// Runs until Ctrl-C / SIGTERM; if n8n or the simulator dies on its own, stop the other one too.
	const ended = await box.exited();
	if (ended && !stopping) {
		console.error(`\n${ended.who} exited (${JSON.stringify(ended.result)}). Log tail:\n${tailFile(ended.log)}`);
		await shutdown(1);
	}
}

/** @param {number} code */
async function shutdown(code) {
	if (stopping) return;
	stopping = true;
	console.log('\nStopping n8n and the simulator…');
	await sandbox?.stop();
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
