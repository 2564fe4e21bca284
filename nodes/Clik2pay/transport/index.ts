import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { clik2payEndpoints } from './account';
import { CLIK2PAY } from './errorBody';
import { sendWithRetries } from '../../shared/send';
import { refreshTokenBeforeExpiry } from '../../shared/tokens';

export const CLIK2PAY_CREDENTIAL = 'clik2payApi';

const REQUEST_TIMEOUT_MS = 30_000;

type RequestSpec = {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	/**
	 * Safe to send again after a 429, 5xx or network failure (GETs). POSTs are not: a 429 can mean
	 * a payment limit was reached, and a timed-out create may have been carried out.
	 */
	idempotent: boolean;
};

/**
 * Every Clik2pay request goes through here: n8n's authenticated request helper (token via the
 * credential's preAuthentication, Bearer + x-api-key, one refresh on 401), retries for idempotent
 * calls only, and failures thrown as ProviderErrors carrying Clik2pay's `detail`/`message` and the
 * HTTP status.
 */
export class Clik2payClient {
	private constructor(
		private readonly context: IExecuteFunctions,
		/** Also read for the money limits (transport/moneyPost.ts); never written to output. */
		readonly credentials: ICredentialDataDecryptedObject,
		private readonly baseUrl: string,
	) {}

	static async create(context: IExecuteFunctions): Promise<Clik2payClient> {
		const credentials = await context.getCredentials(CLIK2PAY_CREDENTIAL);
		const { baseUrl } = clik2payEndpoints(credentials);
		if (!/^https?:\/\/\S+$/i.test(baseUrl)) {
			throw new NodeOperationError(
				context.getNode(),
				'The Clik2pay credential has no valid API Base URL',
				{ description: 'With Environment "Custom URLs", fill in the API Base URL (e.g. http://127.0.0.1:4010/clik2pay/open/v1)' },
			);
		}
		return new Clik2payClient(context, credentials, baseUrl);
	}

	async get(path: string): Promise<IDataObject> {
		return await this.request({ method: 'GET', path, idempotent: true });
	}

	/** Sent once, never repeated automatically; the operation decides what a failure means. */
	async post(path: string, body?: IDataObject): Promise<IDataObject> {
		return await this.request({ method: 'POST', path, body, idempotent: false });
	}

	async request(spec: RequestSpec): Promise<IDataObject> {
		const body = await sendWithRetries(this.context, {
			provider: CLIK2PAY,
			credentialType: CLIK2PAY_CREDENTIAL,
			request: this.buildOptions(spec),
			label: `Clik2pay ${spec.method} ${spec.path}`,
			idempotent: spec.idempotent,
			credentials: this.credentials,
			prepareCredentials: refreshTokenBeforeExpiry('accessToken'),
		});
		return body && typeof body === 'object' ? (body as IDataObject) : {};
	}

	private buildOptions(spec: RequestSpec): IHttpRequestOptions {
		const options: IHttpRequestOptions = {
			method: spec.method,
			url: `${this.baseUrl}${spec.path}`,
			headers: { accept: 'application/json' },
			json: true,
			timeout: REQUEST_TIMEOUT_MS,
		};
		if (spec.body) options.body = spec.body;
		return options;
	}
}

/** Path segment for an id that has already passed checkResourceId. */
export const segment = (id: string) => encodeURIComponent(id);
