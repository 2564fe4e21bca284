import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { credentialFingerprint } from '../../shared/tokens';

export const CLIK2PAY_ENVIRONMENTS = {
	sandbox: {
		authUrl: 'https://api-auth.sandbox.clik2pay.com',
		baseUrl: 'https://api.sandbox.clik2pay.com/open/v1',
	},
	production: {
		authUrl: 'https://api-auth.clik2pay.com',
		baseUrl: 'https://api.clik2pay.com/open/v1',
	},
} as const;

export type Clik2payEndpoints = { authUrl: string; baseUrl: string };

const withoutTrailingSlash = (url: unknown) => String(url ?? '').trim().replace(/\/+$/, '');

/** The token and API URLs of the environment the credential selects (Custom URLs: the user's own, e.g. the simulator). */
export function clik2payEndpoints(credentials: ICredentialDataDecryptedObject): Clik2payEndpoints {
	const environment = String(credentials.environment ?? 'sandbox');
	if (environment === 'production' || environment === 'sandbox') return CLIK2PAY_ENVIRONMENTS[environment];
	return { authUrl: withoutTrailingSlash(credentials.authUrl), baseUrl: withoutTrailingSlash(credentials.baseUrl) };
}

/** Identifies the account a token was issued for (see credentialFingerprint). */
export function clik2payFingerprint(credentials: ICredentialDataDecryptedObject): string {
	const { authUrl } = clik2payEndpoints(credentials);
	return credentialFingerprint('clik2pay', authUrl, credentials.username, credentials.password);
}
