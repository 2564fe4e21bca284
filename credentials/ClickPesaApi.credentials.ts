import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { CLICKPESA_TOKEN_LIFETIME_MS, clickPesaAccount, clickPesaFingerprint, clickPesaPacer } from '../nodes/ClickPesa/transport/account';
import { clickPesaMessage } from '../nodes/ClickPesa/transport/errorBody';
import { tokenRefused } from '../nodes/shared/httpFailure';
import { moneyLimitCredentialFields } from '../nodes/shared/moneyLimits';
import { fetchTokenOnce, savedTokenProperties, STALE_TOKEN, TOKEN_SHARING_MS, tokenExpiry } from '../nodes/shared/tokens';

export class ClickPesaApi implements ICredentialType {
	name = 'clickPesaApi';

	displayName = 'ClickPesa API';

	icon: Icon = { light: 'file:../icons/clickpesa.svg', dark: 'file:../icons/clickpesa.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-clickpesa-clik2pay#clickpesa-credential';

	properties: INodeProperties[] = [
		{
			displayName:
				'ClickPesa has no sandbox: every call moves real money. To try workflows safely, run the simulator (npx clickpesa-clik2pay-simulator) and point Base URL at the URL it prints.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'From the ClickPesa merchant dashboard: Settings → Developers → your application',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Created under Settings → Developers → your application → Manage API Keys (shown once)',
		},
		{
			displayName: 'Checksum Key',
			name: 'checksumSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only if checksum is enabled for your account (Settings → Developers → Encryption). Requests are then signed with it, and the ClickPesa Trigger verifies webhooks with it.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.clickpesa.com/third-parties',
			description: 'Change only to use the provider simulator or a proxy',
		},
		{
			displayName: 'Max Requests per Minute',
			name: 'rateLimitPerMinute',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 120,
			description:
				'ClickPesa allows 120 requests per minute; the node paces itself below this (token calls included). 0 turns pacing off.',
		},
		{
			displayName: 'n8n Processes Sharing the IP Address',
			name: 'processesSharingIp',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			description:
				'How many n8n processes (the main instance and each queue-mode worker) call ClickPesa from the same public IP address. ClickPesa counts requests per IP address, so each process keeps to its share of the limit: with a main instance and 2 workers, set 3.',
		},
		...savedTokenProperties('token', 'Token'),
		...moneyLimitCredentialFields({
			currency: 'TZS',
			dailyTotals: true,
			recipientForms: '255712345678; CORUTZTZ/0150123456789 (bank BIC/account number); LIPA:5012345 (Lipa Namba)',
			moneyOut: 'Payout',
			moneyIn: 'Payment Request',
		}),
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const account = clickPesaAccount(credentials);
		return await fetchTokenOnce(account.fingerprint, credentials.token, TOKEN_SHARING_MS, async () => {
			// The token call counts towards the per-IP limit like any other request.
			await clickPesaPacer(account, 0).acquire();
			const response = await this.helpers.httpRequest({
				method: 'POST',
				url: `${account.baseUrl}/generate-token`,
				headers: { 'client-id': String(credentials.clientId ?? ''), 'api-key': String(credentials.apiKey ?? '') },
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			});
			const body = response.body as { success?: boolean; token?: unknown } | undefined;
			if (response.statusCode !== 200 || typeof body?.token !== 'string' || !body.token.startsWith('Bearer ')) {
				const reason = clickPesaMessage(response.body) ?? 'no token in the answer';
				throw tokenRefused(
					`ClickPesa refused to issue a token (HTTP ${response.statusCode}: ${reason}). Check the Client ID, the API Key (and its expiry date) and the Base URL.`,
				);
			}
			return {
				token: body.token,
				result: { token: body.token, tokenFingerprint: account.fingerprint, tokenExpiresAt: tokenExpiry(CLICKPESA_TOKEN_LIFETIME_MS) },
			};
		});
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const issuedForTheseValues = credentials.tokenFingerprint === clickPesaFingerprint(credentials);
		const token = issuedForTheseValues ? String(credentials.token) : STALE_TOKEN;
		// The token already starts with "Bearer " and is sent verbatim.
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: token } };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.endsWith("/") ? $credentials.baseUrl.slice(0, -1) : $credentials.baseUrl}}',
			url: '/account/balance',
			method: 'GET',
			// A merchant with no payment yet gets 404 "No balance account is linked to this merchant yet":
			// the credential works, so HTTP errors are judged by the rules below instead.
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'message', value: 'Unauthorized', message: 'ClickPesa rejected the token (401 Unauthorized)' },
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'message',
					value: 'ThrottlerException: Too Many Requests',
					message: 'ClickPesa rate limit reached; try again in a minute',
				},
			},
		],
	};
}

