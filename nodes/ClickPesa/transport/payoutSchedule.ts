import { sleep } from 'n8n-workflow';

/**
 * ClickPesa refuses a payout create sent within 60 seconds of the previous one
 * (docs/clickpesa-api.md §8.4), for the merchant as far as the Lipa Namba page says. So creates for
 * one account take turns here, across every execution in the n8n process: each waits until the
 * account's next create is allowed, and books the turn after it. Other n8n processes and other
 * systems using the same account are not seen; their creates end up in the documented cooldown
 * answer, which the caller waits out.
 */

/** Accounts (base URL + Client ID) remembered at once; those whose next turn has passed go first. */
const MAX_ACCOUNTS = 200;

const nextCreateAt = new Map<string, number>();

/**
 * Waits for the account's turn and books the next one `spacingMs` later. Answers how long it
 * waited, in milliseconds.
 */
export async function waitForPayoutTurn(accountKey: string, spacingMs: number): Promise<number> {
	const now = Date.now();
	const turn = Math.max(now, nextCreateAt.get(accountKey) ?? 0);
	remember(accountKey, turn + spacingMs, now);
	if (turn > now) await sleep(turn - now);
	return turn - now;
}

/** No create for the account before `at` (e.g. ClickPesa started its cooldown later than booked). */
export function noPayoutBefore(accountKey: string, at: number): void {
	remember(accountKey, Math.max(at, nextCreateAt.get(accountKey) ?? 0), Date.now());
}

function remember(accountKey: string, at: number, now: number): void {
	nextCreateAt.delete(accountKey);
	nextCreateAt.set(accountKey, at);
	if (nextCreateAt.size <= MAX_ACCOUNTS) return;
	for (const [key, next] of nextCreateAt) if (next <= now) nextCreateAt.delete(key);
	// Still too many: forget the least recently booked; at worst one of their creates meets the cooldown.
	for (const key of nextCreateAt.keys()) {
		if (nextCreateAt.size <= MAX_ACCOUNTS) break;
		nextCreateAt.delete(key);
	}
}
