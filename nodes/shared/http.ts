import { sleep } from 'n8n-workflow';
import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

/**
 * Everything about one HTTP call to a provider: what went wrong (read from whatever n8n's request
 * helpers threw), whether sending again is safe, backoff between attempts, and the one send path
 * (`sendWithRetries`) through which both providers' transports and the triggers' lookups go.
 */

/**
 * What went wrong with one HTTP call, read from whatever n8n's request helpers threw (a
 * NodeApiError wrapping an axios error, or the axios error itself in older n8n versions).
 * Only the status, the response body and the network error code are kept: never the request
 * config, which holds the Authorization header and API keys.
 */
export type HttpFailure = {
	/**
	 * `token`: the credential could not get a token, so the request itself was never sent.
	 * `other`: no answer and no network error code (e.g. an answer cut off mid-body).
	 */
	kind: 'http' | 'network' | 'timeout' | 'token' | 'other';
	status?: number;
	body?: unknown;
	code?: string;
	retryAfterMs?: number;
	message?: string;
};

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT']);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ERR_NETWORK']);

type ErrorLike = {
	cause?: unknown;
	response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
	httpCode?: string | null;
	code?: string;
	message?: string;
	context?: { data?: unknown };
};

function errorChain(error: unknown): ErrorLike[] {
	const chain: ErrorLike[] = [];
	let current: unknown = error;
	while (current && typeof current === 'object' && chain.length < 5) {
		chain.push(current as ErrorLike);
		current = (current as ErrorLike).cause;
	}
	return chain;
}

function parseRetryAfter(value: unknown): number | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 120_000);
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, Math.min(date - Date.now(), 120_000));
}

/** The name the credentials give the error they throw when the provider refuses a token. */
export const TOKEN_REFUSED = 'TokenRefusedError';

/** The error a credential throws when the provider refuses a token: marked so the nodes can tell "no token, nothing was sent" from an unknown outcome. */
export function tokenRefused(message: string): Error {
	const error = new Error(message);
	error.name = TOKEN_REFUSED;
	return error;
}

export function describeHttpFailure(error: unknown): HttpFailure {
	const chain = errorChain(error);
	const refusal = chain.find((link) => (link as { name?: unknown }).name === TOKEN_REFUSED);
	if (refusal) return { kind: 'token', message: refusal.message };
	for (const link of chain) {
		if (link.response?.status) {
			return {
				kind: 'http',
				status: link.response.status,
				body: link.response.data,
				retryAfterMs: parseRetryAfter(link.response.headers?.['retry-after']),
			};
		}
	}
	for (const link of chain) {
		const code = link.code;
		if (code && TIMEOUT_CODES.has(code)) return { kind: 'timeout', code };
		if (code && NETWORK_CODES.has(code)) return { kind: 'network', code };
		if (typeof link.message === 'string' && /socket hang up|timeout/i.test(link.message)) {
			return { kind: /timeout/i.test(link.message) ? 'timeout' : 'network', code: link.message };
		}
	}
	for (const link of chain) {
		const status = Number(link.httpCode);
		if (Number.isInteger(status) && status >= 100) {
			return { kind: 'http', status, body: link.context?.data };
		}
	}
	const innermost = chain[chain.length - 1];
	return { kind: 'other', message: typeof innermost?.message === 'string' ? innermost.message : String(error) };
}

/** The provider's own words from an error body: ClickPesa `message` (string or array), Clik2pay `detail`. */
export function providerMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim().slice(0, 500) || undefined;
	if (!body || typeof body !== 'object') return undefined;
	const record = body as Record<string, unknown>;
	for (const key of ['message', 'detail', 'errorDescription', 'error_description', 'error', 'title']) {
		const value = record[key];
		if (typeof value === 'string' && value.trim()) return value.trim();
		if (Array.isArray(value)) {
			const parts = value.filter((part) => typeof part === 'string' && part.trim());
			if (parts.length) return parts.join('; ');
		}
	}
	return undefined;
}

/** 429, 5xx and network failures may succeed when sent again; other answers will not. */
export function isTransient(failure: HttpFailure): boolean {
	if (failure.kind === 'network' || failure.kind === 'timeout') return true;
	if (failure.kind === 'other' || failure.kind === 'token') return false;
	return failure.status === 429 || (failure.status ?? 0) >= 500;
}

/**
 * Whether a request that failed this way may still have taken effect. Only a real refusal (4xx) says
 * it did not; 429 is a 4xx too, but callers usually tell it apart (not processed, stop sending).
 * Everything else (no answer, a 5xx, an unreadable 2xx/3xx answer) leaves the outcome unknown.
 */
export function outcomeUnknown(failure: HttpFailure): boolean {
	const status = failure.status ?? 0;
	if (failure.kind === 'token') return false;
	return failure.kind !== 'http' || status >= 500 || status < 400;
}

export function describeFailureBriefly(failure: HttpFailure): string {
	if (failure.kind === 'timeout') return 'the request timed out';
	// No raw error code here: n8n swaps messages containing codes such as ECONNRESET for generic text.
	if (failure.kind === 'network') return 'the connection failed before an answer arrived';
	if (failure.kind === 'other' || failure.kind === 'token') return failure.message ?? 'unknown error';
	return `HTTP ${failure.status}`;
}

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

/** Where provider requests are made from: an action node, a webhook, or the editor loading options. */
export type RequestContext = IExecuteFunctions | IWebhookFunctions | ILoadOptionsFunctions;

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

/**
 * One provider call through n8n's authenticated request helper (token, refresh and one re-send
 * on 401), sent again with backoff after transient failures when that is safe. Failures come back
 * as a result carrying the status and the provider's own words, never the request's headers.
 */
export async function sendWithRetries(context: RequestContext, send: Send): Promise<SendResult> {
	const attempts = send.idempotent ? (send.attempts ?? RETRY_POLICY.attempts) : 1;
	for (let attempt = 1; ; attempt++) {
		await send.beforeAttempt?.();
		const credentials = credentialsForAttempt(context, send);
		let failure: HttpFailure;
		try {
			return { ok: true, body: await context.helpers.httpRequestWithAuthentication.call(context, send.credentialType, send.request, credentials?.options) };
		} catch (error) {
			failure = describeHttpFailure(error);
		} finally {
			credentials?.keepRefreshed();
		}
		send.afterFailedAttempt?.(failure);
		if (isTransient(failure) && attempt < attempts) {
			await waitBeforeRetry(attempt, failure, send.maxRetryWaitMs);
			continue;
		}
		const reason = providerMessage(failure.body);
		const what = `${send.label} failed: ${describeFailureBriefly(failure)}`;
		return { ok: false, failure, message: reason ? `${what}: ${reason}` : what, reason };
	}
}

/** The provider waits for the trigger's answer while it looks the transaction up: keep it short. */
const LOOKUP_TIMEOUT_MS = 10_000;
const LOOKUP_ATTEMPTS = 2;
const LOOKUP_MAX_RETRY_WAIT_MS = 1_000;

export type LookupResult = { ok: true; body: unknown } | { ok: false; message: string };

type Lookup = {
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
	const result = await sendWithRetries(context, {
		credentialType: lookup.credentialType,
		request: { method: 'GET', url: lookup.url, json: true, timeout: LOOKUP_TIMEOUT_MS },
		label: lookup.label,
		idempotent: true,
		attempts: LOOKUP_ATTEMPTS,
		maxRetryWaitMs: LOOKUP_MAX_RETRY_WAIT_MS,
	});
	return result.ok ? { ok: true, body: result.body } : { ok: false, message: result.message };
}
