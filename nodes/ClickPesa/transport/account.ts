import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { MAX_ITEMS_IN_FLIGHT } from '../../shared/items';
import { pacerFor, type SlidingWindowPacer } from '../../shared/pacing';
import { credentialFingerprint } from '../../shared/tokens';

export const CLICKPESA_DEFAULT_BASE_URL = 'https://api.clickpesa.com/third-parties';
export const CLICKPESA_DEFAULT_REQUESTS_PER_MINUTE = 120;
/** A ClickPesa token is valid for one hour (docs/clickpesa-api.md §2.2). */
export const CLICKPESA_TOKEN_LIFETIME_MS = 60 * 60_000;

export type ClickPesaAccount = {
	baseUrl: string;
	clientId: string;
	checksumSecret: string;
	fingerprint: string;
	requestsPerMinute: number;
};

/** What the node, the trigger and the credential read from a ClickPesa credential. No side effects. */
export function clickPesaAccount(credentials: ICredentialDataDecryptedObject): ClickPesaAccount {
	const baseUrl = String(credentials.baseUrl || CLICKPESA_DEFAULT_BASE_URL).replace(/\/+$/, '');
	const rate = credentials.rateLimitPerMinute;
	const perMinute = rate === undefined || rate === null || rate === '' ? CLICKPESA_DEFAULT_REQUESTS_PER_MINUTE : Number(rate);
	const processes = Math.max(1, Math.floor(Number(credentials.processesSharingIp) || 1));
	return {
		baseUrl,
		clientId: String(credentials.clientId ?? ''),
		checksumSecret: String(credentials.checksumSecret ?? ''),
		fingerprint: clickPesaFingerprint(credentials),
		// The limit is per IP address: each n8n process behind it keeps to its share.
		requestsPerMinute: Math.floor((Number.isFinite(perMinute) ? perMinute : CLICKPESA_DEFAULT_REQUESTS_PER_MINUTE) / processes),
	};
}

/**
 * How many items an operation runs at once for this account: what its pace can keep busy (a
 * request takes well under the 2.5 s a 24th of a minute leaves it; 120/min → 5), all 25 when pacing
 * is off. The pacer, not this, keeps the limit.
 */
export function itemsInFlightFor(account: ClickPesaAccount): number {
	if (account.requestsPerMinute <= 0) return MAX_ITEMS_IN_FLIGHT;
	return Math.min(MAX_ITEMS_IN_FLIGHT, Math.max(1, Math.floor(account.requestsPerMinute / 24)));
}

/**
 * The pacer an account's requests wait for. ClickPesa limits requests per IP address, so every
 * account behind one base URL shares it (docs/clickpesa-api.md §8.3). `headroom`: requests in flight
 * that n8n may re-send unpaced after a 401.
 */
export function clickPesaPacer(account: ClickPesaAccount, headroom: number): SlidingWindowPacer {
	return pacerFor(`clickpesa|${account.baseUrl}`, {
		requestsPerMinute: account.requestsPerMinute,
		headroom,
		requester: account.fingerprint,
	});
}

/** Identifies the account a token was issued for (see credentialFingerprint). */
export function clickPesaFingerprint(credentials: ICredentialDataDecryptedObject): string {
	return credentialFingerprint('clickpesa', credentials.baseUrl, credentials.clientId, credentials.apiKey);
}
