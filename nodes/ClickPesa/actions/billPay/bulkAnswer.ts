import type { IDataObject } from 'n8n-workflow';

/** Items per bulk request: ClickPesa accepts 1 to 50 (§4.7). */
export const BULK_LIMIT = 50;

export type BulkItemResult = { billPayNumber: string } | { reason: string };

type BulkAnswer = { billPayNumbers?: unknown; errors?: unknown };

/**
 * Reads a bulk-create answer (HTTP 200 even with per-item failures) into one result per sent item.
 * `errors[].index` is 0-based into the array that was sent; `billPayNumbers` lists the created
 * numbers of the other items, in order. When the count of numbers does not match, an item with a
 * bill reference still knows its number (the reference is the number); one without cannot be told.
 */
export function mapBulkAnswer(answer: unknown, sent: readonly IDataObject[]): BulkItemResult[] {
	const { billPayNumbers, errors } = (answer && typeof answer === 'object' ? answer : {}) as BulkAnswer;
	const reasons = new Map<number, string>();
	for (const entry of Array.isArray(errors) ? errors : []) {
		const { index, reason, message } = (entry ?? {}) as IDataObject;
		if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= sent.length) continue;
		const text = [reason, message].find((value) => typeof value === 'string' && value.trim());
		reasons.set(index, (text as string | undefined)?.trim() ?? 'ClickPesa did not create this control number');
	}
	const numbers = (Array.isArray(billPayNumbers) ? billPayNumbers : []).map((value) => String(value));
	const createdCount = sent.length - reasons.size;
	const numbersMatch = numbers.length === createdCount;
	let next = 0;
	return sent.map((item, index) => {
		const reason = reasons.get(index);
		if (reason !== undefined) return { reason };
		if (numbersMatch) return { billPayNumber: numbers[next++] };
		if (typeof item.billReference === 'string') return { billPayNumber: item.billReference };
		return {
			reason: `ClickPesa's answer lists ${numbers.length} control numbers for ${createdCount} created items, so the number of this item (which has no bill reference) is unknown; look it up in the ClickPesa dashboard before creating it again`,
		};
	});
}
