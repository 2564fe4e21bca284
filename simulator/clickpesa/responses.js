// @ts-check
'use strict';

const http = require('node:http');

/** @typedef {import('../types').SimResponse} SimResponse */

/**
 * ClickPesa's usual error body, `{"message": "..."}`.
 * @param {number} status
 * @param {string} message
 * @returns {SimResponse}
 */
function messageError(status, message) {
	return { status, body: { message } };
}

/**
 * The NestJS ValidationPipe shape: `message` is the list of every field error.
 * @param {string[]} messages
 * @returns {SimResponse}
 */
function validationError(messages) {
	return { status: 400, body: { statusCode: 400, message: messages, error: 'Bad Request' } };
}

/**
 * The NestJS shape for other framework errors (bad JSON, body too large).
 * @param {number} status
 * @param {string} message
 * @returns {SimResponse}
 */
function frameworkError(status, message) {
	return { status, body: { statusCode: status, message, error: http.STATUS_CODES[status] ?? 'Error' } };
}

const unauthorized = () => messageError(401, 'Unauthorized');

/** @type {import('../types').ProviderErrors} */
const clickPesaErrors = {
	notFound: (method, path) => messageError(404, `Cannot ${method} ${path}`),
	malformedBody: (message) => frameworkError(400, message),
	payloadTooLarge: () => frameworkError(413, 'request entity too large'),
	internal: () => ({ status: 500, body: { statusCode: 500, message: 'Internal server error' } }),
	faultStatus: (status) => messageError(status, http.STATUS_CODES[status] ?? 'Simulated failure'),
};

module.exports = { messageError, validationError, unauthorized, clickPesaErrors };
