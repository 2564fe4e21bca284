// @ts-check
'use strict';

const { randomDigits } = require('../ids');

/**
 * A collection as the simulator keeps it; the views module shapes it per endpoint.
 * @typedef {object} PaymentRecord
 * @property {string} id
 * @property {string} orderReference
 * @property {string} status PROCESSING, SUCCESS, FAILED (seeding may set others)
 * @property {string} channel
 * @property {string} amount the amount as the merchant sent it (a string)
 * @property {string} currency
 * @property {string | null} phoneNumber
 * @property {string | null} paymentReference set when the customer paid
 * @property {string | null} message
 * @property {string | null} customerName
 * @property {string | null} [customerEmail] known for BillPay customer control numbers and card payments
 * @property {string | null} [customerPhone] the customer's phone when it is not the paying number
 *   (card payments: `paymentPhoneNumber` stays null, `customer.customerPhoneNumber` shows this)
 * @property {string} clientId
 * @property {string} createdAt ISO time
 * @property {string} updatedAt ISO time
 */

/**
 * Every ClickPesa collection of the simulated merchant (shared by all its API clients). A USSD push
 * has one collection per reference; a BillPay customer control number collects again and again
 * under the same reference (the control number), so a reference holds a list.
 */
class PaymentStore {
	/** @type {Map<string, PaymentRecord[]>} */
	#byReference = new Map();
	/** References taken by a hosted checkout link before anything was paid through it. */
	/** @type {Set<string>} */
	#reserved = new Set();

	/**
	 * @param {string} orderReference
	 * @returns {string} the id ClickPesa gives a collection, e.g. `ORD123LCP4821`
	 */
	static newId(orderReference) {
		return `${orderReference}LCP${randomDigits(4)}`;
	}

	/** @param {PaymentRecord} record */
	add(record) {
		const list = this.#byReference.get(record.orderReference);
		if (list) list.push(record);
		else this.#byReference.set(record.orderReference, [record]);
	}

	/** @param {string} orderReference whether a collection or a checkout link uses it (409 on reuse) */
	has(orderReference) {
		return this.#byReference.has(orderReference) || this.#reserved.has(orderReference);
	}

	/**
	 * Takes a reference for a checkout link: no payment exists yet, but the reference is used (§3.1).
	 * @param {string} orderReference
	 */
	reserve(orderReference) {
		this.#reserved.add(orderReference);
	}

	/**
	 * @param {string} orderReference
	 * @returns {PaymentRecord | undefined}
	 */
	get(orderReference) {
		return this.#byReference.get(orderReference)?.[0];
	}

	/**
	 * @param {string} orderReference
	 * @returns {PaymentRecord[]} oldest first; empty when none
	 */
	allFor(orderReference) {
		return [...(this.#byReference.get(orderReference) ?? [])];
	}

	/** @param {string} id */
	hasId(id) {
		return this.all().some((record) => record.id === id);
	}

	/** @returns {PaymentRecord[]} */
	all() {
		return [...this.#byReference.values()].flat();
	}

	clear() {
		this.#byReference.clear();
		this.#reserved.clear();
	}
}

module.exports = { PaymentStore };
