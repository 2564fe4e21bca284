// @ts-check
/** Free TCP ports on 127.0.0.1, picked at random below the kernel's ephemeral range (see freePort). */
'use strict';

const net = require('node:net');

/** Ports already handed out by this process, so two callers never get the same one. */
const handedOut = new Set();

/**
 * Ports handed out come from below the kernel's ephemeral range (Linux: 32768–60999), which bind(0)
 * and every outgoing connection draw from: a port picked there can be taken by some test's HTTP
 * client or simulator between our check and the moment n8n binds it (seen as "n8n's port … is
 * already in use" with several test files running side by side). Below that range only processes
 * that pick their port explicitly compete, and they pick at random.
 */
const RANGE = { low: 20000, high: 32767 };

/**
 * Whether nothing listens on 127.0.0.1:port (by listening on it for a moment).
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function canListen(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** @returns {Promise<number>} a port nobody listens on right now and not returned before. */
async function freePort() {
	for (let attempt = 0; attempt < 200; attempt++) {
		const port = RANGE.low + Math.floor(Math.random() * (RANGE.high - RANGE.low));
		if (handedOut.has(port)) continue;
		if (await canListen(port)) {
			handedOut.add(port);
			return port;
		}
	}
	throw new Error(`freePort: no free port between ${RANGE.low} and ${RANGE.high} after 200 attempts`);
}

/**
 * Whether something accepts connections on 127.0.0.1:port.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function isPortInUse(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

module.exports = { freePort, isPortInUse };
