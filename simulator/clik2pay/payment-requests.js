// @ts-check
'use strict';

const crypto = require('node:crypto');

const { withAccess } = require('./auth');
const { detailError } = require('./responses');
const { paymentRequestProblem } = require('./validation');

/** @typedef {Record<string, unknown> & { id: string, status: string }} PaymentRequest */

/**
 * The merchant every simulated client belongs to (shape from the webhook example,
 * docs/clik2pay-api.md §8.6).
 */
const SIM_MERCHANT = { id: 'a7815ec3-72cd-4efe-b809-28f14501a5d3', name: 'Simulated Merchant' };

/** Statuses that are not paid yet: they can be cancelled and the payer can still act on them. */
const UNPAID = ['CREATED', 'SCHEDULED', 'ACTIVE'];

/** Optional body fields echoed in the object when they were sent. */
const ECHOED_FIELDS = ['flexDetails', 'deliveryDate', 'dueDate', 'invoiceNumber', 'businessUnit', 'displayMessage'];

const SHORT_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newShortCode() {
	let code = '';
	for (let i = 0; i < 6; i++) code += SHORT_CODE_ALPHABET[crypto.randomInt(SHORT_CODE_ALPHABET.length)];
	return code;
}

/**
 * Payment requests by id, and the merchant transaction ids in use. Clik2pay requires those to be
 * unique across all of a merchant's transactions (§3.4), payments included, so the payments
 * routes share this set.
 */
class PaymentRequestStore {
	/** @type {() => Date} */
	#now;

	/** @param {() => Date} [now] the simulator's clock (scheduled requests are delivered on their date) */
	constructor(now = () => new Date()) {
		this.#now = now;
	}

	/** @type {Map<string, PaymentRequest>} */
	#byId = new Map();
	/** @type {Set<string>} */
	merchantTransactionIds = new Set();

	/**
	 * @param {Record<string, any>} body a body that passed paymentRequestProblem
	 * @returns {PaymentRequest}
	 */
	create(body) {
		const id = crypto.randomUUID();
		const shortCode = newShortCode();
		const now = this.#now().toISOString();
		/** @type {PaymentRequest} */
		const record = {
			id,
			merchantTransactionId: body.merchantTransactionId ?? null,
			amount: body.type === 'FLEX' ? null : body.amount,
			type: body.type,
			status: isFutureDate(body.deliveryDate, this.#now()) ? 'SCHEDULED' : 'CREATED',
			deliveryMode: body.deliveryMode ?? 'NONE',
			merchant: { ...SIM_MERCHANT },
			payer: { ...body.payer },
		};
		for (const field of ECHOED_FIELDS) if (body[field] !== undefined && body[field] !== null) record[field] = body[field];
		Object.assign(record, {
			paymentLink: `https://pay.clik2pay.com/payment-request/${id}`,
			shortCode,
			shortLink: `https://pay.clik2pay.com/r/${shortCode}`,
			createdAt: now,
			updatedAt: now,
		});
		this.#byId.set(id, record);
		if (typeof body.merchantTransactionId === 'string') this.merchantTransactionIds.add(body.merchantTransactionId);
		return record;
	}

	/**
	 * @param {string} id
	 * @returns {PaymentRequest | undefined}
	 */
	get(id) {
		return this.#byId.get(id);
	}

	/** @returns {PaymentRequest[]} every payment request, oldest first */
	all() {
		return [...this.#byId.values()];
	}

	/**
	 * @param {PaymentRequest} record
	 * @param {string} status
	 */
	setStatus(record, status) {
		record.status = status;
		record.updatedAt = this.#now().toISOString();
	}

	/**
	 * Scheduled requests whose delivery date has come are delivered: SCHEDULED → CREATED (§3.2).
	 * @param {PaymentRequest} [only] just this one (when it is read); default every request
	 * @returns {number} how many were delivered
	 */
	deliverDue(only) {
		let delivered = 0;
		for (const record of only ? [only] : this.#byId.values()) {
			if (record.status === 'SCHEDULED' && !isFutureDate(record.deliveryDate, this.#now())) {
				this.setStatus(record, 'CREATED');
				delivered++;
			}
		}
		return delivered;
	}

	clear() {
		this.#byId.clear();
		this.merchantTransactionIds.clear();
	}
}

/**
 * A delivery date later than today (UTC, on the simulator's clock) schedules the request (§7.2).
 * @param {unknown} deliveryDate
 * @param {Date} now
 */
function isFutureDate(deliveryDate, now) {
	return typeof deliveryDate === 'string' && deliveryDate > now.toISOString().slice(0, 10);
}

/**
 * `POST /payment-requests` (§4.2), `GET /payment-requests/{id}` (§4.8) and
 * `POST /payment-requests/{id}/cancellation` (§4.9).
 * @param {{ ctx: import('../types').ProviderContext, tokens: import('../token-store').TokenStore, paymentRequests: PaymentRequestStore }} deps
 * @returns {import('../types').RouteDefinition[]}
 */
function paymentRequestRoutes({ ctx, tokens, paymentRequests }) {
	return [
		{
			method: 'POST',
			path: '/payment-requests',
			body: 'json',
			handle: withAccess(ctx, tokens, (req) => {
				const problem = paymentRequestProblem(req.body);
				if (problem) return detailError(400, problem);
				// Reuse answers 400 (§9.4: reuse "presumably fails with 400 or 409"; 400 is Clik2pay's
				// documented code for bad input, §9.1, and Odoo reads the duplicate as an error `detail`).
				if (paymentRequests.merchantTransactionIds.has(req.body.merchantTransactionId)) {
					return detailError(400, 'merchantTransactionId already exists');
				}
				return { status: 201, body: paymentRequests.create(req.body) };
			}),
		},
		{
			method: 'GET',
			path: '/payment-requests/:id',
			body: 'none',
			handle: withAccess(ctx, tokens, (req) => {
				const paymentRequest = paymentRequests.get(req.params.id);
				if (!paymentRequest) return detailError(404, `Payment request ${req.params.id} not found`);
				paymentRequests.deliverDue(paymentRequest);
				return { status: 200, body: paymentRequest };
			}),
		},
		{
			method: 'POST',
			path: '/payment-requests/:id/cancellation',
			body: 'json',
			handle: withAccess(ctx, tokens, (req) => {
				const paymentRequest = paymentRequests.get(req.params.id);
				if (!paymentRequest) return detailError(404, `Payment request ${req.params.id} not found`);
				if (!UNPAID.includes(paymentRequest.status)) {
					return detailError(400, `Payment request ${paymentRequest.id} is ${paymentRequest.status} and cannot be cancelled`);
				}
				paymentRequests.setStatus(paymentRequest, 'CANCELLED');
				// Odoo reads `event.status` from this answer (§4.9); the rest of the shape is inferred.
				return {
					status: 200,
					body: { ...paymentRequest, event: { status: 'CANCELLED', createdAt: paymentRequest.updatedAt } },
				};
			}),
		},
	];
}

module.exports = { PaymentRequestStore, paymentRequestRoutes, UNPAID, SIM_MERCHANT };
