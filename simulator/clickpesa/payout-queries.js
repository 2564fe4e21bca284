// @ts-check
'use strict';

const { withToken } = require('./auth');
const { listItems, parseListQuery } = require('./payment-list');
const { listItemView, queryView } = require('./payout-views');
const { messageError } = require('./responses');

/** @type {import('./payment-list').ListSpec} */
const PAYOUT_LIST = {
	// The documented filters of GET /payouts/all (docs/clickpesa-api.md §4.11); startDate/endDate are
	// handled apart.
	exactFilters: ['channel', 'currency', 'orderReference', 'status', 'transferType', 'clientId'],
	itemFields: [
		'id',
		'orderReference',
		'amount',
		'currency',
		'fee',
		'status',
		'channel',
		'channelProvider',
		'transferType',
		'createdAt',
		'updatedAt',
		'clientId',
		'beneficiary.accountNumber',
		'beneficiary.accountName',
		'beneficiary.swiftNumber',
	],
	// `search` is documented for /payments/all only.
	search: false,
};
const NUMERIC_FIELDS = ['amount', 'fee'];

/**
 * `GET /payouts/all` and `GET /payouts/{orderReference}` (§4.11, an array; 404 when none).
 * @param {{ ctx: import('../types').ProviderContext, tokens: import('../token-store').TokenStore, payouts: import('./payout-store').PayoutStore }} deps
 * @returns {import('../types').RouteDefinition[]}
 */
function payoutQueryRoutes({ ctx, tokens, payouts }) {
	return [
		{
			method: 'GET',
			path: '/payouts/all',
			body: 'none',
			handle: withToken(tokens, (req) => {
				const parsed = parseListQuery(req.query, ctx.config().clickpesa.maxPageSize, PAYOUT_LIST);
				if ('error' in parsed) return messageError(400, parsed.error);
				return { status: 200, body: listItems(payouts.all().map(listItemView), parsed.query, NUMERIC_FIELDS) };
			}),
		},
		{
			method: 'GET',
			path: '/payouts/:orderReference',
			body: 'none',
			handle: withToken(tokens, (req) => {
				const { orderReference } = req.params;
				const record = payouts.get(orderReference);
				if (!record) return messageError(404, `Invalid or missing payout: ${orderReference}`);
				return { status: 200, body: [queryView(record)] };
			}),
		},
	];
}

module.exports = { payoutQueryRoutes };
