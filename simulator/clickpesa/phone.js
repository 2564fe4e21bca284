// @ts-check
'use strict';

/** The four networks ClickPesa pushes USSD prompts to, in the order preview lists them. */
const MOBILE_MONEY_CHANNELS = ['TIGO-PESA', 'M-PESA', 'AIRTEL-MONEY', 'HALOPESA'];

/** Tanzanian mobile prefixes (ClickPesa/tanzanian-phone-validator, docs/clickpesa-api.md §3.2). */
/** @type {Record<string, string>} */
const CHANNEL_BY_PREFIX = {
	65: 'TIGO-PESA',
	67: 'TIGO-PESA',
	71: 'TIGO-PESA',
	77: 'TIGO-PESA',
	70: 'TIGO-PESA',
	74: 'M-PESA',
	75: 'M-PESA',
	76: 'M-PESA',
	79: 'M-PESA',
	66: 'AIRTEL-MONEY',
	68: 'AIRTEL-MONEY',
	69: 'AIRTEL-MONEY',
	78: 'AIRTEL-MONEY',
	61: 'HALOPESA',
	62: 'HALOPESA',
	63: 'HALOPESA',
	73: 'TTCL',
};

const PHONE_PATTERN = /^255(\d{2})\d{7}$/;

/**
 * @param {string} phoneNumber
 * @returns {{ channel: string, supported: boolean } | null} null when not a known TZ mobile number;
 *   `supported` is false for TTCL, which ClickPesa cannot push to
 */
function lookupPhone(phoneNumber) {
	const match = PHONE_PATTERN.exec(phoneNumber);
	const channel = match ? CHANNEL_BY_PREFIX[match[1]] : undefined;
	if (!channel) return null;
	return { channel, supported: MOBILE_MONEY_CHANNELS.includes(channel) };
}

const NAMES = ['Mathayo John', 'Neema Mushi', 'Baraka Mwakyusa', 'Asha Said', 'Juma Hassan', 'Rehema Kimaro'];

/**
 * The account holder's name the network reports; the same number always gives the same name.
 * @param {string} phoneNumber
 * @returns {string}
 */
function accountNameFor(phoneNumber) {
	let sum = 0;
	for (const digit of phoneNumber) sum += Number(digit) || 0;
	return NAMES[sum % NAMES.length];
}

module.exports = { MOBILE_MONEY_CHANNELS, lookupPhone, accountNameFor };
