// @ts-check
'use strict';

const { canonicalChecksum } = require('./checksum');
const { webhookEvent } = require('./payment-views');

/**
 * POSTs PAYMENT RECEIVED / PAYMENT FAILED for a collection to `clickpesa.webhookUrl` (§7.2, §7.4),
 * with top-level `checksum` and `checksumMethod: "canonical"` when a checksum key is set. Used by
 * USSD push and by BillPay payments alike.
 * @param {import('../types').ProviderContext} ctx
 * @param {import('./payment-store').PaymentRecord} record
 * @returns {Promise<import('../webhooks').WebhookDelivery | null>} null when no webhook URL is set
 */
async function sendPaymentWebhook(ctx, record) {
	const { webhookUrl, checksumKey } = ctx.config().clickpesa;
	if (!webhookUrl) return null;
	const event = webhookEvent(record);
	const body = checksumKey ? { ...event, checksum: canonicalChecksum(checksumKey, event), checksumMethod: 'canonical' } : event;
	return ctx.webhooks.deliver({ provider: 'clickpesa', url: webhookUrl, event: event.event, body });
}

module.exports = { sendPaymentWebhook };
