// @ts-check
'use strict';

// The shapes one collection takes in each ClickPesa answer (docs/clickpesa-api.md §4.2, §4.5,
// §4.6, §7.6).

/** @typedef {import('./payment-store').PaymentRecord} PaymentRecord */

/**
 * `POST /payments/initiate-ussd-push-request` (§4.2): collectedAmount is a string.
 * @param {PaymentRecord} record
 */
function initiateView(record) {
	return {
		id: record.id,
		status: record.status,
		channel: record.channel,
		orderReference: record.orderReference,
		collectedAmount: record.amount,
		collectedCurrency: record.currency,
		createdAt: record.createdAt,
		clientId: record.clientId,
	};
}

/** @param {PaymentRecord} record */
function customerView(record) {
	return {
		customerName: record.customerName,
		customerPhoneNumber: record.customerPhone ?? record.phoneNumber,
		customerEmail: record.customerEmail ?? null,
	};
}

/**
 * `GET /payments/{orderReference}` (§4.5): collectedAmount is a number, as the query spec types it.
 * `channel` is not in the §4.5 sample but is a documented filter of §4.6, so it is included.
 * @param {PaymentRecord} record
 */
function queryView(record) {
	return {
		id: record.id,
		status: record.status,
		paymentReference: record.paymentReference,
		paymentPhoneNumber: record.phoneNumber,
		orderReference: record.orderReference,
		collectedAmount: Number(record.amount),
		collectedCurrency: record.currency,
		channel: record.channel,
		message: record.message,
		updatedAt: record.updatedAt,
		createdAt: record.createdAt,
		customer: customerView(record),
		clientId: record.clientId,
	};
}

/**
 * An item of `GET /payments/all` (§4.6). The simulator never converts currencies.
 * @param {PaymentRecord} record
 */
function listItemView(record) {
	return { ...queryView(record), exchanged: false };
}

/**
 * The webhook event for a collection that reached SUCCESS or FAILED, with the fields of the §7.6
 * samples (PAYMENT RECEIVED carries no clientId there, PAYMENT FAILED does).
 * @param {PaymentRecord} record
 * @returns {{ event: string, data: Record<string, unknown> }}
 */
function webhookEvent(record) {
	if (record.status === 'SUCCESS') {
		return {
			event: 'PAYMENT RECEIVED',
			data: {
				id: record.id,
				status: record.status,
				paymentReference: record.paymentReference,
				orderReference: record.orderReference,
				collectedAmount: record.amount,
				collectedCurrency: record.currency,
				message: record.message,
				channel: record.channel,
				updatedAt: record.updatedAt,
				createdAt: record.createdAt,
				customer: customerView(record),
			},
		};
	}
	return {
		event: 'PAYMENT FAILED',
		data: {
			id: record.id,
			status: record.status,
			channel: record.channel,
			orderReference: record.orderReference,
			message: record.message,
			updatedAt: record.updatedAt,
			createdAt: record.createdAt,
			clientId: record.clientId,
		},
	};
}

module.exports = { initiateView, queryView, listItemView, webhookEvent };
