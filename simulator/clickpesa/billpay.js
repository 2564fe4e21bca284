// @ts-check
'use strict';

const { withToken } = require('./auth');
const { billItemErrors, updateErrors, BILL_STATUSES } = require('./billpay-fields');
const { createdView, detailsView, updatedView, toCents } = require('./billpay-store');
const { messageError, validationError } = require('./responses');

/** @typedef {import('../types').SimResponse} SimResponse */
/** @typedef {import('../types').RouteDefinition} RouteDefinition */
/** @typedef {import('./billpay-store').BillPayStore} BillPayStore */

const MAX_BULK_ITEMS = 50;
const REFERENCE_USED = 'Bill reference already used: Use a different reference';
const NOT_FOUND = 'BillPay Number does not exist';

/**
 * BillPay control numbers (docs/clickpesa-api.md §4.7): create (order / customer, single and bulk),
 * get, PATCH update and the deprecated PUT update-status.
 * @param {{ tokens: import('../token-store').TokenStore, billPay: BillPayStore }} deps
 * @returns {RouteDefinition[]}
 */
function billPayRoutes({ tokens, billPay }) {
	/** @type {(kind: 'order' | 'customer') => RouteDefinition[]} */
	const createRoutes = (kind) => [
		{
			method: 'POST',
			path: `/billpay/create-${kind}-control-number`,
			body: 'json',
			handle: withToken(tokens, (req, clientId) => createOne(billPay, req.body, kind, clientId)),
		},
		{
			method: 'POST',
			path: `/billpay/bulk-create-${kind}-control-numbers`,
			body: 'json',
			handle: withToken(tokens, (req, clientId) => createMany(billPay, req.body, kind, clientId)),
		},
	];
	return [
		...createRoutes('order'),
		...createRoutes('customer'),
		{
			method: 'PUT',
			path: '/billpay/update-status',
			body: 'json',
			handle: withToken(tokens, (req) => updateStatus(billPay, req.body)),
		},
		{
			method: 'GET',
			path: '/billpay/:billPayNumber',
			body: 'none',
			handle: withToken(tokens, (req) => {
				const record = billPay.get(req.params.billPayNumber);
				return record ? { status: 200, body: detailsView(record) } : messageError(404, NOT_FOUND);
			}),
		},
		{
			method: 'PATCH',
			path: '/billpay/:billPayNumber',
			body: 'json',
			handle: withToken(tokens, (req) => update(billPay, req.params.billPayNumber, req.body)),
		},
	];
}

/**
 * @param {BillPayStore} billPay
 * @param {Record<string, unknown>} body
 * @param {'order' | 'customer'} kind
 * @param {string} clientId
 * @returns {SimResponse}
 */
function createOne(billPay, body, kind, clientId) {
	const errors = billItemErrors(body, kind);
	if (errors.length > 0) return validationError(errors);
	if (typeof body.billReference === 'string' && billPay.has(body.billReference)) return messageError(409, REFERENCE_USED);
	return { status: 200, body: createdView(billPay.create(body, kind, clientId)) };
}

/**
 * Bulk create: 1–50 items; field errors refuse the whole request (400); a used reference (also one
 * used earlier in the same request) fails only its item, reported by 0-based index; 200 even then.
 * @param {BillPayStore} billPay
 * @param {Record<string, unknown>} body
 * @param {'order' | 'customer'} kind
 * @param {string} clientId
 * @returns {SimResponse}
 */
function createMany(billPay, body, kind, clientId) {
	const items = body.controlNumbers;
	if (!Array.isArray(items)) return validationError(['controlNumbers must be an array']);
	if (items.length < 1) return validationError(['controlNumbers must contain at least 1 elements']);
	if (items.length > MAX_BULK_ITEMS) {
		return validationError([`controlNumbers must contain no more than ${MAX_BULK_ITEMS} elements`]);
	}
	const errors = items.flatMap((item, index) => billItemErrors(item, kind, `controlNumbers.${index}.`));
	if (errors.length > 0) return validationError(errors);

	/** @type {string[]} */
	const billPayNumbers = [];
	/** @type {Array<{ index: number, reason: string }>} */
	const failures = [];
	items.forEach((item, index) => {
		if (typeof item.billReference === 'string' && billPay.has(item.billReference)) {
			failures.push({ index, reason: REFERENCE_USED });
			return;
		}
		billPayNumbers.push(billPay.create(item, kind, clientId).billPayNumber);
	});
	/** @type {Record<string, unknown>} */
	const answer = { billPayNumbers, created: billPayNumbers.length, failed: failures.length };
	if (failures.length > 0) answer.errors = failures;
	return { status: 200, body: answer };
}

/**
 * `PATCH /billpay/{billPayNumber}`: only the given fields change.
 * @param {BillPayStore} billPay
 * @param {string} billPayNumber
 * @param {Record<string, any>} patch
 * @returns {SimResponse}
 */
function update(billPay, billPayNumber, patch) {
	const errors = updateErrors(patch);
	if (errors.length > 0) return validationError(errors);
	const record = billPay.get(billPayNumber);
	if (!record) return messageError(404, NOT_FOUND);
	const amount = patch.billAmount ?? record.billAmount;
	const max = patch.billMaxCollectionAmount ?? record.billMaxCollectionAmount;
	if (amount !== null && max !== null && max < amount) {
		return messageError(400, 'billMaxCollectionAmount must be greater than or equal to billAmount');
	}
	if (patch.billMaxCollectionAmount !== undefined && toCents(patch.billMaxCollectionAmount) < record.collectedCents) {
		return messageError(400, `billMaxCollectionAmount cannot be less than the amount already collected (${record.collectedCents / 100})`);
	}
	for (const field of ['billStatus', 'billAmount', 'billDescription', 'billPaymentMode', 'billMaxCollectionAmount']) {
		if (patch[field] !== undefined) /** @type {Record<string, unknown>} */ (record)[field] = patch[field];
	}
	record.updatedAt = new Date().toISOString();
	return { status: 200, body: updatedView(record) };
}

/**
 * `PUT /billpay/update-status` (deprecated in favour of PATCH `{billStatus}`).
 * @param {BillPayStore} billPay
 * @param {Record<string, unknown>} body
 * @returns {SimResponse}
 */
function updateStatus(billPay, body) {
	const { billPayNumber, status } = body;
	if (typeof billPayNumber !== 'string' || billPayNumber === '') return messageError(400, 'billPayNumber is required');
	if (typeof status !== 'string' || !BILL_STATUSES.includes(status)) {
		return validationError([`status must be one of the following values: ${BILL_STATUSES.join(', ')}`]);
	}
	const record = billPay.get(billPayNumber);
	if (!record) return messageError(404, NOT_FOUND);
	record.billStatus = status;
	record.updatedAt = new Date().toISOString();
	return { status: 200, body: { billPayNumber, status } };
}

module.exports = { billPayRoutes, MAX_BULK_ITEMS };
