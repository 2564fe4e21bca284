// @ts-check
const http = require('http');

/**
 * A proxy on 127.0.0.1 in front of the simulator that passes every request through, but for the
 * requests `shouldCut` picks it drops the connection in the middle of the answer body: the provider
 * processed the request, the client gets a 2xx whose body never completes.
 * @param {string} targetBaseUrl e.g. sim.clickpesaBaseUrl
 * @param {(method: string, path: string) => boolean} shouldCut
 */
async function startCuttingProxy(targetBaseUrl, shouldCut) {
	const target = new URL(targetBaseUrl);
	const server = http.createServer((req, res) => {
		const chunks = /** @type {Buffer[]} */ ([]);
		req.on('data', (part) => chunks.push(part));
		req.on('end', () => {
			const forward = http.request(
				{ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
				(answer) => {
					const parts = /** @type {Buffer[]} */ ([]);
					answer.on('data', (part) => parts.push(part));
					answer.on('end', () => {
						const body = Buffer.concat(parts);
						const cut = shouldCut(String(req.method), String(req.url));
						res.writeHead(answer.statusCode ?? 502, {
							'content-type': String(answer.headers['content-type'] ?? 'application/json'),
							'content-length': String(cut ? body.length + 1000 : body.length),
						});
						if (!cut) return res.end(body);
						res.write(body.subarray(0, Math.floor(body.length / 2)));
						// Let the status line and the first half arrive before the connection dies.
						setTimeout(() => res.socket?.destroy(), 50);
					});
				},
			);
			forward.on('error', () => res.socket?.destroy());
			forward.end(Buffer.concat(chunks));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = /** @type {import('net').AddressInfo} */ (server.address());
	return {
		baseUrl: `http://127.0.0.1:${address.port}${target.pathname.replace(/\/$/, '')}`,
		stop: () =>
			new Promise((resolve) => {
				server.close(() => resolve(undefined));
				server.closeAllConnections();
			}),
	};
}

module.exports = { startCuttingProxy };
