// @ts-check
'use strict';

const { accountNameFor, lookupPhone } = require('./phone');

// Who the simulated payouts can reach (docs/clickpesa-api.md §4.8–§4.10). Only CRDB BANK PLC /
// CORUTZTZ, the account 0150123456789 "TEMBO SHOP", Equity Bank Tanzania Limited, account 123456789
// "John Doe" and the provider "Vodacom M-Pesa" / 503 come from the provider's documentation; the
// other entries are made up for the simulator (inferred).

/** `GET /list/banks` */
const BANKS = [
	{ name: 'CRDB BANK PLC', bic: 'CORUTZTZ' },
	{ name: 'NMB BANK PLC', bic: 'NMIBTZTZ' },
	{ name: 'Equity Bank Tanzania Limited', bic: 'EQBLTZTZ' },
	{ name: 'NBC BANK LIMITED', bic: 'NLCBTZTX' },
	{ name: 'STANBIC BANK TANZANIA LIMITED', bic: 'SBICTZTX' },
];

/** Accounts `POST /payouts/verify-bank-account` and the bank preview resolve; others are unknown. */
const BANK_ACCOUNTS = [
	{ bic: 'CORUTZTZ', accountNumber: '0150123456789', accountName: 'TEMBO SHOP' },
	{ bic: 'EQBLTZTZ', accountNumber: '123456789', accountName: 'John Doe' },
	{ bic: 'NMIBTZTZ', accountNumber: '20110012345', accountName: 'NEEMA MUSHI' },
	{ bic: 'NLCBTZTX', accountNumber: '011103012345', accountName: 'KILIMO SUPPLIES LTD' },
];

/** `GET /payouts/lipa-namba-providers` */
const LIPA_NAMBA_PROVIDERS = [
	{ name: 'Vodacom M-Pesa', providerCode: '503' },
	{ name: 'Mixx by Yas', providerCode: '504' },
	{ name: 'Airtel Money', providerCode: '505' },
	{ name: 'Halopesa', providerCode: '506' },
];

/** Lipa Namba merchants the simulator knows; any other number is not found (inferred). */
const LIPA_NAMBA_MERCHANTS = [
	{ providerCode: '503', lipaNamba: '5012345', accountName: 'MAMA NTILIE RESTAURANT' },
	{ providerCode: '504', lipaNamba: '6012345', accountName: 'DUKA LA JUMA' },
	{ providerCode: '505', lipaNamba: '7012345', accountName: 'KARIAKOO HARDWARE' },
];

/** TanQR strings carry the TIPS identifier (§4.10). */
const TANQR_MARKER = 'tz.go.bot.tips';

/**
 * Mobile-money payout providers by network; "TIGO PESA" and "MPESA TANZANIA" appear in the
 * provider's samples (§4.8), the others are inferred.
 * @type {Record<string, string>}
 */
const MOBILE_PROVIDERS = {
	'TIGO-PESA': 'TIGO PESA',
	'M-PESA': 'MPESA TANZANIA',
	'AIRTEL-MONEY': 'AIRTEL MONEY',
	HALOPESA: 'HALOPESA',
};

/**
 * The mobile-money recipient of a phone number. Numbers ending in 7777 have no name at the network:
 * the receiver's name falls back to the phone number, as §4.8 says it may.
 * @param {string} phoneNumber
 * @returns {{ channelProvider: string, accountName: string, nameResolved: boolean } | null} null when
 *   ClickPesa cannot pay the number (not a TZ mobile number, or TTCL)
 */
function mobileRecipient(phoneNumber) {
	const phone = lookupPhone(phoneNumber);
	if (!phone?.supported) return null;
	const nameResolved = !phoneNumber.endsWith('7777');
	return {
		channelProvider: MOBILE_PROVIDERS[phone.channel],
		accountName: nameResolved ? accountNameFor(phoneNumber) : phoneNumber,
		nameResolved,
	};
}

/** @param {string} bic */
function bankByBic(bic) {
	return BANKS.find((bank) => bank.bic === bic);
}

/**
 * @param {string} bic
 * @param {string} accountNumber
 * @returns {string | null} the account holder's name; null when the lookup fails
 */
function bankAccountName(bic, accountNumber) {
	return BANK_ACCOUNTS.find((account) => account.bic === bic && account.accountNumber === accountNumber)?.accountName ?? null;
}

/** @param {string} providerCode */
function lipaProvider(providerCode) {
	return LIPA_NAMBA_PROVIDERS.find((provider) => provider.providerCode === providerCode);
}

/**
 * @param {string} providerCode
 * @param {string} lipaNamba
 * @returns {string | null}
 */
function lipaMerchantName(providerCode, lipaNamba) {
	return LIPA_NAMBA_MERCHANTS.find((merchant) => merchant.providerCode === providerCode && merchant.lipaNamba === lipaNamba)?.accountName ?? null;
}

/**
 * Reads EMVCo-style TLV text (2-digit tag, 2-digit length, value).
 * @param {string} text
 * @returns {Map<string, string> | null} null when the text is not well-formed TLV
 */
function parseTlv(text) {
	/** @type {Map<string, string>} */
	const fields = new Map();
	let index = 0;
	while (index < text.length) {
		const header = text.slice(index, index + 4);
		if (!/^\d{4}$/.test(header)) return null;
		const length = Number(header.slice(2));
		const value = text.slice(index + 4, index + 4 + length);
		if (value.length !== length) return null;
		fields.set(header.slice(0, 2), value);
		index += 4 + length;
	}
	return fields;
}

/**
 * A TanQR string as the simulator reads it (inferred layout; §4.10 documents only that it
 * contains `tz.go.bot.tips`): EMVCo TLV text whose merchant-account template (a tag 26–51)
 * starts with the sub-field 00 = `tz.go.bot.tips`, with 01 = provider code and 02 = Lipa Namba,
 * and tag 59 = the merchant name. The CRC (tag 63) is not checked.
 * @param {string} qrCode
 * @returns {{ providerCode: string | null, lipaNamba: string | null, merchantName: string } | null}
 *   null when it is not a TanQR string
 */
function readTanQr(qrCode) {
	if (!qrCode.includes(TANQR_MARKER)) return null;
	const fields = parseTlv(qrCode);
	if (!fields || !fields.has('00')) return null;
	const merchantName = fields.get('59');
	if (!merchantName) return null;
	for (const [tag, value] of fields) {
		const number = Number(tag);
		if (number < 26 || number > 51) continue;
		const template = parseTlv(value);
		if (template?.get('00') !== TANQR_MARKER) continue;
		return { providerCode: template.get('01') ?? null, lipaNamba: template.get('02') ?? null, merchantName };
	}
	return null;
}

/**
 * CRC-16/CCITT-FALSE, as EMVCo QR codes end with.
 * @param {string} text
 * @returns {string} 4 uppercase hex digits
 */
function crc16(text) {
	let crc = 0xffff;
	for (const byte of Buffer.from(text, 'utf8')) {
		crc ^= byte << 8;
		for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
	}
	return crc.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * Builds a TanQR string the simulator accepts (for tests and the README).
 * @param {string} providerCode
 * @param {string} lipaNamba
 * @param {string} merchantName
 * @returns {string}
 */
function buildTanQr(providerCode, lipaNamba, merchantName) {
	const tlv = (/** @type {string} */ tag, /** @type {string} */ value) => `${tag}${String(value.length).padStart(2, '0')}${value}`;
	const template = tlv('00', TANQR_MARKER) + tlv('01', providerCode) + tlv('02', lipaNamba);
	const body = tlv('00', '01') + tlv('01', '11') + tlv('26', template) + tlv('52', '5812') + tlv('53', '834') + tlv('58', 'TZ') + tlv('59', merchantName) + tlv('60', 'DAR ES SALAAM') + '6304';
	return body + crc16(body);
}

module.exports = {
	BANKS,
	BANK_ACCOUNTS,
	LIPA_NAMBA_PROVIDERS,
	LIPA_NAMBA_MERCHANTS,
	mobileRecipient,
	bankByBic,
	bankAccountName,
	lipaProvider,
	lipaMerchantName,
	readTanQr,
	buildTanQr,
};
