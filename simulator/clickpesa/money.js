// @ts-check
'use strict';

// Money in the simulator is kept in integer cents (hundredths of the currency unit), so sums and
// fees never drift; answers turn cents back into JSON numbers or 2-decimal strings.

/** The currencies a ClickPesa balance can hold (docs/clickpesa-api.md §3.4, §4.14, §4.15). */
const CURRENCIES = ['TZS', 'USD'];

/**
 * @typedef {object} FeeSchedule
 * @property {number} percent of the amount, e.g. 2.9
 * @property {number} minimum in TZS; the fee is never below it (0 = none)
 */

/**
 * @param {number} amount
 * @returns {number}
 */
function toCents(amount) {
	return Math.round(amount * 100);
}

/**
 * @param {number} cents
 * @returns {number}
 */
function fromCents(cents) {
	return cents / 100;
}

/**
 * @param {number} cents
 * @returns {string} e.g. `"1047.10"`, as payout answers write amounts (§4.8)
 */
function centsText(cents) {
	return (cents / 100).toFixed(2);
}

/**
 * The fee on an amount: `percent` of it rounded up to the cent, at least `minimum`. Integer
 * arithmetic (percent in basis points), so 2.9 % of 2500 is exactly 72.50.
 * @param {number} amountCents
 * @param {FeeSchedule} schedule
 * @returns {number} cents
 */
function feeCents(amountCents, schedule) {
	const basisPoints = Math.round(schedule.percent * 100);
	const byPercent = Math.ceil((amountCents * basisPoints) / 10_000);
	return Math.max(byPercent, toCents(schedule.minimum));
}

module.exports = { CURRENCIES, toCents, fromCents, centsText, feeCents };
