// @ts-check
'use strict';

const { withToken } = require('./auth');
const { checksumProblem } = require('./checksum');
const { MOBILE_MONEY_CHANNELS, lookupPhone, accountNameFor } = require('./phone');
const { feeCents, fromCents, toCents } = require('./money');
const { PaymentStore } = require('./payment-store');
const { initiateView } = require('./payment-views');
const { messageError, validationError } = require('./responses');

/** @typedef {import('../types').SimRequest} SimRequest */
/** @typedef {import('../types').SimResponse} SimResponse */
/** @typedef {import('../types').RouteDefinition} RouteDefinition */

const ORDER_REFERENCE_PATTERN = /^[A-Za-z0-9]+$/;
const AMOUNT_PATTERN = /^\d+(\.\d+)?$/;

/**
 * @typedef {object} UssdPushDeps
 * @property {import('../types').ProviderContext} ctx
 * @property {import('../token-store').TokenStore} tokens
 * @property {PaymentStore} payments
 * @property {import('./customer').CustomerSimulation} customer
 */

/**
 * @param {UssdPushDeps} deps
 * @returns {RouteDefinition[]}
 */
function ussdPushRoutes(deps) {
	return [
		{
			method: 'POST',
			path: '/payments/preview-ussd-push-request',
			body: 'json',
			handle: withToken(deps.tokens, (req) => preview(deps, req)),
		},
		{
			method: 'POST',
			path: '/payments/initiate-ussd-push-request',
			body: 'json',
			handle: withToken(deps.tokens, (req, clientId) => initiate(deps, req, clientId)),
		},
	];
}

/**
 * The checks both endpoints share (docs/clickpesa-api.md §4.1, §4.2, §3, §6), in the order the
 * answers take precedence: field types (all field errors at once, NestJS style), checksum,
 * reference format, reference reuse, phone number.
 * @param {UssdPushDeps} deps
 * @param {Record<string, unknown>} body
 * @param {{ phoneRequired: boolean }} options
 * @returns {{ error: SimResponse } | { phone: { channel: string, supported: boolean } | null }}
 */
function validateUssdBody(deps, body, options) {
	const fieldErrors = fieldTypeErrors(body, options);
	if (fieldErrors.length > 0) return { error: validationError(fieldErrors) };

	const { checksumKey } = deps.ctx.config().clickpesa;
	if (checksumKey) {
		const problem = checksumProblem(checksumKey, body);
		if (problem) return { error: messageError(400, problem) };
	}

	const orderReference = body.orderReference;
	if (typeof orderReference !== 'string' || !ORDER_REFERENCE_PATTERN.test(orderReference)) {
		return {
			error: messageError(400, 'Invalid Order Reference, should only contain alphanumeric characters and cannot be blank'),
		};
	}
	if (deps.payments.has(orderReference)) {
		return { error: messageError(409, `Order reference ${orderReference} already used: Create a different reference`) };
	}

	const phoneNumber = body.phoneNumber;
	if (phoneNumber === undefined || phoneNumber === null || (phoneNumber === '' && !options.phoneRequired)) {
		return { phone: null };
	}
	const phone = lookupPhone(/** @type {string} */ (phoneNumber));
	if (!phone) return { error: messageError(400, 'Invalid / unsupported phone number') };
	return { phone };
}

/**
 * What a NestJS ValidationPipe would reject, with class-validator's default messages.
 * @param {Record<string, unknown>} body
 * @param {{ phoneRequired: boolean }} options
 * @returns {string[]}
 */
function fieldTypeErrors(body, options) {
	/** @type {string[]} */
	const errors = [];
	const { amount, currency, orderReference, phoneNumber, fetchSenderDetails, checksum, checksumMethod } = body;
	if (typeof amount !== 'string') errors.push('amount must be a string');
	else if (!AMOUNT_PATTERN.test(amount)) errors.push('amount must be a number string');
	else if (!(Number(amount) > 0)) errors.push('amount must be a positive number');
	if (currency !== 'TZS') errors.push('currency must be one of the following values: TZS');
	if (orderReference !== undefined && orderReference !== null && typeof orderReference !== 'string') {
		errors.push('orderReference must be a string');
	}
	const phoneGiven = phoneNumber !== undefined && phoneNumber !== null;
	if ((phoneGiven || options.phoneRequired) && typeof phoneNumber !== 'string') {
		errors.push('phoneNumber must be a string');
	}
	if (fetchSenderDetails !== undefined && typeof fetchSenderDetails !== 'boolean') {
		errors.push('fetchSenderDetails must be a boolean value');
	}
	if (checksum !== undefined && checksum !== null && typeof checksum !== 'string') errors.push('checksum must be a string');
	if (checksumMethod !== undefined && typeof checksumMethod !== 'string') errors.push('checksumMethod must be a string');
	return errors;
}

/**
 * `POST /payments/preview-ussd-push-request` (§4.1). With a phone number, only its own network is
 * AVAILABLE.
 * @param {UssdPushDeps} deps
 * @param {SimRequest} req
 * @returns {SimResponse}
 */
function preview(deps, req) {
	const body = req.body;
	const checked = validateUssdBody(deps, body, { phoneRequired: false });
	if ('error' in checked) return checked.error;
	const { phone } = checked;
	// The fee every network quotes is `collectionFee`, the one the ledger charges on success.
	const fee = fromCents(feeCents(toCents(Number(body.amount)), deps.ctx.config().clickpesa.collectionFee));
	const activeMethods = MOBILE_MONEY_CHANNELS.map((name) =>
		!phone || phone.channel === name
			? { name, status: 'AVAILABLE', fee }
			: { name, status: 'UNAVAILABLE', message: `${name} is not available for this phone number` },
	);
	/** @type {Record<string, unknown>} */
	const answer = { activeMethods };
	if (body.fetchSenderDetails === true && phone) {
		answer.sender = {
			accountName: accountNameFor(body.phoneNumber),
			accountNumber: body.phoneNumber,
			accountProvider: phone.channel,
		};
	}
	return { status: 200, body: answer };
}

/**
 * `POST /payments/initiate-ussd-push-request` (§4.2): creates a PROCESSING collection and sends the
 * simulated customer the prompt.
 * @param {UssdPushDeps} deps
 * @param {SimRequest} req
 * @param {string} clientId
 * @returns {SimResponse}
 */
function initiate(deps, req, clientId) {
	const body = req.body;
	const checked = validateUssdBody(deps, body, { phoneRequired: true });
	if ('error' in checked) return checked.error;
	if (!checked.phone?.supported) return messageError(400, 'Invalid / unsupported phone number');
	const now = new Date().toISOString();
	/** @type {import('./payment-store').PaymentRecord} */
	const record = {
		id: PaymentStore.newId(body.orderReference),
		orderReference: body.orderReference,
		status: 'PROCESSING',
		channel: checked.phone.channel,
		amount: body.amount,
		currency: 'TZS',
		phoneNumber: body.phoneNumber,
		paymentReference: null,
		message: null,
		customerName: null,
		clientId,
		createdAt: now,
		updatedAt: now,
	};
	deps.payments.add(record);
	deps.customer.promptSent(record);
	return { status: 200, body: initiateView(record) };
}

module.exports = { ussdPushRoutes };
