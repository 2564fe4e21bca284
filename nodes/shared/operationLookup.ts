import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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
