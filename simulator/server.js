// @ts-check
'use strict';

const http = require('node:http');
const { Router } = require('./router');
const { readBody, parseJsonBody, parseFormBody } = require('./body');
const { SimulatorError } = require('./errors');

/** @typedef {import('./types').SimRequest} SimRequest */
/** @typedef {import('./types').SimResponse} SimResponse */
/** @typedef {import('./types').Provider} Provider */
/** @typedef {import('./types').MountedRoute} MountedRoute */
/** @typedef {import('./types').RouteDefinition} RouteDefinition */
/** @typedef {import('./request-log').RequestLogEntry} RequestLogEntry */

const CONTROL_BASE = '/__control';
/** Stands for the path template in the key of a request no route matched. */
const NO_ROUTE = '(no route)';

/**
 * @param {string} provider
 * @param {string} method
 * @param {string} template
 * @returns {string} e.g. `clickpesa GET /payments/:orderReference`
 */
function routeKey(provider, method, template) {
	return `${provider} ${method} ${template}`;
}

/**
 * @typedef {object} ServerOptions
 * @property {Provider[]} providers
 * @property {RouteDefinition[]} controlRoutes mounted under `/__control`; not counted, not rate-limited
 * @property {import('./request-log').RequestLog} requestLog
 * @property {import('./faults').FaultList} faults
 * @property {import('./timers').TimerSet} timers
 * @property {() => number} latencyMs
 */

/**
 * @typedef {object} MountedProvider
 * @property {Provider} provider
 * @property {Router<MountedRoute>} router
 */

/**
 * The HTTP plumbing: routing, bodies, latency, faults, the request log. What each route does is up
 * to the provider modules and the control API.
 */
class SimulatorServer {
	/** @type {ServerOptions} */
	#options;
	/** @type {MountedProvider[]} */
	#providers;
	/** @type {Router<RouteDefinition>} */
	#controlRouter = new Router();
	#http = http.createServer((req, res) => {
		this.#handle(req, res).catch(() => {
			if (!res.headersSent) send(res, { status: 500, body: { error: 'simulator failure' } });
		});
	});

	/** @param {ServerOptions} options */
	constructor(options) {
		this.#options = options;
		this.#providers = options.providers.map((provider) => {
			/** @type {Router<MountedRoute>} */
			const router = new Router();
			for (const route of provider.routes) router.add(route.method, route.base + route.path, route);
			return { provider, router };
		});
		for (const route of options.controlRoutes) this.#controlRouter.add(route.method, CONTROL_BASE + route.path, route);
	}

	/** @returns {string[]} the key of every provider route, as counters and faults name them */
	routeKeys() {
		return this.#providers.flatMap(({ provider }) => provider.routes.map((route) => routeKey(provider.name, route.method, route.path)));
	}

	/**
	 * @param {number} port
	 * @param {string} host
	 * @returns {Promise<number>} the port actually bound
	 */
	listen(port, host) {
		return new Promise((resolve, reject) => {
			this.#http.once('error', reject);
			this.#http.listen(port, host, () => {
				this.#http.off('error', reject);
				const address = this.#http.address();
				resolve(typeof address === 'object' && address ? address.port : port);
			});
		});
	}

	/** Stops listening and destroys every open connection, idle or busy. */
	close() {
		return new Promise((resolve) => {
			this.#http.close(() => resolve(undefined));
			this.#http.closeAllConnections();
		});
	}

	/**
	 * @param {http.IncomingMessage} req
	 * @param {http.ServerResponse} res
	 */
	async #handle(req, res) {
		const started = performance.now();
		const time = new Date().toISOString();
		const method = req.method ?? 'GET';
		const target = req.url ?? '/';
		const queryStart = target.indexOf('?');
		const path = (queryStart === -1 ? target : target.slice(0, queryStart)) || '/';
		const query = new URLSearchParams(queryStart === -1 ? '' : target.slice(queryStart + 1));
		const raw = await readBody(req);

		if (path === CONTROL_BASE || path.startsWith(`${CONTROL_BASE}/`)) {
			send(res, await this.#control(method, path, query, req, raw));
			return;
		}

		const mounted = this.#providers.find(({ provider }) => path.startsWith(`${provider.root}/`));
		const match = mounted ? mounted.router.match(method, path) : null;
		const providerName = mounted ? mounted.provider.name : 'none';
		const key = routeKey(providerName, method, match ? match.value.path : NO_ROUTE);
		const record = (/** @type {number | null} */ status, /** @type {RequestLogEntry['outcome']} */ outcome) =>
			this.#options.requestLog.record({
				time,
				provider: providerName,
				method,
				path: target,
				route: key,
				status,
				outcome,
				durationMs: Math.round((performance.now() - started) * 100) / 100,
			});

		const answer = (/** @type {SimResponse} */ response) => {
			send(res, response);
			record(response.status, 'response');
		};
		const dropConnection = () => {
			req.socket.destroy();
			record(null, 'reset');
		};

		if (!mounted) {
			answer({ status: 404, body: { message: `Cannot ${method} ${path}` } });
			return;
		}
		const { provider } = mounted;
		const token = provider.presentedToken(req.headers);
		const plan = this.#options.faults.take(key, { presentsToken: token !== undefined });
		await this.#addLatency(this.#options.latencyMs() + plan.latencyMs);
		if (req.socket.destroyed) {
			record(null, 'client-closed');
			return;
		}

		const action = plan.action;
		if (action?.kind === 'status') {
			const status = /** @type {number} */ (action.status);
			answer(action.body === null ? provider.errors.faultStatus(status) : { status, body: action.body });
			return;
		}
		if (action?.kind === 'reset' && !action.afterProcessing) {
			dropConnection();
			return;
		}
		if (action?.kind === 'expire-token' && token !== undefined) provider.expireToken(token);

		/** @type {SimRequest} */
		const simRequest = {
			method,
			path,
			params: match ? match.params : {},
			query,
			headers: req.headers,
			body: {},
			remoteAddress: req.socket.remoteAddress ?? '',
		};
		const response = await this.#processProviderRequest(provider, match?.value ?? null, simRequest, raw);
		if (action?.kind === 'reset') dropConnection();
		else answer(response);
	}

	/**
	 * Steps in the order NestJS/Express would take them: body parser, router, guards, handler.
	 * @param {Provider} provider
	 * @param {MountedRoute | null} route
	 * @param {SimRequest} req
	 * @param {{ buffer: Buffer, tooLarge: boolean }} raw
	 * @returns {Promise<SimResponse>}
	 */
	async #processProviderRequest(provider, route, req, raw) {
		if (raw.tooLarge) return provider.errors.payloadTooLarge();
		if (!route) return provider.errors.notFound(req.method, req.path);
		if (route.body === 'json') {
			const parsed = parseJsonBody(raw.buffer, req.headers['content-type']);
			if (!parsed.ok) return provider.errors.malformedBody(parsed.error);
			req.body = parsed.value;
		} else if (route.body === 'form') {
			req.body = parseFormBody(raw.buffer, req.headers['content-type']);
		}
		const rejection = provider.admit?.(req);
		if (rejection) return rejection;
		try {
			return await route.handle(req);
		} catch {
			return provider.errors.internal();
		}
	}

	/**
	 * @param {string} method
	 * @param {string} path
	 * @param {URLSearchParams} query
	 * @param {http.IncomingMessage} req
	 * @param {{ buffer: Buffer, tooLarge: boolean }} raw
	 * @returns {Promise<SimResponse>}
	 */
	async #control(method, path, query, req, raw) {
		if (raw.tooLarge) return { status: 413, body: { error: 'body larger than 1 MB' } };
		const match = this.#controlRouter.match(method, path);
		if (!match) return { status: 404, body: { error: `no control route ${method} ${path}` } };
		const route = match.value;
		/** @type {SimRequest} */
		const simRequest = {
			method,
			path,
			params: match.params,
			query,
			headers: req.headers,
			body: {},
			remoteAddress: req.socket.remoteAddress ?? '',
		};
		if (route.body === 'json') {
			// Control clients may omit the content type; the body is JSON whenever there is one.
			const parsed = parseJsonBody(raw.buffer, 'application/json');
			if (!parsed.ok) return { status: 400, body: { error: `invalid JSON body: ${parsed.error}` } };
			simRequest.body = parsed.value;
		} else if (route.body === 'form') {
			simRequest.body = parseFormBody(raw.buffer, req.headers['content-type']);
		}
		try {
			return await route.handle(simRequest);
		} catch (error) {
			if (error instanceof SimulatorError) return { status: error.status, body: { error: error.message } };
			return { status: 500, body: { error: error instanceof Error ? error.message : String(error) } };
		}
	}

	/** @param {number} ms */
	async #addLatency(ms) {
		if (ms > 0) await this.#options.timers.sleep(ms);
	}
}

/**
 * @param {http.ServerResponse} res
 * @param {SimResponse} response
 */
function send(res, response) {
	if (res.destroyed) return;
	// `text` (the hosted pages' HTML) is sent as given with the response's own headers; `body` as JSON.
	const text = response.text ?? (response.body === undefined ? '' : JSON.stringify(response.body));
	/** @type {Record<string, string>} */
	const headers = { ...response.headers, 'content-length': String(Buffer.byteLength(text)) };
	if (response.text === undefined && response.body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
	res.writeHead(response.status, headers);
	res.end(text);
}

module.exports = { SimulatorServer, CONTROL_BASE };
