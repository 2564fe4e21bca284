import { createHash, timingSafeEqual } from 'crypto';
import * as n8nWorkflow from 'n8n-workflow';
import type { IDataObject, IHookFunctions, IWebhookDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/**
 * Plumbing the two triggers share: reading the posted JSON safely, answering a call without
 * starting the workflow, remembering recent events, the webhook path, constant-time comparisons.
 */

/**
 * Answers the webhook call ourselves (status, JSON body, extra headers) and tells n8n not to answer
 * and not to start the workflow: n8n passes our status through and records no execution.
 * Never throws (webhook() must not), even when the connection is already gone.
 */
export function answerWith(
	context: IWebhookFunctions,
	status: number,
	body: IDataObject,
	headers: Record<string, string> = {},
): IWebhookResponseData {
	try {
		const response = context.getResponseObject();
		if (!response.headersSent) {
			response.status(status);
			for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
			response.setHeader('content-type', 'application/json; charset=utf-8');
			response.end(JSON.stringify(body));
		}
	} catch {
		// Nothing more can be said to a caller whose connection cannot take an answer.
	}
	return { noWebhookResponse: true };
}

/** The one webhook of a provider trigger: POST to `/webhook/<Path parameter>`, answered by the trigger itself. */
export function providerWebhook(): IWebhookDescription {
	return { name: 'default', httpMethod: 'POST', responseMode: 'onReceived', ...webhookPathFromParameter(), isFullPath: true };
}

/**
 * The webhook lifecycle of a provider without an API to register webhooks: the URL is pasted into
 * the provider's dashboard by hand, so there is nothing to check, create or delete.
 */
export const webhookRegisteredByHand = {
	async checkExists(this: IHookFunctions): Promise<boolean> {
		return true;
	},
	async create(this: IHookFunctions): Promise<boolean> {
		return true;
	},
	async delete(this: IHookFunctions): Promise<boolean> {
		return true;
	},
};

/** An event's confirmation with the provider's API, as the trigger adds it to the item. */
export type Confirmation = { confirmed: boolean; confirmedStatus?: string; confirmationError?: string };

/** Logs an event the provider's API did not confirm (why, never the event's data), and returns the confirmation. */
export function logIfUnconfirmed(context: IWebhookFunctions, eventName: string, confirmation: Confirmation): Confirmation {
	if (!confirmation.confirmed) {
		context.logger.warn(`${context.getNode().name}: ${eventName} not confirmed: ${confirmation.confirmationError ?? 'unknown reason'}`, {
			workflowId: context.getWorkflow().id,
		});
	}
	return confirmation;
}

/** What a webhook handler may need to take back when it fails after remembering the event. */
export type WebhookUndo = { forgetDuplicates?: () => void };

/**
 * Runs a trigger's webhook handler so that nothing escapes: on any error the event is forgotten
 * (a provider retry is then not dropped as a duplicate), the error's message goes to n8n's log, and
 * the caller gets a plain 500, never a stack trace; n8n records no error execution.
 */
export async function handleSafely(
	context: IWebhookFunctions,
	handle: (undo: WebhookUndo) => Promise<IWebhookResponseData>,
): Promise<IWebhookResponseData> {
	const undo: WebhookUndo = {};
	try {
		return await handle(undo);
	} catch (error) {
		undo.forgetDuplicates?.();
		context.logger.error(`${context.getNode().name}: a webhook call could not be processed and was answered with 500`, {
			workflowId: context.getWorkflow().id,
			error: error instanceof Error ? error.message : String(error),
		});
		return answerWith(context, 500, { message: 'The webhook could not be processed' });
	}
}

/**
 * Acknowledges a call that starts nothing (an event not selected, a repeat) the way n8n's own
 * triggers do: n8n answers 200 with this body and records no execution.
 */
export function acknowledgeWithoutRunning(body: IDataObject): IWebhookResponseData {
	return { webhookResponse: body };
}

/** What a webhook body may hold: n8n could neither store nor display a body nested 100,000 levels deep. */
export const WEBHOOK_BODY_LIMITS = { maxDepth: 32, maxNodes: 100_000 };

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
		if (depth >= WEBHOOK_BODY_LIMITS.maxDepth) {
			return { problem: `the body is nested deeper than ${WEBHOOK_BODY_LIMITS.maxDepth} levels`, carriesProtoKey };
		}
		const keys = Array.isArray(value) ? undefined : Object.keys(value);
		count += keys ? keys.length : (value as unknown[]).length;
		if (count > WEBHOOK_BODY_LIMITS.maxNodes) {
			return { problem: `the body has more than ${WEBHOOK_BODY_LIMITS.maxNodes} values`, carriesProtoKey };
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

/**
 * Remembers event keys for a while, to drop repeated deliveries of the same webhook event.
 *
 * The memory is this n8n process's own: with several processes (queue mode with webhook
 * processors, multi-main) a repeat that reaches a different process is not recognised, and a
 * restart forgets everything. Workflow static data is no better for this (it is written only after
 * an execution and is unreliable under frequent executions), so the limits are stated to the user.
 */
export class RecentKeys {
	private readonly seenAt = new Map<string, number>();

	constructor(
		private readonly maxKeys = 10_000,
		private readonly ttlMs = 24 * 60 * 60 * 1000,
		private readonly now: () => number = Date.now,
	) {}

	/** True when the key was seen within the TTL; otherwise remembers it and returns false. */
	seenBefore(key: string): boolean {
		const now = this.now();
		const at = this.seenAt.get(key);
		if (at !== undefined && now - at < this.ttlMs) return true;
		// Re-inserting moves the key to the end of the Map's order, so the oldest keys come first.
		this.seenAt.delete(key);
		this.seenAt.set(key, now);
		this.evict(now);
		return false;
	}

	/** Takes back a key remembered by seenBefore, e.g. when the event could not be handed on. */
	forget(key: string): void {
		this.seenAt.delete(key);
	}

	get size(): number {
		return this.seenAt.size;
	}

	private evict(now: number): void {
		for (const [key, at] of this.seenAt) {
			if (this.seenAt.size <= this.maxKeys && now - at < this.ttlMs) break;
			this.seenAt.delete(key);
		}
	}
}

/** Trigger nodes remembered at once (each holds at most 10,000 keys); the least recently used goes first. */
const MAX_SCOPES = 100;

const caches = new Map<string, RecentKeys>();

/** The process-wide cache of one trigger node in one workflow. */
export function recentKeysFor(scope: string): RecentKeys {
	let cache = caches.get(scope);
	if (cache) {
		caches.delete(scope);
	} else {
		cache = new RecentKeys();
	}
	caches.set(scope, cache);
	for (const key of caches.keys()) {
		if (caches.size <= MAX_SCOPES) break;
		caches.delete(key);
	}
	return cache;
}

type PathField = { path: string };

/**
 * The `path` of a trigger's webhook description, read from its Path parameter. Newer n8n (2.x)
 * resolves fields declared with `fromParameter` natively; the plain expression template would make
 * it run the expression engine on every webhook request. n8n 1.x lacks the helper and gets the
 * template, which it evaluates as before.
 */
export function webhookPathFromParameter(): PathField {
	const helpers = n8nWorkflow as unknown as {
		webhookDescriptionFields?: (fields: Record<'path', unknown>) => PathField;
		fromParameter?: (path: string) => unknown;
	};
	if (typeof helpers.webhookDescriptionFields === 'function' && typeof helpers.fromParameter === 'function') {
		return helpers.webhookDescriptionFields({ path: helpers.fromParameter('path') });
	}
	return { path: '={{$parameter["path"]}}' };
}

const LOWERCASE_HEX = /^[0-9a-f]+$/;

/**
 * Compares a received hex digest with the expected one without leaking where they differ. Only
 * lowercase hex of the same length is compared; anything else is simply unequal.
 */
export function hexDigestsEqual(received: unknown, expected: string): boolean {
	if (typeof received !== 'string' || received.length !== expected.length) return false;
	const normalised = received.toLowerCase();
	if (!LOWERCASE_HEX.test(normalised) || !LOWERCASE_HEX.test(expected)) return false;
	return timingSafeEqual(Buffer.from(normalised, 'hex'), Buffer.from(expected, 'hex'));
}

/**
 * Compares two secrets (passwords, user names) in constant time: both sides are hashed first, so
 * neither the content nor the length of the expected value leaks through timing.
 */
export function secretsEqual(received: string, expected: string): boolean {
	const a = createHash('sha256').update(received, 'utf8').digest();
	const b = createHash('sha256').update(expected, 'utf8').digest();
	return timingSafeEqual(a, b);
}
