// @ts-check
'use strict';

/**
 * Body checks of the Payment Requests and Payments APIs (docs/clik2pay-api.md §4.2, §5.1, §6). Each
 * returns the `detail` text of the first problem found, or null. The real error texts are not
 * documented (§9.2); these name the field so a client's message is actionable.
 */

const PAYMENT_REQUEST_TYPES = ['ECOMM', 'EBILL', 'FLEX'];
const READ_ONLY_OR_DEPRECATED_TYPES = ['MOBIL', 'SMART'];
const DELIVERY_MODES = ['SMS', 'EMAIL', 'NONE'];
const MOBILE = /^[2-9]\d{2}[2-9]\d{6}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** @param {unknown} value */
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * @param {unknown} value
 * @param {number} min
 * @param {number} [max]
 */
function isAmount(value, min, max = Infinity) {
	return (
		typeof value === 'number' &&
		Number.isFinite(value) &&
		value >= min &&
		value <= max &&
		Math.round(value * 100) / 100 === value
	);
}

/** @param {unknown} value */
function isDate(value) {
	if (typeof value !== 'string' || !DATE.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * @param {Record<string, unknown>} body
 * @param {string} field
 * @param {number} min
 * @param {number} max
 * @returns {string | null}
 */
function optionalText(body, field, min, max) {
	if (body[field] === undefined || body[field] === null) return null;
	const value = body[field];
	if (typeof value !== 'string' || value.length < min || value.length > max) {
		return `${field} must be a string of ${min} to ${max} characters`;
	}
	return null;
}

/**
 * The fields shared by payment requests and payments.
 * @param {Record<string, unknown>} body
 * @returns {string | null}
 */
function commonFields(body) {
	return (
		optionalText(body, 'merchantTransactionId', 6, 32) ??
		optionalText(body, 'displayMessage', 3, 250) ??
		optionalText(body, 'invoiceNumber', 1, 50) ??
		optionalText(body, 'businessUnit', 1, 50)
	);
}

/**
 * @param {unknown} mobileNumber
 * @param {string} path e.g. `payer.mobileNumber`
 */
function mobileProblem(mobileNumber, path) {
	return typeof mobileNumber === 'string' && MOBILE.test(mobileNumber)
		? null
		: `${path} must be a 10-digit North American number without +1, spaces or dashes`;
}

/**
 * @param {unknown} email
 * @param {string} path
 */
function emailProblem(email, path) {
	return typeof email === 'string' && EMAIL.test(email) ? null : `${path} must be a valid email address`;
}

/**
 * `POST /payment-requests` (§4.2).
 * @param {Record<string, any>} body
 * @returns {string | null}
 */
function paymentRequestProblem(body) {
	if (READ_ONLY_OR_DEPRECATED_TYPES.includes(body.type)) return `type ${body.type} cannot be created through the API`;
	if (!PAYMENT_REQUEST_TYPES.includes(body.type)) return `type must be one of ${PAYMENT_REQUEST_TYPES.join(', ')}`;
	if (body.type === 'FLEX') {
		if (body.amount !== null && body.amount !== undefined) return 'amount must be null when type is FLEX';
		const problem = flexProblem(body.flexDetails);
		if (problem) return problem;
	} else if (!isAmount(body.amount, 0.01, 10_000)) {
		return 'amount must be a number from 0.01 to 10000 with at most 2 decimals';
	}
	if (body.deliveryMode !== undefined && !DELIVERY_MODES.includes(body.deliveryMode)) {
		return `deliveryMode must be one of ${DELIVERY_MODES.join(', ')}`;
	}
	const payerProblem = payerCheck(body.payer);
	if (payerProblem) return payerProblem;
	if (body.deliveryMode === 'SMS' && !body.payer.mobileNumber) return 'payer.mobileNumber is required when deliveryMode is SMS';
	if (body.deliveryMode === 'EMAIL' && !body.payer.email) return 'payer.email is required when deliveryMode is EMAIL';
	for (const field of ['deliveryDate', 'dueDate']) {
		if (body[field] !== undefined && body[field] !== null && !isDate(body[field])) return `${field} must be a date (YYYY-MM-DD)`;
	}
	return commonFields(body);
}

/**
 * @param {unknown} details
 * @returns {string | null}
 */
function flexProblem(details) {
	if (!isObject(details)) return 'flexDetails is required when type is FLEX';
	const range = /** @type {Record<string, unknown>} */ (details);
	for (const key of ['minimum', 'maximum', 'requested']) {
		if (range[key] !== undefined && range[key] !== null && !isAmount(range[key], 0.01, 10_000)) {
			return `flexDetails.${key} must be a number from 0.01 to 10000`;
		}
	}
	const minimum = /** @type {number | undefined} */ (range.minimum);
	const maximum = /** @type {number | undefined} */ (range.maximum);
	if (minimum === undefined && maximum === undefined) return 'flexDetails needs a minimum and/or a maximum';
	if (minimum !== undefined && maximum !== undefined && minimum > maximum) return 'flexDetails.minimum must not exceed flexDetails.maximum';
	return null;
}

/**
 * @param {unknown} payer
 * @returns {string | null}
 */
function payerCheck(payer) {
	if (!isObject(payer)) return 'payer is required';
	const { name, email, mobileNumber, preferredLanguage, merchantAccountId } = /** @type {Record<string, unknown>} */ (payer);
	if (typeof name !== 'string' || name.trim() === '') return 'payer.name is required';
	if (email === undefined && mobileNumber === undefined) return 'payer.email or payer.mobileNumber is required';
	if (email !== undefined) {
		const problem = emailProblem(email, 'payer.email');
		if (problem) return problem;
	}
	if (mobileNumber !== undefined) {
		const problem = mobileProblem(mobileNumber, 'payer.mobileNumber');
		if (problem) return problem;
	}
	if (preferredLanguage !== undefined && preferredLanguage !== 'en' && preferredLanguage !== 'fr') {
		return 'payer.preferredLanguage must be "en" or "fr"';
	}
	if (merchantAccountId !== undefined && (typeof merchantAccountId !== 'string' || merchantAccountId === '')) {
		return 'payer.merchantAccountId must be a non-empty string';
	}
	return null;
}

/**
 * Refunds and payments: both email and mobile number are required (§5.2, §6).
 * @param {unknown} recipient
 * @returns {string | null}
 */
function recipientProblem(recipient) {
	if (!isObject(recipient)) return 'recipient is required';
	const { email, mobileNumber } = /** @type {Record<string, unknown>} */ (recipient);
	if (email === undefined || mobileNumber === undefined) return 'recipient.email and recipient.mobileNumber are both required';
	return emailProblem(email, 'recipient.email') ?? mobileProblem(mobileNumber, 'recipient.mobileNumber');
}

/**
 * `POST /payment-requests/{id}/refunds` (§5.1).
 * @param {Record<string, any>} body
 * @returns {string | null}
 */
function refundProblem(body) {
	if (!isAmount(body.amount, 0.01)) return 'amount must be a number of at least 0.01 with at most 2 decimals';
	return recipientProblem(body.recipient);
}

/**
 * `POST /payments` (§6, Send Money).
 * @param {Record<string, any>} body
 * @returns {string | null}
 */
function paymentProblem(body) {
	if (!isAmount(body.amount, 0.01)) return 'amount must be a number of at least 0.01 with at most 2 decimals';
	const problem = recipientProblem(body.recipient);
	if (problem) return problem;
	if (body.expiryDays !== undefined && !(Number.isInteger(body.expiryDays) && body.expiryDays >= 1 && body.expiryDays <= 365)) {
		return 'expiryDays must be an integer from 1 to 365';
	}
	return commonFields(body);
}

module.exports = { paymentRequestProblem, refundProblem, paymentProblem };
