// @ts-check
'use strict';

const http = require('node:http');
const https = require('node:https');

const DELIVERY_TIMEOUT_MS = 5000;
const MAX_RECORDS = 1000;

/**
 * @typedef {object} WebhookDelivery
 * @property {string} provider
 * @property {string} url
 * @property {string} event
 * @property {number | null} status HTTP status of the receiver's answer; null when none came
 * @property {string | null} error why no answer came (connection refused, timeout, aborted)
 * @property {unknown} body the JSON body that was sent
 * @property {string} time ISO time the delivery started
 * @property {number} durationMs
 */

/**
 * @typedef {object} WebhookRequest
 * @property {string} provider
 * @property {string} url
 * @property {string} event
 * @property {unknown} body
 * @property {string} [rawBody] sent verbatim instead of `JSON.stringify(body)` (malformed bodies)
 * @property {Record<string, string>} [headers]
 */

/**
 * Posts webhook events as JSON, one attempt each (no retries), and records every delivery.
 */
class WebhookSender {
	/** @type {WebhookDelivery[]} */
	#records = [];
	/** @type {Set<import('node:http').ClientRequest>} */
	#inFlight = new Set();

	/**
	 * @param {WebhookRequest} request
	 * @returns {Promise<WebhookDelivery>} resolves (never rejects) once the delivery is recorded
	 */
	deliver(request) {
		const started = Date.now();
		/** @type {WebhookDelivery} */
		const record = {
			provider: request.provider,
			url: request.url,
			event: request.event,
			status: null,
			error: null,
			body: request.body,
			time: new Date(started).toISOString(),
			durationMs: 0,
		};
		return new Promise((resolve) => {
			const settle = (/** @type {number | null} */ status, /** @type {string | null} */ error) => {
				record.status = status;
				record.error = error;
				record.durationMs = Date.now() - started;
				this.#keep(record);
				resolve(record);
			};
			/** @type {URL} */
			let target;
			try {
				target = new URL(request.url);
			} catch {
				settle(null, 'invalid URL');
				return;
			}
			const payload = request.rawBody ?? JSON.stringify(request.body);
			const client = target.protocol === 'https:' ? https : http;
			const outgoing = client.request(target, {
				method: 'POST',
				agent: false,
				headers: {
					'content-type': 'application/json',
					'content-length': String(Buffer.byteLength(payload)),
					'user-agent': 'n8n-nodes-clickpesa-clik2pay-simulator',
					...request.headers,
				},
			});
			this.#inFlight.add(outgoing);
			const deadline = setTimeout(() => {
				outgoing.destroy(new Error(`no answer within ${DELIVERY_TIMEOUT_MS} ms`));
			}, DELIVERY_TIMEOUT_MS);
			deadline.unref();
			/** @type {number | null} */
			let status = null;
			/** @type {string | null} */
			let error = null;
			outgoing.on('response', (response) => {
				status = response.statusCode ?? null;
				response.resume();
			});
			outgoing.on('error', (cause) => {
				error = cause.message;
			});
			// 'close' comes last in every case: answered, refused, timed out or aborted.
			outgoing.on('close', () => {
				clearTimeout(deadline);
				this.#inFlight.delete(outgoing);
				settle(status, status === null ? (error ?? 'connection closed without an answer') : null);
			});
			outgoing.end(payload);
		});
	}

	/** @returns {WebhookDelivery[]} oldest first */
	deliveries() {
		return this.#records.map((record) => ({ ...record }));
	}

	clearRecords() {
		this.#records = [];
	}

	/** Ends deliveries still waiting for an answer (they are recorded as aborted). */
	abortAll() {
		for (const outgoing of this.#inFlight) outgoing.destroy(new Error('aborted: simulator stopped'));
		this.#inFlight.clear();
	}

	/** @param {WebhookDelivery} record */
	#keep(record) {
		this.#records.push(record);
		if (this.#records.length > MAX_RECORDS) this.#records.shift();
	}
}

module.exports = { WebhookSender, DELIVERY_TIMEOUT_MS };
