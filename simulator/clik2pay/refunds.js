// @ts-check
'use strict';

const crypto = require('node:crypto');

const { withAccess } = require('./auth');
const { detailError } = require('./responses');
const { refundProblem } = require('./validation');

/** Only these can be refunded (docs/clik2pay-api.md §5.2). */
const REFUNDABLE = ['PAID', 'SETTLED'];

/**
 * Refunds by payment request. Full or partial refunds are allowed (§5.2), up to what was paid.
 */
class RefundStore {
	/** @type {Map<string, Map<string, Record<string, unknown>>>} */
	#byPaymentRequest = new Map();

	/**
	 * @param {string} paymentRequestId
	 * @returns {number} the amount refunded so far, in cents
	 */
	refundedCents(paymentRequestId) {
		let total = 0;
		for (const refund of this.#byPaymentRequest.get(paymentRequestId)?.values() ?? []) {
			total += Math.round(/** @type {number} */ (refund.amount) * 100);
		}
		return total;
	}

	/**
	 * @param {string} paymentRequestId
	 * @param {{ amount: number, recipient: Record<string, unknown> }} body
	 */
	create(paymentRequestId, body) {
		const refund = {
			id: crypto.randomUUID(),
			paymentRequestId,
			amount: body.amount,
			status: 'CREATED',
			recipient: { email: body.recipient.email, mobileNumber: body.recipient.mobileNumber },
			createdAt: new Date().toISOString(),
		};
		let refunds = this.#byPaymentRequest.get(paymentRequestId);
		if (!refunds) {
			refunds = new Map();
			this.#byPaymentRequest.set(paymentRequestId, refunds);
		}
		refunds.set(refund.id, refund);
		return refund;
	}

	/**
	 * @param {string} paymentRequestId
	 * @param {string} refundId
	 */
	get(paymentRequestId, refundId) {
		return this.#byPaymentRequest.get(paymentRequestId)?.get(refundId);
	}

	clear() {
		this.#byPaymentRequest.clear();
	}
}

/**
 * `POST /payment-requests/{id}/refunds` and `GET /payment-requests/{id}/refunds/{refundId}`
 * (§5.1, §5.5).
 * @param {{ ctx: import('../types').ProviderContext, tokens: import('../token-store').TokenStore, paymentRequests: import('./payment-requests').PaymentRequestStore, refunds: RefundStore, paidCents: (paymentRequest: Record<string, unknown>) => number }} deps
 * @returns {import('../types').RouteDefinition[]}
 */
function refundRoutes({ ctx, tokens, paymentRequests, refunds, paidCents }) {
	return [
		{
			method: 'POST',
			path: '/payment-requests/:id/refunds',
			body: 'json',
			handle: withAccess(ctx, tokens, (req) => {
				const paymentRequest = paymentRequests.get(req.params.id);
				if (!paymentRequest) return detailError(404, `Payment request ${req.params.id} not found`);
				if (!REFUNDABLE.includes(paymentRequest.status)) {
					return detailError(400, 'Only PAID or SETTLED payment requests can be refunded');
				}
				const problem = refundProblem(req.body);
				if (problem) return detailError(400, problem);
				const left = paidCents(paymentRequest) - refunds.refundedCents(paymentRequest.id);
				if (Math.round(req.body.amount * 100) > left) {
					return detailError(400, `amount exceeds the refundable balance of ${(left / 100).toFixed(2)}`);
				}
				return { status: 201, body: refunds.create(paymentRequest.id, req.body) };
			}),
		},
		{
			method: 'GET',
			path: '/payment-requests/:id/refunds/:refundId',
			body: 'none',
			handle: withAccess(ctx, tokens, (req) => {
				const refund = refunds.get(req.params.id, req.params.refundId);
				if (!refund) return detailError(404, `Refund ${req.params.refundId} not found`);
				return { status: 200, body: refund };
			}),
		},
	];
}

module.exports = { RefundStore, refundRoutes, REFUNDABLE };
