// @ts-check
'use strict';

const { withToken } = require('./auth');
const { parseListQuery, listPayments } = require('./payment-list');
const { queryView } = require('./payment-views');
const { messageError } = require('./responses');

/** @typedef {import('../types').RouteDefinition} RouteDefinition */

/**
 * `GET /payments/all` (docs/clickpesa-api.md §4.6) and `GET /payments/{orderReference}`
 * (§4.5, an array).
 * @param {{ ctx: import('../types').ProviderContext, tokens: import('../token-store').TokenStore, payments: import('./payment-store').PaymentStore }} deps
 * @returns {RouteDefinition[]}
 */
function paymentQueryRoutes({ ctx, tokens, payments }) {
	return [
		{
			method: 'GET',
			path: '/payments/all',
			body: 'none',
			handle: withToken(tokens, (req) => {
				const parsed = parseListQuery(req.query, ctx.config().clickpesa.maxPageSize);
				if ('error' in parsed) return messageError(400, parsed.error);
				return { status: 200, body: listPayments(payments.all(), parsed.query) };
			}),
		},
		{
			method: 'GET',
			path: '/payments/:orderReference',
			body: 'none',
			handle: withToken(tokens, (req) => {
				const { orderReference } = req.params;
				const records = payments.allFor(orderReference);
				if (records.length === 0) return messageError(404, `Invalid or missing payment: ${orderReference}`);
				// One element per collection: a BillPay customer control number can have several.
				return { status: 200, body: records.map(queryView) };
			}),
		},
	];
}

module.exports = { paymentQueryRoutes };
