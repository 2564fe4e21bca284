// @ts-check
'use strict';

const { centsText } = require('./money');

// The shapes one payout takes in each ClickPesa answer (docs/clickpesa-api.md §4.8–§4.11, §7.7).
// Amounts are strings with 2 decimals in create, query and webhook answers, as documented. `amount`
// is the total debited (fee included) in every shape: the bank create sample shows it so
// (202360.00 = 200000.00 + 2360.00); the query and webhook samples do not say (inferred).

/** @typedef {import('./payout-store').PayoutRecord} PayoutRecord */

/** @param {PayoutRecord} record */
function common(record) {
	/** @type {Record<string, unknown>} */
	const view = {
		updatedAt: record.updatedAt,
		createdAt: record.createdAt,
		id: record.id,
		orderReference: record.orderReference,
		amount: centsText(record.amountCents),
		currency: record.currency,
		fee: centsText(record.feeCents),
	};
	return view;
}

/**
 * @param {PayoutRecord} record
 * @param {Record<string, unknown>} view
 */
function addChannel(record, view) {
	view.channel = record.channel;
	view.channelProvider = record.channelProvider;
	if (record.transferType !== null) view.transferType = record.transferType;
}

/**
 * `POST /payouts/create-…-payout` answers (§4.8, §4.9, §4.10).
 * @param {PayoutRecord} record
 */
function createView(record) {
	const view = common(record);
	view.exchanged = record.exchanged;
	if (record.exchange) view.exchange = { ...record.exchange };
	view.status = record.status;
	addChannel(record, view);
	if (record.estimatedArrival !== null) view.estimatedArrival = record.estimatedArrival;
	view.order = { amount: centsText(record.orderAmountCents), currency: 'TZS' };
	view.beneficiary = { accountNumber: record.beneficiary.accountNumber, accountName: record.beneficiary.accountName };
	view.clientId = record.clientId;
	return view;
}

/**
 * An element of `GET /payouts/{orderReference}` (§4.11), also the webhook `data` (§7.7): the
 * full beneficiary, and the `refund` / `reverse` objects once they apply (documented for the
 * webhooks; shown in queries too, inferred).
 * @param {PayoutRecord} record
 */
function queryView(record) {
	const view = common(record);
	view.status = record.status;
	addChannel(record, view);
	view.beneficiary = { ...record.beneficiary };
	view.clientId = record.clientId;
	if (record.refund) view.refund = { ...record.refund };
	if (record.reverse) view.reverse = { ...record.reverse };
	return view;
}

/**
 * An item of `GET /payouts/all` (§4.11): the query shape plus `exchanged` / `exchange`.
 * @param {PayoutRecord} record
 */
function listItemView(record) {
	const view = queryView(record);
	view.exchanged = record.exchanged;
	if (record.exchange) view.exchange = { ...record.exchange };
	return /** @type {Record<string, unknown> & { id: string, createdAt: string }} */ (view);
}

/** @type {Record<string, string>} */
const EVENT_BY_STATUS = { SUCCESS: 'PAYOUT INITIATED', REVERSED: 'PAYOUT REVERSED', REFUNDED: 'PAYOUT REFUNDED' };

/**
 * The webhook event for a payout that reached SUCCESS, REVERSED or REFUNDED (§7.7). The only
 * PAYOUT INITIATED sample carries `status: "SUCCESS"`, so the simulator sends it when the payout
 * succeeds (inferred: the documentation does not say when it fires).
 * @param {PayoutRecord} record
 * @returns {{ event: string, data: Record<string, unknown> }}
 */
function payoutWebhookEvent(record) {
	const event = EVENT_BY_STATUS[record.status];
	if (!event) throw new Error(`no payout webhook for status ${record.status}`);
	return { event, data: queryView(record) };
}

module.exports = { createView, queryView, listItemView, payoutWebhookEvent };
