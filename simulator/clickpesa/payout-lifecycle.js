// @ts-check
'use strict';

const { SimulatorError } = require('../errors');
const { sendClickPesaEvent } = require('./payment-webhook');
const { payoutWebhookEvent, queryView } = require('./payout-views');

/** @typedef {import('./payout-store').PayoutRecord} PayoutRecord */
/** @typedef {import('../webhooks').WebhookDelivery} WebhookDelivery */

/**
 * Statuses a payout can still leave (docs/clickpesa-api.md §5.2: AUTHORIZED is accepted, SUCCESS
 * may still be returned).
 */
const OPEN_STATUSES = new Set(['AUTHORIZED', 'PROCESSING', 'SUCCESS']);
const DEFAULT_REVERSE_MESSAGE = 'The payout was reversed due to invalid account information.';
const DEFAULT_REFUND_MESSAGE = 'The payout was refunded due to insufficient balance.';

/**
 * Moves payouts along: AUTHORIZED → SUCCESS after `payoutDelayMs` (or when told to), and to
 * REVERSED (provider-side failure) or REFUNDED (ClickPesa-side failure) by control call. Each
 * transition sends its webhook; a reversed or refunded payout is credited back.
 */
class PayoutLifecycle {
	/** @type {import('../types').ProviderContext} */
	#ctx;
	/** @type {import('./payout-store').PayoutStore} */
	#payouts;
	/** @type {import('./ledger').Ledger} */
	#ledger;
	/** @type {Map<string, NodeJS.Timeout>} */
	#pending = new Map();

	/**
	 * @param {import('../types').ProviderContext} ctx
	 * @param {import('./payout-store').PayoutStore} payouts
	 * @param {import('./ledger').Ledger} ledger
	 */
	constructor(ctx, payouts, ledger) {
		this.#ctx = ctx;
		this.#payouts = payouts;
		this.#ledger = ledger;
	}

	/**
	 * Schedules the success of a new payout (unless `payoutDelayMs` is null).
	 * @param {PayoutRecord} record
	 */
	created(record) {
		const delay = this.#ctx.config().clickpesa.payoutDelayMs;
		if (delay === null) return;
		const handle = this.#ctx.timers.schedule(() => {
			this.#pending.delete(record.orderReference);
			this.complete(record.orderReference).catch(() => {});
		}, delay);
		this.#pending.set(record.orderReference, handle);
	}

	/**
	 * AUTHORIZED → SUCCESS now, PAYOUT INITIATED sent.
	 * @param {string} orderReference
	 */
	async complete(orderReference) {
		const record = this.#find(orderReference);
		if (record.status !== 'AUTHORIZED' && record.status !== 'PROCESSING') {
			throw new SimulatorError(409, `payout ${orderReference} is already ${record.status}`);
		}
		this.#cancelPending(orderReference);
		record.status = 'SUCCESS';
		record.updatedAt = new Date().toISOString();
		return this.#announce(record);
	}

	/**
	 * → REVERSED: the money comes back, the fee too unless `withFee` is false ("Reversed Payout").
	 * @param {string} orderReference
	 * @param {unknown} [message]
	 * @param {unknown} [withFee] default true
	 */
	async reverse(orderReference, message, withFee = true) {
		if (typeof withFee !== 'boolean') throw new SimulatorError(400, 'withFee must be a boolean');
		const text = checkMessage(message) ?? DEFAULT_REVERSE_MESSAGE;
		const record = this.#openRecord(orderReference);
		const now = new Date().toISOString();
		record.status = 'REVERSED';
		record.updatedAt = now;
		record.reverse = { message: text, reversedAt: now, reversedWithFee: withFee };
		this.#creditBack(record, 'Reversed Payout', withFee);
		return this.#announce(record);
	}

	/**
	 * → REFUNDED: the whole debit, fee included, comes back ("Refunded Payout"; inferred).
	 * @param {string} orderReference
	 * @param {unknown} [message]
	 */
	async refund(orderReference, message) {
		const text = checkMessage(message) ?? DEFAULT_REFUND_MESSAGE;
		const record = this.#openRecord(orderReference);
		const now = new Date().toISOString();
		record.status = 'REFUNDED';
		record.updatedAt = now;
		record.refund = { message: text, refundedAt: now };
		this.#creditBack(record, 'Refunded Payout', true);
		return this.#announce(record);
	}

	/** Forgets scheduled successes (state reset, stop). */
	clear() {
		for (const handle of this.#pending.values()) this.#ctx.timers.cancel(handle);
		this.#pending.clear();
	}

	/** @param {string} orderReference */
	#find(orderReference) {
		const record = this.#payouts.get(orderReference);
		if (!record) throw new SimulatorError(404, `no ClickPesa payout with orderReference ${orderReference}`);
		return record;
	}

	/** @param {string} orderReference */
	#openRecord(orderReference) {
		const record = this.#find(orderReference);
		if (!OPEN_STATUSES.has(record.status)) throw new SimulatorError(409, `payout ${orderReference} is already ${record.status}`);
		this.#cancelPending(orderReference);
		return record;
	}

	/** @param {string} orderReference */
	#cancelPending(orderReference) {
		const pending = this.#pending.get(orderReference);
		if (pending) this.#ctx.timers.cancel(pending);
		this.#pending.delete(orderReference);
	}

	/**
	 * @param {PayoutRecord} record
	 * @param {string} type
	 * @param {boolean} withFee
	 */
	#creditBack(record, type, withFee) {
		const amountCents = record.amountCents - (withFee ? 0 : record.feeCents);
		if (amountCents <= 0) return;
		this.#ledger.credit({
			id: record.id,
			currency: record.currency,
			orderReference: record.orderReference,
			type,
			amountCents,
			description: `${type} ${record.orderReference}${withFee ? ' (fee returned)' : ''}`,
		});
	}

	/**
	 * @param {PayoutRecord} record
	 * @returns {Promise<{ payout: Record<string, unknown>, webhook: WebhookDelivery | null }>}
	 */
	async #announce(record) {
		const webhook = await sendClickPesaEvent(this.#ctx, payoutWebhookEvent(record));
		return { payout: queryView(record), webhook };
	}
}

/**
 * @param {unknown} message
 * @returns {string | undefined}
 */
function checkMessage(message) {
	if (message === undefined) return undefined;
	if (typeof message !== 'string' || message === '') throw new SimulatorError(400, 'message must be a non-empty string');
	return message;
}

module.exports = { PayoutLifecycle };
