import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { credentialFingerprint } from './credentialFingerprint';
import { pacerFor, type SlidingWindowPacer } from './pacing';

export const CLICKPESA_DEFAULT_BASE_URL = 'https://api.clickpesa.com/third-parties';

export type ClickPesaAccount = {
	baseUrl: string;
	checksumSecret: string;
	fingerprint: string;
	pacer: SlidingWindowPacer;
};

/** What the node and the credential derive from a ClickPesa credential: shared so both pace the same account. */
export function clickPesaAccount(credentials: ICredentialDataDecryptedObject): ClickPesaAccount {
	const baseUrl = String(credentials.baseUrl || CLICKPESA_DEFAULT_BASE_URL).replace(/\/+$/, '');
	const rate = credentials.rateLimitPerMinute;
	const perMinute = rate === undefined || rate === null || rate === '' ? 120 : Number(rate);
	return {
		baseUrl,
		checksumSecret: String(credentials.checksumSecret ?? ''),
		fingerprint: clickPesaFingerprint(credentials),
		// ClickPesa limits requests per IP address, so every account behind one base URL shares a pacer.
		pacer: pacerFor(`clickpesa|${baseUrl}`, Number.isFinite(perMinute) ? perMinute : 120),
	};
}

/** Identifies the account a token was issued for (see credentialFingerprint). */
export function clickPesaFingerprint(credentials: ICredentialDataDecryptedObject): string {
	return credentialFingerprint('clickpesa', credentials.baseUrl, credentials.clientId, credentials.apiKey);
}
