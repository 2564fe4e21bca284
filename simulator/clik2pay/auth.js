// @ts-check
'use strict';

const { jwtLikeToken } = require('../ids');
const { gatewayError, oauthError } = require('./responses');

/** @typedef {import('../types').SimRequest} SimRequest */
/** @typedef {import('../types').SimResponse} SimResponse */
/** @typedef {import('../token-store').TokenStore} TokenStore */

const SCOPE = 'payment_request/all';

/**
 * `POST /oauth2/token` on the auth host (docs/clik2pay-api.md §2.2): client credentials with Basic
 * auth.
 * @param {import('../types').ProviderContext} ctx
 * @param {TokenStore} tokens
 * @returns {import('../types').RouteDefinition[]}
 */
function authRoutes(ctx, tokens) {
	return [
		{
			method: 'POST',
			path: '/oauth2/token',
			body: 'form',
			handle: (req) => issueToken(ctx, tokens, req),
		},
	];
}

/**
 * @param {import('../types').ProviderContext} ctx
 * @param {TokenStore} tokens
 * @param {SimRequest} req
 * @returns {SimResponse}
 */
function issueToken(ctx, tokens, req) {
	const { clients, tokenTtlMs } = ctx.config().clik2pay;
	const credentials = basicCredentials(req.headers.authorization);
	const client =
		credentials &&
		clients.find((candidate) => candidate.username === credentials.username && candidate.password === credentials.password);
	if (!client) return oauthError(401, 'invalid_client');
	if (req.body.grant_type !== 'client_credentials') return oauthError(400, 'unsupported_grant_type');
	if (req.body.scope !== SCOPE) return oauthError(400, 'invalid_scope');
	const issuedAt = Math.floor(Date.now() / 1000);
	const expiresIn = Math.ceil(tokenTtlMs / 1000);
	const token = jwtLikeToken({ sub: client.username, scope: SCOPE, token_use: 'access', iat: issuedAt, exp: issuedAt + expiresIn });
	tokens.issue(token, client.username, tokenTtlMs);
	return { status: 200, body: { access_token: token, expires_in: expiresIn, token_type: 'Bearer' } };
}

/**
 * @param {string | undefined} header
 * @returns {{ username: string, password: string } | null}
 */
function basicCredentials(header) {
	const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
	if (!match) return null;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const separator = decoded.indexOf(':');
	if (separator === -1) return null;
	return { username: decoded.slice(0, separator), password: decoded.slice(separator + 1) };
}

/**
 * @param {import('node:http').IncomingHttpHeaders} headers
 * @returns {string | undefined} the token of `Authorization: Bearer <token>`
 */
function bearerToken(headers) {
	const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
	return match ? match[1] : undefined;
}

/**
 * Wraps a Payment Requests/Payments API handler with the gateway's checks (§2.4): first the
 * `x-api-key` (403), then the bearer token (401).
 * @param {import('../types').ProviderContext} ctx
 * @param {TokenStore} tokens
 * @param {(req: SimRequest) => SimResponse | Promise<SimResponse>} handler
 * @returns {(req: SimRequest) => SimResponse | Promise<SimResponse>}
 */
function withAccess(ctx, tokens, handler) {
	return (req) => {
		const apiKey = req.headers['x-api-key'];
		if (!ctx.config().clik2pay.clients.some((client) => client.apiKey === apiKey)) {
			return gatewayError(403, 'Forbidden');
		}
		if (!tokens.validate(bearerToken(req.headers))) return gatewayError(401, 'Unauthorized');
		return handler(req);
	};
}

module.exports = { authRoutes, withAccess, bearerToken };
