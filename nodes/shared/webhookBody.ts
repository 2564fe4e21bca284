import { CHECKSUM_LIMITS } from './checksum';

export type WebhookBody =
	| { ok: true; value: unknown; /** An own `"__proto__"` member somewhere: refuse it after checking signatures. */ carriesProtoKey: boolean }
	| { ok: false; problem: string };

type RequestLike = { body?: unknown; rawBody?: unknown };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	value !== null && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value);

type Parsed = { ok: true; value: unknown } | { ok: false; problem: string };

/**
 * The JSON a provider posted, whatever n8n made of it: a parsed object or array (JSON), a string
 * (text/plain), a Buffer, or nothing but `rawBody` (octet-stream, unknown content types). The
 * result is bounded in depth and size, since n8n could neither store nor display a body nested
 * 100,000 levels deep. A `__proto__` member is reported: later code could mistake it for a prototype.
 */
export function readWebhookJson(request: RequestLike): WebhookBody {
	const parsed = parseBody(request);
	if (!parsed.ok) return parsed;
	const shape = inspectShape(parsed.value);
	if (shape.problem) return { ok: false, problem: shape.problem };
	return { ok: true, value: parsed.value, carriesProtoKey: shape.carriesProtoKey };
}

function parseBody({ body, rawBody }: RequestLike): Parsed {
	if (Buffer.isBuffer(body)) return parseText(body.toString('utf8'));
	if (typeof body === 'string') return parseText(body);
	const rawText = Buffer.isBuffer(rawBody) ? rawBody.toString('utf8') : '';
	if (Array.isArray(body)) return { ok: true, value: body };
	if (isPlainObject(body) && (Object.keys(body).length > 0 || rawText.trim() === '')) return { ok: true, value: body };
	if (rawText.trim() !== '') return parseText(rawText);
	return { ok: false, problem: 'the request has no body' };
}

function parseText(text: string): Parsed {
	if (text.trim() === '') return { ok: false, problem: 'the request has no body' };
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { ok: false, problem: 'the body is not valid JSON' };
	}
}

/**
 * Walks the value without recursion, so no nesting depth can overflow the stack; values are counted
 * before they are queued, so a huge array is refused without queuing its elements.
 */
function inspectShape(root: unknown): { problem?: string; carriesProtoKey: boolean } {
	const pending: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 0 }];
	let count = 1;
	let carriesProtoKey = false;
	while (pending.length > 0) {
		const { value, depth } = pending.pop()!;
		if (value === null || typeof value !== 'object') continue;
		if (depth >= CHECKSUM_LIMITS.maxDepth) {
			return { problem: `the body is nested deeper than ${CHECKSUM_LIMITS.maxDepth} levels`, carriesProtoKey };
		}
		const keys = Array.isArray(value) ? undefined : Object.keys(value);
		count += keys ? keys.length : (value as unknown[]).length;
		if (count > CHECKSUM_LIMITS.maxNodes) {
			return { problem: `the body has more than ${CHECKSUM_LIMITS.maxNodes} values`, carriesProtoKey };
		}
		if (!keys) {
			for (const element of value as unknown[]) pending.push({ value: element, depth: depth + 1 });
			continue;
		}
		for (const key of keys) {
			if (key === '__proto__') carriesProtoKey = true;
			pending.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
		}
	}
	return { carriesProtoKey };
}
