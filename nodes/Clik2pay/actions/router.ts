import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { allowedItemsInFlight, DEFAULT_ITEMS_IN_FLIGHT, runPerItem, selectedOperation } from '../../shared/items';
import { Clik2payClient } from '../transport';
import { paymentOperations } from './payment/Payment.resource';
import { paymentRequestOperations } from './paymentRequest/PaymentRequest.resource';
import { refundOperations } from './refund/Refund.resource';
import type { Clik2payOperation } from './types';

/** Every Resource → Operation pair; each has an output schema in `__schema__/` (docs/output-schemas.md). */
export const operationsByResource: Record<string, Record<string, Clik2payOperation>> = {
	paymentRequest: paymentRequestOperations,
	refund: refundOperations,
	payment: paymentOperations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = selectedOperation(this, operationsByResource);
	const client = await Clik2payClient.create(this);
	return await runPerItem(
		this,
		async (itemIndex) => await operation.execute.call(this, client, itemIndex),
		operation.itemsInFlight ?? Math.min(DEFAULT_ITEMS_IN_FLIGHT, allowedItemsInFlight(this) ?? DEFAULT_ITEMS_IN_FLIGHT),
	);
}
