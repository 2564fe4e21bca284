import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INode, JsonObject } from 'n8n-workflow';

import { ProviderError } from './providerError';

/**
 * The errors the nodes throw inside, and the one place n8n's errors are made from them
 * (toNodeError): a ProviderError becomes a NodeApiError, an InputError a NodeOperationError.
 */

/** Bad input in one item, found before any HTTP call. */
export class InputError extends Error {
	constructor(
		readonly field: string,
		message: string,
		readonly hint?: string,
	) {
		super(message);
		this.name = 'InputError';
	}
}

function namingItem(message: string, itemIndex: number | undefined): string {
	if (itemIndex === undefined) return message;
	const suffix = ` (item ${itemIndex})`;
	return message.endsWith(suffix) ? message : `${message}${suffix}`;
}

/**
 * A ProviderError as n8n's NodeApiError: our message, the provider's own words as the description,
 * the HTTP status, and nothing of the request (which carries tokens and keys). n8n's constructor
 * swaps messages naming a network code (ECONNRESET, ETIMEDOUT, …) or an HTTP status for generic
 * advice such as "You can retry the request immediately" or "consider Retry on Fail", which is
 * wrong for a payment: what it wrote is replaced by ours, on every n8n version.
 */
function nodeApiErrorOf(node: INode, error: ProviderError, itemIndex: number | undefined): NodeApiError {
	const httpCode = error.status ? String(error.status) : undefined;
	const message = namingItem(error.message, itemIndex);
	const description = error.providerMessage;
	const apiError = new NodeApiError(node, { message, httpCode: httpCode ?? null } as JsonObject, {
		message,
		description,
		httpCode,
		itemIndex,
	});
	apiError.message = message;
	apiError.description = description;
	apiError.messages = [];
	apiError.httpCode = httpCode ?? null;
	return apiError;
}

/**
 * The one place n8n errors are made from ours: a ProviderError becomes a NodeApiError, an InputError
 * a NodeOperationError, both naming the item when one is given. n8n's own errors pass through
 * (naming the item); anything else becomes a NodeOperationError with its message.
 */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof ProviderError) return nodeApiErrorOf(node, error, itemIndex);
	if (error instanceof InputError) {
		return new NodeOperationError(node, namingItem(error.message, itemIndex), { itemIndex, description: error.hint });
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined) error.context.itemIndex = itemIndex;
		error.message = namingItem(error.message, itemIndex);
		return error;
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, namingItem(message, itemIndex), { itemIndex });
}

/** Whatever one item's work threw, as an n8n error naming the item. */
export function toItemError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	return toNodeError(context.getNode(), error, itemIndex);
}
