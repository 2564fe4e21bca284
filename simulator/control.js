// @ts-check
'use strict';

const { controlPageRoutes } = require('./control-page');
const { SimulatorError } = require('./errors');

/** @typedef {import('./types').RouteDefinition} RouteDefinition */

const MAX_LOG_ENTRIES = 10_000;
const DEFAULT_LOG_ENTRIES = 100;

/**
 * The control API under `/__control`. Every route calls the public method of the same name on the
 * simulator, so the in-process API and the HTTP API cannot drift apart.
 * @param {import('./index').Simulator} simulator
 * @returns {RouteDefinition[]}
 */
function controlRoutes(simulator) {
	/** @type {(status: number, body: unknown) => import('./types').SimResponse} */
	const answer = (status, body) => ({ status, body });
	return [
		{ method: 'GET', path: '/stats', body: 'none', handle: () => answer(200, simulator.stats()) },
		{
			method: 'GET',
			path: '/requests',
			body: 'none',
			handle: (req) => answer(200, simulator.requests(parseLimit(req.query.get('limit')))),
		},
		{
			method: 'POST',
			path: '/reset',
			body: 'json',
			handle: (req) => {
				const { state = false } = req.body;
				if (typeof state !== 'boolean') throw new SimulatorError(400, 'state must be a boolean');
				simulator.reset({ state });
				return answer(200, { reset: true, state });
			},
		},
		{ method: 'GET', path: '/clock', body: 'none', handle: () => answer(200, simulator.clock()) },
		{ method: 'POST', path: '/clock', body: 'json', handle: async (req) => answer(200, await simulator.advanceClock(req.body)) },
		{ method: 'GET', path: '/config', body: 'none', handle: () => answer(200, simulator.getConfig()) },
		{ method: 'POST', path: '/config', body: 'json', handle: (req) => answer(200, simulator.configure(req.body)) },
		{ method: 'GET', path: '/faults', body: 'none', handle: () => answer(200, simulator.listFaults()) },
		{ method: 'POST', path: '/faults', body: 'json', handle: (req) => answer(201, simulator.addFault(req.body)) },
		{
			method: 'DELETE',
			path: '/faults',
			body: 'none',
			handle: () => {
				simulator.clearFaults();
				return answer(200, { cleared: true });
			},
		},
		{
			method: 'POST',
			path: '/clickpesa/payments/:orderReference/complete',
			body: 'json',
			handle: async (req) => {
				const { outcome, message } = req.body;
				return answer(200, await simulator.completePayment(req.params.orderReference, outcome, message));
			},
		},
		{
			method: 'POST',
			path: '/clickpesa/billpay/:billPayNumber/pay',
			body: 'json',
			handle: async (req) => {
				const { amount, phoneNumber } = req.body;
				return answer(200, await simulator.payBill(req.params.billPayNumber, amount, phoneNumber));
			},
		},
		{
			method: 'POST',
			path: '/clickpesa/mandates/:requestId/decide',
			body: 'json',
			handle: async (req) => answer(200, await simulator.decideMandate(req.params.requestId, req.body.decision, req.body.failInstalments)),
		},
		{ method: 'GET', path: '/clickpesa/mandates', body: 'none', handle: () => answer(200, simulator.mandates()) },
		{
			method: 'POST',
			path: '/clickpesa/balance/deposit',
			body: 'json',
			handle: (req) => answer(201, simulator.seedBalance(req.body.currency, req.body.amount)),
		},
		{ method: 'GET', path: '/clickpesa/ledger', body: 'none', handle: () => answer(200, simulator.ledger()) },
		{ method: 'GET', path: '/clickpesa/hosted-links', body: 'none', handle: () => answer(200, simulator.hostedLinks()) },
		{
			method: 'POST',
			path: '/clickpesa/payouts/:orderReference/complete',
			body: 'none',
			handle: async (req) => answer(200, await simulator.completePayout(req.params.orderReference)),
		},
		{
			method: 'POST',
			path: '/clickpesa/payouts/:orderReference/reverse',
			body: 'json',
			handle: async (req) =>
				answer(200, await simulator.reversePayout(req.params.orderReference, req.body.message, req.body.withFee)),
		},
		{
			method: 'POST',
			path: '/clickpesa/payouts/:orderReference/refund',
			body: 'json',
			handle: async (req) => answer(200, await simulator.refundPayout(req.params.orderReference, req.body.message)),
		},
		{
			method: 'POST',
			path: '/clickpesa/payout-cooldown',
			body: 'json',
			handle: (req) => answer(200, simulator.setPayoutCooldown(req.body.remainingMs)),
		},
		{
			method: 'POST',
			path: '/clickpesa/expire-tokens',
			body: 'none',
			handle: () => answer(200, { expired: simulator.expireTokens('clickpesa') }),
		},
		{
			method: 'POST',
			path: '/clik2pay/payment-requests/:id/:action',
			body: 'json',
			handle: async (req) =>
				answer(200, await simulator.clik2payPayerAction(req.params.id, req.params.action, req.body.amount)),
		},
		{
			method: 'POST',
			path: '/clik2pay/expire-tokens',
			body: 'none',
			handle: () => answer(200, { expired: simulator.expireTokens('clik2pay') }),
		},
		{
			method: 'POST',
			path: '/clickpesa/seed-payments',
			body: 'json',
			handle: (req) => answer(201, { orderReferences: simulator.seedPayments(req.body) }),
		},
		{ method: 'GET', path: '/webhooks', body: 'none', handle: () => answer(200, simulator.webhookDeliveries()) },
		{ method: 'GET', path: '/overview', body: 'none', handle: () => answer(200, simulator.overview()) },
		{ method: 'GET', path: '/route-keys', body: 'none', handle: () => answer(200, simulator.routeKeys()) },
		{
			method: 'POST',
			path: '/clickpesa/webhooks/send',
			body: 'json',
			handle: async (req) => answer(200, await simulator.sendClickPesaWebhook(req.body)),
		},
		{
			method: 'POST',
			path: '/clik2pay/webhooks/send',
			body: 'json',
			handle: async (req) => answer(200, await simulator.sendClik2payWebhook(req.body)),
		},
		...controlPageRoutes(simulator),
	];
}

/**
 * @param {string | null} text
 * @returns {number}
 */
function parseLimit(text) {
	if (text === null) return DEFAULT_LOG_ENTRIES;
	const limit = Number(text);
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LOG_ENTRIES) {
		throw new SimulatorError(400, `limit must be an integer from 1 to ${MAX_LOG_ENTRIES}`);
	}
	return limit;
}

module.exports = { controlRoutes };
