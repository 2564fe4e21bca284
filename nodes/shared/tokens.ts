import { createHash } from 'crypto';
import type { INodeProperties } from 'n8n-workflow';

/**
 * Tokens of the credentials: which account a saved token was issued for, and one token fetch per
 * account at a time within this process.
 */

/**
 * n8n keeps a fetched token in the saved credential until the provider rejects it, even after the
 * user edits the Client ID or API key. The fingerprint of the values the token was issued for is
 * saved beside it; when they no longer match, `authenticate` sends a token the provider rejects,
 * which makes n8n fetch a fresh one for the new values instead of moving money with the old account.
 */
export function credentialFingerprint(...parts: unknown[]): string {
	return createHash('sha256')
		.update(parts.map((part) => String(part ?? '')).join('\u0000'))
		.digest('hex')
		.slice(0, 32);
}

export const STALE_TOKEN = 'stale-credential-token';

/**
 * The hidden credential fields n8n fills from preAuthentication: the token (the first `expirable`
 * field, which n8n empties to force a refresh after a 401) and the fingerprint it was issued for.
 */
export function savedTokenProperties(tokenField: string, tokenDisplayName: string): INodeProperties[] {
	return [
		{ displayName: tokenDisplayName, name: tokenField, type: 'hidden', typeOptions: { expirable: true, password: true }, default: '' },
		{ displayName: 'Token Fingerprint', name: 'tokenFingerprint', type: 'hidden', typeOptions: { password: true }, default: '' },
		{ displayName: 'Token Expires At', name: 'tokenExpiresAt', type: 'hidden', default: '' },
	];
}

/** A token is replaced this long before it expires, so running requests never meet the expiry. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

/** When a token fetched now expires, as the credential saves it (ISO text). */
export function tokenExpiry(lifetimeMs: number, now = Date.now()): string {
	return new Date(now + lifetimeMs).toISOString();
}

/**
 * Empties the token of an attempt's credential copy when it expires within the margin: n8n then
 * fetches a new one (preAuthentication runs for an empty token) before sending, once for everyone
 * who asks at the same time (fetchTokenOnce). A token saved without an expiry is left as it is;
 * the 401 path still replaces it when the provider refuses it.
 */
export function refreshTokenBeforeExpiry(tokenField: string, now: () => number = Date.now) {
	return (credentials: Record<string, unknown>): void => {
		const expiresAt = Date.parse(String(credentials.tokenExpiresAt ?? ''));
		if (Number.isNaN(expiresAt) || !credentials[tokenField]) return;
		if (expiresAt - now() <= TOKEN_REFRESH_MARGIN_MS) credentials[tokenField] = '';
	};
}

/**
 * How long a fetched token is handed to other callers of the same account without a new fetch.
 * Kept short on purpose: this is the only place a token lives in process memory, and it is there
 * only for the requests that were in flight when it was fetched (their 401s arrive within seconds).
 * Without timers (community nodes may not use them), the promise is kept on the request paths: an
 * entry older than this is forgotten whenever a provider request starts or ends or a token fetch
 * runs, and every entry is forgotten as soon as no provider request of this process is in flight
 * (trackProviderRequest). A token fetched outside a provider request (n8n's credential test) is
 * forgotten by the next of those events at the latest.
 */
export const TOKEN_SHARING_MS = 60_000;

/** Accounts remembered at once; the oldest is forgotten first. */
const MAX_ACCOUNTS = 500;

type Fetched<T> = { result: T; token: string; at: number };

const inFlight = new Map<string, Promise<Fetched<unknown>>>();
const latest = new Map<string, Fetched<unknown> & { keepMs: number }>();

function forgetExpired(now: number): void {
	for (const [key, entry] of latest) {
		if (now - entry.at >= entry.keepMs || latest.size > MAX_ACCOUNTS) latest.delete(key);
	}
}

let providerRequestsInFlight = 0;

/**
 * Marks one provider request (an attempt through n8n's request helpers) as in flight; call the
 * returned function when it has ended. Tokens kept for sharing are pruned at both ends, and all of
 * them are forgotten once no provider request is in flight anymore: nobody is left who could
 * present the token they replaced.
 */
export function trackProviderRequest(): () => void {
	forgetExpired(Date.now());
	providerRequestsInFlight++;
	let ended = false;
	return () => {
		if (ended) return;
		ended = true;
		providerRequestsInFlight = Math.max(0, providerRequestsInFlight - 1);
		if (providerRequestsInFlight === 0) latest.clear();
		else forgetExpired(Date.now());
	};
}

/** How many tokens are kept for sharing right now (for tests). */
export function tokensKeptForSharing(): number {
	return latest.size;
}

/**
 * n8n calls a credential's preAuthentication whenever a request finds the token empty or gets a
 * 401, with no lock: items sent in parallel would each fetch a token. Within this process, one
 * fetch per account is shared by everyone who asks while it runs, and a token fetched less than
 * `shareForMs` ago by someone else is handed out instead of fetching again. (Each n8n process,
 * such as a queue-mode worker, still fetches its own first token.)
 */
export async function fetchTokenOnce<T>(
	accountKey: string,
	presentedToken: unknown,
	shareForMs: number,
	fetchToken: () => Promise<{ result: T; token: string }>,
): Promise<T> {
	forgetExpired(Date.now());
	const known = latest.get(accountKey) as Fetched<T> | undefined;
	// Someone already replaced the token this caller holds (empty, or the one that just got a 401).
	if (known && known.token !== presentedToken) return known.result;

	let pending = inFlight.get(accountKey) as Promise<Fetched<T>> | undefined;
	if (!pending) {
		pending = fetchToken().then((fetched) => ({ ...fetched, at: Date.now() }));
		inFlight.set(accountKey, pending);
		pending
			.then(
				(fetched) => {
					latest.delete(accountKey);
					if (shareForMs > 0) latest.set(accountKey, { ...fetched, keepMs: shareForMs });
				},
				() => undefined,
			)
			.finally(() => inFlight.delete(accountKey));
	}
	return (await pending).result;
}
