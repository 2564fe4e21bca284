// @ts-check
'use strict';

const { SimulatorError } = require('./errors');

/** @typedef {import('./types').SimulatorConfig} SimulatorConfig */

/** @returns {SimulatorConfig} */
function defaultConfig() {
	return {
		latencyMs: 0,
		clickpesa: {
			clients: [{ clientId: 'SIMCLIENTID', apiKey: 'sim-api-key' }],
			checksumKey: null,
			tokenTtlMs: 3_600_000,
			rateLimitPerMinute: 120,
			webhookUrl: null,
			customerDelayMs: 3000,
			maxPageSize: 100,
			collectionFee: { percent: 2.9, minimum: 0 },
			billPayFee: { percent: 0, minimum: 0 },
			payoutFee: { percent: 1.5, minimum: 300 },
			payoutFeeBearer: 'merchant',
			payoutCooldownMs: 60_000,
			payoutDelayMs: 3000,
			exchangeRates: [
				{ source: 'USD', target: 'TZS', rate: 2500 },
				{ source: 'TZS', target: 'USD', rate: 0.0004 },
			],
			startingBalance: {},
			returnUrl: null,
			kycApproved: true,
		},
		clik2pay: {
			clients: [{ username: 'sim-user', password: 'sim-pass', apiKey: 'sim-c2p-api-key' }],
			tokenTtlMs: 3_600_000,
			webhookUrl: null,
			webhookUsername: null,
			webhookPassword: null,
		},
	};
}

/**
 * Checks one option value; returns an error text, or null when the value is acceptable.
 * @typedef {(value: unknown) => string | null} Check
 */

/** @type {Check} */
const nonNegativeNumber = (value) =>
	typeof value === 'number' && Number.isFinite(value) && value >= 0 ? null : 'must be a number >= 0';
/** @type {Check} */
const positiveNumber = (value) =>
	typeof value === 'number' && Number.isFinite(value) && value > 0 ? null : 'must be a number > 0';
/** @type {Check} */
const nonNegativeInteger = (value) =>
	Number.isInteger(value) && /** @type {number} */ (value) >= 0 ? null : 'must be an integer >= 0';
/** @type {Check} */
const positiveInteger = (value) =>
	Number.isInteger(value) && /** @type {number} */ (value) > 0 ? null : 'must be an integer > 0';
/** @type {Check} */
const nullableString = (value) =>
	value === null || (typeof value === 'string' && value !== '') ? null : 'must be a non-empty string or null';
/** @type {Check} */
const boolean = (value) => (typeof value === 'boolean' ? null : 'must be true or false');
/** @type {Check} */
const nullableNonNegativeNumber = (value) => (value === null ? null : nonNegativeNumber(value));
/** @type {Check} */
const nullableHttpUrl = (value) => {
	if (value === null) return null;
	if (typeof value !== 'string') return 'must be an http(s) URL or null';
	try {
		const { protocol } = new URL(value);
		return protocol === 'http:' || protocol === 'https:' ? null : 'must be an http(s) URL or null';
	} catch {
		return 'must be an http(s) URL or null';
	}
};

/** @type {Check} */
const feeSchedule = (value) => {
	const shape = 'must be {percent, minimum} with numbers >= 0 (percent at most 100)';
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return shape;
	const { percent, minimum, ...rest } = /** @type {Record<string, unknown>} */ (value);
	if (Object.keys(rest).length > 0 || nonNegativeNumber(percent) || nonNegativeNumber(minimum)) return shape;
	return /** @type {number} */ (percent) <= 100 ? null : shape;
};

const CURRENCIES = ['TZS', 'USD'];

/** @type {Check} */
const exchangeTable = (value) => {
	const shape = 'must be an array of {source, target, rate} with source and target TZS or USD (different) and rate > 0';
	if (!Array.isArray(value)) return shape;
	for (const row of value) {
		if (row === null || typeof row !== 'object' || Array.isArray(row)) return shape;
		const { source, target, rate, ...rest } = row;
		if (Object.keys(rest).length > 0 || !CURRENCIES.includes(source) || !CURRENCIES.includes(target)) return shape;
		if (source === target || positiveNumber(rate)) return shape;
	}
	return null;
};

/** @type {Check} */
const balances = (value) => {
	const shape = 'must be an object of currency (TZS, USD) to an amount >= 0 with at most 2 decimals';
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return shape;
	for (const [currency, amount] of Object.entries(value)) {
		if (!CURRENCIES.includes(currency) || nonNegativeNumber(amount)) return shape;
		if (Math.round(/** @type {number} */ (amount) * 100) / 100 !== amount) return shape;
	}
	return null;
};

/**
 * @param {string[]} values
 * @returns {Check}
 */
const oneOf = (values) => (value) =>
	typeof value === 'string' && values.includes(value) ? null : `must be one of ${values.join(', ')}`;

/**
 * @param {string[]} fields
 * @returns {Check}
 */
const clientList = (fields) => (value) => {
	const shape = `must be a non-empty array of {${fields.join(', ')}} with non-empty strings`;
	if (!Array.isArray(value) || value.length === 0) return shape;
	for (const client of value) {
		if (client === null || typeof client !== 'object' || Array.isArray(client)) return shape;
		for (const field of fields) {
			if (typeof client[field] !== 'string' || client[field] === '') return shape;
		}
		if (Object.keys(client).some((key) => !fields.includes(key))) return shape;
	}
	return null;
};

/** Every leaf option and its check; the keys are the only options accepted. */
/** @type {Record<string, Check>} */
const CHECKS = {
	latencyMs: nonNegativeNumber,
	'clickpesa.clients': clientList(['clientId', 'apiKey']),
	'clickpesa.checksumKey': nullableString,
	'clickpesa.tokenTtlMs': positiveNumber,
	'clickpesa.rateLimitPerMinute': nonNegativeInteger,
	'clickpesa.webhookUrl': nullableHttpUrl,
	'clickpesa.customerDelayMs': nullableNonNegativeNumber,
	'clickpesa.maxPageSize': positiveInteger,
	'clickpesa.collectionFee': feeSchedule,
	'clickpesa.billPayFee': feeSchedule,
	'clickpesa.payoutFee': feeSchedule,
	'clickpesa.payoutFeeBearer': oneOf(['merchant', 'customer', 'both']),
	'clickpesa.payoutCooldownMs': nonNegativeNumber,
	'clickpesa.payoutDelayMs': nullableNonNegativeNumber,
	'clickpesa.exchangeRates': exchangeTable,
	'clickpesa.startingBalance': balances,
	'clickpesa.returnUrl': nullableHttpUrl,
	'clickpesa.kycApproved': boolean,
	'clik2pay.clients': clientList(['username', 'password', 'apiKey']),
	'clik2pay.tokenTtlMs': positiveNumber,
	'clik2pay.webhookUrl': nullableHttpUrl,
	'clik2pay.webhookUsername': nullableString,
	'clik2pay.webhookPassword': nullableString,
};

const SECTIONS = new Set(['clickpesa', 'clik2pay']);

/**
 * Deep-merges `patch` into a copy of `config`. Arrays (the client lists) are replaced, not merged.
 * Unknown options and bad values are refused with a SimulatorError (400), leaving `config` as it was.
 * @param {SimulatorConfig} config
 * @param {unknown} patch
 * @returns {SimulatorConfig}
 */
function mergeConfig(config, patch) {
	/** @type {any} */
	const merged = structuredClone(config);
	applyPatch(merged, patch, '');
	return merged;
}

/**
 * @param {Record<string, any>} target
 * @param {unknown} patch
 * @param {string} prefix
 */
function applyPatch(target, patch, prefix) {
	if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
		throw new SimulatorError(400, `${prefix ? prefix.slice(0, -1) : 'the configuration patch'} must be a JSON object`);
	}
	for (const [key, value] of Object.entries(patch)) {
		const path = prefix + key;
		if (!prefix && SECTIONS.has(key)) {
			applyPatch(target[key], value, `${key}.`);
			continue;
		}
		const check = Object.hasOwn(CHECKS, path) ? CHECKS[path] : undefined;
		if (!check) throw new SimulatorError(400, `unknown option: ${path}`);
		const problem = check(value);
		if (problem) throw new SimulatorError(400, `${path} ${problem}`);
		target[key] = structuredClone(value);
	}
}

const MASK = '***';

/**
 * The configuration with every secret replaced by `***`.
 * @param {SimulatorConfig} config
 * @returns {SimulatorConfig}
 */
function maskConfig(config) {
	const mask = (/** @type {string | null} */ value) => (value === null ? null : MASK);
	return {
		latencyMs: config.latencyMs,
		clickpesa: {
			...config.clickpesa,
			clients: config.clickpesa.clients.map((client) => ({ clientId: client.clientId, apiKey: MASK })),
			checksumKey: mask(config.clickpesa.checksumKey),
		},
		clik2pay: {
			...config.clik2pay,
			clients: config.clik2pay.clients.map((client) => ({
				username: client.username,
				password: MASK,
				apiKey: MASK,
			})),
			webhookPassword: mask(config.clik2pay.webhookPassword),
		},
	};
}

module.exports = { defaultConfig, mergeConfig, maskConfig };
