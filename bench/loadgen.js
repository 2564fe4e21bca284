// @ts-check
/**
 * A bounded HTTP load generator for the webhook benchmark: POSTs the given bodies to one URL on
 * 127.0.0.1 with a keep-alive agent, at most `concurrency` in flight, and stops when all are answered.
 */
'use strict';

const http = require('node:http');

const REQUEST_TIMEOUT_MS = 30_000;

/**
 * @param {{ url: string, bodies: Buffer[], concurrency: number }} options
 * @returns {Promise<{ latenciesMs: number[], elapsedMs: number, statuses: Record<string, number> }>}
 */
async function postAll({ url, bodies, concurrency }) {
	const target = new URL(url);
	if (target.hostname !== '127.0.0.1') throw new Error(`postAll only loads 127.0.0.1, not ${target.hostname}`);
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	/** @type {number[]} */
	const latenciesMs = [];
	/** @type {Record<string, number>} */
	const statuses = {};
	let next = 0;
	const worker = async () => {
		while (next < bodies.length) {
			const body = bodies[next++];
			const started = process.hrtime.bigint();
			const status = await post(agent, target, body);
			latenciesMs.push(Number(process.hrtime.bigint() - started) / 1e6);
			statuses[status] = (statuses[status] ?? 0) + 1;
		}
	};
	const started = process.hrtime.bigint();
	try {
		await Promise.all(Array.from({ length: Math.min(concurrency, bodies.length) }, worker));
	} finally {
		agent.destroy();
	}
	return { latenciesMs, elapsedMs: Number(process.hrtime.bigint() - started) / 1e6, statuses };
}

/** @param {http.Agent} agent @param {URL} target @param {Buffer} body @returns {Promise<string>} the status, or "error" */
function post(agent, target, body) {
	return new Promise((resolve) => {
		const request = http.request(
			target,
			{
				method: 'POST',
				agent,
				timeout: REQUEST_TIMEOUT_MS,
				headers: { 'content-type': 'application/json', 'content-length': body.length },
			},
			(response) => {
				response.resume();
				response.on('end', () => resolve(String(response.statusCode)));
				response.on('error', () => resolve('error'));
			},
		);
		request.on('timeout', () => request.destroy(new Error('timeout')));
		request.on('error', () => resolve('error'));
		request.end(body);
	});
}

module.exports = { postAll };
