// @ts-check
/**
 * A throwaway Redis for queue-mode tests: Debian's redis-server (installed through the toolchain
 * when absent) on 127.0.0.1 and a free port, no persistence, pidfile and log in a temp folder,
 * stopped by its own process id.
 */
'use strict';

const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { freePort } = require('../../../scripts/n8n/ports');
const { spawnDetached, stopProcessGroup, tailFile, sleep } = require('../../../scripts/n8n/process');
const { ensureCommand } = require('../../../scripts/n8n/toolchain');

/**
 * Sends PING, resolves true on +PONG.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function ping(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let answer = '';
		const done = (/** @type {boolean} */ ok) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(2000, () => done(false));
		socket.once('error', () => done(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk.toString();
			if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
		});
	});
}

/**
 * @param {{ timeoutMs?: number }} [options]
 * @returns {Promise<{ port: number, pid: number | undefined, dir: string, stop: () => Promise<void> }>}
 */
async function startRedis({ timeoutMs = 30000 } = {}) {
	const redisServer = await ensureCommand('redis-server', 'redis-server');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-redis-'));
	const port = await freePort();
	const logFile = path.join(dir, 'redis.log');
	const child = spawnDetached(
		redisServer,
		['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--daemonize', 'no',
			'--pidfile', path.join(dir, 'redis.pid'), '--dir', dir, '--logfile', ''],
		{ cwd: dir, stdoutFile: logFile },
	);
	const stop = async () => {
		await stopProcessGroup(child, { graceMs: 10000 });
		if (process.env.KEEP_N8N !== '1') fs.rmSync(dir, { recursive: true, force: true });
	};
	let exited = false;
	void child.exited.then(() => {
		exited = true;
	});
	const deadline = Date.now() + timeoutMs;
	while (!(await ping(port))) {
		if (exited || Date.now() > deadline) {
			const log = tailFile(logFile);
			await stop();
			throw new Error(`redis-server on port ${port} did not start (${exited ? 'exited' : 'timeout'}). Log:\n${log}`);
		}
		await sleep(100);
	}
	return { port, pid: child.pid, dir, stop };
}

module.exports = { startRedis };
