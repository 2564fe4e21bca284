import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { toItemError } from './itemErrors';

/** Items handled at the same time. Rate limits are kept by the account's pacer, not by this. */
export const ITEMS_IN_FLIGHT = 5;

type ItemResult = { ok: true; value: IDataObject | IDataObject[] } | { ok: false; error: unknown };

/**
 * The item loop shared by the action nodes: one call per input item, up to ITEMS_IN_FLIGHT at a
 * time, outputs in input order and each paired with its input item.
 *
 * With Continue On Fail a failing item goes out as `{ error }` (n8n moves such items to the error
 * output when "Continue (using error output)" is chosen) and the rest go on. Without it, the first
 * failure stops new items from starting; items already on their way finish, and the error says
 * what happened to them, so nobody charges them twice by re-running blindly.
 */
export async function runPerItem(
	context: IExecuteFunctions,
	handleItem: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
	concurrency = ITEMS_IN_FLIGHT,
): Promise<INodeExecutionData[][]> {
	const itemCount = context.getInputData().length;
	const continueOnFail = context.continueOnFail();
	const results: Array<ItemResult | undefined> = new Array(itemCount);
	let next = 0;
	let stopped = false;

	const worker = async () => {
		while (!stopped && next < itemCount) {
			const itemIndex = next++;
			try {
				results[itemIndex] = { ok: true, value: await handleItem(itemIndex) };
			} catch (error) {
				results[itemIndex] = { ok: false, error };
				if (!continueOnFail) stopped = true;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, itemCount) }, worker));

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const result = results[itemIndex];
		if (!result) continue;
		if (result.ok) {
			output.push(
				...context.helpers.constructExecutionMetaData(context.helpers.returnJsonArray(result.value), {
					itemData: { item: itemIndex },
				}),
			);
			continue;
		}
		const itemError = toItemError(context, result.error, itemIndex);
		if (!continueOnFail) throw withLaterItemsReported(context, itemError, results, itemIndex);
		output.push({ json: { error: itemError.message }, pairedItem: { item: itemIndex } });
	}
	return [output];
}

/**
 * Items after the failed one may already have been sent (they were in flight): say which succeeded
 * and which failed too, with their own messages (e.g. "the payment may have been created anyway"),
 * so that nobody re-runs them blindly.
 */
function withLaterItemsReported<E extends Error & { description?: string | null }>(
	context: IExecuteFunctions,
	error: E,
	results: Array<ItemResult | undefined>,
	failedIndex: number,
): E {
	const notes: string[] = [];
	const succeeded = results.flatMap((result, index) => (index > failedIndex && result?.ok ? [index] : []));
	if (succeeded.length > 0) {
		notes.push(`Items ${succeeded.join(', ')} were processed successfully before the node stopped; their results are not passed on.`);
	}
	results.forEach((result, index) => {
		if (index > failedIndex && result && !result.ok) {
			notes.push(`Also failed: ${toItemError(context, result.error, index).message}`);
		}
	});
	if (notes.length > 0) {
		const note = notes.join('\n');
		error.description = error.description ? `${error.description}\n${note}` : note;
	}
	return error;
}
