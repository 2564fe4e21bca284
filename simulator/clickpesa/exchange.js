// @ts-check
'use strict';

const { withToken } = require('./auth');

/**
 * The configured rate from `source` to `target`, or null when the table has none.
 * @param {import('../types').ClickPesaConfig} config
 * @param {string} source
 * @param {string} target
 * @returns {number | null}
 */
function exchangeRate(config, source, target) {
	return config.exchangeRates.find((row) => row.source === source && row.target === target)?.rate ?? null;
}

/** The rates' `date`: midnight UTC of the current day (inferred: ClickPesa publishes daily rates). */
function rateDate() {
	const now = new Date();
	return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString().replace('.000Z', 'Z');
}

/**
 * `GET /exchange-rates/all?source=USD&target=TZS` (docs/clickpesa-api.md §4.16): the
 * `clickpesa.exchangeRates` table, filtered by `source` and/or `target` when given (both optional).
 * Values that match nothing give an empty array (inferred; no error is documented).
 * @param {{ ctx: import('../types').ProviderContext, tokens: import('../token-store').TokenStore }} deps
 * @returns {import('../types').RouteDefinition[]}
 */
function exchangeRoutes({ ctx, tokens }) {
	return [
		{
			method: 'GET',
			path: '/exchange-rates/all',
			body: 'none',
			handle: withToken(tokens, (req) => {
				const source = req.query.get('source');
				const target = req.query.get('target');
				const date = rateDate();
				const rows = ctx
					.config()
					.clickpesa.exchangeRates.filter((row) => (!source || row.source === source) && (!target || row.target === target))
					.map((row) => ({ source: row.source, target: row.target, rate: row.rate, date }));
				return { status: 200, body: rows };
			}),
		},
	];
}

module.exports = { exchangeRoutes, exchangeRate };
