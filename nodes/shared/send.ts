import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { describeFailureBriefly, describeHttpFailure, isTransient, type HttpFailure } from './httpFailure';
import { ProviderError, type ErrorBodyReader, type ProviderName } from './providerError';
import { RETRY_POLICY, waitBeforeRetry } from './retry';
import { trackProviderRequest } from './tokens';

/**
 * The one send path of both providers' transports and the triggers' lookups: n8n's authenticated
 * request helper, sent again after transient failures when that is safe, and a failure read once
 * into a ProviderError where the answer arrives.
 */

/** Where provider requests are made from: an action node, a webhook, or the editor loading options. */
export type RequestContext = IExecuteFunctions | IWebhookFunctions | ILoadOptionsFunctions;

/** Who is called, and how its error bodies are read (each provider's transport folder says). */
export type ProviderErrors = { name: ProviderName; messageOf: ErrorBodyReader };

export type Send = {
	provider: ProviderErrors;
	credentialType: string;
	request: IHttpRequestOptions;
	/** Names the call in messages, e.g. `ClickPesa GET /payments/ORD1` (no host, no secrets). */
	label: string;
	/** Whether a 429, 5xx or network failure may be answered by sending again (never for money-moving POSTs). */
	idempotent: boolean;
	attempts?: number;
	/** Caps each wait between attempts, a provider's Retry-After included. */
	maxRetryWaitMs?: number;
	/** Runs before every attempt, e.g. waiting for the account's rate-limit pacer. */
	beforeAttempt?: () => Promise<void>;
	/** Runs after every attempt that failed, before any retry, e.g. telling the pacer about a 429. */
	afterFailedAttempt?: (failure: HttpFailure) => void;
	/**
	 * The credential as the node already read it for this execution: n8n then skips loading and
	 * decrypting it again for every request (a token refresh updates this object in place).
	 */
	credentials?: ICredentialDataDecryptedObject;
	/** Adjusts an attempt's copy of the credential before it is sent, e.g. empties a token about to expire. */
	prepareCredentials?: (credentials: ICredentialDataDecryptedObject) => void;
};

/**
 * The credential for one attempt: a copy of the one the node read for this execution. n8n writes a
 * refreshed token into the object a request was sent with; with a copy per attempt, a 401 that
 * comes back late still shows the token it was sent with (so the token coalescing hands it the
 * fresh one instead of fetching another), and what n8n wrote is copied back afterwards for the
 * attempts that follow.
 */
function credentialsForAttempt(context: RequestContext, send: Send) {
	if (!send.credentials) return undefined;
	const data: ICredentialDataDecryptedObject = { ...send.credentials };
	send.prepareCredentials?.(data);
	const sentWith = { ...data };
	const reference = context.getNode().credentials?.[send.credentialType];
	const options: IAdditionalCredentialOptions = {
		credentialsDecrypted: { id: reference?.id ?? '', name: reference?.name ?? '', type: send.credentialType, data },
	};
	const keepRefreshed = () => {
		for (const key of Object.keys(data)) if (data[key] !== sentWith[key] && send.credentials) send.credentials[key] = data[key];
	};
	return { options, keepRefreshed };
}

/** The failure of the last attempt, as the nodes carry it: `<label> failed: <what>: <provider's words>`. */
export function providerErrorOf(send: Pick<Send, 'provider' | 'label' | 'idempotent'>, failure: HttpFailure): ProviderError {
	const reason = send.provider.messageOf(failure.body);
	const what = `${send.label} failed: ${describeFailureBriefly(failure)}`;
	return ProviderError.fromFailure(send.provider.name, failure, reason ? `${what}: ${reason}` : what, reason, !send.idempotent);
}

/**
 * One provider call through n8n's authenticated request helper (token, refresh and one re-send
 * on 401), sent again with backoff after transient failures when that is safe. A failure is
 * thrown as a ProviderError carrying the status and the provider's own words, never the request's headers.
 */
export async function sendWithRetries(context: RequestContext, send: Send): Promise<unknown> {
	const attempts = send.idempotent ? (send.attempts ?? RETRY_POLICY.attempts) : 1;
	for (let attempt = 1; ; attempt++) {
		await send.beforeAttempt?.();
		const credentials = credentialsForAttempt(context, send);
		const ended = trackProviderRequest();
		let failure: HttpFailure;
		try {
			return await context.helpers.httpRequestWithAuthentication.call(context, send.credentialType, send.request, credentials?.options);
		} catch (error) {
			failure = describeHttpFailure(error);
		} finally {
			credentials?.keepRefreshed();
			ended();
		}
		send.afterFailedAttempt?.(failure);
		if (isTransient(failure) && attempt < attempts) {
			await waitBeforeRetry(attempt, failure, send.maxRetryWaitMs);
			continue;
		}
		throw providerErrorOf(send, failure);
	}
}
