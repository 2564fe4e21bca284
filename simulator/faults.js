// @ts-check
'use strict';

const { SimulatorError } = require('./errors');

/**
 * @typedef {'latency' | 'status' | 'reset' | 'expire-token'} FaultKind
 */

/**
 * @typedef {object} Fault
 * @property {number} id
 * @property {string} route a route key, or `*` for every provider request
 * @property {FaultKind} kind
 * @property {number} ms `latency`: added delay
 * @property {number | null} status `status`: the status to answer with
 * @property {unknown} body `status`: the body; null = the provider's default error body
 * @property {number} times how many requests it applies to; 0 = every request
 * @property {boolean} afterProcessing `reset`: process the request first, then drop the socket
 * @property {number} skip matching requests to let through untouched before it applies (default 0)
 * @property {number} hits requests it has applied to so far
 * @property {number} skipped matching requests let through so far
 */

/**
 * @typedef {object} FaultPlan what the faults decided for one request
 * @property {number} latencyMs summed `latency` faults
 * @property {Fault | null} action the first applicable `status`, `reset` or `expire-token` fault
 */

const KINDS = ['latency', 'status', 'reset', 'expire-token'];

/** Faults to inject into provider requests, consumed as they apply. */
class FaultList {
	/** @type {Fault[]} */
	#faults = [];
	#nextId = 1;

	/**
	 * @param {unknown} spec
	 * @param {string[]} routeKeys the keys a fault may name besides `*`
	 * @returns {Fault}
	 */
	add(spec, routeKeys) {
		const fault = parseFault(spec, this.#nextId);
		if (fault.route !== '*' && !routeKeys.includes(fault.route)) {
			throw new SimulatorError(400, `fault.route: no route ${fault.route}; use "*" or one of: ${routeKeys.join(', ')}`);
		}
		this.#nextId++;
		this.#faults.push(fault);
		return { ...fault };
	}

	/** @returns {Fault[]} */
	list() {
		return this.#faults.map((fault) => ({ ...fault }));
	}

	clear() {
		this.#faults = [];
	}

	/**
	 * Picks the faults for one request and counts them as used. An `expire-token` fault waits for a
	 * request that actually presents a token.
	 * @param {string} routeKey
	 * @param {{ presentsToken: boolean }} request
	 * @returns {FaultPlan}
	 */
	take(routeKey, request) {
		/** @type {FaultPlan} */
		const plan = { latencyMs: 0, action: null };
		for (const fault of this.#faults) {
			if (fault.route !== '*' && fault.route !== routeKey) continue;
			if (fault.skipped < fault.skip) {
				fault.skipped++;
				continue;
			}
			if (fault.kind === 'latency') {
				plan.latencyMs += fault.ms;
			} else if (plan.action === null && (fault.kind !== 'expire-token' || request.presentsToken)) {
				plan.action = fault;
			} else {
				continue;
			}
			fault.hits++;
		}
		this.#faults = this.#faults.filter((fault) => fault.times === 0 || fault.hits < fault.times);
		return plan;
	}
}

/**
 * @param {unknown} spec
 * @param {number} id
 * @returns {Fault}
 */
function parseFault(spec, id) {
	if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
		throw new SimulatorError(400, 'A fault must be a JSON object');
	}
	const input = /** @type {Record<string, unknown>} */ (spec);
	const { route, kind, ms = 0, status = null, body = null, times = 1, skip = 0, afterProcessing = false } = input;
	if (typeof route !== 'string' || route === '') {
		throw new SimulatorError(400, 'fault.route must be a route key (e.g. "clickpesa POST /generate-token") or "*"');
	}
	if (typeof kind !== 'string' || !KINDS.includes(kind)) {
		throw new SimulatorError(400, `fault.kind must be one of ${KINDS.join(', ')}`);
	}
	if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
		throw new SimulatorError(400, 'fault.ms must be a number >= 0');
	}
	if (kind === 'latency' && ms === 0) throw new SimulatorError(400, 'a latency fault needs ms > 0');
	if (kind === 'status') {
		if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
			throw new SimulatorError(400, 'a status fault needs status, an integer from 100 to 599');
		}
	} else if (status !== null) {
		throw new SimulatorError(400, 'fault.status only applies to kind "status"');
	}
	if (typeof times !== 'number' || !Number.isInteger(times) || times < 0) {
		throw new SimulatorError(400, 'fault.times must be an integer >= 0 (0 = every time)');
	}
	if (typeof skip !== 'number' || !Number.isInteger(skip) || skip < 0) {
		throw new SimulatorError(400, 'fault.skip must be an integer >= 0');
	}
	if (typeof afterProcessing !== 'boolean') {
		throw new SimulatorError(400, 'fault.afterProcessing must be a boolean');
	}
	if (afterProcessing && kind !== 'reset') {
		throw new SimulatorError(400, 'fault.afterProcessing only applies to kind "reset"');
	}
	return {
		id,
		route,
		kind: /** @type {FaultKind} */ (kind),
		ms,
		status: /** @type {number | null} */ (status),
		body,
		times,
		afterProcessing,
		skip,
		hits: 0,
		skipped: 0,
	};
}

module.exports = { FaultList };
