// @ts-check
'use strict';

const { withToken } = require('./auth');
const { statementView } = require('./ledger');
const { CURRENCIES, fromCents } = require('./money');
const { parseDay } = require('./payment-list');
const { messageError } = require('./responses');

const NO_BALANCE_ACCOUNT =
	'No balance account is linked to this merchant yet. Balance becomes available after the first successful payment or deposit.';
const DAY_MS = 86_400_000;

/**
 * `GET /account/balance` (docs/clickpesa-api.md §4.14) and `GET /account/statement` (§4.15), both
 * read from the ledger.
 * @param {{ tokens: import('../token-store').TokenStore, ledger: import('./ledger').Ledger }} deps
 * @returns {import('../types').RouteDefinition[]}
 */
function accountRoutes({ tokens, ledger }) {
	return [
		{
			method: 'GET',
			path: '/account/balance',
			body: 'none',
			// One element per currency account, TZS first; 404 until the first credit (collection or deposit).
			handle: withToken(tokens, () => {
				const currencies = CURRENCIES.filter((currency) => ledger.balanceCents(currency) !== null);
				if (currencies.length === 0) return messageError(404, NO_BALANCE_ACCOUNT);
				return {
					status: 200,
					body: currencies.map((currency) => ({ currency, balance: fromCents(/** @type {number} */ (ledger.balanceCents(currency))) })),
				};
			}),
		},
		{
			method: 'GET',
			path: '/account/statement',
			body: 'none',
			// `currency` is required (documented 400). startDate/endDate are optional here (inferred:
			// §4.15 shows them in the example only); they are inclusive UTC days, as in /payments/all.
			// A currency without an account answers an empty statement of zeros (inferred).
			handle: withToken(tokens, (req) => {
				const currency = req.query.get('currency');
				if (currency === null || !CURRENCIES.includes(currency)) {
					return messageError(400, 'Invalid currency: currency must be either TZS or USD');
				}
				const from = parseDay(req.query.get('startDate'), 'startDate');
				if (typeof from === 'string') return messageError(400, from);
				const toStart = parseDay(req.query.get('endDate'), 'endDate');
				if (typeof toStart === 'string') return messageError(400, toStart);
				const to = toStart === null ? null : toStart + DAY_MS - 1;
				return { status: 200, body: statementView(ledger, currency, from, to) };
			}),
		},
	];
}

module.exports = { accountRoutes };
