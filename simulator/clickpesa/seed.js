// @ts-check
'use strict';

const { SimulatorError } = require('../errors');
const { randomHex } = require('../ids');
const { accountNameFor } = require('./phone');
const { PaymentStore } = require('./payment-store');
const { bookCollection } = require('./ledger');

const MAX_SEED_COUNT = 10_000;
const SEEDABLE_STATUSES = ['SUCCESS', 'SETTLED', 'PROCESSING', 'PENDING', 'FAILED'];

/**
 * @typedef {object} SeedOptions
 * @property {number} count 1 to 10,000
 * @property {string} [status] default SUCCESS
 * @property {string} [createdAt] ISO time, default now (all seeded payments share it)
 * @property {string} [channel] default TIGO-PESA
 * @property {string} [prefix] alphanumeric, default SEED; references are prefix + 1, 2, …
 * @property {string} [amount] default "1000"
 * @property {string | null} [phoneNumber] default 255712345678; null for a payment without a payer's number (a card payment)
 * @property {string} [clientId] default the first configured client
 */

/**
 * Inserts payments directly, without the USSD flow or webhooks (for paging and filter tests).
 * Seeded PROCESSING payments are not answered by the simulated customer; complete them by control.
 * SUCCESS and SETTLED ones are credited to the balance (net of `collectionFee`) when seeded.
 * @param {PaymentStore} payments
 * @param {import('./ledger').Ledger} ledger
 * @param {import('./money').FeeSchedule} feeSchedule
 * @param {unknown} input
 * @param {string} defaultClientId
 * @returns {string[]} the new order references
 */
function seedPayments(payments, ledger, feeSchedule, input, defaultClientId) {
	const options = parseSeedOptions(input, defaultClientId);
	/** @type {string[]} */
	const references = [];
	let suffix = 1;
	while (references.length < options.count) {
		const orderReference = `${options.prefix}${suffix++}`;
		if (payments.has(orderReference)) continue;
		const succeeded = options.status === 'SUCCESS' || options.status === 'SETTLED';
		/** @type {import('./payment-store').PaymentRecord} */
		const record = {
			id: PaymentStore.newId(orderReference),
			orderReference,
			status: options.status,
			channel: options.channel,
			amount: options.amount,
			currency: 'TZS',
			phoneNumber: options.phoneNumber,
			paymentReference: succeeded ? randomHex(9) : null,
			message: succeeded ? 'success' : options.status === 'FAILED' ? 'Insufficient balance' : null,
			customerName: succeeded && options.phoneNumber ? accountNameFor(options.phoneNumber) : null,
			clientId: options.clientId,
			createdAt: options.createdAt,
			updatedAt: options.createdAt,
		};
		payments.add(record);
		if (succeeded) bookCollection(ledger, record, feeSchedule);
		references.push(orderReference);
	}
	return references;
}

/**
 * @param {unknown} input
 * @param {string} defaultClientId
 * @returns {Required<SeedOptions>}
 */
function parseSeedOptions(input, defaultClientId) {
	if (input === null || typeof input !== 'object' || Array.isArray(input)) {
		throw new SimulatorError(400, 'seed options must be a JSON object');
	}
	const {
		count,
		status = 'SUCCESS',
		createdAt = new Date().toISOString(),
		channel = 'TIGO-PESA',
		prefix = 'SEED',
		amount = '1000',
		phoneNumber = '255712345678',
		clientId = defaultClientId,
	} = /** @type {Record<string, unknown>} */ (input);
	if (!Number.isInteger(count) || /** @type {number} */ (count) < 1 || /** @type {number} */ (count) > MAX_SEED_COUNT) {
		throw new SimulatorError(400, `count must be an integer from 1 to ${MAX_SEED_COUNT}`);
	}
	if (typeof status !== 'string' || !SEEDABLE_STATUSES.includes(status)) {
		throw new SimulatorError(400, `status must be one of ${SEEDABLE_STATUSES.join(', ')}`);
	}
	if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt))) {
		throw new SimulatorError(400, 'createdAt must be an ISO date-time');
	}
	if (typeof prefix !== 'string' || !/^[A-Za-z0-9]+$/.test(prefix)) {
		throw new SimulatorError(400, 'prefix must be alphanumeric');
	}
	if (typeof amount !== 'string' || !/^\d+(\.\d+)?$/.test(amount)) {
		throw new SimulatorError(400, 'amount must be a string of a positive number');
	}
	for (const [name, value] of Object.entries({ channel, clientId, ...(phoneNumber === null ? {} : { phoneNumber }) })) {
		if (typeof value !== 'string' || value === '') throw new SimulatorError(400, `${name} must be a non-empty string`);
	}
	return {
		count: /** @type {number} */ (count),
		status,
		createdAt: new Date(createdAt).toISOString(),
		channel: /** @type {string} */ (channel),
		prefix,
		amount,
		phoneNumber: /** @type {string | null} */ (phoneNumber),
		clientId: /** @type {string} */ (clientId),
	};
}

module.exports = { seedPayments };
