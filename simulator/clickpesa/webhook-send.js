// @ts-check
'use strict';

const { SimulatorError } = require('../errors');
const { randomDigits } = require('../ids');
const { canonicalChecksum, legacyChecksum } = require('./checksum');

/** @typedef {import('../webhooks').WebhookDelivery} WebhookDelivery */

const SIGNATURES = ['canonical', 'header', 'legacy', 'wrong-key', 'none'];

/**
 * @typedef {object} ClickPesaWebhookOrder
 * @property {string} [event] default `PAYMENT RECEIVED`
 * @property {Record<string, unknown>} [data] default: a PAYMENT RECEIVED sample with a fresh id
 *   (docs/clickpesa-api.md §7.6)
 * @property {'canonical' | 'header' | 'legacy' | 'wrong-key' | 'none'} [signature] default `canonical`
 *   with a checksum key configured, else `none`; `header` puts the canonical checksum in
 *   `x-clickpesa-checksum` instead of the body
 * @property {Record<string, unknown>} [tamper] merged into `data` after signing (a forgery)
 * @property {string} [rawBody] sent verbatim instead of any JSON (malformed bodies)
 * @property {Record<string, string>} [headers] extra request headers
 */

/**
 * Sends one arbitrary ClickPesa webhook to the configured `clickpesa.webhookUrl`: signed as
 * ClickPesa does, unsigned, legacy-signed, signed with another key, tampered with after signing, or
 * not JSON at all. For testing a receiver (the ClickPesa Trigger) against real and forged calls.
 * @param {import('../types').ProviderContext} ctx
 * @param {unknown} order
 * @returns {Promise<WebhookDelivery>}
 */
async function sendClickPesaWebhook(ctx, order) {
	const { webhookUrl, checksumKey } = ctx.config().clickpesa;
	if (!webhookUrl) throw new SimulatorError(409, 'set clickpesa.webhookUrl first (POST /__control/config)');
	const spec = checkOrder(order ?? {});
	const headers = { ...spec.headers };
	if (spec.rawBody !== undefined) {
		return ctx.webhooks.deliver({ provider: 'clickpesa', url: webhookUrl, event: '(raw body)', body: spec.rawBody, rawBody: spec.rawBody, headers });
	}
	const event = { event: spec.event ?? 'PAYMENT RECEIVED', data: spec.data ?? sampleData() };
	const signature = spec.signature ?? (checksumKey ? 'canonical' : 'none');
	if (signature !== 'none' && signature !== 'wrong-key' && !checksumKey) {
		throw new SimulatorError(409, `signature "${signature}" needs clickpesa.checksumKey`);
	}
	/** @type {Record<string, unknown>} */
	let body = event;
	const key = /** @type {string} */ (checksumKey);
	if (signature === 'canonical') body = { ...event, checksum: canonicalChecksum(key, event), checksumMethod: 'canonical' };
	if (signature === 'legacy') body = { ...event, checksum: legacyChecksum(key, event), checksumMethod: 'legacy' };
	if (signature === 'wrong-key') body = { ...event, checksum: canonicalChecksum(`${checksumKey ?? ''}-wrong`, event) };
	if (signature === 'header') headers['x-clickpesa-checksum'] = canonicalChecksum(key, event);
	if (spec.tamper) body = { ...body, data: { ...event.data, ...spec.tamper } };
	return ctx.webhooks.deliver({ provider: 'clickpesa', url: webhookUrl, event: event.event, body, headers });
}

/**
 * @param {unknown} order
 * @returns {ClickPesaWebhookOrder}
 */
function checkOrder(order) {
	if (order === null || typeof order !== 'object' || Array.isArray(order)) throw new SimulatorError(400, 'the body must be a JSON object');
	const spec = /** @type {Record<string, unknown>} */ (order);
	const known = ['event', 'data', 'signature', 'tamper', 'rawBody', 'headers'];
	const unknown = Object.keys(spec).filter((key) => !known.includes(key));
	if (unknown.length) throw new SimulatorError(400, `unknown fields: ${unknown.join(', ')}`);
	if (spec.event !== undefined && typeof spec.event !== 'string') throw new SimulatorError(400, 'event must be a string');
	for (const field of ['data', 'tamper', 'headers']) {
		const value = spec[field];
		if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
			throw new SimulatorError(400, `${field} must be an object`);
		}
	}
	if (spec.headers && Object.values(spec.headers).some((value) => typeof value !== 'string')) {
		throw new SimulatorError(400, 'headers must map names to strings');
	}
	if (spec.signature !== undefined && !SIGNATURES.includes(/** @type {string} */ (spec.signature))) {
		throw new SimulatorError(400, `signature must be one of ${SIGNATURES.join(', ')}`);
	}
	if (spec.rawBody !== undefined && typeof spec.rawBody !== 'string') throw new SimulatorError(400, 'rawBody must be a string');
	return /** @type {ClickPesaWebhookOrder} */ (spec);
}

/** A PAYMENT RECEIVED `data` object shaped like the §7.6 sample. */
function sampleData() {
	const reference = `HOOK${randomDigits(8)}`;
	const now = new Date().toISOString();
	return {
		id: `${reference}LCP${randomDigits(4)}`,
		status: 'SUCCESS',
		paymentReference: randomDigits(16),
		orderReference: reference,
		collectedAmount: '1000',
		collectedCurrency: 'TZS',
		message: 'success',
		channel: 'M-PESA',
		updatedAt: now,
		createdAt: now,
		customer: { customerName: 'John Doe', customerPhoneNumber: '255712345678', customerEmail: null },
	};
}

module.exports = { sendClickPesaWebhook };
