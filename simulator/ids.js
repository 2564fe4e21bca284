// @ts-check
'use strict';

const crypto = require('node:crypto');

/**
 * @param {number} bytes
 * @returns {string} lowercase hex, 2 characters per byte
 */
function randomHex(bytes) {
	return crypto.randomBytes(bytes).toString('hex');
}

/**
 * @param {number} count
 * @returns {string}
 */
function randomDigits(count) {
	let digits = '';
	for (let i = 0; i < count; i++) digits += String(crypto.randomInt(10));
	return digits;
}

/**
 * An opaque token shaped like a JWT (header.payload.signature). Nothing verifies the signature: the
 * token stores know every token they issued.
 * @param {Record<string, unknown>} claims
 * @returns {string}
 */
function jwtLikeToken(claims) {
	const encode = (/** @type {unknown} */ value) =>
		Buffer.from(JSON.stringify(value)).toString('base64url');
	const header = encode({ alg: 'HS256', typ: 'JWT' });
	const payload = encode({ ...claims, jti: randomHex(8) });
	return `${header}.${payload}.${crypto.randomBytes(32).toString('base64url')}`;
}

module.exports = { randomHex, randomDigits, jwtLikeToken };
