// @ts-check
'use strict';

const { randomHex } = require('../ids');

/**
 * A payout as the simulator keeps it; payout-views.js shapes it per answer. Money is in cents of
 * `currency` (the source balance) except `orderAmountCents`, which is TZS (what was asked for).
 * @typedef {object} PayoutRecord
 * @property {string} id e.g. `PAY17072CD`
 * @property {string} orderReference
 * @property {string} status AUTHORIZED, SUCCESS, REVERSED, REFUNDED
 * @property {'MOBILE MONEY' | 'BANK TRANSFER' | 'TIPS LIPA NAMBA'} channel
 * @property {string} channelProvider
 * @property {string | null} transferType ACH | RTGS (bank only)
 * @property {string | null} estimatedArrival bank only
 * @property {string} currency TZS | USD
 * @property {number} amountCents total debited from the balance, fee included
 * @property {number} feeCents the payout fee, part of `amountCents` whoever bears it
 * @property {number} orderAmountCents TZS, the `amount` of the request
 * @property {boolean} exchanged
 * @property {{ sourceCurrency: string, targetCurrency: string, sourceAmount: number, rate: number } | null} exchange
 * @property {Record<string, string>} beneficiary accountNumber, accountName and, where known, swiftNumber
 * @property {string} clientId
 * @property {string} createdAt
 * @property {string} updatedAt
 * @property {{ message: string, refundedAt: string } | null} refund
 * @property {{ message: string, reversedAt: string, reversedWithFee: boolean } | null} reverse
 */

/** Every payout of the simulated merchant (all its API clients), one per order reference. */
class PayoutStore {
	/** @type {Map<string, PayoutRecord>} */
	#byReference = new Map();
	/** @type {Set<string>} */
	#ids = new Set();
	/** References taken by a hosted payout link before its recipient confirmed. */
	/** @type {Set<string>} */
	#reserved = new Set();

	/** A fresh id shaped like `PAY17072CD` (provider samples, docs/clickpesa-api.md §4.8). */
	newId() {
		for (;;) {
			const id = `PAY${randomHex(4).toUpperCase().slice(0, 7)}`;
			if (!this.#ids.has(id)) return id;
		}
	}

	/** @param {PayoutRecord} record */
	add(record) {
		this.#byReference.set(record.orderReference, record);
		this.#ids.add(record.id);
	}

	/** @param {string} orderReference whether a payout or a payout link uses it (409 on reuse) */
	has(orderReference) {
		return this.#byReference.has(orderReference) || this.#reserved.has(orderReference);
	}

	/**
	 * Takes a reference for a payout link: the payout is created when the recipient confirms.
	 * @param {string} orderReference
	 */
	reserve(orderReference) {
		this.#reserved.add(orderReference);
	}

	/**
	 * @param {string} orderReference
	 * @returns {PayoutRecord | undefined}
	 */
	get(orderReference) {
		return this.#byReference.get(orderReference);
	}

	/** @returns {PayoutRecord[]} oldest first */
	all() {
		return [...this.#byReference.values()];
	}

	clear() {
		this.#byReference.clear();
		this.#ids.clear();
		this.#reserved.clear();
	}
}

/**
 * The pause ClickPesa imposes between payout creates (§4.8, §8.4): one per merchant, shared by the
 * mobile-money, bank and Lipa Namba creates (the documentation states the scope for Lipa Namba
 * only; inferred for the others). Only accepted creates start it.
 */
class PayoutCooldown {
	#until = 0;

	/** @returns {number} ms left, 0 when a create may go ahead */
	remainingMs() {
		return Math.max(0, this.#until - Date.now());
	}

	/** @param {number} ms from now; 0 ends the current pause */
	set(ms) {
		this.#until = ms > 0 ? Date.now() + ms : 0;
	}

	clear() {
		this.#until = 0;
	}
}

module.exports = { PayoutStore, PayoutCooldown };
