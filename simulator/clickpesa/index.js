// @ts-check
'use strict';

const { TokenStore } = require('../token-store');
const { accountRoutes } = require('./account');
const { authRoutes } = require('./auth');
const { billPayRoutes } = require('./billpay');
const { payBill } = require('./billpay-payments');
const { BillPayStore } = require('./billpay-store');
const { CustomerSimulation } = require('./customer');
const { paymentQueryRoutes } = require('./payment-queries');
const { PaymentStore } = require('./payment-store');
const { queryView } = require('./payment-views');
const { SlidingWindowLimiter } = require('./rate-limiter');
const { clickPesaErrors, messageError } = require('./responses');
const { seedPayments } = require('./seed');
const { ussdPushRoutes } = require('./ussd-push');
const { sendClickPesaWebhook } = require('./webhook-send');

const CLICKPESA_ROOT = '/clickpesa';
const CLICKPESA_BASE = `${CLICKPESA_ROOT}/third-parties`;

/**
 * The simulated ClickPesa API and its state.
 * @param {import('../types').ProviderContext} ctx
 */
function createClickPesa(ctx) {
	const tokens = new TokenStore();
	const payments = new PaymentStore();
	const customer = new CustomerSimulation(ctx, payments);
	const billPay = new BillPayStore();
	const limiter = new SlidingWindowLimiter();

	const routes = [
		...authRoutes(ctx, tokens),
		...ussdPushRoutes({ ctx, tokens, payments, customer }),
		...paymentQueryRoutes({ ctx, tokens, payments }),
		...accountRoutes({ tokens, payments }),
		...billPayRoutes({ tokens, billPay }),
	].map((route) => ({ ...route, base: CLICKPESA_BASE }));

	/** @type {import('../types').Provider} */
	const provider = {
		name: 'clickpesa',
		root: CLICKPESA_ROOT,
		routes,
		admit: (req) =>
			limiter.admit(req.remoteAddress, ctx.config().clickpesa.rateLimitPerMinute)
				? null
				: messageError(429, 'ThrottlerException: Too Many Requests'),
		presentedToken: (headers) => headers.authorization,
		expireToken: (token) => tokens.invalidate(token),
		errors: clickPesaErrors,
	};

	return {
		provider,
		tokens,
		customer,
		/**
		 * @param {string} orderReference
		 * @param {unknown} [outcome]
		 * @param {unknown} [message]
		 */
		completePayment: async (orderReference, outcome, message) => {
			const { payment, webhook } = await customer.complete(orderReference, outcome, message);
			return { payment: queryView(payment), webhook };
		},
		/**
		 * @param {string} billPayNumber
		 * @param {unknown} amount
		 * @param {unknown} phoneNumber
		 */
		payBill: (billPayNumber, amount, phoneNumber) => payBill({ ctx, billPay, payments }, billPayNumber, amount, phoneNumber),
		/** @param {unknown} order see webhook-send.js */
		sendWebhook: (order) => sendClickPesaWebhook(ctx, order),
		/** @param {unknown} options */
		seedPayments: (options) => seedPayments(payments, options, ctx.config().clickpesa.clients[0].clientId),
		clearTraffic: () => limiter.clear(),
		clearState: () => {
			customer.clear();
			payments.clear();
			billPay.clear();
			tokens.expireAll();
		},
	};
}

module.exports = { createClickPesa, CLICKPESA_BASE };
