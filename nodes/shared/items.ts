import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { toItemError } from './errors';

/**
 * The item loops of the action nodes: which operation runs, one call per input item
 * (`runPerItem`) or all items at once (`runBatch`), outputs in input order and paired with their
 * input, Continue On Fail honoured.
 */

/**
 * Whether the node runs as an AI agent's tool (an agent retries calls on its own and waits for the
 * answer). n8n 1.x has no isToolExecution, and n8n names the tool variant of a node `<type>Tool`.
 */
export function runsAsAiTool(context: IExecuteFunctions): boolean {
	return context.isToolExecution?.() === true || context.getNode().type.endsWith('Tool');
}

/** The operation the node's Resource and Operation parameters select. */
export function selectedOperation<T>(context: IExecuteFunctions, operationsByResource: Record<string, Record<string, T>>): T {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operationName = context.getNodeParameter('operation', 0) as string;
	const operation = operationsByResource[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(context.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	}
	return operation;
}

/**
 * Items handled at the same time unless an operation declares its own number. Rate limits are kept
 * by the account's pacer, not by this.
 */
export const DEFAULT_ITEMS_IN_FLIGHT = 5;

/** Items in flight at most, whatever a rate limit would allow. */
export const MAX_ITEMS_IN_FLIGHT = 25;

/**
 * The node's "Advanced Options → Items in Flight": a lower number of items sent at once than the
 * node would choose (`automatic`, described to the user). Hidden for the operations that run their
 * items one at a time anyway.
 */
export function itemsInFlightOption(automatic: string, most: number, oneAtATime: string[] = []): INodeProperties {
	return {
		displayName: 'Advanced Options',
		name: 'advancedOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		...(oneAtATime.length > 0 ? { displayOptions: { hide: { operation: oneAtATime } } } : {}),
		options: [
			{
				displayName: 'Items in Flight',
				name: 'itemsInFlight',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: most, numberPrecision: 0 },
				default: 1,
				description: `How many items are sent at once, at most. Without this option: ${automatic}. The rate limit set on the credential holds either way.`,
			},
		],
	};
}

/** Items in flight the user allows (Advanced Options), or undefined when the option is not set. */
export function allowedItemsInFlight(context: IExecuteFunctions): number | undefined {
	const options = context.getNodeParameter('advancedOptions', 0, {}) as IDataObject;
	const wanted = Number(options.itemsInFlight);
	return Number.isFinite(wanted) && options.itemsInFlight !== undefined ? Math.min(MAX_ITEMS_IN_FLIGHT, Math.max(1, Math.floor(wanted))) : undefined;
}

type ItemResult = { ok: true; value: IDataObject | IDataObject[] | OnOutput } | { ok: false; error: unknown };

/** An item's result that leaves on another output than the first (e.g. Needs Approval). */
export class OnOutput {
	constructor(
		readonly output: number,
		readonly json: IDataObject,
	) {}
}

/**
 * The item loop shared by the action nodes: one call per input item, up to `itemsInFlight` at a
 * time, outputs in input order and each paired with its input item.
 *
 * With Continue On Fail a failing item goes out as `{ error }` (n8n moves such items to the error
 * output when "Continue (using error output)" is chosen) and the rest go on. Without it, the first
 * failure stops new items from starting; items already on their way finish, and the error says
 * what happened to them, so nobody charges them twice by re-running blindly.
 */
export async function runPerItem(
	context: IExecuteFunctions,
	handleItem: (itemIndex: number) => Promise<IDataObject | IDataObject[] | OnOutput>,
	itemsInFlight = DEFAULT_ITEMS_IN_FLIGHT,
	outputCount = 1,
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
	await Promise.all(Array.from({ length: Math.min(Math.max(1, itemsInFlight), itemCount) }, worker));

	const outputs: INodeExecutionData[][] = Array.from({ length: Math.max(1, outputCount) }, () => []);
	const [output] = outputs;
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const result = results[itemIndex];
		if (!result) continue;
		if (result.ok && result.value instanceof OnOutput) {
			const target = outputs[result.value.output];
			if (!target) throw new NodeOperationError(context.getNode(), `Internal error: item ${itemIndex} was sent to output ${result.value.output} of ${outputs.length}`);
			target.push({ json: result.value.json, pairedItem: { item: itemIndex } });
			continue;
		}
		if (result.ok) {
			output.push(
				...context.helpers.constructExecutionMetaData(context.helpers.returnJsonArray(result.value as IDataObject | IDataObject[]), {
					itemData: { item: itemIndex },
				}),
			);
			continue;
		}
		const itemError = toItemError(context, result.error, itemIndex);
		if (!continueOnFail) throw withLaterItemsReported(context, itemError, results, itemIndex);
		output.push({ json: { error: itemError.message }, pairedItem: { item: itemIndex } });
	}
	return outputs;
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

/**
 * What became of one input item: its output, or why it failed (an InputError, NodeApiError, …).
 * `becauseOfAnother` marks items that failed only because another item did (e.g. not sent after
 * an earlier failure): without Continue On Fail, the node names the item that caused the stop.
 */
export type ItemOutcome =
	| { json: IDataObject; /** Which of the node's outputs the item leaves on (default 0). */ output?: number }
	| { error: unknown; becauseOfAnother?: boolean };

/**
 * A batch operation's answer: one outcome per input item, plus items that belong to no input item
 * (e.g. payments nobody billed), each on the output it names. They carry no pairedItem.
 */
/**
 * `parked`: the operation put the execution to wait (putExecutionToWait) and nothing leaves on any
 * output while it waits; n8n replaces the node's output when it resumes it.
 */
export type BatchResult = { outcomes: ItemOutcome[]; unpaired?: Array<{ json: IDataObject; output: number }>; parked?: boolean };

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
 * With several outputs, each item leaves on the output its outcome names; failures on `errorOutput`.
 * Items of no input (`BatchResult.unpaired`) follow on their outputs, after the paired ones.
 */
export async function runBatch(
	context: IExecuteFunctions,
	handleAll: (options: BatchOptions) => Promise<ItemOutcome[] | BatchResult>,
	{ outputCount = 1, errorOutput = 0 }: { outputCount?: number; errorOutput?: number } = {},
): Promise<INodeExecutionData[][]> {
	const itemCount = context.getInputData().length;
	const continueOnFail = context.continueOnFail();
	const answer = await handleAll({ itemCount, stopAtFirstFailure: !continueOnFail });
	if (!Array.isArray(answer) && answer.parked === true) return Array.from({ length: outputCount }, () => []);
	const { outcomes, unpaired = [] } = Array.isArray(answer) ? { outcomes: answer } : answer;
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
	const outputs: INodeExecutionData[][] = Array.from({ length: outputCount }, () => []);
	outcomes.forEach((outcome, itemIndex) => {
		if ('error' in outcome) {
			outputs[errorOutput].push({ json: { error: toItemError(context, outcome.error, itemIndex).message }, pairedItem: { item: itemIndex } });
			return;
		}
		const output = outcome.output ?? 0;
		if (!Number.isInteger(output) || output < 0 || output >= outputCount) {
			throw new NodeOperationError(context.getNode(), `Internal error: item ${itemIndex} was sent to output ${output} of ${outputCount}`);
		}
		outputs[output].push({ json: outcome.json, pairedItem: { item: itemIndex } });
	});
	for (const { json, output } of unpaired) {
		if (!Number.isInteger(output) || output < 0 || output >= outputCount) {
			throw new NodeOperationError(context.getNode(), `Internal error: an unpaired item was sent to output ${output} of ${outputCount}`);
		}
		outputs[output].push({ json });
	}
	return outputs;
}
