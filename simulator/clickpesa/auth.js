// @ts-check
'use strict';

const { jwtLikeToken } = require('../ids');
const { messageError, unauthorized } = require('./responses');

/** @typedef {import('../types').SimRequest} SimRequest */
/** @typedef {import('../types').SimResponse} SimResponse */
/** @typedef {import('../types').RouteDefinition} RouteDefinition */
/** @typedef {import('../token-store').TokenStore} TokenStore */

/**
 * @param {import('../types').ProviderContext} ctx
 * @param {TokenStore} tokens
 * @returns {RouteDefinition[]}
 */
function authRoutes(ctx, tokens) {
	return [
		{
			method: 'POST',
			path: '/generate-token',
			body: 'json',
			handle: (req) => generateToken(ctx, tokens, req),
		},
	];
}

/**
 * `POST /generate-token` (docs/clickpesa-api.md §2.1): the token comes back with its `Bearer `
 * prefix.
 * @param {import('../types').ProviderContext} ctx
 * @param {TokenStore} tokens
 * @param {SimRequest} req
 * @returns {SimResponse}
 */
function generateToken(ctx, tokens, req) {
	const clientId = req.headers['client-id'];
	const apiKey = req.headers['api-key'];
	if (typeof clientId !== 'string' || clientId === '' || typeof apiKey !== 'string' || apiKey === '') {
		return unauthorized();
	}
	const { clients, tokenTtlMs } = ctx.config().clickpesa;
	const client = clients.find((candidate) => candidate.clientId === clientId);
	if (!client) return messageError(403, 'Invalid client details');
	if (client.apiKey !== apiKey) return messageError(403, 'Invalid or Expired API-Key');
	const issuedAt = Math.floor(Date.now() / 1000);
	const token = `Bearer ${jwtLikeToken({ clientId, iat: issuedAt, exp: issuedAt + Math.ceil(tokenTtlMs / 1000) })}`;
	tokens.issue(token, clientId, tokenTtlMs);
	return { status: 200, body: { success: true, token } };
}

/**
 * Wraps a handler that needs `Authorization: <token exactly as issued>` (§2.3); the handler gets the
 * client id the token belongs to.
 * @param {TokenStore} tokens
 * @param {(req: SimRequest, clientId: string) => SimResponse | Promise<SimResponse>} handler
 * @returns {(req: SimRequest) => SimResponse | Promise<SimResponse>}
 */
function withToken(tokens, handler) {
	return (req) => {
		const session = tokens.validate(req.headers.authorization);
		return session ? handler(req, session.subject) : unauthorized();
	};
}

module.exports = { authRoutes, withToken };
