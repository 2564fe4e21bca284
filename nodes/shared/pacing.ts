import { sleep } from 'n8n-workflow';

import { ITEMS_IN_FLIGHT } from './runPerItem';

/**
 * Keeps requests to one provider account under its rate limit (a sliding window of `limit`
 * requests per `windowMs`). One pacer per credential account lives for the whole process, so
 * every execution, workflow and item in this n8n process shares it, and the credential's token
 * call waits its turn like any other request.
 */
export class SlidingWindowPacer {
	private readonly sentAt: number[] = [];
	private queue: Promise<void> = Promise.resolve();

	constructor(
		private limit: number,
		private readonly windowMs = 60_000,
		private readonly now: () => number = Date.now,
	) {}

	get capacity(): number {
		return this.limit;
	}

	setLimit(limit: number): void {
		this.limit = limit;
	}

	/** Resolves when one more request may be sent now, and counts it. Callers are served in order. */
	async acquire(): Promise<void> {
		const turn = this.queue.then(async () => await this.waitForSlot());
		this.queue = turn.catch(() => undefined);
		await turn;
	}

	/** How many requests were counted in the current window. */
	inWindow(): number {
		this.forgetOldEntries(this.now());
		return this.sentAt.length;
	}

	private async waitForSlot(): Promise<void> {
		if (this.limit <= 0) return;
		for (;;) {
			const now = this.now();
			this.forgetOldEntries(now);
			if (this.sentAt.length < this.limit) {
				this.sentAt.push(now);
				return;
			}
			await sleep(this.sentAt[0] + this.windowMs - now + 1);
		}
	}

	private forgetOldEntries(now: number): void {
		while (this.sentAt.length > 0 && this.sentAt[0] <= now - this.windowMs) this.sentAt.shift();
	}
}

const pacers = new Map<string, SlidingWindowPacer>();

/**
 * Requests held back from the limit: after a token expires, every request in flight (up to
 * ITEMS_IN_FLIGHT) may get a 401 and be re-sent by n8n without passing through the pacer.
 */
export const UNPACED_RESENDS = ITEMS_IN_FLIGHT;

/**
 * A slot is counted when it is granted, but the provider counts the request when it arrives, which
 * can be later (the token call, n8n's own work): the window is kept this much longer than a minute.
 */
const ARRIVAL_MARGIN_MS = 2_000;

/** The process-wide pacer for one rate-limit key (for ClickPesa: the base URL, as the limit is per IP). */
export function pacerFor(accountKey: string, requestsPerMinute: number): SlidingWindowPacer {
	const limit = requestsPerMinute > 0 ? Math.max(1, Math.floor(requestsPerMinute) - UNPACED_RESENDS) : 0;
	let pacer = pacers.get(accountKey);
	if (!pacer) {
		pacer = new SlidingWindowPacer(limit, 60_000 + ARRIVAL_MARGIN_MS);
		pacers.set(accountKey, pacer);
	} else {
		pacer.setLimit(limit);
	}
	return pacer;
}
