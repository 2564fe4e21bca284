import { createHash } from 'crypto';

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
