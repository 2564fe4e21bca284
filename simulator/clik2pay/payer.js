// @ts-check
'use strict';

const { SimulatorError } = require('../errors');
const { UNPAID } = require('./payment-requests');

/** @typedef {import('../webhooks').WebhookDelivery} WebhookDelivery */

/**
 * What the simulated payer (and Clik2pay's settlement) can do to a payment request
 * (docs/clik2pay-api.md §7.2), and the webhook event each sends (§8.5). Settlement has no
 * documented event, so it sends none.
 * @type {Record<string, { from: string[], to: string, eventType: string | null, message: string }>}
 */
const ACTIONS = {
	'follow-link': {
		from: UNPAID,
		to: 'ACTIVE',
		eventType: 'PAYMENT-LINK-FOLLOWED',
		message: 'The payer followed the payment link.',
	},
	pay: { from: UNPAID, to: 'PAID', eventType: 'PAYMENT-COMPLETED', message: 'The payer successfully completed the transaction.' },
	fail: { from: UNPAID, to: 'FAILED', eventType: 'PAYMENT-FAILED', message: 'The transaction failed during processing.' },
	settle: { from: ['PAID'], to: 'SETTLED', eventType: null, message: 'The funds were settled to the merchant.' },
	// The portal's "Refunded" (§7.1): the API spelling and what moves a request there are unconfirmed,
	// so the simulator's refund endpoint leaves the status alone and this control call sets it.
	'mark-refunded': { from: ['PAID', 'SETTLED'], to: 'REFUNDED', eventType: null, message: 'The payment was refunded to the payer.' },
};

/**
 * @param {import('../types').ProviderContext} ctx
 * @param {import('./payment-requests').PaymentRequestStore} paymentRequests
 * @param {Map<string, number>} paidCents what each paid request brought in (for refund limits)
 */
function payerActions(ctx, paymentRequests, paidCents) {
	/**
	 * @param {string} id
	 * @param {string} action follow-link | pay | fail | settle | mark-refunded
	 * @param {unknown} [amount] for `pay` on a FLEX request: what the payer chose (default: requested, else maximum, else minimum)
	 * @returns {Promise<{ paymentRequest: Record<string, unknown>, webhook: WebhookDelivery | null }>}
	 */
	async function act(id, action, amount) {
		const rule = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
		if (!rule) throw new SimulatorError(400, `action must be one of ${Object.keys(ACTIONS).join(', ')}`);
		const paymentRequest = paymentRequests.get(id);
		if (!paymentRequest) throw new SimulatorError(404, `no Clik2pay payment request with id ${id}`);
		if (!rule.from.includes(paymentRequest.status)) {
			throw new SimulatorError(409, `payment request ${id} is ${paymentRequest.status}: ${action} needs ${rule.from.join(' or ')}`);
		}
		if (action === 'pay') paidCents.set(id, Math.round(paidAmount(paymentRequest, amount) * 100));
		paymentRequests.setStatus(paymentRequest, rule.to);
		const webhook = rule.eventType ? await notify(rule.eventType, rule.message, paymentRequest) : null;
		return { paymentRequest, webhook };
	}

	/**
	 * One event per delivery, in the documented array shape (§8.6), with Basic auth (§8.2).
	 * @param {string} eventType
	 * @param {string} message
	 * @param {Record<string, unknown>} resource
	 * @returns {Promise<WebhookDelivery | null>}
	 */
	async function notify(eventType, message, resource) {
		const { webhookUrl, webhookUsername, webhookPassword } = ctx.config().clik2pay;
		if (!webhookUrl) return null;
		/** @type {Record<string, string>} */
		const headers = {};
		if (webhookUsername !== null) {
			const pair = `${webhookUsername}:${webhookPassword ?? ''}`;
			headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
		}
		const body = [{ message, eventType, resourceType: 'payment-request', resource: structuredClone(resource) }];
		return ctx.webhooks.deliver({ provider: 'clik2pay', url: webhookUrl, event: eventType, body, headers });
	}

	return { act };
}

/**
 * @param {Record<string, any>} paymentRequest
 * @param {unknown} amount
 * @returns {number}
 */
function paidAmount(paymentRequest, amount) {
	if (paymentRequest.type !== 'FLEX') return paymentRequest.amount;
	const range = paymentRequest.flexDetails ?? {};
	if (amount === undefined) return range.requested ?? range.maximum ?? range.minimum;
	const minimum = range.minimum ?? 0.01;
	const maximum = range.maximum ?? 10_000;
	if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < minimum || amount > maximum) {
		throw new SimulatorError(400, `amount must be a number from ${minimum} to ${maximum}`);
	}
	return amount;
}

module.exports = { payerActions, PAYER_ACTIONS: Object.keys(ACTIONS) };
