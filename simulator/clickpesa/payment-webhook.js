// @ts-check
'use strict';

const { canonicalChecksum } = require('./checksum');
const { webhookEvent } = require('./payment-views');

/**
 * POSTs one ClickPesa event `{event, data}` to `clickpesa.webhookUrl` (docs/clickpesa-api.md §7.2),
 * with top-level `checksum` and `checksumMethod: "canonical"` when a checksum key is set. Payment
 * and payout webhooks both go through here.
 * @param {import('../types').ProviderContext} ctx
 * @param {{ event: string, data: Record<string, unknown> }} event
 * @returns {Promise<import('../webhooks').WebhookDelivery | null>} null when no webhook URL is set
 */
async function sendClickPesaEvent(ctx, event) {
	const { webhookUrl, checksumKey } = ctx.config().clickpesa;
	if (!webhookUrl) return null;
	const body = checksumKey ? { ...event, checksum: canonicalChecksum(checksumKey, event), checksumMethod: 'canonical' } : event;
	return ctx.webhooks.deliver({ provider: 'clickpesa', url: webhookUrl, event: event.event, body });
}

/**
 * PAYMENT RECEIVED / PAYMENT FAILED for a collection (§7.6). Used by USSD push and by BillPay
 * payments alike.
 * @param {import('../types').ProviderContext} ctx
 * @param {import('./payment-store').PaymentRecord} record
 * @returns {Promise<import('../webhooks').WebhookDelivery | null>} null when no webhook URL is set
 */
function sendPaymentWebhook(ctx, record) {
	return sendClickPesaEvent(ctx, webhookEvent(record));
}

module.exports = { sendPaymentWebhook, sendClickPesaEvent };
