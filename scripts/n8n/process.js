// @ts-check
/**
 * Child processes for n8n, Redis and the simulator: every server runs in its own process group
 * (detached / setsid), writes to a log file (never to a pipe that could close early) and is stopped
 * by its own process id: SIGTERM to the group, then SIGKILL after a grace period.
 */
'use strict';

const fs = require('node:fs');
const { spawn } = require('node:child_process');

/** Process groups started here and still alive; killed if this process exits without stopping them.
 * (Under jest the test's `process` is a copy whose 'exit' never fires: tests must stop what they start.) */
const liveGroups = new Set();
process.on('exit', () => {
	for (const pid of liveGroups) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			/* already gone */
		}
	}
});

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a command in a new process group with stdout and stderr appended to files.
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, stdoutFile: string, stderrFile?: string }} options
 *   stderrFile defaults to stdoutFile (both streams in one log).
 * @returns {import('node:child_process').ChildProcess & { exited: Promise<{ code: number | null, signal: string | null }> }}
 */
function spawnDetached(command, args, { env, cwd, stdoutFile, stderrFile }) {
	const out = fs.openSync(stdoutFile, 'a');
	const err = stderrFile && stderrFile !== stdoutFile ? fs.openSync(stderrFile, 'a') : out;
	let child;
	try {
		child = spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', out, err] });
	} finally {
		fs.closeSync(out);
		if (err !== out) fs.closeSync(err);
	}
	const exited = new Promise((resolve) => {
		child.once('exit', (code, signal) => {
			if (child.pid) liveGroups.delete(child.pid);
			resolve({ code, signal });
		});
		child.once('error', (error) => {
			if (child.pid) liveGroups.delete(child.pid);
			resolve({ code: null, signal: null, error });
		});
	});
	if (child.pid) liveGroups.add(child.pid);
	return Object.assign(child, { exited });
}

/**
 * Whether any process of the group led by pid is still alive.
 * @param {number} pid
 */
function groupAlive(pid) {
	try {
		process.kill(-pid, 0);
		return true;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

/**
 * SIGTERM to the process group, wait up to graceMs for the whole group to exit, then SIGKILL.
 * @param {{ pid?: number, exited?: Promise<unknown> } | number} processOrPid
 * @param {{ graceMs?: number }} [options]
 */
async function stopProcessGroup(processOrPid, { graceMs = 15000 } = {}) {
	const pid = typeof processOrPid === 'number' ? processOrPid : processOrPid.pid;
	const exited = typeof processOrPid === 'number' ? undefined : processOrPid.exited;
	if (!pid) return;
	const signalGroup = (/** @type {NodeJS.Signals} */ signal) => {
		try {
			process.kill(-pid, signal);
		} catch {
			/* group already gone */
		}
	};
	signalGroup('SIGTERM');
	const deadline = Date.now() + graceMs;
	while (groupAlive(pid) && Date.now() < deadline) await sleep(200);
	if (groupAlive(pid)) {
		signalGroup('SIGKILL');
		while (groupAlive(pid) && Date.now() < deadline + 5000) await sleep(100);
	}
	if (exited) {
		/** @type {NodeJS.Timeout | undefined} */
		let timer;
		await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 2000)))]);
		clearTimeout(timer);
	}
	liveGroups.delete(pid);
}

/**
 * Runs a command to completion in its own process group, output to files, bounded by a timeout
 * (after which the group gets SIGTERM, then SIGKILL).
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, stdoutFile: string, stderrFile: string, timeoutMs?: number }} options
 * @returns {Promise<{ code: number | null, signal: string | null, stdout: string, stderr: string, timedOut: boolean }>}
 */
async function runToFiles(command, args, { env, cwd, stdoutFile, stderrFile, timeoutMs = 180000 }) {
	fs.writeFileSync(stdoutFile, '');
	fs.writeFileSync(stderrFile, '');
	const child = spawnDetached(command, args, { env, cwd, stdoutFile, stderrFile });
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		void stopProcessGroup(child, { graceMs: 5000 });
	}, timeoutMs);
	/** @type {{ code: number | null, signal: string | null }} */
	const { code, signal } = await child.exited;
	clearTimeout(timer);
	// Leftover children (e.g. n8n's task runner) must not outlive the command.
	if (child.pid && groupAlive(child.pid)) await stopProcessGroup(child.pid, { graceMs: 5000 });
	return {
		code,
		signal,
		stdout: fs.readFileSync(stdoutFile, 'utf8'),
		stderr: fs.readFileSync(stderrFile, 'utf8'),
		timedOut,
	};
}

/**
 * The last lines of a text (for error messages).
 * @param {string} text
 * @param {number} [lines]
 */
function tail(text, lines = 40) {
	return text.split('\n').slice(-lines).join('\n');
}

/**
 * The last lines of a file, or '' when it does not exist.
 * @param {string} file
 * @param {number} [lines]
 */
function tailFile(file, lines = 40) {
	try {
		return tail(fs.readFileSync(file, 'utf8'), lines);
	} catch {
		return '';
	}
}

/**
 * Polls check() until it returns a truthy value; throws after timeoutMs.
 * @template T
 * @param {() => Promise<T | undefined | null | false> | T | undefined | null | false} check
 * @param {{ timeoutMs?: number, intervalMs?: number, what?: string, details?: () => string }} [options]
 * @returns {Promise<T>}
 */
async function waitFor(check, { timeoutMs = 60000, intervalMs = 250, what = 'condition', details } = {}) {
	const deadline = Date.now() + timeoutMs;
	/** @type {unknown} */
	let lastError;
	while (Date.now() < deadline) {
		try {
			const value = await check();
			if (value) return /** @type {T} */ (value);
		} catch (error) {
			lastError = error;
		}
		await sleep(intervalMs);
	}
	const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
	throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${cause}${details ? `\n${details()}` : ''}`);
}

module.exports = { spawnDetached, stopProcessGroup, groupAlive, runToFiles, tail, tailFile, waitFor, sleep };
