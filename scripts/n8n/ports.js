// @ts-check
/** Free TCP ports on 127.0.0.1 (listen on port 0, read the port, close). */
'use strict';

const net = require('node:net');

/** Ports already handed out by this process, so two callers never get the same one. */
const handedOut = new Set();

/** @returns {Promise<number>} */
function listenOnce() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** @returns {Promise<number>} a port nobody listens on right now and not returned before. */
async function freePort() {
	for (let attempt = 0; attempt < 50; attempt++) {
		const port = await listenOnce();
		if (!handedOut.has(port)) {
			handedOut.add(port);
			return port;
		}
	}
	throw new Error('freePort: no free port found after 50 attempts');
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
