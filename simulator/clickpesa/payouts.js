// @ts-check
'use strict';

const { withToken } = require('./auth');
const { checksumProblem } = require('./checksum');
const { exchangeRate } = require('./exchange');
const { feeCents, fromCents, toCents } = require('./money');
const {
	BANKS,
	LIPA_NAMBA_PROVIDERS,
	bankAccountName,
	bankByBic,
	lipaMerchantName,
	lipaProvider,
	mobileRecipient,
	readTanQr,
} = require('./payout-directory');
const { payoutFieldErrors, verifyFieldErrors } = require('./payout-fields');
const { createView } = require('./payout-views');
const { messageError, validationError } = require('./responses');

/** @typedef {import('../types').SimRequest} SimRequest */
/** @typedef {import('../types').SimResponse} SimResponse */
/** @typedef {import('../types').RouteDefinition} RouteDefinition */
/** @typedef {import('./payout-fields').PayoutKind} PayoutKind */
/** @typedef {import('./payout-store').PayoutRecord} PayoutRecord */

const ORDER_REFERENCE_PATTERN = /^[A-Za-z0-9]+$/;
/**
 * Since Aug 2026 ClickPesa picks the transfer type: TZS up to 20,000,000 → ACH, above → RTGS,
 * USD → RTGS (docs/clickpesa-api.md §4.9).
 */
const ACH_LIMIT_CENTS = 20_000_000_00;
const UNSUPPORTED_PROVIDER = 'Unsupported channel provider';
/** Inferred wording: the documentation states the rule ("exactly one of"), not the message. */
const LIPA_TARGET_RULE = 'Provide either lipaNamba and providerCode, or qrCode (exactly one of them)';

/**
 * @typedef {object} PayoutDeps
 * @property {import('../types').ProviderContext} ctx
 * @property {import('../token-store').TokenStore} tokens
 * @property {import('./payout-store').PayoutStore} payouts
 * @property {import('./payout-store').PayoutCooldown} cooldown
 * @property {import('./ledger').Ledger} ledger
 * @property {import('./payout-lifecycle').PayoutLifecycle} lifecycle
 */

/**
 * Who a payout goes to, as the channel resolves it.
 * @typedef {object} Recipient
 * @property {PayoutRecord['channel']} channel
 * @property {string} channelProvider
 * @property {string} accountNumber
 * @property {string | null} lookedUpName the name the provider reports; null when the lookup failed
 * @property {string} beneficiaryName what the payout record keeps as accountName
 * @property {Record<string, string>} extraBeneficiary e.g. swiftNumber for banks
 * @property {boolean} bank
 */

/**
 * Payouts (docs/clickpesa-api.md §4.8 mobile money, §4.9 bank, §4.10 Lipa Namba / TanQR): the
 * lookups, and preview + create for each channel.
 * @param {PayoutDeps} deps
 * @returns {RouteDefinition[]}
 */
function payoutRoutes(deps) {
	/** @type {(kind: PayoutKind, name: string) => RouteDefinition[]} */
	const pair = (kind, name) => [
		{
			method: 'POST',
			path: `/payouts/preview-${name}-payout`,
			body: 'json',
			handle: withToken(deps.tokens, (req, clientId) => payoutRequest(deps, req, clientId, kind, false)),
		},
		{
			method: 'POST',
			path: `/payouts/create-${name}-payout`,
			body: 'json',
			handle: withToken(deps.tokens, (req, clientId) => payoutRequest(deps, req, clientId, kind, true)),
		},
	];
	return [
		...pair('mobile', 'mobile-money'),
		...pair('bank', 'bank'),
		...pair('lipa', 'lipa-namba'),
		{
			method: 'GET',
			path: '/list/banks',
			body: 'none',
			handle: withToken(deps.tokens, () => ({ status: 200, body: BANKS.map((bank) => ({ ...bank })) })),
		},
		{
			method: 'POST',
			path: '/payouts/verify-bank-account',
			body: 'json',
			// Not in the list of checksummed endpoints (§6.1): a checksum is tolerated, not required.
			handle: withToken(deps.tokens, (req) => {
				const errors = verifyFieldErrors(req.body);
				if (errors.length > 0) return validationError(errors);
				const accountName = bankAccountName(req.body.bic, req.body.accountNumber);
				return accountName === null ? messageError(404, 'Account not found') : { status: 200, body: { accountName } };
			}),
		},
		{
			method: 'GET',
			path: '/payouts/lipa-namba-providers',
			body: 'none',
			handle: withToken(deps.tokens, () => ({ status: 200, body: LIPA_NAMBA_PROVIDERS.map((provider) => ({ ...provider })) })),
		},
	];
}

/**
 * Preview or create, in the order the answers take precedence: field types, checksum, reference
 * format, reference reuse (409, previews too), cooldown (creates only), recipient, balance.
 * (The relative order of the last four is inferred.)
 * @param {PayoutDeps} deps
 * @param {SimRequest} req
 * @param {string} clientId
 * @param {PayoutKind} kind
 * @param {boolean} create
 * @returns {SimResponse}
 */
function payoutRequest(deps, req, clientId, kind, create) {
	const body = req.body;
	const fieldErrors = payoutFieldErrors(body, kind, { create });
	if (fieldErrors.length > 0) return validationError(fieldErrors);
	const config = deps.ctx.config().clickpesa;
	if (config.checksumKey) {
		const problem = checksumProblem(config.checksumKey, body);
		if (problem) return messageError(400, problem);
	}
	const orderReference = body.orderReference;
	if (!ORDER_REFERENCE_PATTERN.test(orderReference)) {
		return messageError(400, 'Invalid Order Reference, should only contain alphanumeric characters and cannot be blank');
	}
	if (deps.payouts.has(orderReference)) {
		return messageError(409, `Order reference ${orderReference} already used: Create a different reference`);
	}
	if (create) {
		const waitMs = deps.cooldown.remainingMs();
		if (waitMs > 0) {
			return messageError(400, `Payout request is already in progress, please retry after ${Math.ceil(waitMs / 1000)} seconds`);
		}
	}
	const recipient = resolveRecipient(kind, body);
	if ('error' in recipient) return recipient.error;
	const orderAmountCents = toCents(body.amount);
	const quote = quotePayout(config, deps.ledger, orderAmountCents, body.currency);
	if ('error' in quote) return quote.error;

	const transferType = recipient.bank ? appliedTransferType(body.currency, orderAmountCents) : null;
	const estimatedArrival = transferType === null ? null : transferType === 'RTGS' ? 'Instant' : '1-3 Working Days';
	if (!create) return { status: 200, body: previewView(body, config.payoutFeeBearer, recipient, quote, transferType, estimatedArrival) };

	const now = new Date().toISOString();
	/** @type {PayoutRecord} */
	const record = {
		id: deps.payouts.newId(),
		orderReference,
		status: 'AUTHORIZED',
		channel: recipient.channel,
		channelProvider: recipient.channelProvider,
		transferType,
		estimatedArrival,
		currency: body.currency,
		amountCents: quote.debitCents,
		feeCents: quote.feeCents,
		orderAmountCents,
		exchanged: quote.exchange !== null,
		exchange: quote.exchange,
		beneficiary: { accountNumber: recipient.accountNumber, accountName: recipient.beneficiaryName, ...recipient.extraBeneficiary },
		clientId,
		createdAt: now,
		updatedAt: now,
		refund: null,
		reverse: null,
	};
	deps.payouts.add(record);
	bookPayout(deps.ledger, record);
	deps.cooldown.set(config.payoutCooldownMs);
	deps.lifecycle.created(record);
	return { status: 200, body: createView(record) };
}

/**
 * @param {PayoutKind} kind
 * @param {Record<string, any>} body
 * @returns {Recipient | { error: SimResponse }}
 */
function resolveRecipient(kind, body) {
	if (kind === 'mobile') {
		const found = mobileRecipient(body.phoneNumber);
		if (!found) return { error: messageError(400, 'Invalid / unsupported phone number') };
		return {
			channel: 'MOBILE MONEY',
			channelProvider: found.channelProvider,
			accountNumber: body.phoneNumber,
			lookedUpName: found.accountName,
			beneficiaryName: found.accountName,
			extraBeneficiary: {},
			bank: false,
		};
	}
	if (kind === 'bank') {
		const bank = bankByBic(body.bic);
		if (!bank) return { error: messageError(400, UNSUPPORTED_PROVIDER) };
		const lookedUpName = bankAccountName(body.bic, body.accountNumber);
		return {
			channel: 'BANK TRANSFER',
			channelProvider: bank.name,
			accountNumber: body.accountNumber,
			lookedUpName,
			// Create requires accountName; the record keeps what the merchant sent.
			beneficiaryName: body.accountName ?? lookedUpName ?? '',
			extraBeneficiary: { swiftNumber: bank.bic },
			bank: true,
		};
	}
	return resolveLipaNamba(body);
}

/**
 * Exactly one of `lipaNamba` + `providerCode`, or `qrCode` (§4.10). Unknown Lipa Namba numbers
 * answer 404 (inferred); a QR string that is not TanQR answers 400 (inferred wording).
 * @param {Record<string, any>} body
 * @returns {Recipient | { error: SimResponse }}
 */
function resolveLipaNamba(body) {
	const given = (/** @type {string} */ name) => body[name] !== undefined && body[name] !== null && body[name] !== '';
	const byNumber = given('lipaNamba') || given('providerCode');
	if (byNumber === given('qrCode')) return { error: messageError(400, LIPA_TARGET_RULE) };
	if (byNumber && !(given('lipaNamba') && given('providerCode'))) return { error: messageError(400, LIPA_TARGET_RULE) };

	let providerCode = body.providerCode;
	let lipaNamba = body.lipaNamba;
	/** @type {string | null} */
	let name = null;
	if (!byNumber) {
		const qr = readTanQr(body.qrCode);
		if (!qr) return { error: messageError(400, 'Invalid TanQR code') };
		providerCode = qr.providerCode;
		lipaNamba = qr.lipaNamba;
		name = qr.merchantName;
	}
	const provider = providerCode ? lipaProvider(providerCode) : undefined;
	if (byNumber && !provider) return { error: messageError(400, UNSUPPORTED_PROVIDER) };
	const registered = provider && lipaNamba ? lipaMerchantName(provider.providerCode, lipaNamba) : null;
	if (byNumber && registered === null) return { error: messageError(404, `Lipa Namba ${lipaNamba} not found`) };
	const accountName = registered ?? /** @type {string} */ (name);
	return {
		channel: 'TIPS LIPA NAMBA',
		channelProvider: provider ? provider.name : 'TIPS',
		accountNumber: lipaNamba ?? '',
		lookedUpName: accountName,
		beneficiaryName: accountName,
		extraBeneficiary: {},
		bank: false,
	};
}

/**
 * @typedef {object} Quote
 * @property {number} debitCents total taken from the balance, in its currency
 * @property {number} feeCents the fee, in the balance's currency
 * @property {number} receiverCents TZS the recipient gets
 * @property {number} balanceCents the balance before the payout
 * @property {{ sourceCurrency: string, targetCurrency: string, sourceAmount: number, rate: number } | null} exchange
 */

/**
 * What a payout costs. `amount` is the TZS the recipient should get (§3.4: "the recipient always
 * receives TZS"); the fee (`payoutFee`) is computed on it and carried per `payoutFeeBearer`:
 * merchant (debit amount + fee), customer (recipient gets amount − fee), both (half each, the
 * merchant's half rounded up). From a USD balance the TZS total is converted at the configured
 * USD→TZS rate, rounded up to the cent. (The split and the conversion are inferred.)
 * @param {import('../types').ClickPesaConfig} config
 * @param {import('./ledger').Ledger} ledger
 * @param {number} amountCents TZS
 * @param {string} currency TZS | USD
 * @returns {Quote | { error: SimResponse }}
 */
function quotePayout(config, ledger, amountCents, currency) {
	const fee = feeCents(amountCents, config.payoutFee);
	const customerShare = config.payoutFeeBearer === 'merchant' ? 0 : config.payoutFeeBearer === 'customer' ? fee : Math.floor(fee / 2);
	const merchantShare = fee - customerShare;
	const receiverCents = amountCents - customerShare;
	if (receiverCents <= 0) return { error: messageError(400, `Amount is too small to cover the payout fee of ${fromCents(fee)} TZS`) };
	let debitCents = amountCents + merchantShare;
	let feeInSource = fee;
	/** @type {Quote['exchange']} */
	let exchange = null;
	if (currency !== 'TZS') {
		const rate = exchangeRate(config, currency, 'TZS');
		if (rate === null) return { error: messageError(400, `Exchange rate ${currency} to TZS is not available`) };
		const convert = (/** @type {number} */ cents) => Math.ceil(Math.round((cents / rate) * 1e6) / 1e6);
		debitCents = convert(debitCents);
		feeInSource = Math.min(convert(fee), debitCents);
		exchange = { sourceCurrency: currency, targetCurrency: 'TZS', sourceAmount: fromCents(debitCents), rate };
	}
	const balanceCents = ledger.balanceCents(currency) ?? 0;
	if (debitCents > balanceCents) {
		return { error: messageError(400, `Insufficient balance: available balance is ${fromCents(balanceCents)} ${currency}`) };
	}
	return { debitCents, feeCents: feeInSource, receiverCents, balanceCents, exchange };
}

/**
 * @param {string} currency
 * @param {number} amountCents TZS
 * @returns {'ACH' | 'RTGS'}
 */
function appliedTransferType(currency, amountCents) {
	return currency === 'TZS' && amountCents <= ACH_LIMIT_CENTS ? 'ACH' : 'RTGS';
}

/**
 * The preview answer (§4.8 shape; bank adds nameLookupStatus, transferType, estimatedArrival and
 * omits receiver.accountName when the lookup failed, §4.9; Lipa Namba uses the §4.8 shape, inferred).
 * @param {Record<string, any>} body
 * @param {string} feeBearer
 * @param {Recipient} recipient
 * @param {Quote} quote
 * @param {string | null} transferType
 * @param {string | null} estimatedArrival
 */
function previewView(body, feeBearer, recipient, quote, transferType, estimatedArrival) {
	/** @type {Record<string, unknown>} */
	const receiver = {};
	if (recipient.lookedUpName !== null) receiver.accountName = recipient.lookedUpName;
	Object.assign(receiver, { accountNumber: recipient.accountNumber, accountCurrency: 'TZS', amount: fromCents(quote.receiverCents) });
	/** @type {Record<string, unknown>} */
	const view = {
		amount: fromCents(quote.debitCents),
		balance: fromCents(quote.balanceCents),
		channelProvider: recipient.channelProvider,
		fee: fromCents(quote.feeCents),
		exchanged: quote.exchange !== null,
	};
	if (quote.exchange) view.exchange = { ...quote.exchange };
	view.order = { amount: body.amount, currency: 'TZS', id: body.orderReference };
	view.payoutFeeBearer = feeBearer;
	view.receiver = receiver;
	if (recipient.bank) {
		view.nameLookupStatus = recipient.lookedUpName === null ? 'UNAVAILABLE' : 'RESOLVED';
		view.transferType = transferType;
		view.estimatedArrival = estimatedArrival;
	}
	return view;
}

/**
 * The debit of an accepted payout: `Fee - Payout` is the whole fee, `Payout` the rest of the debit
 * (with the customer or both bearing the fee, part of the fee comes out of the amount sent).
 * @param {import('./ledger').Ledger} ledger
 * @param {PayoutRecord} record
 */
function bookPayout(ledger, record) {
	const common = { id: record.id, currency: record.currency, orderReference: record.orderReference };
	const principal = record.amountCents - record.feeCents;
	ledger.debit({ ...common, type: 'Payout', amountCents: principal, description: `Payout ${record.orderReference} to ${record.beneficiary.accountNumber} via ${record.channelProvider}` });
	if (record.feeCents > 0) {
		ledger.debit({ ...common, type: 'Fee - Payout', amountCents: record.feeCents, description: `Fee for payout ${record.orderReference}` });
	}
}

module.exports = { payoutRoutes, quotePayout, resolveRecipient, bookPayout, appliedTransferType };
