// @ts-check
/**
 * The ports `npm start` listens on, checked before anything is installed (this file runs under
 * whatever Node.js the machine has, Node 20 included, and needs no dependency):
 *
 * - N8N_PORT (default 5678) and SIMULATOR_PORT (default 4010). A default that is busy is replaced by
 *   the next free port above it, and a line says so; a port you set yourself that is busy stops
 *   `npm start` at once, naming the variable.
 * - `npm start` already running from this checkout (its .local/npm-start.json names a live process)
 *   stops it too: two n8n processes on one user folder would share one SQLite database.
 *
 * As a command (scripts/run-with-node24.sh --start-ports): prints `N8N_PORT=… SIMULATOR_PORT=…` on
 * stdout for the shell to export, messages on stderr, exit 1 when it has to stop.
 */
'use strict';

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const LOCAL = path.resolve(__dirname, '..', '.local');
const RUN_FILE = path.join(LOCAL, 'npm-start.json');

/** The ports `npm start` opens itself (n8n's task-runner broker port is picked free at start). */
const PORTS = [
	{ variable: 'N8N_PORT', fallback: 5678, what: 'n8n' },
	{ variable: 'SIMULATOR_PORT', fallback: 4010, what: 'the provider simulator' },
];

/**
 * Whether 127.0.0.1:port can be listened on (something on 0.0.0.0 or 127.0.0.1 makes it busy).
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function isFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
	});
}

/**
 * The `npm start` of this checkout that is still running, if any.
 * @returns {{ pid: number, n8nPort?: number } | undefined}
 */
function runningStart() {
	try {
		const run = JSON.parse(fs.readFileSync(RUN_FILE, 'utf8'));
		if (!Number.isInteger(run.pid) || run.pid === process.pid) return undefined;
		process.kill(run.pid, 0);
		// A stale file whose process id was reused by something else does not count.
		const cmdline = `/proc/${run.pid}/cmdline`;
		if (fs.existsSync(cmdline) && !fs.readFileSync(cmdline, 'utf8').includes('start.js')) return undefined;
		return run;
	} catch {
		return undefined;
	}
}

class PortError extends Error {}

/**
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<{ ports: Record<string, number>, notes: string[] }>} notes: one line per default replaced
 * @throws {PortError} with a message for the user when `npm start` cannot go on
 */
async function choosePorts(env = process.env) {
	const running = runningStart();
	if (running) {
		const where = running.n8nPort ? ` (n8n on http://127.0.0.1:${running.n8nPort}/)` : '';
		throw new PortError(
			`npm start is already running from this folder${where}, process ${running.pid}. ` +
				`Stop it first (Ctrl-C in its terminal, or kill ${running.pid}).`,
		);
	}
	/** @type {Record<string, number>} */
	const ports = {};
	const notes = [];
	const taken = new Set();
	for (const { variable, fallback, what } of PORTS) {
		const given = env[variable];
		if (given !== undefined && given !== '') {
			const port = Number(given);
			if (!Number.isInteger(port) || port < 1 || port > 65535) throw new PortError(`${variable}=${given} is not a port number.`);
			if (taken.has(port) || !(await isFree(port))) {
				throw new PortError(`Port ${port} (${variable}, for ${what}) is in use: stop what listens there or set ${variable} to another port.`);
			}
			ports[variable] = port;
		} else {
			let port = fallback;
			while (port < fallback + 100 && (taken.has(port) || !(await isFree(port)))) port++;
			if (port >= fallback + 100) throw new PortError(`Ports ${fallback}–${fallback + 99} are all in use: set ${variable}.`);
			if (port !== fallback) notes.push(`Port ${fallback} is in use, so ${what} uses port ${port} (set ${variable} to choose).`);
			ports[variable] = port;
		}
		taken.add(ports[variable]);
	}
	return { ports, notes };
}

module.exports = { choosePorts, PortError, RUN_FILE };

if (require.main === module) {
	choosePorts().then(
		({ ports, notes }) => {
			for (const note of notes) process.stderr.write(`▶ ${note}\n`);
			process.stdout.write(`${Object.entries(ports).map(([name, port]) => `${name}=${port}`).join(' ')}\n`);
		},
		(error) => {
			process.stderr.write(`\nnpm start: ${error instanceof Error ? error.message : error}\n`);
			process.exitCode = 1;
		},
	);
}
