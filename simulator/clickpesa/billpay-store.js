// @ts-check
'use strict';

const { randomDigits } = require('../ids');

/**
 * A control number as the simulator keeps it (docs/clickpesa-api.md §4.7). Amounts are JSON
 * numbers; `collectedCents` counts every successful payment.
 * @typedef {object} BillPayRecord
 * @property {string} billPayNumber
 * @property {'order' | 'customer'} kind order numbers close after their first payment
 * @property {string} billStatus ACTIVE | INACTIVE
 * @property {number | null} billAmount
 * @property {string | null} billDescription
 * @property {string} billPaymentMode ALLOW_PARTIAL_AND_OVER_PAYMENT | EXACT
 * @property {number | null} billMaxCollectionAmount
 * @property {string | null} billCustomerName
 * @property {string | null} customerEmail
 * @property {string | null} customerPhone
 * @property {number} collectedCents
 * @property {number} paymentCount
 * @property {string} clientId
 * @property {string} createdAt
 * @property {string} updatedAt
 */

const AUTO_NUMBER_DIGITS = 14;
const DEFAULT_PAYMENT_MODE = 'ALLOW_PARTIAL_AND_OVER_PAYMENT';

/** @param {number} amount */
const toCents = (amount) => Math.round(amount * 100);

/** Every control number of the simulated merchant, by number (a given bill reference is the number). */
class BillPayStore {
	/** @type {Map<string, BillPayRecord>} */
	#byNumber = new Map();

	/** @param {string} billPayNumber */
	has(billPayNumber) {
		return this.#byNumber.has(billPayNumber);
	}

	/**
	 * @param {string} billPayNumber
	 * @returns {BillPayRecord | undefined}
	 */
	get(billPayNumber) {
		return this.#byNumber.get(billPayNumber);
	}

	/** A fresh 14-digit number (no leading zero) that no control number uses yet. */
	#newNumber() {
		for (;;) {
			const number = `${1 + Number(randomDigits(1)) % 9}${randomDigits(AUTO_NUMBER_DIGITS - 1)}`;
			if (!this.#byNumber.has(number)) return number;
		}
	}

	/**
	 * Creates a control number from a request item that passed the field checks; the caller has
	 * checked that its bill reference (if any) is free.
	 * @param {Record<string, any>} item
	 * @param {'order' | 'customer'} kind
	 * @param {string} clientId
	 * @returns {BillPayRecord}
	 */
	create(item, kind, clientId) {
		const now = new Date().toISOString();
		/** @type {BillPayRecord} */
		const record = {
			billPayNumber: item.billReference ?? this.#newNumber(),
			kind,
			billStatus: 'ACTIVE',
			billAmount: item.billAmount ?? null,
			billDescription: item.billDescription ?? null,
			billPaymentMode: item.billPaymentMode ?? DEFAULT_PAYMENT_MODE,
			billMaxCollectionAmount: item.billMaxCollectionAmount ?? null,
			billCustomerName: kind === 'customer' ? item.customerName : null,
			customerEmail: kind === 'customer' ? (item.customerEmail ?? null) : null,
			customerPhone: kind === 'customer' ? (item.customerPhone ?? null) : null,
			collectedCents: 0,
			paymentCount: 0,
			clientId,
			createdAt: now,
			updatedAt: now,
		};
		this.#byNumber.set(record.billPayNumber, record);
		return record;
	}

	clear() {
		this.#byNumber.clear();
	}
}

/**
 * Why a payment of `amount` into this control number is refused, or null when it is accepted
 * (§4.7: INACTIVE numbers refuse payment, EXACT takes only the bill amount, the max collection
 * amount caps the total).
 * @param {BillPayRecord} record
 * @param {number} amount
 * @returns {string | null}
 */
function paymentRefusal(record, amount) {
	if (record.billStatus !== 'ACTIVE') return `BillPay number ${record.billPayNumber} is ${record.billStatus} and cannot receive payments`;
	if (record.billPaymentMode === 'EXACT' && record.billAmount !== null && toCents(amount) !== toCents(record.billAmount)) {
		return `BillPay number ${record.billPayNumber} only accepts exactly ${record.billAmount} TZS`;
	}
	const remaining = remainingCents(record);
	if (remaining !== null && toCents(amount) > remaining) {
		return `A payment of ${amount} TZS exceeds the remaining collection amount of ${remaining / 100} TZS`;
	}
	return null;
}

/**
 * @param {BillPayRecord} record
 * @returns {number | null} what the max collection amount still allows, in cents; null without a cap
 */
function remainingCents(record) {
	if (record.billMaxCollectionAmount === null) return null;
	return Math.max(0, toCents(record.billMaxCollectionAmount) - record.collectedCents);
}

/**
 * Books an accepted payment: an order number closes after its first payment (even partial), any
 * number closes when its max collection amount is reached.
 * @param {BillPayRecord} record
 * @param {number} amount
 */
function bookPayment(record, amount) {
	record.collectedCents += toCents(amount);
	record.paymentCount += 1;
	if (record.kind === 'order' || remainingCents(record) === 0) record.billStatus = 'INACTIVE';
	record.updatedAt = new Date().toISOString();
}

/**
 * `POST /billpay/create-…` answers: the fields the number was created with.
 * @param {BillPayRecord} record
 */
function createdView(record) {
	/** @type {Record<string, unknown>} */
	const view = { billPayNumber: record.billPayNumber };
	if (record.billDescription !== null) view.billDescription = record.billDescription;
	if (record.billAmount !== null) {
		view.billAmount = record.billAmount;
		view.billPaymentMode = record.billPaymentMode;
	}
	if (record.billMaxCollectionAmount !== null) view.billMaxCollectionAmount = record.billMaxCollectionAmount;
	if (record.kind === 'customer') view.billCustomerName = record.billCustomerName;
	return view;
}

/**
 * `GET /billpay/{billPayNumber}`: the documented fields, plus `billStatus` and, when a cap is set,
 * `billMaxCollectionAmount` and `billRemainingCollectionAmount` (names unconfirmed, §4.7.2, §10).
 * @param {BillPayRecord} record
 */
function detailsView(record) {
	/** @type {Record<string, unknown>} */
	const view = {
		billPayNumber: record.billPayNumber,
		billDescription: record.billDescription,
		billCustomerName: record.billCustomerName,
		billAmount: record.billAmount,
		billPaymentMode: record.billPaymentMode,
		billStatus: record.billStatus,
	};
	const remaining = remainingCents(record);
	if (remaining !== null) {
		view.billMaxCollectionAmount = record.billMaxCollectionAmount;
		view.billRemainingCollectionAmount = remaining / 100;
	}
	return view;
}

/**
 * `PATCH /billpay/{billPayNumber}` answer.
 * @param {BillPayRecord} record
 */
function updatedView(record) {
	/** @type {Record<string, unknown>} */
	const view = {
		billPayNumber: record.billPayNumber,
		billStatus: record.billStatus,
		billAmount: record.billAmount,
		billDescription: record.billDescription,
		billPaymentMode: record.billPaymentMode,
	};
	if (record.billMaxCollectionAmount !== null) view.billMaxCollectionAmount = record.billMaxCollectionAmount;
	return view;
}

module.exports = { BillPayStore, paymentRefusal, bookPayment, remainingCents, createdView, detailsView, updatedView, toCents };
