// @ts-check
/**
 * A small ClickPesa stand-in on 127.0.0.1 for token timing: it issues numbered tokens, revokes the
 * current one after a number of requests, and answers the requests in flight 0–120 ms apart, so
 * some 401s arrive after the first refresh has finished (as a real API's do). Counts token calls,
 * pushes accepted and 401s.
 */
'use strict';

const http = require('node:http');

/** @param {{ revokeAfter?: number, validAtStart?: string[] }} [options] */
async function tokenServer({ revokeAfter = Infinity, validAtStart = [] } = {}) {
	const state = { tokenCalls: 0, initiates: 0, unauthorized: 0, valid: new Set(validAtStart), served: 0 };
	const server = http.createServer((request, response) => {
		let body = '';
		request.on('data', (chunk) => (body += chunk));
		request.on('end', () => {
			response.setHeader('content-type', 'application/json');
			if (request.url.startsWith('/generate-token')) {
				state.tokenCalls++;
				const token = `Bearer T${state.tokenCalls}`;
				state.valid = new Set([token]);
				response.end(JSON.stringify({ success: true, token }));
				return;
			}
			const index = state.served++;
			if (index === revokeAfter) state.valid = new Set();
			const { orderReference, amount } = JSON.parse(body || '{}');
			// Answers come back 0–120 ms apart, so some 401s arrive after the first refresh finished.
			const delay = (index % 5) * 30;
			setTimeout(() => {
				if (!state.valid.has(request.headers.authorization)) {
					state.unauthorized++;
					response.statusCode = 401;
					response.end(JSON.stringify({ message: 'Unauthorized' }));
					return;
				}
				state.initiates++;
				response.end(JSON.stringify({ id: `ID${orderReference}`, status: 'PROCESSING', orderReference, collectedAmount: amount }));
			}, delay);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
	return { state, baseUrl: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

module.exports = { tokenServer };
