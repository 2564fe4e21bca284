// @ts-check
'use strict';

const { withToken } = require('./auth');
const { checksumProblem } = require('./checksum');
const { feeCents, fromCents, toCents } = require('./money');
const { linkUrl } = require('./hosted-store');
const { PaymentStore } = require('./payment-store');
const { lookupPhone } = require('./phone');
const { messageError, validationError } = require('./responses');

/** @typedef {import('../types').SimRequest} SimRequest */
/** @typedef {import('../types').SimResponse} SimResponse */
/** @typedef {import('../types').RouteDefinition} RouteDefinition */

const ORDER_REFERENCE_PATTERN = /^[A-Za-z0-9]+$/;
const AMOUNT_PATTERN = /^\d+(\.\d{1,2})?$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const INVALID_REFERENCE = 'Invalid Order Reference, should only contain alphanumeric characters and cannot be blank';
/** Inferred wording: §1.4 says card payments need approved KYC, not how the refusal reads. */
const KYC_REFUSAL = 'Card payments are not available for this merchant: KYC verification is not approved yet';
/** Card method names are SDK-only (§4.3). */
const CARD_METHODS = ['VISA', 'MASTER CARD'];

/**
 * @typedef {object} HostedLinkDeps
 * @property {import('../types').ProviderContext} ctx
 * @property {import('../token-store').TokenStore} tokens
 * @property {PaymentStore} payments
 * @property {import('./payout-store').PayoutStore} payouts
 * @property {import('./hosted-store').HostedLinkStore} links
 */

/**
 * The link endpoints: hosted checkout (§4.12), hosted payout (§4.13), card preview and initiate
 * (§4.3, §4.4). Each answers a link to a page this simulator serves (hosted-pages.js).
 * @param {HostedLinkDeps} deps
 * @returns {RouteDefinition[]}
 */
function hostedLinkRoutes(deps) {
	/** @type {(path: string, handler: (deps: HostedLinkDeps, req: SimRequest, clientId: string) => SimResponse) => RouteDefinition} */
	const post = (path, handler) => ({ method: 'POST', path, body: 'json', handle: withToken(deps.tokens, (req, clientId) => handler(deps, req, clientId)) });
	return [
		post('/checkout-link/generate-checkout-url', generateCheckoutUrl),
		post('/payout-link/generate-payout-url', generatePayoutUrl),
		post('/payments/preview-card-payment', (d, req) => cardPayment(d, req, null)),
		post('/payments/initiate-card-payment', (d, req, clientId) => cardPayment(d, req, clientId)),
	];
}

/**
 * @param {unknown} value
 * @returns {boolean}
 */
const given = (value) => value !== undefined && value !== null;

/**
 * @param {string[]} errors
 * @param {Record<string, unknown>} body
 * @param {string[]} names optional string fields
 */
function optionalStrings(errors, body, names) {
	for (const name of names) if (given(body[name]) && typeof body[name] !== 'string') errors.push(`${name} must be a string`);
}

/**
 * @param {HostedLinkDeps} deps
 * @param {Record<string, unknown>} body
 * @returns {SimResponse | null}
 */
function checksumError(deps, body) {
	const { checksumKey } = deps.ctx.config().clickpesa;
	const problem = checksumKey ? checksumProblem(checksumKey, body) : null;
	return problem ? messageError(400, problem) : null;
}

/**
 * `POST /checkout-link/generate-checkout-url` (§4.12). Checks, in order: field types (NestJS shape),
 * checksum, order reference (required, format, reuse: one namespace with payments), then the
 * amount: `orderItems` (each needs name, price as a numeric string, quantity as a positive integer)
 * or else `totalPrice`. Both given and disagreeing → 400 (inferred: the sheet does not say which wins).
 * @param {HostedLinkDeps} deps
 * @param {SimRequest} req
 * @param {string} clientId
 * @returns {SimResponse}
 */
function generateCheckoutUrl(deps, req, clientId) {
	const body = req.body;
	/** @type {string[]} */
	const errors = [];
	if (body.orderCurrency !== 'TZS' && body.orderCurrency !== 'USD') errors.push('orderCurrency must be one of the following values: TZS, USD');
	optionalStrings(errors, body, ['orderReference', 'totalPrice', 'customerName', 'customerEmail', 'customerPhone', 'description', 'callbackUrl', 'checksum', 'checksumMethod']);
	if (given(body.orderItems) && !Array.isArray(body.orderItems)) errors.push('orderItems must be an array');
	if (typeof body.customerEmail === 'string' && body.customerEmail !== '' && !EMAIL_PATTERN.test(body.customerEmail)) {
		errors.push('customerEmail must be an email');
	}
	if (typeof body.callbackUrl === 'string' && body.callbackUrl !== '' && !isHttpUrl(body.callbackUrl)) errors.push('callbackUrl must be a URL address');
	if (errors.length > 0) return validationError(errors);
	const checksum = checksumError(deps, body);
	if (checksum) return checksum;

	const orderReference = body.orderReference;
	if (!orderReference) return messageError(400, 'Order reference is required');
	if (!ORDER_REFERENCE_PATTERN.test(orderReference)) return messageError(400, INVALID_REFERENCE);
	if (deps.payments.has(orderReference)) return referenceUsed(orderReference);

	/** @type {Array<{ name: string, price: string, quantity: number }> | null} */
	let items = null;
	let totalCents;
	if (Array.isArray(body.orderItems) && body.orderItems.length > 0) {
		/** @type {any[]} */
		const list = body.orderItems;
		if (!list.every((item) => item && typeof item.name === 'string' && item.name.trim() !== '')) return messageError(400, 'All items must have a name');
		if (!list.every((item) => typeof item.price === 'string' && AMOUNT_PATTERN.test(item.price) && Number(item.price) > 0)) {
			return messageError(400, 'All items must have a price');
		}
		if (!list.every((item) => Number.isInteger(item.quantity) && item.quantity > 0)) return messageError(400, 'All items must have a quantity');
		items = list.map((item) => ({ name: item.name, price: item.price, quantity: item.quantity }));
		totalCents = items.reduce((sum, item) => sum + toCents(Number(item.price)) * item.quantity, 0);
		if (given(body.totalPrice) && body.totalPrice !== '' && toCents(Number(body.totalPrice)) !== totalCents) {
			return messageError(400, 'Total Price does not match the order items');
		}
	} else {
		if (!body.totalPrice) return messageError(400, 'Total Price is required');
		if (!AMOUNT_PATTERN.test(body.totalPrice) || !(Number(body.totalPrice) > 0)) return messageError(400, 'Total Price must be a positive amount');
		totalCents = toCents(Number(body.totalPrice));
	}
	if (body.customerPhone && !lookupPhone(body.customerPhone)) return messageError(400, 'Invalid / unsupported phone number');

	deps.payments.reserve(orderReference);
	const link = deps.links.add({
		kind: 'checkout',
		orderReference,
		currency: body.orderCurrency,
		amountCents: totalCents,
		items,
		customer: { name: body.customerName || null, email: body.customerEmail || null, phone: body.customerPhone || null, id: null },
		description: body.description || null,
		callbackUrl: body.callbackUrl || null,
		clientId,
	});
	return { status: 200, body: { checkoutLink: linkUrl(link, deps.ctx.publicUrl()), clientId } };
}

/**
 * `POST /payout-link/generate-payout-url` (§4.13): `amount` (a numeric string: the TZS the
 * recipient is to get, inferred) and `orderReference`, in the payout namespace. The balance is
 * checked when the recipient confirms, not here (inferred).
 * @param {HostedLinkDeps} deps
 * @param {SimRequest} req
 * @param {string} clientId
 * @returns {SimResponse}
 */
function generatePayoutUrl(deps, req, clientId) {
	const body = req.body;
	/** @type {string[]} */
	const errors = [];
	if (typeof body.amount !== 'string') errors.push('amount must be a string');
	else if (!AMOUNT_PATTERN.test(body.amount) || !(Number(body.amount) > 0)) errors.push('amount must be a positive number string');
	optionalStrings(errors, body, ['orderReference', 'checksum', 'checksumMethod']);
	if (errors.length > 0) return validationError(errors);
	const checksum = checksumError(deps, body);
	if (checksum) return checksum;
	const orderReference = body.orderReference;
	if (!orderReference || !ORDER_REFERENCE_PATTERN.test(orderReference)) return messageError(400, INVALID_REFERENCE);
	if (deps.payouts.has(orderReference)) return referenceUsed(orderReference);
	deps.payouts.reserve(orderReference);
	const link = deps.links.add({
		kind: 'payout',
		orderReference,
		currency: 'TZS',
		amountCents: toCents(Number(body.amount)),
		items: null,
		customer: { name: null, email: null, phone: null, id: null },
		description: null,
		callbackUrl: null,
		clientId,
	});
	return { status: 200, body: { payoutLink: linkUrl(link, deps.ctx.publicUrl()), clientId } };
}

/**
 * Card preview (`clientId` null) and initiate (§4.3, §4.4). Checks: field types, checksum, KYC
 * (`kycApproved`), reference format and reuse, then (initiate) the customer: `{id}` or all three
 * of `fullName`, `email`, `phoneNumber`. Initiate records a PENDING payment (channel `CARD`,
 * inferred) that the card page completes, and answers `cardPaymentLink`.
 * @param {HostedLinkDeps} deps
 * @param {SimRequest} req
 * @param {string | null} clientId
 * @returns {SimResponse}
 */
function cardPayment(deps, req, clientId) {
	const initiate = clientId !== null;
	const body = req.body;
	/** @type {string[]} */
	const errors = [];
	if (typeof body.amount !== 'string') errors.push('amount must be a string');
	else if (!AMOUNT_PATTERN.test(body.amount) || !(Number(body.amount) > 0)) errors.push('amount must be a positive number string');
	if (body.currency !== 'USD') errors.push('currency must be one of the following values: USD');
	optionalStrings(errors, body, ['orderReference', 'checksum', 'checksumMethod']);
	if (initiate) errors.push(...customerErrors(body.customer));
	if (errors.length > 0) return validationError(errors);
	const checksum = checksumError(deps, body);
	if (checksum) return checksum;
	const config = deps.ctx.config().clickpesa;
	if (!config.kycApproved) return messageError(400, KYC_REFUSAL);
	const orderReference = body.orderReference;
	if (!orderReference || !ORDER_REFERENCE_PATTERN.test(orderReference)) return messageError(400, INVALID_REFERENCE);
	if (deps.payments.has(orderReference)) return referenceUsed(orderReference);

	const amountCents = toCents(Number(body.amount));
	if (!initiate) {
		const fee = fromCents(feeCents(amountCents, config.collectionFee));
		return { status: 200, body: { activeMethods: CARD_METHODS.map((name) => ({ name, status: 'AVAILABLE', fee })) } };
	}
	const customer = body.customer;
	const now = new Date().toISOString();
	/** @type {import('./payment-store').PaymentRecord} */
	const record = {
		id: PaymentStore.newId(orderReference),
		orderReference,
		status: 'PENDING',
		channel: 'CARD',
		amount: body.amount,
		currency: 'USD',
		phoneNumber: null,
		paymentReference: null,
		message: null,
		customerName: customer.fullName ?? null,
		customerEmail: customer.email ?? null,
		customerPhone: customer.phoneNumber ?? null,
		clientId,
		createdAt: now,
		updatedAt: now,
	};
	deps.payments.add(record);
	const link = deps.links.add({
		kind: 'card',
		orderReference,
		currency: 'USD',
		amountCents,
		items: null,
		customer: { name: customer.fullName ?? null, email: customer.email ?? null, phone: customer.phoneNumber ?? null, id: customer.id ?? null },
		description: null,
		callbackUrl: null,
		clientId,
	});
	return { status: 200, body: { cardPaymentLink: linkUrl(link, deps.ctx.publicUrl()), clientId } };
}

/**
 * §4.4: `customer` is `{id}` or `{fullName, email, phoneNumber}` (all three). The simulator keeps
 * no customer directory, so any non-empty id is accepted; a phone number is 9–15 digits with an
 * optional `+` (the sheet gives no format for card customers).
 * @param {unknown} customer
 * @returns {string[]}
 */
function customerErrors(customer) {
	if (customer === null || typeof customer !== 'object' || Array.isArray(customer)) return ['customer must be an object'];
	const fields = /** @type {Record<string, unknown>} */ (customer);
	if (given(fields.id)) return typeof fields.id === 'string' && fields.id.trim() !== '' ? [] : ['customer.id must be a non-empty string'];
	/** @type {string[]} */
	const errors = [];
	for (const name of ['fullName', 'email', 'phoneNumber']) {
		if (typeof fields[name] !== 'string' || String(fields[name]).trim() === '') errors.push(`customer.${name} should not be empty`);
	}
	if (typeof fields.email === 'string' && fields.email !== '' && !EMAIL_PATTERN.test(fields.email)) errors.push('customer.email must be an email');
	if (typeof fields.phoneNumber === 'string' && fields.phoneNumber !== '' && !/^\+?\d{9,15}$/.test(fields.phoneNumber)) {
		errors.push('customer.phoneNumber must be a valid phone number');
	}
	return errors;
}

/** @param {string} orderReference */
function referenceUsed(orderReference) {
	return messageError(409, `Order reference ${orderReference} already used: Create a different reference`);
}

/** @param {string} text */
function isHttpUrl(text) {
	try {
		const { protocol } = new URL(text);
		return protocol === 'http:' || protocol === 'https:';
	} catch {
		return false;
	}
}

module.exports = { hostedLinkRoutes, KYC_REFUSAL };
