// @ts-check
/** A tiny HTTP client on node:http (no keep-alive, bounded by a timeout) for health checks and webhooks. */
'use strict';

const http = require('node:http');

/**
 * @param {string} url
 * @param {{ method?: string, headers?: Record<string, string>, body?: string | object, timeoutMs?: number }} [options]
 *   An object body is sent as JSON.
 * @returns {Promise<{ status: number, headers: import('node:http').IncomingHttpHeaders, body: string, json: () => any }>}
 */
function httpRequest(url, { method = 'GET', headers = {}, body, timeoutMs = 10000 } = {}) {
	const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
	/** @type {Record<string, string>} */
	const allHeaders = { connection: 'close', ...headers };
	if (payload !== undefined && typeof body !== 'string' && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
		allHeaders['content-type'] = 'application/json';
	}
	if (payload !== undefined) allHeaders['content-length'] = String(Buffer.byteLength(payload));
	return new Promise((resolve, reject) => {
		const request = http.request(url, { method, headers: allHeaders, agent: false }, (response) => {
			/** @type {Buffer[]} */
			const chunks = [];
			response.on('data', (chunk) => chunks.push(chunk));
			response.on('error', reject);
			response.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				resolve({
					status: response.statusCode ?? 0,
					headers: response.headers,
					body: text,
					json: () => JSON.parse(text),
				});
			});
		});
		request.setTimeout(timeoutMs, () => request.destroy(new Error(`${method} ${url}: no answer within ${timeoutMs} ms`)));
		request.on('error', reject);
		if (payload !== undefined) request.write(payload);
		request.end();
	});
}

module.exports = { httpRequest };
