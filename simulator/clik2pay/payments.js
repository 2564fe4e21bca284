// @ts-check
'use strict';

const crypto = require('node:crypto');

const { withAccess } = require('./auth');
const { detailError } = require('./responses');
const { paymentProblem } = require('./validation');

/**
 * `POST /payments` (Send Money, docs/clik2pay-api.md §6): answers 201 `{paymentId}`. No read route
 * is documented, so payments are only kept to count them and to reserve their merchant transaction
 * ids.
 * @param {{ ctx: import('../types').ProviderContext, tokens: import('../token-store').TokenStore, paymentRequests: import('./payment-requests').PaymentRequestStore, payments: Map<string, Record<string, unknown>> }} deps
 * @returns {import('../types').RouteDefinition[]}
 */
function paymentRoutes({ ctx, tokens, paymentRequests, payments }) {
	return [
		{
			method: 'POST',
			path: '/payments',
			body: 'json',
			handle: withAccess(ctx, tokens, (req) => {
				const problem = paymentProblem(req.body);
				if (problem) return detailError(400, problem);
				const { merchantTransactionId } = req.body;
				if (paymentRequests.merchantTransactionIds.has(merchantTransactionId)) {
					return detailError(400, 'merchantTransactionId already exists');
				}
				const paymentId = crypto.randomUUID();
				payments.set(paymentId, { ...req.body, paymentId, status: 'CREATED', createdAt: new Date().toISOString() });
				if (typeof merchantTransactionId === 'string') paymentRequests.merchantTransactionIds.add(merchantTransactionId);
				return { status: 201, body: { paymentId } };
			}),
		},
	];
}

module.exports = { paymentRoutes };
