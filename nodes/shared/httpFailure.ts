/**
 * Reading a failed HTTP call: what went wrong, told from whatever n8n's request helpers threw
 * (their error shapes differ between n8n versions), and what that means for sending again.
 */

/**
 * What went wrong with one HTTP call. Only the status, the response body and the network error
 * code are kept: never the request config, which holds the Authorization header and API keys.
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
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_NETWORK']);

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

/** A network error code as axios, Node or n8n give it: `code`, or (n8n 2.8 and others) only `httpCode`. */
function networkCode(link: ErrorLike): string | undefined {
	for (const candidate of [link.code, link.httpCode]) {
		if (typeof candidate === 'string' && (TIMEOUT_CODES.has(candidate) || NETWORK_CODES.has(candidate))) return candidate;
	}
	return undefined;
}

/**
 * n8n's generic texts for failures (n8n-workflow's NodeError and NodeApiError), which advise sending
 * again: wrong for a request that may have moved money. Our messages say what to do instead.
 */
const RETRY_ADVICE = [
	/\s*You can retry the request immediately or wait and retry later\.?/gi,
	/\s*,?\s*consider setting the ['‘’"]?Retry on Fail['‘’"]? option in the node settings\.?/gi,
	/\s*-?\s*try again later or consider setting this node to retry automatically(?: \(in the node settings\))?\.?/gi,
	/\s*-?\s*perhaps try again later\?/gi,
];

export function withoutRetryAdvice(text: string): string {
	return RETRY_ADVICE.reduce((rest, advice) => rest.replace(advice, ''), text).trim();
}

/** Whether a text gives n8n's "retry" advice (see RETRY_ADVICE). */
export function givesRetryAdvice(text: string | null | undefined): boolean {
	return !!text && withoutRetryAdvice(text) !== text.trim();
}

/**
 * What went wrong, read from a NodeApiError wrapping an axios error, the axios error itself (older
 * n8n versions), or a NodeApiError that kept only n8n's `httpCode` (n8n 2.8: a dropped connection
 * arrives as `httpCode: 'ECONNRESET'` with no `code` and no `cause`).
 */
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
		const code = networkCode(link);
		if (code) return { kind: TIMEOUT_CODES.has(code) ? 'timeout' : 'network', code };
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
	const message = typeof innermost?.message === 'string' ? innermost.message : String(error);
	return { kind: 'other', message: withoutRetryAdvice(message) || message };
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
