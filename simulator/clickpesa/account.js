// @ts-check
'use strict';

const { withToken } = require('./auth');
const { messageError } = require('./responses');

/**
 * `GET /account/balance` (§4.14): 404 until the first successful collection.
 * @param {{ tokens: import('../token-store').TokenStore, payments: import('./payment-store').PaymentStore }} deps
 * @returns {import('../types').RouteDefinition[]}
 */
function accountRoutes({ tokens, payments }) {
	return [
		{
			method: 'GET',
			path: '/account/balance',
			body: 'none',
			handle: withToken(tokens, () => {
				const balance = payments.balance();
				if (balance === null) {
					return messageError(
						404,
						'No balance account is linked to this merchant yet. Balance becomes available after the first successful payment or deposit.',
					);
				}
				return { status: 200, body: [{ currency: 'TZS', balance }] };
			}),
		},
	];
}

module.exports = { accountRoutes };
