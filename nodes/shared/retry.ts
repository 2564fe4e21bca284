import { sleep } from 'n8n-workflow';

import type { HttpFailure } from './httpFailure';

/** How often and how patiently a request that may be sent again (a read) is sent after a transient failure. */
export const RETRY_POLICY = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

/**
 * Exponential backoff with jitter; a provider's Retry-After wins when it is longer. `capMs` bounds
 * the wait for callers that someone is waiting on (a webhook answer), Retry-After included.
 */
export function backoffDelayMs(attempt: number, failure: HttpFailure, capMs?: number): number {
	const exponential = Math.min(RETRY_POLICY.baseDelayMs * 2 ** (attempt - 1), RETRY_POLICY.maxDelayMs);
	const jittered = exponential / 2 + Math.random() * (exponential / 2);
	const delay = Math.max(jittered, failure.retryAfterMs ?? 0);
	return capMs === undefined ? delay : Math.min(delay, capMs);
}

export async function waitBeforeRetry(attempt: number, failure: HttpFailure, capMs?: number): Promise<void> {
	await sleep(backoffDelayMs(attempt, failure, capMs));
}
