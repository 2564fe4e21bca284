// @ts-check
'use strict';

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads the whole request body. Past `limit` bytes the rest is drained and dropped, so the caller
 * can still answer 413 on an open connection.
 * @param {import('node:http').IncomingMessage} req
 * @param {number} [limit]
 * @returns {Promise<{ buffer: Buffer, tooLarge: boolean }>}
 */
function readBody(req, limit = MAX_BODY_BYTES) {
	return new Promise((resolve) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		let tooLarge = false;
		const done = () => resolve({ buffer: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge });
		req.on('data', (/** @type {Buffer} */ chunk) => {
			size += chunk.length;
			if (size > limit) {
				tooLarge = true;
				chunks.length = 0;
			} else {
				chunks.push(chunk);
			}
		});
		req.on('end', done);
		// An aborted upload never ends; 'close' settles the promise (a second resolve is ignored).
		req.on('close', done);
		req.on('error', () => {});
	});
}

/**
 * @param {string | undefined} contentType
 * @returns {string} the media type in lower case, without parameters
 */
function mediaType(contentType) {
	return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * JSON bodies as Express' body parser treats them: only a JSON content type is parsed, anything
 * else (and an empty body) gives `{}`.
 * @param {Buffer} buffer
 * @param {string | undefined} contentType
 * @returns {{ ok: true, value: Record<string, unknown> } | { ok: false, error: string }}
 */
function parseJsonBody(buffer, contentType) {
	const type = mediaType(contentType);
	const isJson = type === 'application/json' || type.endsWith('+json');
	if (!isJson || buffer.length === 0) return { ok: true, value: {} };
	let value;
	try {
		value = JSON.parse(buffer.toString('utf8'));
	} catch (error) {
		return { ok: false, error: error instanceof Error ? error.message : 'Invalid JSON' };
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		return { ok: false, error: 'Request body must be a JSON object' };
	}
	return { ok: true, value };
}

/**
 * @param {Buffer} buffer
 * @param {string | undefined} contentType
 * @returns {Record<string, string>} the first value of each field; `{}` for other content types
 */
function parseFormBody(buffer, contentType) {
	/** @type {Record<string, string>} */
	const fields = Object.create(null);
	if (mediaType(contentType) !== 'application/x-www-form-urlencoded') return fields;
	for (const [name, value] of new URLSearchParams(buffer.toString('utf8'))) {
		if (!(name in fields)) fields[name] = value;
	}
	return fields;
}

module.exports = { MAX_BODY_BYTES, readBody, parseJsonBody, parseFormBody };
