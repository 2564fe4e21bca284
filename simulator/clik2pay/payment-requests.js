// @ts-check
'use strict';

const { withAccess } = require('./auth');
const { detailError } = require('./responses');

/**
 * Payment requests by id. Creating them comes with a later issue; until then the store stays empty.
 */
class PaymentRequestStore {
	/** @type {Map<string, Record<string, unknown>>} */
	#byId = new Map();

	/**
	 * @param {string} id
	 * @returns {Record<string, unknown> | undefined}
	 */
	get(id) {
		return this.#byId.get(id);
	}

	clear() {
		this.#byId.clear();
	}
}

/**
 * `GET /payment-requests/{paymentRequestId}` (§2.2).
 * @param {{ ctx: import('../types').ProviderContext, tokens: import('../token-store').TokenStore, paymentRequests: PaymentRequestStore }} deps
 * @returns {import('../types').RouteDefinition[]}
 */
function paymentRequestRoutes({ ctx, tokens, paymentRequests }) {
	return [
		{
			method: 'GET',
			path: '/payment-requests/:id',
			body: 'none',
			handle: withAccess(ctx, tokens, (req) => {
				const paymentRequest = paymentRequests.get(req.params.id);
				if (!paymentRequest) return detailError(404, `Payment request ${req.params.id} not found`);
				return { status: 200, body: paymentRequest };
			}),
		},
	];
}

module.exports = { PaymentRequestStore, paymentRequestRoutes };
