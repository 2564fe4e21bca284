import { createHmac } from 'crypto';

/**
 * ClickPesa's "canonical" checksum (docs/clickpesa-api.md §6.2): HMAC-SHA256 over the body minus `checksum`
 * and `checksumMethod`, serialised as compact JSON with object keys sorted at every level.
 *
 * The canonical text is written directly instead of building a sorted copy by assignment: a copy
 * built with `copy[key] = …` turns a received `"__proto__"` member into a prototype and drops it
 * from the signed text, so a forged `__proto__` would slip past verification (docs/clickpesa-api.md §7.4).
 */

export const CHECKSUM_LIMITS = { maxDepth: 32, maxNodes: 100_000 };

export class CanonicalJsonError extends Error {}

type Budget = { nodes: number };

function writeCanonical(value: unknown, depth: number, budget: Budget): string {
	if (++budget.nodes > CHECKSUM_LIMITS.maxNodes) {
		throw new CanonicalJsonError(`payload has more than ${CHECKSUM_LIMITS.maxNodes} values`);
	}
	if (value === null || typeof value !== 'object') {
		// Same scalar rules as JSON.stringify; `undefined` members are skipped by the caller.
		return JSON.stringify(value) ?? 'null';
	}
	if (depth >= CHECKSUM_LIMITS.maxDepth) {
		throw new CanonicalJsonError(`payload is nested deeper than ${CHECKSUM_LIMITS.maxDepth} levels`);
	}
	if (Array.isArray(value)) {
		const parts = value.map((element) =>
			element === undefined || typeof element === 'function'
				? 'null'
				: writeCanonical(element, depth + 1, budget),
		);
		return `[${parts.join(',')}]`;
	}
	const record = value as Record<string, unknown>;
	const members: string[] = [];
	for (const key of Object.keys(record).sort()) {
		const member = record[key];
		if (member === undefined || typeof member === 'function') continue;
		members.push(`${JSON.stringify(key)}:${writeCanonical(member, depth + 1, budget)}`);
	}
	return `{${members.join(',')}}`;
}

/** Compact JSON with keys sorted recursively; arrays keep their order. Throws CanonicalJsonError when too deep or too large. */
export function canonicalJson(value: unknown): string {
	return writeCanonical(value, 0, { nodes: 0 });
}

/** The payload that is signed: everything except `checksum` and `checksumMethod` (own keys only). */
export function withoutChecksumFields(body: Record<string, unknown>): Record<string, unknown> {
	const rest: Record<string, unknown> = Object.create(null);
	for (const key of Object.keys(body)) {
		if (key === 'checksum' || key === 'checksumMethod') continue;
		Object.defineProperty(rest, key, { value: body[key], enumerable: true, writable: true, configurable: true });
	}
	return rest;
}

export function computeChecksum(checksumKey: string, body: Record<string, unknown>): string {
	return createHmac('sha256', checksumKey)
		.update(canonicalJson(withoutChecksumFields(body)), 'utf8')
		.digest('hex');
}

/**
 * The pre-2026 "legacy" method: top-level keys sorted, their values concatenated. Kept only so the
 * trigger can recognise (and refuse) legacy-signed webhooks; it does not cover nested objects.
 */
export function computeLegacyChecksum(checksumKey: string, body: Record<string, unknown>): string {
	const rest = withoutChecksumFields(body);
	const text = Object.keys(rest)
		.sort()
		.map((key) => String(rest[key]))
		.join('');
	return createHmac('sha256', checksumKey).update(text, 'utf8').digest('hex');
}
