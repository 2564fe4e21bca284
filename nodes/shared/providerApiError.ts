import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';

import type { HttpFailure } from './httpFailure';

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
