export const CLIK2PAY_EVENT_TYPES = [
	'PAYMENT-COMPLETED',
	'PAYMENT-FAILED',
	'PAYMENT-LINK-FOLLOWED',
	'PAYMENT-PROCESSING',
] as const;

export type Clik2payEvent = {
	/** Upper case with `-` between words, e.g. `PAYMENT-COMPLETED`. */
	eventType: string;
	resourceType?: unknown;
	message?: unknown;
	resource: Record<string, unknown>;
};

export type EventsReading = { ok: true; events: Clik2payEvent[] } | { ok: false; problem: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The docs show an array of events, integrations read a single object (docs/clik2pay-api.md §8.6): both are
 * accepted. Every event needs an `eventType` text and a `resource` object, or the call is refused.
 */
export function readClik2payEvents(body: unknown): EventsReading {
	const list = Array.isArray(body) ? body : [body];
	if (list.length === 0) return { ok: false, problem: 'the body is an empty array' };
	const events: Clik2payEvent[] = [];
	for (const [index, entry] of list.entries()) {
		const where = Array.isArray(body) ? ` (event ${index + 1})` : '';
		if (!isRecord(entry)) return { ok: false, problem: `an event is not a JSON object${where}` };
		if (typeof entry.eventType !== 'string' || entry.eventType.trim() === '') {
			return { ok: false, problem: `the event has no eventType${where}` };
		}
		if (!isRecord(entry.resource)) return { ok: false, problem: `the event has no resource object${where}` };
		events.push({
			eventType: normaliseEventType(entry.eventType),
			resourceType: entry.resourceType,
			message: entry.message,
			resource: entry.resource,
		});
	}
	return { ok: true, events };
}

export function normaliseEventType(eventType: string): string {
	return eventType.trim().toUpperCase().replace(/[\s_-]+/g, '-');
}

/** `resource.id + eventType + resource.status` (docs/clik2pay-api.md §8.7); none without an id. */
export function duplicateKey({ eventType, resource }: Clik2payEvent): string | undefined {
	const id = resource.id;
	if (typeof id !== 'string' && typeof id !== 'number') return undefined;
	const status = typeof resource.status === 'string' ? resource.status : '';
	return JSON.stringify([String(id), eventType, status]);
}
