// @ts-check
'use strict';

const { TokenStore } = require('../token-store');
const { authRoutes, bearerToken } = require('./auth');
const { payerActions } = require('./payer');
const { PaymentRequestStore, paymentRequestRoutes } = require('./payment-requests');
const { paymentRoutes } = require('./payments');
const { RefundStore, refundRoutes } = require('./refunds');
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
	const paymentRequests = new PaymentRequestStore(() => ctx.clock.now());
	ctx.clock.onAdvance(() => {
		paymentRequests.deliverDue();
	});
	const refunds = new RefundStore();
	/** @type {Map<string, Record<string, unknown>>} */
	const payments = new Map();
	/** @type {Map<string, number>} what each paid payment request brought in, in cents */
	const paidCents = new Map();
	const payer = payerActions(ctx, paymentRequests, paidCents);

	const apiRoutes = [
		...paymentRequestRoutes({ ctx, tokens, paymentRequests }),
		...refundRoutes({ ctx, tokens, paymentRequests, refunds, paidCents: (pr) => paidCents.get(String(pr.id)) ?? 0 }),
		...paymentRoutes({ ctx, tokens, paymentRequests, payments }),
	];
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
		payer,
		/** Every payment request as `GET /payment-requests/{id}` answers it, oldest first. */
		paymentRequests: () => paymentRequests.all().map((record) => structuredClone(record)),
		/** @param {unknown} order see webhook-send.js */
		sendWebhook: (order) => sendClik2payWebhook(ctx, order),
		clearState: () => {
			paymentRequests.clear();
			refunds.clear();
			payments.clear();
			paidCents.clear();
			tokens.expireAll();
		},
	};
}

module.exports = { createClik2pay, CLIK2PAY_AUTH_BASE, CLIK2PAY_API_BASE };
