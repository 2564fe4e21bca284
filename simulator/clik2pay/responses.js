// @ts-check
'use strict';

const http = require('node:http');

/** @typedef {import('../types').SimResponse} SimResponse */

// Clik2pay sits behind AWS API Gateway (docs/clik2pay-api.md §2.5, inferred): gateway errors are
// `{"message": "..."}`, OAuth errors `{"error": "..."}`, application errors `{"detail": "..."}`.

/**
 * @param {number} status
 * @param {string} message
 * @returns {SimResponse}
 */
function gatewayError(status, message) {
	return { status, body: { message } };
}

/**
 * @param {number} status
 * @param {string} error an OAuth 2 error code
 * @returns {SimResponse}
 */
function oauthError(status, error) {
	return { status, body: { error } };
}

/**
 * @param {number} status
 * @param {string} detail
 * @returns {SimResponse}
 */
function detailError(status, detail) {
	return { status, body: { detail } };
}

/** @type {import('../types').ProviderErrors} */
const clik2payErrors = {
	notFound: () => gatewayError(404, 'Not Found'),
	malformedBody: () => gatewayError(400, 'Invalid request body'),
	payloadTooLarge: () => gatewayError(413, 'Request Entity Too Large'),
	internal: () => gatewayError(500, 'Internal server error'),
	faultStatus: (status) => gatewayError(status, http.STATUS_CODES[status] ?? 'Simulated failure'),
};

module.exports = { gatewayError, oauthError, detailError, clik2payErrors };
