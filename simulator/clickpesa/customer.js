// @ts-check
'use strict';

const { SimulatorError } = require('../errors');
const { randomHex } = require('../ids');
const { accountNameFor } = require('./phone');
const { bookCollection } = require('./ledger');
const { sendPaymentWebhook } = require('./payment-webhook');

/** @typedef {import('./payment-store').PaymentRecord} PaymentRecord */
/** @typedef {import('../webhooks').WebhookDelivery} WebhookDelivery */

/**
 * What the simulated customer does with a USSD prompt, decided by the last digits of the number.
 * @param {string | null} phoneNumber
 * @returns {{ outcome: 'SUCCESS' | 'FAILED', message: string }}
 */
function customerDecision(phoneNumber) {
	if (phoneNumber?.endsWith('9999')) return { outcome: 'FAILED', message: 'Insufficient balance' };
	if (phoneNumber?.endsWith('8888')) return { outcome: 'FAILED', message: 'User cancelled' };
	return { outcome: 'SUCCESS', message: 'success' };
}

/**
 * Moves PROCESSING collections to SUCCESS or FAILED, after `customerDelayMs` or when told to, and
 * sends the matching webhook.
 */
class CustomerSimulation {
	/** @type {import('../types').ProviderContext} */
	#ctx;
	/** @type {import('./payment-store').PaymentStore} */
	#payments;
	/** @type {import('./ledger').Ledger} */
	#ledger;
	/** @type {Map<string, NodeJS.Timeout>} */
	#pending = new Map();

	/**
	 * @param {import('../types').ProviderContext} ctx
	 * @param {import('./payment-store').PaymentStore} payments
	 * @param {import('./ledger').Ledger} ledger successful collections are credited to it, net of the fee
	 */
	constructor(ctx, payments, ledger) {
		this.#ctx = ctx;
		this.#payments = payments;
		this.#ledger = ledger;
	}

	/**
	 * Schedules the customer's answer to a new prompt (unless the delay is null).
	 * @param {PaymentRecord} record
	 */
	promptSent(record) {
		const delay = this.#ctx.config().clickpesa.customerDelayMs;
		if (delay === null) return;
		const handle = this.#ctx.timers.schedule(() => {
			this.#pending.delete(record.orderReference);
			this.complete(record.orderReference).catch(() => {});
		}, delay);
		this.#pending.set(record.orderReference, handle);
	}

	/**
	 * The customer acts now. Without an outcome, the number decides (see customerDecision).
	 * @param {string} orderReference
	 * @param {unknown} [outcome] 'SUCCESS' or 'FAILED'
	 * @param {unknown} [message] overrides the status message
	 * @returns {Promise<{ payment: PaymentRecord, webhook: WebhookDelivery | null }>}
	 */
	async complete(orderReference, outcome, message) {
		const record = this.#payments.get(orderReference);
		if (!record) throw new SimulatorError(404, `no ClickPesa payment with orderReference ${orderReference}`);
		if (outcome !== undefined && outcome !== 'SUCCESS' && outcome !== 'FAILED') {
			throw new SimulatorError(400, 'outcome must be "SUCCESS" or "FAILED"');
		}
		if (message !== undefined && (typeof message !== 'string' || message === '')) {
			throw new SimulatorError(400, 'message must be a non-empty string');
		}
		if (record.status !== 'PROCESSING') {
			throw new SimulatorError(409, `payment ${orderReference} is already ${record.status}`);
		}
		const pending = this.#pending.get(orderReference);
		if (pending) this.#ctx.timers.cancel(pending);
		this.#pending.delete(orderReference);

		const decision = customerDecision(record.phoneNumber);
		const status = outcome ?? decision.outcome;
		record.status = status;
		record.updatedAt = new Date().toISOString();
		if (status === 'SUCCESS') {
			record.message = message ?? 'success';
			record.paymentReference = randomHex(9);
			record.customerName = record.phoneNumber ? accountNameFor(record.phoneNumber) : null;
			bookCollection(this.#ledger, record, this.#ctx.config().clickpesa.collectionFee);
		} else {
			record.message = message ?? (decision.outcome === 'FAILED' ? decision.message : 'Insufficient balance');
		}
		return { payment: record, webhook: await sendPaymentWebhook(this.#ctx, record) };
	}

	/** Forgets scheduled answers (state reset, stop). */
	clear() {
		for (const handle of this.#pending.values()) this.#ctx.timers.cancel(handle);
		this.#pending.clear();
	}
}

module.exports = { CustomerSimulation, customerDecision };
