import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INode, JsonObject } from 'n8n-workflow';

import type { HttpFailure } from './http';

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

/**
 * A failed provider call as a NodeApiError, built only from our message and what the provider
 * answered (never from the request, which carries tokens and keys). The failure is kept in the
 * error's context so an operation can decide how to recover, e.g. look a payment up after a timeout.
 */
export function providerApiError(node: INode, failure: HttpFailure, message: string, description?: string): NodeApiError {
	const httpCode = failure.status ? String(failure.status) : undefined;
	const error = new NodeApiError(node, { message, httpCode: httpCode ?? null } as JsonObject, {
		message,
		description,
		httpCode,
	});
	// n8n swaps any message containing a network error code (ETIMEDOUT, ECONNRESET, …) for generic
	// advice such as "consider Retry on Fail", which is wrong for a payment: keep our words.
	error.message = message;
	error.context.failure = failure as unknown as IDataObject;
	return error;
}

export function failureOf(error: unknown): HttpFailure | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	return error.context.failure as unknown as HttpFailure | undefined;
}

/** The same provider failure, told differently (what it means and what to do next). */
export function retold(node: INode, error: NodeApiError, message: string): NodeApiError {
	const failure = failureOf(error) ?? { kind: 'http' as const, status: Number(error.httpCode) || undefined };
	return providerApiError(node, failure, message, error.description ?? undefined);
}

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
