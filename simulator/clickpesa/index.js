// @ts-check
'use strict';

const { TokenStore } = require('../token-store');
const { accountRoutes } = require('./account');
const { authRoutes } = require('./auth');
const { billPayRoutes } = require('./billpay');
const { payBill } = require('./billpay-payments');
const { BillPayStore } = require('./billpay-store');
const { CustomerSimulation } = require('./customer');
const { exchangeRoutes } = require('./exchange');
const { hostedLinkRoutes } = require('./hosted-links');
const { HOSTED_PREFIX, hostedLinkView, hostedPageRoutes } = require('./hosted-pages');
const { HostedLinkStore } = require('./hosted-store');
const { Ledger, bookDeposit } = require('./ledger');
const { createMandates } = require('./mandates');
const { SimulatorError } = require('../errors');
const { CURRENCIES, fromCents, toCents } = require('./money');
const { statementView } = require('./ledger');
const { paymentQueryRoutes } = require('./payment-queries');
const { PaymentStore } = require('./payment-store');
const { PayoutLifecycle } = require('./payout-lifecycle');
const { payoutQueryRoutes } = require('./payout-queries');
const { PayoutCooldown, PayoutStore } = require('./payout-store');
const { payoutRoutes } = require('./payouts');
const { queryView: payoutQueryView } = require('./payout-views');
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
	const ledger = new Ledger();
	const customer = new CustomerSimulation(ctx, payments, ledger);
	const payouts = new PayoutStore();
	const cooldown = new PayoutCooldown();
	const payoutLifecycle = new PayoutLifecycle(ctx, payouts, ledger);
	const billPay = new BillPayStore();
	const links = new HostedLinkStore();
	const limiter = new SlidingWindowLimiter();
	const mandates = createMandates({ ctx, tokens, payments, ledger });

	const routes = [
		...authRoutes(ctx, tokens),
		...ussdPushRoutes({ ctx, tokens, payments, customer }),
		...paymentQueryRoutes({ ctx, tokens, payments }),
		...accountRoutes({ tokens, ledger }),
		...exchangeRoutes({ ctx, tokens }),
		...payoutRoutes({ ctx, tokens, payouts, cooldown, ledger, lifecycle: payoutLifecycle }),
		...payoutQueryRoutes({ ctx, tokens, payouts }),
		...billPayRoutes({ tokens, billPay }),
		...hostedLinkRoutes({ ctx, tokens, payments, payouts, links }),
		...mandates.routes,
	].map((route) => ({ ...route, base: CLICKPESA_BASE }));
	// The pages behind the links: on ClickPesa another host (checkout.clickpesa.com), here under
	// /clickpesa/hosted, outside the API base, and not counted against the API rate limit.
	const pageRoutes = hostedPageRoutes({ ctx, payments, payouts, ledger, lifecycle: payoutLifecycle, links }).map((route) => ({
		...route,
		base: CLICKPESA_ROOT,
	}));
	const pagesRoot = CLICKPESA_ROOT + HOSTED_PREFIX + '/';

	/** @type {import('../types').Provider} */
	const provider = {
		name: 'clickpesa',
		root: CLICKPESA_ROOT,
		routes: [...routes, ...pageRoutes],
		admit: (req) =>
			req.path.startsWith(pagesRoot) || limiter.admit(req.remoteAddress, ctx.config().clickpesa.rateLimitPerMinute)
				? null
				: messageError(429, 'ThrottlerException: Too Many Requests'),
		presentedToken: (headers) => headers.authorization,
		expireToken: (token) => tokens.invalidate(token),
		errors: clickPesaErrors,
	};

	/** Credits `clickpesa.startingBalance` as deposits (at start and after a state reset). */
	const applyStartingBalance = () => {
		for (const [currency, amount] of Object.entries(ctx.config().clickpesa.startingBalance)) {
			if (amount > 0) bookDeposit(ledger, currency, toCents(amount));
		}
	};
	applyStartingBalance();

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
		mandates,
		payBill: (billPayNumber, amount, phoneNumber) => payBill({ ctx, billPay, payments, ledger }, billPayNumber, amount, phoneNumber),
		/**
		 * Puts money on the balance as a `Deposit` (opens the currency's account).
		 * @param {unknown} currency TZS | USD
		 * @param {unknown} amount > 0, at most 2 decimals
		 */
		seedBalance: (currency, amount) => {
			if (typeof currency !== 'string' || !CURRENCIES.includes(currency)) throw new SimulatorError(400, 'currency must be TZS or USD');
			if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0 || toCents(amount) / 100 !== amount) {
				throw new SimulatorError(400, 'amount must be a number > 0 with at most 2 decimals');
			}
			const entry = bookDeposit(ledger, currency, toCents(amount));
			return { id: entry.id, currency, amount, balance: fromCents(entry.balanceCents) };
		},
		/** Balances and statements of every account, as the API would show them, and payout counts. */
		ledgerView: () => {
			/** @type {Record<string, number>} */
			const byStatus = {};
			for (const payout of payouts.all()) byStatus[payout.status] = (byStatus[payout.status] ?? 0) + 1;
			return {
				accounts: ledger.currencies().map((currency) => statementView(ledger, currency, null, null)),
				payouts: { total: payouts.all().length, byStatus },
				payoutCooldownRemainingMs: cooldown.remainingMs(),
			};
		},
		payouts: payoutLifecycle,
		/** Every collection as `GET /payments/{ref}` shows it and every payout as `GET /payouts/{ref}` does, oldest first. */
		records: () => ({ payments: payments.all().map(queryView), payouts: payouts.all().map(payoutQueryView) }),
		/**
		 * Sets what is left of the payout cooldown: 0 ends it, n makes creates wait n ms from now.
		 * @param {unknown} remainingMs
		 */
		setPayoutCooldown: (remainingMs) => {
			if (typeof remainingMs !== 'number' || !Number.isFinite(remainingMs) || remainingMs < 0) {
				throw new SimulatorError(400, 'remainingMs must be a number >= 0');
			}
			cooldown.set(remainingMs);
			return { remainingMs: cooldown.remainingMs() };
		},
		/** Every hosted link (checkout, card, payout) with its state, oldest first. */
		hostedLinks: () => links.all().map((link) => hostedLinkView(link, ctx.publicUrl())),
		/** @param {unknown} order see webhook-send.js */
		sendWebhook: (order) => sendClickPesaWebhook(ctx, order),
		/** @param {unknown} options */
		seedPayments: (options) =>
			seedPayments(payments, ledger, ctx.config().clickpesa.collectionFee, options, ctx.config().clickpesa.clients[0].clientId),
		clearTraffic: () => {
			limiter.clear();
			cooldown.clear();
		},
		clearState: () => {
			customer.clear();
			payoutLifecycle.clear();
			payouts.clear();
			cooldown.clear();
			payments.clear();
			billPay.clear();
			mandates.clear();
			links.clear();
			ledger.clear();
			applyStartingBalance();
			tokens.expireAll();
		},
	};
}

module.exports = { createClickPesa, CLICKPESA_BASE };
