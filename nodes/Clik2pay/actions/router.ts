import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runPerItem } from '../../shared/runPerItem';
import { Clik2payClient } from '../transport';
import { paymentOperations } from './payment/Payment.resource';
import { paymentRequestOperations } from './paymentRequest/PaymentRequest.resource';
import { refundOperations } from './refund/Refund.resource';
import type { Clik2payOperation } from './types';

const operationsByResource: Record<string, Record<string, Clik2payOperation>> = {
	paymentRequest: paymentRequestOperations,
	refund: refundOperations,
	payment: paymentOperations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operationsByResource[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	}
	const client = await Clik2payClient.create(this);
	return await runPerItem(this, async (itemIndex) => await operation.execute.call(this, client, itemIndex));
}
