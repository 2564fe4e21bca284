import type { IWebhookFunctions } from 'n8n-workflow';

import { describeFailureBriefly, describeHttpFailure, isTransient, providerMessage, type HttpFailure } from './httpFailure';
import type { SlidingWindowPacer } from './pacing';
import { waitBeforeRetry } from './retry';

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
	for (let attempt = 1; ; attempt++) {
		await lookup.pacer?.acquire();
		const outcome: LookupResult | { retryAfter: HttpFailure } = await context.helpers.httpRequestWithAuthentication
			.call(context, lookup.credentialType, { method: 'GET', url: lookup.url, json: true, timeout: LOOKUP_TIMEOUT_MS })
			.then(
				(body: unknown): LookupResult => ({ ok: true, body }),
				(error: unknown) => {
					const failure = describeHttpFailure(error);
					if (isTransient(failure) && attempt < LOOKUP_ATTEMPTS) return { retryAfter: failure };
					const reason = providerMessage(failure.body);
					const brief = describeFailureBriefly(failure);
					return { ok: false as const, message: `${lookup.label} failed: ${brief}${reason ? `: ${reason}` : ''}` };
				},
			);
		if (!('retryAfter' in outcome)) return outcome;
		await waitBeforeRetry(attempt, outcome.retryAfter);
	}
}
