// @ts-check
'use strict';

// Field checks of the BillPay request bodies (docs/clickpesa-api.md §4.7), with class-validator
// style messages. A NestJS ValidationPipe rejects the whole request when any field (also of a
// nested bulk item) is wrong, so these errors always become one 400; per-item bulk errors are
// business rules only.

const REFERENCE_PATTERN = /^[A-Za-z0-9]+$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_PATTERN = /^255\d{9}$/;
const PAYMENT_MODES = ['ALLOW_PARTIAL_AND_OVER_PAYMENT', 'EXACT'];
const BILL_STATUSES = ['ACTIVE', 'INACTIVE'];
const MAX_REFERENCE_LENGTH = 20;
const MAX_DESCRIPTION_LENGTH = 500;

const BILL_FIELDS = ['billReference', 'billAmount', 'billDescription', 'billPaymentMode', 'billMaxCollectionAmount'];
const CUSTOMER_FIELDS = ['customerName', 'customerEmail', 'customerPhone'];
/** Whether BillPay takes a checksum is unconfirmed (§6.1): the simulator tolerates the fields, never requires them. */
const SIGNATURE_FIELDS = ['checksum', 'checksumMethod'];

/**
 * A money amount as BillPay types it: a JSON number, at least 0.01, at most 2 decimals.
 * @param {unknown} value
 * @param {string} name
 * @param {string[]} errors
 */
function checkMoney(value, name, errors) {
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		errors.push(`${name} must be a number conforming to the specified constraints`);
		return;
	}
	if (value < 0.01) errors.push(`${name} must not be less than 0.01`);
	else if (Math.round(value * 100) / 100 !== value) errors.push(`${name} must have at most 2 decimal places`);
}

/**
 * @param {unknown} value
 * @param {string} name
 * @param {string[]} errors
 */
function checkDescription(value, name, errors) {
	if (typeof value !== 'string') errors.push(`${name} must be a string`);
	else if (value.length > MAX_DESCRIPTION_LENGTH) {
		errors.push(`${name} must be shorter than or equal to ${MAX_DESCRIPTION_LENGTH} characters`);
	}
}

/**
 * @param {unknown} value
 * @param {string} name
 * @param {string[]} allowed
 * @param {string[]} errors
 */
function checkEnum(value, name, allowed, errors) {
	if (typeof value !== 'string' || !allowed.includes(value)) {
		errors.push(`${name} must be one of the following values: ${allowed.join(', ')}`);
	}
}

/**
 * @param {Record<string, unknown>} body
 * @param {string[]} allowed
 * @param {string} prefix
 * @param {string[]} errors
 */
function checkNoOtherFields(body, allowed, prefix, errors) {
	for (const key of Object.keys(body)) {
		if (!allowed.includes(key) && !SIGNATURE_FIELDS.includes(key)) errors.push(`property ${prefix}${key} should not exist`);
	}
}

/**
 * Errors of one create item (single or bulk).
 * @param {unknown} item
 * @param {'order' | 'customer'} kind
 * @param {string} [prefix] e.g. `controlNumbers.3.` for bulk items
 * @returns {string[]}
 */
function billItemErrors(item, kind, prefix = '') {
	if (!item || typeof item !== 'object' || Array.isArray(item)) return [`${prefix || 'body '}must be an object`.trim()];
	const body = /** @type {Record<string, unknown>} */ (item);
	/** @type {string[]} */
	const errors = [];
	checkNoOtherFields(body, kind === 'customer' ? [...BILL_FIELDS, ...CUSTOMER_FIELDS] : BILL_FIELDS, prefix, errors);
	const { billReference, billAmount, billDescription, billPaymentMode, billMaxCollectionAmount } = body;
	if (billReference !== undefined) {
		if (typeof billReference !== 'string' || !REFERENCE_PATTERN.test(billReference)) {
			errors.push(`${prefix}billReference must contain only letters and numbers`);
		} else if (billReference.length > MAX_REFERENCE_LENGTH) {
			errors.push(`${prefix}billReference must be shorter than or equal to ${MAX_REFERENCE_LENGTH} characters`);
		}
	}
	if (billAmount !== undefined) checkMoney(billAmount, `${prefix}billAmount`, errors);
	if (billDescription !== undefined) checkDescription(billDescription, `${prefix}billDescription`, errors);
	if (billPaymentMode !== undefined) checkEnum(billPaymentMode, `${prefix}billPaymentMode`, PAYMENT_MODES, errors);
	if (billMaxCollectionAmount !== undefined) {
		checkMoney(billMaxCollectionAmount, `${prefix}billMaxCollectionAmount`, errors);
		if (typeof billAmount === 'number' && typeof billMaxCollectionAmount === 'number' && billMaxCollectionAmount < billAmount) {
			errors.push(`${prefix}billMaxCollectionAmount must be greater than or equal to billAmount`);
		}
	}
	if (kind === 'customer') errors.push(...customerErrors(body, prefix));
	return errors;
}

/**
 * @param {Record<string, unknown>} body
 * @param {string} prefix
 * @returns {string[]}
 */
function customerErrors(body, prefix) {
	/** @type {string[]} */
	const errors = [];
	const { customerName, customerEmail, customerPhone } = body;
	if (typeof customerName !== 'string' || customerName.trim() === '') errors.push(`${prefix}customerName should not be empty`);
	if (customerEmail !== undefined && (typeof customerEmail !== 'string' || !EMAIL_PATTERN.test(customerEmail))) {
		errors.push(`${prefix}customerEmail must be an email`);
	}
	if (customerPhone !== undefined && (typeof customerPhone !== 'string' || !PHONE_PATTERN.test(customerPhone))) {
		errors.push(`${prefix}customerPhone must be 12 digits with the country code and no plus, e.g. 255712345678`);
	}
	if (customerEmail === undefined && customerPhone === undefined) {
		errors.push(`${prefix}customerEmail or customerPhone is required`);
	}
	return errors;
}

/**
 * Errors of a PATCH body; at least one field must be given.
 * @param {unknown} body
 * @returns {string[]}
 */
function updateErrors(body) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return ['body must be an object'];
	const patch = /** @type {Record<string, unknown>} */ (body);
	/** @type {string[]} */
	const errors = [];
	const fields = ['billStatus', 'billAmount', 'billDescription', 'billPaymentMode', 'billMaxCollectionAmount'];
	checkNoOtherFields(patch, fields, '', errors);
	if (!fields.some((field) => patch[field] !== undefined)) {
		errors.push(`At least one of ${fields.join(', ')} must be provided`);
	}
	if (patch.billStatus !== undefined) checkEnum(patch.billStatus, 'billStatus', BILL_STATUSES, errors);
	if (patch.billAmount !== undefined) checkMoney(patch.billAmount, 'billAmount', errors);
	if (patch.billDescription !== undefined) checkDescription(patch.billDescription, 'billDescription', errors);
	if (patch.billPaymentMode !== undefined) checkEnum(patch.billPaymentMode, 'billPaymentMode', PAYMENT_MODES, errors);
	if (patch.billMaxCollectionAmount !== undefined) checkMoney(patch.billMaxCollectionAmount, 'billMaxCollectionAmount', errors);
	return errors;
}

module.exports = { billItemErrors, updateErrors, BILL_STATUSES, PAYMENT_MODES, MAX_REFERENCE_LENGTH };
