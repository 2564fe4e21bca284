// @ts-check
'use strict';

/**
 * One provider request. Headers are never recorded, so no secret (API key, token, password) can
 * end up here.
 * @typedef {object} RequestLogEntry
 * @property {string} time ISO time the request arrived
 * @property {string} provider `clickpesa`, `clik2pay`, or `none` outside both
 * @property {string} method
 * @property {string} path the request target as sent: concrete path and query string
 * @property {string} route the route key, e.g. `clickpesa GET /payments/:orderReference`
 * @property {number | null} status null when no response was sent
 * @property {'response' | 'reset' | 'client-closed'} outcome `reset`: a fault destroyed the socket;
 *   `client-closed`: the client left during the added latency, the request was not processed
 * @property {number} durationMs
 */

/**
 * @typedef {object} RouteCount
 * @property {number} total
 * @property {Record<string, number>} byStatus keyed by status code, or by `reset` / `client-closed`
 */

const DEFAULT_CAPACITY = 10_000;

/** The request log (a bounded ring buffer) and the per-route counters, fed together. */
class RequestLog {
	/** @type {(RequestLogEntry | undefined)[]} */
	#ring;
	#next = 0;
	#size = 0;
	#totalRequests = 0;
	/** @type {Map<string, RouteCount>} */
	#counts = new Map();

	constructor(capacity = DEFAULT_CAPACITY) {
		this.#ring = new Array(capacity);
	}

	/** @param {RequestLogEntry} entry */
	record(entry) {
		this.#ring[this.#next] = entry;
		this.#next = (this.#next + 1) % this.#ring.length;
		this.#size = Math.min(this.#size + 1, this.#ring.length);
		this.#totalRequests++;

		let count = this.#counts.get(entry.route);
		if (!count) {
			count = { total: 0, byStatus: {} };
			this.#counts.set(entry.route, count);
		}
		count.total++;
		const statusKey = entry.status === null ? entry.outcome : String(entry.status);
		count.byStatus[statusKey] = (count.byStatus[statusKey] ?? 0) + 1;
	}

	/**
	 * @param {number} limit
	 * @returns {RequestLogEntry[]} the newest `limit` entries, oldest first
	 */
	recent(limit) {
		const count = Math.min(limit, this.#size);
		/** @type {RequestLogEntry[]} */
		const entries = [];
		for (let i = count; i > 0; i--) {
			const index = (this.#next - i + this.#ring.length) % this.#ring.length;
			const entry = this.#ring[index];
			if (entry) entries.push({ ...entry });
		}
		return entries;
	}

	/** @returns {{ counts: Record<string, RouteCount>, totalRequests: number }} */
	stats() {
		/** @type {Record<string, RouteCount>} */
		const counts = {};
		for (const [key, count] of this.#counts) {
			counts[key] = { total: count.total, byStatus: { ...count.byStatus } };
		}
		return { counts, totalRequests: this.#totalRequests };
	}

	clear() {
		this.#ring = new Array(this.#ring.length);
		this.#next = 0;
		this.#size = 0;
		this.#totalRequests = 0;
		this.#counts.clear();
	}
}

module.exports = { RequestLog };
