import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runBatch } from '../../shared/runBatch';
import { runPerItem } from '../../shared/runPerItem';
import { ClickPesaClient } from '../transport';
import { billPayOperations } from './billPay/BillPay.resource';
import { paymentOperations } from './payment/Payment.resource';
import type { ClickPesaBatchOperation, ClickPesaOperation } from './types';

const operationsByResource: Record<string, Record<string, ClickPesaOperation | ClickPesaBatchOperation>> = {
	billPay: billPayOperations,
	payment: paymentOperations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operationsByResource[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	}
	const client = await ClickPesaClient.create(this);
	if ('executeBatch' in operation) {
		return await runBatch(this, async (options) => await operation.executeBatch.call(this, client, options));
	}
	return await runPerItem(this, async (itemIndex) => await operation.execute.call(this, client, itemIndex));
}
