import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { MAX_ITEMS_IN_FLIGHT } from '../../shared/items';
import { credentialFingerprint } from '../../shared/tokens';

/**
 * The ClickPesa account as the node, the trigger and the credential see it: where it is, who it is,
 * and the pace its requests keep under ClickPesa's rate limit (per IP address, docs/clickpesa-api.md
 * §8.3). The pacers are kept in process memory, one per Base URL.
 */

export const CLICKPESA_DEFAULT_BASE_URL = 'https://api.clickpesa.com/third-parties';
export const CLICKPESA_DEFAULT_REQUESTS_PER_MINUTE = 120;
/** A ClickPesa token is valid for one hour (docs/clickpesa-api.md §2.2). */
export const CLICKPESA_TOKEN_LIFETIME_MS = 60 * 60_000;

export type ClickPesaAccount = {
	baseUrl: string;
	clientId: string;
	checksumSecret: string;
	fingerprint: string;
	requestsPerMinute: number;
};

/** What the node, the trigger and the credential read from a ClickPesa credential. No side effects. */
export function clickPesaAccount(credentials: ICredentialDataDecryptedObject): ClickPesaAccount {
	const baseUrl = String(credentials.baseUrl || CLICKPESA_DEFAULT_BASE_URL).replace(/\/+$/, '');
	const rate = credentials.rateLimitPerMinute;
	const perMinute = rate === undefined || rate === null || rate === '' ? CLICKPESA_DEFAULT_REQUESTS_PER_MINUTE : Number(rate);
	const processes = Math.max(1, Math.floor(Number(credentials.processesSharingIp) || 1));
	return {
		baseUrl,
		clientId: String(credentials.clientId ?? ''),
		checksumSecret: String(credentials.checksumSecret ?? ''),
		fingerprint: clickPesaFingerprint(credentials),
		// The limit is per IP address: each n8n process behind it keeps to its share.
		requestsPerMinute: Math.floor((Number.isFinite(perMinute) ? perMinute : CLICKPESA_DEFAULT_REQUESTS_PER_MINUTE) / processes),
	};
}

/**
 * How many items an operation runs at once for this account: what its pace can keep busy (a
 * request takes well under the 2.5 s a 24th of a minute leaves it; 120/min → 5), all 25 when pacing
 * is off. The pacer, not this, keeps the limit.
 */
export function itemsInFlightFor(account: ClickPesaAccount): number {
	if (account.requestsPerMinute <= 0) return MAX_ITEMS_IN_FLIGHT;
	return Math.min(MAX_ITEMS_IN_FLIGHT, Math.max(1, Math.floor(account.requestsPerMinute / 24)));
}

/**
 * The pacer an account's requests wait for. ClickPesa limits requests per IP address, so every
 * account behind one base URL shares it (docs/clickpesa-api.md §8.3). `headroom`: requests in flight
 * that n8n may re-send unpaced after a 401.
 */
export function clickPesaPacer(account: ClickPesaAccount, headroom: number): SlidingWindowPacer {
	return pacerFor(`clickpesa|${account.baseUrl}`, {
		requestsPerMinute: account.requestsPerMinute,
		headroom,
		requester: account.fingerprint,
	});
}

/** Identifies the account a token was issued for (see credentialFingerprint). */
export function clickPesaFingerprint(credentials: ICredentialDataDecryptedObject): string {
	return credentialFingerprint('clickpesa', credentials.baseUrl, credentials.clientId, credentials.apiKey);
}

// ---- Pacing -------------------------------------------------------------------------------------

/** How the pacer reads the time and waits: real time in n8n, a fake clock in tests. */
export type Clock = { now: () => number; sleep: (ms: number) => Promise<void> };

const realClock: Clock = { now: Date.now, sleep };

/** After the provider refused a request for the rate, the pace stays lowered until it refused none for this long. */
export const LOWERED_PACE_MS = 15 * 60_000;

/**
 * Keeps requests under a rate limit: a sliding window of `limit` requests per `windowMs`.
 * Callers are served in order; a limit of 0 turns pacing off.
 */
export class SlidingWindowPacer {
	private readonly sentAt: number[] = [];
	private queue: Promise<void> = Promise.resolve();
	/** The pace after the provider refused requests (429): the limit, when it was last halved, the last refusal. */
	private lowered: { limit: number; at: number; lastRefusal: number } | undefined;

	constructor(
		private limit: number,
		private readonly windowMs = 60_000,
		private readonly clock: Clock = realClock,
	) {}

	/** The requests let through per window now: the limit, or less after refusals (see `refused`). */
	get capacity(): number {
		return this.currentLimit(this.clock.now());
	}

	setLimit(limit: number): void {
		this.limit = limit;
	}

	/** Resolves when one more request may be sent now, and counts it. */
	async acquire(): Promise<void> {
		const turn = this.queue.then(async () => await this.waitForSlot());
		this.queue = turn.catch(() => undefined);
		await turn;
	}

	/**
	 * The provider refused a request this pacer let through (429): more is sent from the address
	 * than this process counts, e.g. other n8n processes while the credential says it is alone. The
	 * pace is halved, at most once per window (one burst of refusals is one signal, and the requests
	 * of the window already sent are what the lower pace waits for), again after a window if
	 * refusals go on, and back to the limit once none came for LOWERED_PACE_MS.
	 */
	refused(): void {
		const now = this.clock.now();
		const current = this.currentLimit(now);
		if (current <= 0) return;
		if (this.lowered && now - this.lowered.at < this.windowMs) {
			this.lowered.lastRefusal = now;
			return;
		}
		this.lowered = { limit: Math.max(1, Math.floor(current / 2)), at: now, lastRefusal: now };
	}

	/** How many requests were counted in the current window. */
	inWindow(): number {
		this.forgetOldEntries(this.clock.now());
		return this.sentAt.length;
	}

	private currentLimit(now: number): number {
		if (this.lowered && now - this.lowered.lastRefusal >= LOWERED_PACE_MS) this.lowered = undefined;
		if (this.limit <= 0 || !this.lowered) return this.limit;
		return Math.min(this.limit, this.lowered.limit);
	}

	private async waitForSlot(): Promise<void> {
		if (this.limit <= 0) return;
		for (;;) {
			const now = this.clock.now();
			this.forgetOldEntries(now);
			if (this.sentAt.length < this.currentLimit(now)) {
				this.sentAt.push(now);
				return;
			}
			await this.clock.sleep(this.sentAt[0] + this.windowMs - now + 1);
		}
	}

	private forgetOldEntries(now: number): void {
		while (this.sentAt.length > 0 && this.sentAt[0] <= now - this.windowMs) this.sentAt.shift();
	}
}

/**
 * A slot is counted when it is granted, but the provider counts the request when it arrives, which
 * can be later (the token call, n8n's own work): the window is kept this much longer than a minute.
 */
const ARRIVAL_MARGIN_MS = 2_000;

/** Rate-limit keys remembered at once (e.g. base URLs); the least recently used idle one goes first. */
const MAX_KEYS = 200;
/** Credentials that asked for a limit on one key, and how long a request for a limit counts. */
const MAX_REQUESTERS_PER_KEY = 50;
const REQUEST_VALID_MS = 15 * 60_000;

type SharedPacer = { pacer: SlidingWindowPacer; requests: Map<string, { limit: number; at: number }> };

const pacers = new Map<string, SharedPacer>();

export type PacerRequest = {
	/** The provider's limit as the credential states it; 0 or less: no pacing wanted. */
	requestsPerMinute: number;
	/**
	 * Requests held back from the limit: after a token expires, every request in flight may get a
	 * 401 and be re-sent by n8n without passing through the pacer (one per item in flight).
	 */
	headroom?: number;
	/** Who asks (e.g. a credential's fingerprint): each requester's latest limit counts. */
	requester: string;
};

/**
 * The process-wide pacer for one rate-limit key (ClickPesa: the base URL, as its limit is per IP
 * address). Every credential on the key shares it, and the strictest limit asked for in the last
 * 15 minutes holds, so two credentials with different limits cannot loosen each other's.
 */
export function pacerFor(rateLimitKey: string, request: PacerRequest): SlidingWindowPacer {
	const now = Date.now();
	let shared = pacers.get(rateLimitKey);
	if (shared) {
		pacers.delete(rateLimitKey);
	} else {
		shared = { pacer: new SlidingWindowPacer(0, 60_000 + ARRIVAL_MARGIN_MS), requests: new Map() };
	}
	pacers.set(rateLimitKey, shared);
	forgetIdleKeys();

	const wanted = request.requestsPerMinute > 0 ? Math.max(1, Math.floor(request.requestsPerMinute) - (request.headroom ?? 0)) : 0;
	const requesterKey = `${request.requester}|${request.headroom ?? 0}`;
	shared.requests.delete(requesterKey);
	shared.requests.set(requesterKey, { limit: wanted, at: now });
	for (const [key, { at }] of shared.requests) {
		if (now - at > REQUEST_VALID_MS || shared.requests.size > MAX_REQUESTERS_PER_KEY) shared.requests.delete(key);
	}
	const limits = [...shared.requests.values()].map(({ limit }) => limit).filter((limit) => limit > 0);
	shared.pacer.setLimit(limits.length > 0 ? Math.min(...limits) : 0);
	return shared.pacer;
}

function forgetIdleKeys(): void {
	if (pacers.size <= MAX_KEYS) return;
	for (const [key, { pacer }] of pacers) {
		if (pacers.size <= MAX_KEYS) return;
		if (pacer.inWindow() === 0) pacers.delete(key);
	}
}
