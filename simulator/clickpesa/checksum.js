// @ts-check
'use strict';

const crypto = require('node:crypto');

// ClickPesa checksums (docs/clickpesa-api.md §6.2, §6.3), written independently of the package's
// own code so the simulator can catch a wrong implementation there.

const MAX_DEPTH = 64;
const MAX_NODES = 100_000;
const SIGNATURE_FIELDS = new Set(['checksum', 'checksumMethod']);

class UncheckablePayloadError extends Error {}

/**
 * Canonical JSON text: object keys sorted at every level, arrays in order, no whitespace, scalars as
 * `JSON.stringify` writes them. The text is written directly rather than by building a sorted copy,
 * because assigning a `"__proto__"` key to a copy would drop it from the signed text (§7.4).
 * @param {unknown} value
 * @param {Set<string>} [omitTopLevel] keys to leave out of the outermost object
 * @returns {string}
 * @throws {UncheckablePayloadError} when nesting or size exceeds the bounds
 */
function canonicalJson(value, omitTopLevel = new Set()) {
	/** @type {string[]} */
	const out = [];
	const budget = { nodes: 0 };
	writeCanonical(value, 0, budget, out, omitTopLevel);
	return out.join('');
}

/**
 * @param {unknown} value
 * @param {number} depth
 * @param {{ nodes: number }} budget
 * @param {string[]} out
 * @param {Set<string>} omit
 */
function writeCanonical(value, depth, budget, out, omit) {
	if (++budget.nodes > MAX_NODES) throw new UncheckablePayloadError('payload too large to canonicalise');
	if (value === null || typeof value !== 'object') {
		out.push(JSON.stringify(value) ?? 'null');
		return;
	}
	if (depth >= MAX_DEPTH) throw new UncheckablePayloadError('payload nested too deeply to canonicalise');
	if (Array.isArray(value)) {
		out.push('[');
		value.forEach((item, index) => {
			if (index > 0) out.push(',');
			writeCanonical(item, depth + 1, budget, out, new Set());
		});
		out.push(']');
		return;
	}
	const object = /** @type {Record<string, unknown>} */ (value);
	// Object.keys includes an own "__proto__" key (JSON.parse creates one); undefined values are
	// skipped as JSON.stringify skips them.
	const keys = Object.keys(object)
		.filter((key) => !omit.has(key) && object[key] !== undefined)
		.sort();
	out.push('{');
	keys.forEach((key, index) => {
		if (index > 0) out.push(',');
		out.push(JSON.stringify(key), ':');
		writeCanonical(object[key], depth + 1, budget, out, new Set());
	});
	out.push('}');
}

/**
 * @param {string} key
 * @param {string} text
 * @returns {string} lowercase hex HMAC-SHA256
 */
function hmacHex(key, text) {
	return crypto.createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

/**
 * The canonical checksum of a payload, ignoring its `checksum` and `checksumMethod` fields.
 * @param {string} key
 * @param {Record<string, unknown>} payload
 * @returns {string}
 */
function canonicalChecksum(key, payload) {
	return hmacHex(key, canonicalJson(payload, SIGNATURE_FIELDS));
}

/**
 * The legacy checksum: top-level values in key order, joined without separator, as
 * `Object.values(sorted).join("")` does (null → "", objects → "[object Object]").
 * @param {string} key
 * @param {Record<string, unknown>} payload
 * @returns {string}
 */
function legacyChecksum(key, payload) {
	const keys = Object.keys(payload)
		.filter((name) => !SIGNATURE_FIELDS.has(name))
		.sort();
	return hmacHex(key, keys.map((name) => joinText(payload[name], 0)).join(''));
}

/**
 * @param {unknown} value
 * @param {number} depth
 * @returns {string}
 */
function joinText(value, depth) {
	if (value === null || value === undefined) return '';
	if (depth >= MAX_DEPTH) throw new UncheckablePayloadError('payload nested too deeply to canonicalise');
	if (Array.isArray(value)) return value.map((item) => joinText(item, depth + 1)).join(',');
	if (typeof value === 'object') return '[object Object]';
	return String(value);
}

/**
 * Checks the `checksum` of a request body when checksums are enabled. `checksumMethod` selects
 * `canonical` (the default) or `legacy`, which ClickPesa still accepts on requests.
 * @param {string} key
 * @param {Record<string, unknown>} body
 * @returns {string | null} the error message to answer with, or null when the checksum is right
 */
function checksumProblem(key, body) {
	const supplied = body.checksum;
	if (supplied === undefined || supplied === null || supplied === '') return 'Checksum is required';
	const method = body.checksumMethod ?? 'canonical';
	if (typeof supplied !== 'string' || (method !== 'canonical' && method !== 'legacy')) return 'Invalid checksum';
	let expected;
	try {
		expected = method === 'legacy' ? legacyChecksum(key, body) : canonicalChecksum(key, body);
	} catch (error) {
		if (error instanceof UncheckablePayloadError) return 'Invalid checksum';
		throw error;
	}
	const a = Buffer.from(supplied, 'utf8');
	const b = Buffer.from(expected, 'utf8');
	return a.length === b.length && crypto.timingSafeEqual(a, b) ? null : 'Invalid checksum';
}

module.exports = {
	canonicalJson,
	canonicalChecksum,
	legacyChecksum,
	checksumProblem,
	UncheckablePayloadError,
	MAX_DEPTH,
};
