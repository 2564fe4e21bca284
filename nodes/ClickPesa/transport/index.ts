import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { computeChecksum } from '../../shared/checksum';
import { clickPesaAccount, type ClickPesaAccount } from '../../shared/clickPesaAccount';
import { providerApiError } from '../../shared/providerApiError';
import { sendWithRetries } from '../../shared/sendWithRetries';

export const CLICKPESA_CREDENTIAL = 'clickPesaApi';

const REQUEST_TIMEOUT_MS = 30_000;

type RequestSpec = {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Add the body checksum when the credential has a checksum key (documented for collection and payout POSTs). */
	signed?: boolean;
	/**
	 * Safe to send again after a 429, 5xx or network failure. Money-moving POSTs are not: they are
	 * sent once, and the caller decides what a failure means (see initiateUssdPush).
	 */
	idempotent: boolean;
};

/**
 * Every ClickPesa request goes through here: pacing under the account's rate limit, n8n's
 * authenticated request helper (token via the credential's preAuthentication, one refresh on
 * 401), checksum signing, retries for idempotent calls, and errors carrying ClickPesa's message.
 */
export class ClickPesaClient {
	private constructor(
		private readonly context: IExecuteFunctions,
		private readonly credentials: ICredentialDataDecryptedObject,
		private readonly account: ClickPesaAccount,
	) {}

	static async create(context: IExecuteFunctions): Promise<ClickPesaClient> {
		const credentials = await context.getCredentials(CLICKPESA_CREDENTIAL);
		return new ClickPesaClient(context, credentials, clickPesaAccount(credentials));
	}

	async get(path: string, qs?: IDataObject): Promise<unknown> {
		return await this.request({ method: 'GET', path, qs, idempotent: true });
	}

	async request(spec: RequestSpec): Promise<unknown> {
		const result = await sendWithRetries(this.context, {
			credentialType: CLICKPESA_CREDENTIAL,
			request: this.buildOptions(spec),
			label: `ClickPesa ${spec.method} ${spec.path.split('?')[0]}`,
			idempotent: spec.idempotent,
			beforeAttempt: async () => await this.account.pacer.acquire(),
			credentials: this.credentials,
		});
		if (!result.ok) throw providerApiError(this.context.getNode(), result.failure, result.message, result.reason);
		return result.body;
	}

	private buildOptions(spec: RequestSpec): IHttpRequestOptions {
		const options: IHttpRequestOptions = {
			method: spec.method,
			url: `${this.account.baseUrl}${spec.path}`,
			json: true,
			timeout: REQUEST_TIMEOUT_MS,
		};
		if (spec.qs) options.qs = spec.qs;
		if (spec.body) {
			options.body =
				spec.signed && this.account.checksumSecret
					? { ...spec.body, checksum: computeChecksum(this.account.checksumSecret, spec.body) }
					: spec.body;
		}
		return options;
	}
}
