import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { describeFailureBriefly, describeHttpFailure, isTransient, providerMessage, type HttpFailure } from './httpFailure';
import { RETRY_POLICY, waitBeforeRetry } from './retry';

export type SendResult =
	| { ok: true; body: unknown }
	| { ok: false; failure: HttpFailure; message: string; reason?: string };

type Send = {
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
	/**
	 * The credential as the node already read it for this execution: n8n then skips loading and
	 * decrypting it again for every request (a token refresh updates this object in place).
	 */
	credentials?: ICredentialDataDecryptedObject;
};

function reuseCredentials(context: IExecuteFunctions | IWebhookFunctions, send: Send): IAdditionalCredentialOptions | undefined {
	if (!send.credentials) return undefined;
	const reference = context.getNode().credentials?.[send.credentialType];
	return {
		credentialsDecrypted: {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: send.credentialType,
			data: send.credentials,
		},
	};
}

/**
 * One provider call through n8n's authenticated request helper (token, refresh and one re-send
 * on 401), sent again with backoff after transient failures when that is safe. Failures come back
 * as a result carrying the status and the provider's own words, never the request's headers.
 */
export async function sendWithRetries(context: IExecuteFunctions | IWebhookFunctions, send: Send): Promise<SendResult> {
	const attempts = send.idempotent ? (send.attempts ?? RETRY_POLICY.attempts) : 1;
	const credentialOptions = reuseCredentials(context, send);
	for (let attempt = 1; ; attempt++) {
		await send.beforeAttempt?.();
		let failure: HttpFailure;
		try {
			return { ok: true, body: await context.helpers.httpRequestWithAuthentication.call(context, send.credentialType, send.request, credentialOptions) };
		} catch (error) {
			failure = describeHttpFailure(error);
		}
		if (isTransient(failure) && attempt < attempts) {
			await waitBeforeRetry(attempt, failure, send.maxRetryWaitMs);
			continue;
		}
		const reason = providerMessage(failure.body);
		const what = `${send.label} failed: ${describeFailureBriefly(failure)}`;
		return { ok: false, failure, message: reason ? `${what}: ${reason}` : what, reason };
	}
}
