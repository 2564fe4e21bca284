import type { IWebhookFunctions } from 'n8n-workflow';

import { ProviderError } from './providerError';
import { sendWithRetries, type ProviderErrors } from './send';

/** The provider waits for the trigger's answer while it looks the transaction up: keep it short. */
const LOOKUP_TIMEOUT_MS = 10_000;
const LOOKUP_ATTEMPTS = 2;
const LOOKUP_MAX_RETRY_WAIT_MS = 1_000;

export type LookupResult = { ok: true; body: unknown } | { ok: false; message: string };

type Lookup = {
	provider: ProviderErrors;
	credentialType: string;
	url: string;
	/** Names the call in messages, e.g. `ClickPesa GET /payments/ORD1` (no host, no secrets). */
	label: string;
};

/**
 * An authenticated GET made by a trigger to confirm an event with the provider: one retry on
 * 429/5xx/network failures after at most a second (Retry-After included). It does not wait for the
 * account's rate-limit pacer: that wait can last a minute while the provider waits for the answer
 * and gives up. Failures come back as a message built from the status and the
 * provider's own words, never thrown and never carrying request headers.
 */
export async function lookUpForConfirmation(context: IWebhookFunctions, lookup: Lookup): Promise<LookupResult> {
	try {
		const body = await sendWithRetries(context, {
			provider: lookup.provider,
			credentialType: lookup.credentialType,
			request: { method: 'GET', url: lookup.url, json: true, timeout: LOOKUP_TIMEOUT_MS },
			label: lookup.label,
			idempotent: true,
			attempts: LOOKUP_ATTEMPTS,
			maxRetryWaitMs: LOOKUP_MAX_RETRY_WAIT_MS,
		});
		return { ok: true, body };
	} catch (error) {
		// sendWithRetries throws ProviderErrors only; anything else is told by its message too.
		return { ok: false, message: error instanceof ProviderError || error instanceof Error ? error.message : String(error) };
	}
}
