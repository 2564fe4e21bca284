// @ts-check
'use strict';

const { randomHex } = require('../ids');
const { feeCents, fromCents, toCents } = require('./money');

/**
 * One line of the account statement (docs/clickpesa-api.md §4.15). `type` is one of the documented
 * values: Payment, Deposit, Payout, Fee - Payout, Fee - Payment, Reversed Payout, Refunded Payout
 * (the simulator has no withdrawals).
 * @typedef {object} LedgerEntry
 * @property {string} id the transaction the entry belongs to (payment, payout or deposit id); a
 *   fee entry shares the id of its transaction (inferred: the documentation does not say)
 * @property {string} date ISO time the entry was booked
 * @property {string} type
 * @property {'Credit' | 'Debit'} entry
 * @property {number} amountCents always > 0
 * @property {string} currency
 * @property {string} orderReference
 * @property {string} description
 * @property {number} balanceCents the balance right after this entry
 */

/**
 * @typedef {object} Account
 * @property {number} balanceCents
 * @property {LedgerEntry[]} entries oldest first
 */

/**
 * The merchant's balance accounts, one per currency, and every booking on them. An account exists
 * from its first credit: until then `GET /account/balance` has nothing to show (§4.14's 404).
 */
class Ledger {
	/** @type {Map<string, Account>} */
	#accounts = new Map();

	/**
	 * @param {string} currency
	 * @returns {number | null} cents; null while the currency has no account
	 */
	balanceCents(currency) {
		return this.#accounts.get(currency)?.balanceCents ?? null;
	}

	/** @returns {string[]} currencies with an account, in the order they were opened */
	currencies() {
		return [...this.#accounts.keys()];
	}

	/**
	 * @param {string} currency
	 * @returns {LedgerEntry[]} oldest first
	 */
	entries(currency) {
		return (this.#accounts.get(currency)?.entries ?? []).map((entry) => ({ ...entry }));
	}

	/**
	 * Books a credit; opens the account of that currency on its first credit.
	 * @param {Omit<LedgerEntry, 'entry' | 'balanceCents' | 'date'>} entry
	 * @returns {LedgerEntry}
	 */
	credit(entry) {
		let account = this.#accounts.get(entry.currency);
		if (!account) {
			account = { balanceCents: 0, entries: [] };
			this.#accounts.set(entry.currency, account);
		}
		return this.#book(account, { ...entry, entry: 'Credit' }, entry.amountCents);
	}

	/**
	 * Books a debit. The caller checks the balance first (payouts refuse what it does not cover).
	 * A fee debit right after a credit may take an account below zero only if the fee exceeds the
	 * collection, which a sane fee schedule never does.
	 * @param {Omit<LedgerEntry, 'entry' | 'balanceCents' | 'date'>} entry
	 * @returns {LedgerEntry}
	 */
	debit(entry) {
		let account = this.#accounts.get(entry.currency);
		if (!account) {
			account = { balanceCents: 0, entries: [] };
			this.#accounts.set(entry.currency, account);
		}
		return this.#book(account, { ...entry, entry: 'Debit' }, -entry.amountCents);
	}

	/**
	 * @param {Account} account
	 * @param {Omit<LedgerEntry, 'balanceCents' | 'date'>} entry
	 * @param {number} change
	 * @returns {LedgerEntry}
	 */
	#book(account, entry, change) {
		account.balanceCents += change;
		/** @type {LedgerEntry} */
		const booked = { ...entry, date: new Date().toISOString(), balanceCents: account.balanceCents };
		account.entries.push(booked);
		return { ...booked };
	}

	clear() {
		this.#accounts.clear();
	}
}

/**
 * `GET /account/statement` (§4.15) for one currency between two instants (inclusive). The opening
 * balance is the balance before the first entry in range; with no entries in range the closing
 * balance equals the opening balance.
 * @param {Ledger} ledger
 * @param {string} currency
 * @param {number | null} from ms since epoch, null = from the beginning
 * @param {number | null} to ms since epoch, null = up to now
 */
function statementView(ledger, currency, from, to) {
	const all = ledger.entries(currency);
	const inRange = all.filter((entry) => {
		const time = Date.parse(entry.date);
		return (from === null || time >= from) && (to === null || time <= to);
	});
	const before = all.filter((entry) => from !== null && Date.parse(entry.date) < from);
	const openingCents = before.length > 0 ? before[before.length - 1].balanceCents : 0;
	const closingCents = inRange.length > 0 ? inRange[inRange.length - 1].balanceCents : openingCents;
	const sum = (/** @type {'Credit' | 'Debit'} */ kind) =>
		inRange.filter((entry) => entry.entry === kind).reduce((total, entry) => total + entry.amountCents, 0);
	return {
		accountDetails: {
			currency,
			openingBalance: fromCents(openingCents),
			closingBalance: fromCents(closingCents),
			totalCredits: fromCents(sum('Credit')),
			totalDebits: fromCents(sum('Debit')),
		},
		transactions: inRange.map((entry) => ({
			balance: fromCents(entry.balanceCents),
			date: entry.date,
			description: entry.description,
			entry: entry.entry,
			amount: fromCents(entry.amountCents),
			currency: entry.currency,
			orderReference: entry.orderReference,
			id: entry.id,
			type: entry.type,
		})),
	};
}

/**
 * A successful collection reaches the balance net of its fee: a `Payment` credit, then a
 * `Fee - Payment` debit (none when the fee is 0).
 * @param {Ledger} ledger
 * @param {import('./payment-store').PaymentRecord} payment
 * @param {import('./money').FeeSchedule} schedule
 * @returns {number} the fee in cents
 */
function bookCollection(ledger, payment, schedule) {
	const amountCents = toCents(Number(payment.amount));
	const fee = Math.min(feeCents(amountCents, schedule), amountCents);
	const common = { id: payment.id, currency: payment.currency, orderReference: payment.orderReference };
	ledger.credit({ ...common, type: 'Payment', amountCents, description: `Payment ${payment.orderReference} via ${payment.channel}` });
	if (fee > 0) ledger.debit({ ...common, type: 'Fee - Payment', amountCents: fee, description: `Fee for payment ${payment.orderReference}` });
	return fee;
}

/**
 * Money put on the balance from outside (control API, `startingBalance`): a `Deposit` credit.
 * @param {Ledger} ledger
 * @param {string} currency
 * @param {number} amountCents
 * @returns {LedgerEntry}
 */
function bookDeposit(ledger, currency, amountCents) {
	const id = `DEP${randomHex(4).toUpperCase()}`;
	return ledger.credit({ id, currency, orderReference: id, type: 'Deposit', amountCents, description: 'Deposit (simulator seed)' });
}

module.exports = { Ledger, statementView, bookCollection, bookDeposit };
