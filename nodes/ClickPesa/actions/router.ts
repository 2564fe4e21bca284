import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { selectedOperation } from '../../shared/operationLookup';
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
	const operation = selectedOperation(this, operationsByResource);
	const client = await ClickPesaClient.create(this);
	if ('executeBatch' in operation) {
		return await runBatch(this, async (options) => await operation.executeBatch.call(this, client, options));
	}
	return await runPerItem(this, async (itemIndex) => await operation.execute.call(this, client, itemIndex));
}
