import type { IWebhookFunctions } from 'n8n-workflow';

import type { SlidingWindowPacer } from './pacing';
import { sendWithRetries } from './sendWithRetries';

/** The provider waits for the trigger's answer while it looks the transaction up: keep it short. */
const LOOKUP_TIMEOUT_MS = 10_000;
const LOOKUP_ATTEMPTS = 2;

export type LookupResult = { ok: true; body: unknown } | { ok: false; message: string };

type Lookup = {
	credentialType: string;
	url: string;
	/** Names the call in messages, e.g. `ClickPesa GET /payments/ORD1` (no host, no secrets). */
	label: string;
	pacer?: SlidingWindowPacer;
};

/**
 * An authenticated GET made by a trigger to confirm an event with the provider: one retry on
 * 429/5xx/network failures; failures come back as a message built from the status and the
 * provider's own words, never thrown and never carrying request headers.
 */
export async function lookUpForConfirmation(context: IWebhookFunctions, lookup: Lookup): Promise<LookupResult> {
	const result = await sendWithRetries(context, {
		credentialType: lookup.credentialType,
		request: { method: 'GET', url: lookup.url, json: true, timeout: LOOKUP_TIMEOUT_MS },
		label: lookup.label,
		idempotent: true,
		attempts: LOOKUP_ATTEMPTS,
		beforeAttempt: lookup.pacer ? async () => await lookup.pacer?.acquire() : undefined,
	});
	return result.ok ? { ok: true, body: result.body } : { ok: false, message: result.message };
}
