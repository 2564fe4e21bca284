import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { toItemError } from './itemErrors';

/**
 * The item loop shared by the action nodes: one call per input item, every output item paired
 * with its input, and with Continue On Fail a failing item goes out as `{ error }` (n8n moves such
 * items to the error output when "Continue (using error output)" is chosen) while the rest go on.
 */
export async function runPerItem(
	context: IExecuteFunctions,
	handleItem: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await handleItem(itemIndex);
			output.push(
				...context.helpers.constructExecutionMetaData(context.helpers.returnJsonArray(result), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			const itemError = toItemError(context, error, itemIndex);
			if (!context.continueOnFail()) throw itemError;
			output.push({ json: { error: itemError.message }, pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}
