import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toItemError } from './itemErrors';

/**
 * What became of one input item: its output, or why it failed (an InputError, NodeApiError, …).
 * `becauseOfAnother` marks items that failed only because another item did (e.g. not sent after
 * an earlier failure): without Continue On Fail, the node names the item that caused the stop.
 */
export type ItemOutcome = { json: IDataObject } | { error: unknown; becauseOfAnother?: boolean };

export type BatchOptions = {
	itemCount: number;
	/**
	 * Continue On Fail is off: the node will stop with the first failing item, so the operation
	 * should send nothing more once an item failed (the remaining outcomes are never shown).
	 */
	stopAtFirstFailure: boolean;
};

/**
 * The batch variant of runPerItem, for operations that handle all input items together (e.g. one
 * request per 50 items). The operation answers exactly one outcome per input item, in input
 * order; each becomes one output item paired with its input. With Continue On Fail, failures go
 * out as `{ error }` items and the rest go on; without it, the first failing item (in input order,
 * not counting items that failed only because of another) stops the node with an error naming it.
 */
export async function runBatch(
	context: IExecuteFunctions,
	handleAll: (options: BatchOptions) => Promise<ItemOutcome[]>,
): Promise<INodeExecutionData[][]> {
	const itemCount = context.getInputData().length;
	const continueOnFail = context.continueOnFail();
	const outcomes = await handleAll({ itemCount, stopAtFirstFailure: !continueOnFail });
	// Counted with filter, which (unlike length) skips the holes of a sparse array.
	const produced = outcomes.filter((outcome) => outcome !== undefined).length;
	if (outcomes.length !== itemCount || produced !== itemCount) {
		throw new NodeOperationError(
			context.getNode(),
			`Internal error: ${itemCount} items came in but ${produced} outcomes were produced`,
		);
	}
	if (!continueOnFail) {
		const failed = (outcome: ItemOutcome) => 'error' in outcome;
		const cause = outcomes.findIndex((outcome) => failed(outcome) && !('becauseOfAnother' in outcome && outcome.becauseOfAnother));
		const stopAt = cause >= 0 ? cause : outcomes.findIndex(failed);
		if (stopAt >= 0) throw toItemError(context, (outcomes[stopAt] as { error: unknown }).error, stopAt);
	}
	const output: INodeExecutionData[] = outcomes.map((outcome, itemIndex) => ({
		json: 'error' in outcome ? { error: toItemError(context, outcome.error, itemIndex).message } : outcome.json,
		pairedItem: { item: itemIndex },
	}));
	return [output];
}
