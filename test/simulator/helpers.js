'use strict';

const http = require('node:http');

/**
 * One HTTP call with fetch; the body is parsed as JSON when it is JSON.
 * @param {string} url
 * @param {{ method?: string, headers?: Record<string, string>, json?: unknown, form?: Record<string, string>, body?: string }} [options]
 */
async function call(url, options = {}) {
	const headers = { ...options.headers };
	let body = options.body;
	if (options.json !== undefined) {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(options.json);
	}
	if (options.form !== undefined) {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(options.form).toString();
	}
	const response = await fetch(url, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
	const text = await response.text();
	let parsed = text;
	if ((response.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
	return { status: response.status, body: parsed, headers: response.headers };
}

/** A small ClickPesa client bound to one simulator. */
function clickpesa(simulator) {
	const base = simulator.clickpesaBaseUrl;
	return {
		async token(clientId = 'SIMCLIENTID', apiKey = 'sim-api-key') {
			const response = await call(`${base}/generate-token`, {
				method: 'POST',
				headers: { 'client-id': clientId, 'api-key': apiKey },
			});
			if (response.status !== 200) throw new Error(`token: ${response.status} ${JSON.stringify(response.body)}`);
			return response.body.token;
		},
		post(path, json, token) {
			return call(base + path, { method: 'POST', json, headers: token ? { authorization: token } : {} });
		},
		get(path, token) {
			return call(base + path, { headers: token ? { authorization: token } : {} });
		},
	};
}

/** Control API calls. */
function control(simulator) {
	return {
		get: (path) => call(simulator.controlUrl + path),
		post: (path, json) => call(simulator.controlUrl + path, { method: 'POST', json: json ?? {} }),
		delete: (path) => call(simulator.controlUrl + path, { method: 'DELETE' }),
	};
}

/** A webhook receiver on 127.0.0.1 that records every POST and answers `status`. */
async function startWebhookReceiver(status = 200) {
	const received = [];
	const waiters = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			let body = text;
			try {
				body = JSON.parse(text);
			} catch {
				// Not JSON (a deliberately malformed webhook): keep the text.
			}
			received.push({ headers: req.headers, body, text });
			res.writeHead(status).end();
			for (const waiter of waiters.splice(0)) waiter();
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/webhook`,
		received,
		async waitFor(count, timeoutMs = 2000) {
			const deadline = Date.now() + timeoutMs;
			while (received.length < count) {
				if (Date.now() > deadline) throw new Error(`expected ${count} webhooks, got ${received.length}`);
				await new Promise((resolve) => {
					waiters.push(resolve);
					setTimeout(resolve, 50).unref();
				});
			}
			return received;
		},
		close: () =>
			new Promise((resolve) => {
				server.close(resolve);
				server.closeAllConnections();
			}),
	};
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a truthy value. */
async function eventually(check, timeoutMs = 2000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await sleep(20);
	}
}

module.exports = { call, clickpesa, control, startWebhookReceiver, sleep, eventually };
