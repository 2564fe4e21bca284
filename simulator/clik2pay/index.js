// @ts-check
'use strict';

const { TokenStore } = require('../token-store');
const { authRoutes, bearerToken } = require('./auth');
const { PaymentRequestStore, paymentRequestRoutes } = require('./payment-requests');
const { clik2payErrors } = require('./responses');
const { sendClik2payWebhook } = require('./webhook-send');

const CLIK2PAY_ROOT = '/clik2pay';
const CLIK2PAY_AUTH_BASE = `${CLIK2PAY_ROOT}/auth`;
const CLIK2PAY_API_BASE = `${CLIK2PAY_ROOT}/open/v1`;

/**
 * The simulated Clik2pay APIs (auth host and `/open/v1`) and their state. Each API area keeps its
 * routes in its own module; add new ones to `apiRoutes`.
 * @param {import('../types').ProviderContext} ctx
 */
function createClik2pay(ctx) {
	const tokens = new TokenStore();
	const paymentRequests = new PaymentRequestStore();

	const apiRoutes = [...paymentRequestRoutes({ ctx, tokens, paymentRequests })];
	const routes = [
		...authRoutes(ctx, tokens).map((route) => ({ ...route, base: CLIK2PAY_AUTH_BASE })),
		...apiRoutes.map((route) => ({ ...route, base: CLIK2PAY_API_BASE })),
	];

	/** @type {import('../types').Provider} */
	const provider = {
		name: 'clik2pay',
		root: CLIK2PAY_ROOT,
		routes,
		presentedToken: bearerToken,
		expireToken: (token) => tokens.invalidate(token),
		errors: clik2payErrors,
	};

	return {
		provider,
		tokens,
		/** @param {unknown} order see webhook-send.js */
		sendWebhook: (order) => sendClik2payWebhook(ctx, order),
		clearState: () => {
			paymentRequests.clear();
			tokens.expireAll();
		},
	};
}

module.exports = { createClik2pay, CLIK2PAY_AUTH_BASE, CLIK2PAY_API_BASE };
