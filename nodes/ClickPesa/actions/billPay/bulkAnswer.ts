import type { IDataObject } from 'n8n-workflow';

/** Items per bulk request: ClickPesa accepts 1 to 50 (docs/clickpesa-api.md §4.7.3). */
export const BULK_LIMIT = 50;

/** Consecutive slices of at most `size` items, in order. */
export function inChunks<T>(items: readonly T[], size: number): T[][] {
	if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer (got ${size})`);
	const chunks: T[][] = [];
	for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
	return chunks;
}

/**
 * What the answer says about one sent item: created with this number, refused for this reason, or
 * `unknown` (the answer does not account for it, so it may or may not exist).
 */
export type BulkItemResult = { billPayNumber: string } | { reason: string } | { unknown: string };

type BulkAnswer = { billPayNumbers?: unknown; created?: unknown; failed?: unknown; errors?: unknown };

const UNREADABLE = "ClickPesa's answer could not be read (it has no list of created control numbers)";

/**
 * Reads a bulk-create answer (HTTP 200 even with per-item failures) into one result per sent item.
 * `errors[].index` is 0-based into the array that was sent; `billPayNumbers` lists the created
 * numbers of the other items, in order. Numbers are handed out by position only when the answer
 * adds up (as many numbers as unrefused items, matching `created`/`failed` when given, and an item
 * with a bill reference gets that reference, since the reference is the number). Otherwise an item
 * with a reference is created only if its reference is listed; every other item is unknown.
 */
export function mapBulkAnswer(answer: unknown, sent: readonly IDataObject[]): BulkItemResult[] {
	const { billPayNumbers, created, failed, errors } = (answer && typeof answer === 'object' ? answer : {}) as BulkAnswer;
	const createdCount = readCount(created);
	const failedCount = readCount(failed);
	if (!Array.isArray(billPayNumbers) || createdCount === null || failedCount === null) {
		return sent.map(() => ({ unknown: UNREADABLE }));
	}
	const reasons = readReasons(errors, sent.length);
	const numbers = billPayNumbers.filter(isNumberLike).map((value) => String(value));
	const byPosition = positionalNumbers(sent, reasons, numbers, createdCount, failedCount);
	if (byPosition) {
		return sent.map((_, index) => {
			const reason = reasons.get(index);
			return reason !== undefined ? { reason } : { billPayNumber: byPosition[index] };
		});
	}
	const listed = new Set(numbers);
	const unaccounted = `ClickPesa's answer does not add up (${numbers.length} control numbers listed, ${reasons.size} refusals, for ${sent.length} items sent), and does not account for this item`;
	return sent.map((item, index) => {
		const reason = reasons.get(index);
		if (reason !== undefined) return { reason };
		const reference = item.billReference;
		if (typeof reference === 'string' && listed.has(reference)) return { billPayNumber: reference };
		return { unknown: unaccounted };
	});
}

/** `created`/`failed`: absent is fine (undefined), a number or numeric string is read, anything else is unreadable (null). */
function readCount(value: unknown): number | undefined | null {
	if (value === undefined) return undefined;
	const count = typeof value === 'string' && value.trim() ? Number(value) : value;
	return typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : null;
}

function isNumberLike(value: unknown): value is string | number {
	return (typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isFinite(value));
}

/** `index` as an integer or an integer string, within the sent items; other entries are ignored. */
function readIndex(value: unknown, size: number): number | undefined {
	const index = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
	if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= size) return undefined;
	return index;
}

function readReasons(errors: unknown, size: number): Map<number, string> {
	const reasons = new Map<number, string>();
	for (const entry of Array.isArray(errors) ? errors : []) {
		const { index, reason, message } = (entry && typeof entry === 'object' ? entry : {}) as IDataObject;
		const position = readIndex(index, size);
		if (position === undefined) continue;
		const text = [reason, message].find((value) => typeof value === 'string' && value.trim());
		reasons.set(position, (text as string | undefined)?.trim() ?? 'ClickPesa did not create this control number');
	}
	return reasons;
}

/** The number of each unrefused item by position, or undefined when the answer does not add up. */
function positionalNumbers(
	sent: readonly IDataObject[],
	reasons: Map<number, string>,
	numbers: string[],
	createdCount: number | undefined,
	failedCount: number | undefined,
): Record<number, string> | undefined {
	if (numbers.length !== sent.length - reasons.size) return undefined;
	if (createdCount !== undefined && createdCount !== numbers.length) return undefined;
	if (failedCount !== undefined && failedCount !== reasons.size) return undefined;
	const byPosition: Record<number, string> = {};
	let next = 0;
	for (let index = 0; index < sent.length; index++) {
		if (reasons.has(index)) continue;
		const number = numbers[next++];
		const reference = sent[index].billReference;
		if (typeof reference === 'string' && reference !== number) return undefined;
		byPosition[index] = number;
	}
	return byPosition;
}
