export const CLICKPESA_EVENT_NAMES = [
	'DEPOSIT RECEIVED',
	'PAYMENT FAILED',
	'PAYMENT RECEIVED',
	'PAYOUT INITIATED',
	'PAYOUT REFUNDED',
	'PAYOUT REVERSED',
	'MANDATE STATUS CHANGED',
] as const;

/** A CRDB Direct Debit mandate decided or cancelled (mandateCallback.ts); not selected by default. */
export const MANDATE_EVENT = 'MANDATE STATUS CHANGED';

/** The events a new trigger listens to: every payment and payout event. */
export const DEFAULT_EVENT_NAMES = CLICKPESA_EVENT_NAMES.filter((name) => name !== MANDATE_EVENT);

export type ClickPesaEvent = {
	/** Upper case, words separated by single spaces, e.g. `PAYMENT RECEIVED`. */
	event: string;
	data: Record<string, unknown>;
	/** The whole body as received, `checksum` and `checksumMethod` included. */
	body: Record<string, unknown>;
};

export type EventReading = { ok: true; value: ClickPesaEvent } | { ok: false; problem: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * `{ event, data }` per docs/clickpesa-api.md §7.5; older payloads name the event `eventType`.
 * Event names are compared in upper case with `_`/`-` read as spaces, so `payment_received` matches.
 */
export function readClickPesaEvent(body: unknown): EventReading {
	if (!isRecord(body)) return { ok: false, problem: 'the body is not a JSON object' };
	const name = body.event ?? body.eventType;
	if (typeof name !== 'string' || name.trim() === '') {
		return { ok: false, problem: 'the body has no event name ("event" or "eventType")' };
	}
	if (!isRecord(body.data)) return { ok: false, problem: 'the body has no "data" object' };
	return { ok: true, value: { event: normaliseEventName(name), data: body.data, body } };
}

export function normaliseEventName(name: string): string {
	return name.trim().toUpperCase().replace(/[\s_-]+/g, ' ');
}

/** Identifies one state of one transaction, for dropping repeated deliveries; none without an id. */
export function duplicateKey({ event, data }: ClickPesaEvent): string | undefined {
	const id = data.id;
	if (typeof id !== 'string' && typeof id !== 'number') return undefined;
	const status = typeof data.status === 'string' || typeof data.status === 'number' ? data.status : '';
	return JSON.stringify([event, String(id), String(status)]);
}
