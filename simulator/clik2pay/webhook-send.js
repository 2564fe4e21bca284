// @ts-check
'use strict';

const crypto = require('node:crypto');

const { SimulatorError } = require('../errors');

/** @typedef {import('../webhooks').WebhookDelivery} WebhookDelivery */

const AUTH_MODES = ['valid', 'none', 'wrong'];

/**
 * @typedef {object} Clik2payWebhookOrder
 * @property {unknown} [body] the events: an array (as in the docs) or one object; default: one
 *   PAYMENT-COMPLETED event shaped like the docs/clik2pay-api.md §8.6 sample
 * @property {'valid' | 'none' | 'wrong'} [auth] default `valid`: Basic auth with the configured
 *   `clik2pay.webhookUsername`/`webhookPassword`
 * @property {string} [rawBody] sent verbatim instead of any JSON
 * @property {Record<string, string>} [headers] extra request headers
 */

/**
 * Sends one Clik2pay webhook call (docs/clik2pay-api.md §8) to the configured
 * `clik2pay.webhookUrl`, with the agreed Basic credentials, none, or wrong ones.
 * @param {import('../types').ProviderContext} ctx
 * @param {unknown} order
 * @returns {Promise<WebhookDelivery>}
 */
async function sendClik2payWebhook(ctx, order) {
	const { webhookUrl, webhookUsername, webhookPassword } = ctx.config().clik2pay;
	if (!webhookUrl) throw new SimulatorError(409, 'set clik2pay.webhookUrl first (POST /__control/config)');
	const spec = checkOrder(order ?? {});
	const auth = spec.auth ?? 'valid';
	if (auth !== 'none' && (!webhookUsername || !webhookPassword)) {
		throw new SimulatorError(409, 'set clik2pay.webhookUsername and webhookPassword first');
	}
	/** @type {Record<string, string>} */
	const headers = {};
	if (auth === 'valid') headers.authorization = basic(/** @type {string} */ (webhookUsername), /** @type {string} */ (webhookPassword));
	if (auth === 'wrong') headers.authorization = basic(/** @type {string} */ (webhookUsername), `${webhookPassword}-wrong`);
	Object.assign(headers, spec.headers);
	if (spec.rawBody !== undefined) {
		return ctx.webhooks.deliver({ provider: 'clik2pay', url: webhookUrl, event: '(raw body)', body: spec.rawBody, rawBody: spec.rawBody, headers });
	}
	const body = spec.body ?? [sampleEvent()];
	const first = Array.isArray(body) ? body[0] : body;
	const event = first && typeof first === 'object' && typeof first.eventType === 'string' ? first.eventType : '(custom body)';
	return ctx.webhooks.deliver({ provider: 'clik2pay', url: webhookUrl, event, body, headers });
}

/**
 * @param {string} user
 * @param {string} password
 */
const basic = (user, password) => `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

/**
 * @param {unknown} order
 * @returns {Clik2payWebhookOrder}
 */
function checkOrder(order) {
	if (order === null || typeof order !== 'object' || Array.isArray(order)) throw new SimulatorError(400, 'the body must be a JSON object');
	const spec = /** @type {Record<string, unknown>} */ (order);
	const unknown = Object.keys(spec).filter((key) => !['body', 'auth', 'rawBody', 'headers'].includes(key));
	if (unknown.length) throw new SimulatorError(400, `unknown fields: ${unknown.join(', ')}`);
	if (spec.auth !== undefined && !AUTH_MODES.includes(/** @type {string} */ (spec.auth))) {
		throw new SimulatorError(400, `auth must be one of ${AUTH_MODES.join(', ')}`);
	}
	if (spec.rawBody !== undefined && typeof spec.rawBody !== 'string') throw new SimulatorError(400, 'rawBody must be a string');
	const headers = spec.headers;
	if (headers !== undefined && (headers === null || typeof headers !== 'object' || Array.isArray(headers) || Object.values(headers).some((v) => typeof v !== 'string'))) {
		throw new SimulatorError(400, 'headers must map names to strings');
	}
	return /** @type {Clik2payWebhookOrder} */ (spec);
}

/** A PAYMENT-COMPLETED event shaped like the §8.6 sample. */
function sampleEvent() {
	return {
		message: 'The payer successfully completed the transaction.',
		eventType: 'PAYMENT-COMPLETED',
		resourceType: 'payment-request',
		resource: {
			id: crypto.randomUUID(),
			merchantTransactionId: null,
			amount: 25.0,
			type: 'ECOMM',
			status: 'PAID',
			deliveryMode: 'NONE',
			merchant: { id: crypto.randomUUID(), name: 'Simulated merchant' },
			payer: { name: 'First Last', email: 'payer@example.com' },
		},
	};
}

module.exports = { sendClik2payWebhook };
