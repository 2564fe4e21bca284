import { moneyLimitCredentialFields } from '../nodes/shared/moneyLimits';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { clik2payEndpoints, clik2payFingerprint } from '../nodes/Clik2pay/transport/account';
import { clik2payMessage } from '../nodes/Clik2pay/transport/errorBody';
import { tokenRefused } from '../nodes/shared/httpFailure';
import { fetchTokenOnce, savedTokenProperties, STALE_TOKEN, TOKEN_SHARING_MS, tokenExpiry } from '../nodes/shared/tokens';

const customOnly = { show: { environment: ['custom'] } };

/** Used when the token answer has no `expires_in` (docs/clik2pay-api.md §2.2: one hour). */
const DEFAULT_TOKEN_LIFETIME_MS = 60 * 60_000;

export class Clik2payApi implements ICredentialType {
	name = 'clik2payApi';

	displayName = 'Clik2pay API';

	icon: Icon = { light: 'file:../icons/clik2pay.svg', dark: 'file:../icons/clik2pay.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-clickpesa-clik2pay#clik2pay-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Sandbox', value: 'sandbox' },
				{ name: 'Production', value: 'production' },
				{ name: 'Custom URLs', value: 'custom', description: 'For the local simulator (npx clickpesa-clik2pay-simulator) or a proxy' },
			],
			default: 'sandbox',
			description: 'Sandbox credentials only work in the sandbox, production credentials only in production',
		},
		{
			displayName: 'Simulator: run npx clickpesa-clik2pay-simulator and use the URLs and test credentials it prints.',
			name: 'simulatorNotice',
			type: 'notice',
			default: '',
			displayOptions: customOnly,
		},
		{
			displayName: 'Auth URL',
			name: 'authUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4010/clik2pay/auth',
			description: 'Base of the token endpoint; /oauth2/token is appended',
			displayOptions: customOnly,
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4010/clik2pay/open/v1',
			displayOptions: customOnly,
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'Client username issued by Clik2pay during onboarding',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Sent as the x-api-key header on every request',
		},
		{
			displayName: 'Webhook Username',
			name: 'webhookUsername',
			type: 'string',
			default: '',
			description: 'The Basic-auth username agreed with Clik2pay for webhook calls (used by the Clik2pay Trigger)',
		},
		{
			displayName: 'Webhook Password',
			name: 'webhookPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		...savedTokenProperties('accessToken', 'Access Token'),
		...moneyLimitCredentialFields({
			currency: 'CAD',
			// Clik2pay has no list endpoint: a daily total cannot be read, so only per-call limits exist.
			dailyTotals: false,
			recipientForms: 'name@email.com; 4165551234 (mobile number)',
			moneyOut: 'Payment or Refund',
			moneyIn: 'Payment Request',
		}),
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const { authUrl } = clik2payEndpoints(credentials);
		const fingerprint = clik2payFingerprint(credentials);
		return await fetchTokenOnce(fingerprint, credentials.accessToken, TOKEN_SHARING_MS, async () => {
			const response = await this.helpers.httpRequest({
				method: 'POST',
				url: `${authUrl}/oauth2/token`,
				auth: { username: String(credentials.username ?? ''), password: String(credentials.password ?? '') },
				headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
				body: 'grant_type=client_credentials&scope=payment_request%2Fall',
				json: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			});
			const body = parseJson(response.body) as { access_token?: unknown; expires_in?: unknown } | undefined;
			if (response.statusCode !== 200 || typeof body?.access_token !== 'string' || !body.access_token) {
				const reason = clik2payMessage(body) ?? 'no access_token in the answer';
				throw tokenRefused(
					`Clik2pay refused to issue a token (HTTP ${response.statusCode}: ${reason}). Check the username, the password and the environment.`,
				);
			}
			const lifetimeSeconds = Number(body.expires_in);
			const lifetimeMs = Number.isFinite(lifetimeSeconds) && lifetimeSeconds > 0 ? lifetimeSeconds * 1000 : DEFAULT_TOKEN_LIFETIME_MS;
			return {
				token: body.access_token,
				result: { accessToken: body.access_token, tokenFingerprint: fingerprint, tokenExpiresAt: tokenExpiry(lifetimeMs) },
			};
		});
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const issuedForTheseValues = credentials.tokenFingerprint === clik2payFingerprint(credentials);
		const token = issuedForTheseValues ? String(credentials.accessToken) : STALE_TOKEN;
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				Authorization: `Bearer ${token}`,
				'x-api-key': String(credentials.apiKey ?? ''),
			},
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.environment === "production" ? "https://api.clik2pay.com/open/v1" : $credentials.environment === "sandbox" ? "https://api.sandbox.clik2pay.com/open/v1" : $credentials.baseUrl}}',
			// No cheap read exists: asking for a payment request that cannot exist proves the token and
			// the API key (404 = both accepted); 401/403 bodies are caught by the rules below.
			url: '/payment-requests/00000000-0000-0000-0000-000000000000',
			method: 'GET',
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'message', value: 'Forbidden', message: 'Clik2pay rejected the API key (403 Forbidden)' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'message', value: 'Unauthorized', message: 'Clik2pay rejected the token (401 Unauthorized)' },
			},
		],
	};
}

function parseJson(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return undefined;
	}
}

