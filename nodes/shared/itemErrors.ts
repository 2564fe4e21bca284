import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import { InputError } from './inputError';

function namingItem(message: string, itemIndex: number): string {
	const suffix = ` (item ${itemIndex})`;
	return message.endsWith(suffix) ? message : `${message}${suffix}`;
}

/**
 * Turns whatever one item's work threw into an n8n error that names the item. Provider errors
 * were already built from our message and the provider's answer only (see providerApiError).
 */
export function toItemError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof InputError) {
		return new NodeOperationError(context.getNode(), namingItem(error.message, itemIndex), {
			itemIndex,
			description: error.hint,
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex = itemIndex;
		error.message = namingItem(error.message, itemIndex);
		return error;
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(context.getNode(), namingItem(message, itemIndex), { itemIndex });
}
