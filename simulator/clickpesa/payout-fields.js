// @ts-check
'use strict';

// Field type checks of the payout bodies (docs/clickpesa-api.md §4.8–§4.10), with class-validator's
// default messages as a NestJS ValidationPipe answers them (all at once). Unknown properties are
// tolerated.

const PAYOUT_CURRENCIES = ['TZS', 'USD'];
const TRANSFER_TYPES = ['ACH', 'RTGS'];

/**
 * @typedef {'mobile' | 'bank' | 'lipa'} PayoutKind
 */

/**
 * @param {Record<string, unknown>} body
 * @param {string} name
 * @param {string[]} errors
 * @param {{ required?: boolean, notEmpty?: boolean }} [options]
 */
function checkString(body, name, errors, options = {}) {
	const value = body[name];
	if (value === undefined || value === null) {
		if (options.required) errors.push(`${name} must be a string`);
		return;
	}
	if (typeof value !== 'string') errors.push(`${name} must be a string`);
	else if (options.notEmpty && value.trim() === '') errors.push(`${name} should not be empty`);
}

/**
 * @param {unknown} value
 * @param {string} name
 * @param {string[]} allowed
 * @param {string[]} errors
 */
function checkEnum(value, name, allowed, errors) {
	if (typeof value !== 'string' || !allowed.includes(value)) errors.push(`${name} must be one of the following values: ${allowed.join(', ')}`);
}

/**
 * @param {Record<string, unknown>} body
 * @param {PayoutKind} kind
 * @param {{ create: boolean }} options
 * @returns {string[]}
 */
function payoutFieldErrors(body, kind, options) {
	/** @type {string[]} */
	const errors = [];
	const { amount } = body;
	// Payout amounts are JSON numbers (§3.3); a numeric string is refused as a ValidationPipe would.
	if (typeof amount !== 'number' || !Number.isFinite(amount)) errors.push('amount must be a number conforming to the specified constraints');
	else if (!(Math.round(amount * 100) > 0)) errors.push('amount must be a positive number');
	checkEnum(body.currency, 'currency', PAYOUT_CURRENCIES, errors);
	checkString(body, 'orderReference', errors, { required: true });
	if (kind === 'mobile') checkString(body, 'phoneNumber', errors, { required: true });
	if (kind === 'bank') {
		checkString(body, 'accountNumber', errors, { required: true, notEmpty: true });
		checkString(body, 'bic', errors, { required: true, notEmpty: true });
		checkEnum(body.transferType, 'transferType', TRANSFER_TYPES, errors);
		if (body.accountCurrency !== undefined) checkEnum(body.accountCurrency, 'accountCurrency', ['TZS'], errors);
		if (options.create) checkString(body, 'accountName', errors, { required: true, notEmpty: true });
	}
	if (kind === 'lipa') {
		for (const name of ['lipaNamba', 'providerCode', 'qrCode']) checkString(body, name, errors);
	}
	checkString(body, 'checksum', errors);
	if (body.checksumMethod !== undefined) checkString(body, 'checksumMethod', errors);
	return errors;
}

/**
 * `POST /payouts/verify-bank-account` body.
 * @param {Record<string, unknown>} body
 * @returns {string[]}
 */
function verifyFieldErrors(body) {
	/** @type {string[]} */
	const errors = [];
	checkString(body, 'accountNumber', errors, { required: true, notEmpty: true });
	checkString(body, 'bic', errors, { required: true, notEmpty: true });
	return errors;
}

module.exports = { payoutFieldErrors, verifyFieldErrors, PAYOUT_CURRENCIES, TRANSFER_TYPES };
