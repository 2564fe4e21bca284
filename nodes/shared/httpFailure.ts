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
