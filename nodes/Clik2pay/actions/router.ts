import { hasNeedsApprovalOutput, heldOrThrown, type OperationsByResource } from '../../shared/moneyGuard';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { allowedItemsInFlight, DEFAULT_ITEMS_IN_FLIGHT, runBatch, runPerItem, selectedOperation } from '../../shared/items';
import { Clik2payClient } from '../transport';
import { paymentOperations } from './payment/Payment.resource';
import { paymentRequestOperations } from './paymentRequest/PaymentRequest.resource';
import { refundOperations } from './refund/Refund.resource';
import type { Clik2payBatchOperation, Clik2payOperation } from './types';

/** Every Resource → Operation pair; each has an output schema in `__schema__/` (docs/output-schemas.md). */
export const operationsByResource: Record<string, Record<string, Clik2payOperation | Clik2payBatchOperation>> = {
	paymentRequest: paymentRequestOperations,
	refund: refundOperations,
	payment: paymentOperations,
};

/** The operations that send money out: a Needs Approval output (the second, see Clik2pay.node.ts) when their switch is on. */
export const CLIK2PAY_NEEDS_APPROVAL: OperationsByResource = { payment: ['create'], refund: ['create'] };

/** The operations that move money: the node's Money Limits field shows on them. */
export const CLIK2PAY_MONEY_OPERATIONS: OperationsByResource = { ...CLIK2PAY_NEEDS_APPROVAL, paymentRequest: ['create'] };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = selectedOperation(this, operationsByResource);
	const client = await Clik2payClient.create(this);
	if ('executeBatch' in operation) {
		// Wait for Payment: all items are polled together, up to five lookups at once (shared/waiting.ts).
		return await runBatch(this, async (options) => await operation.executeBatch.call(this, client, options), {
			outputCount: operation.outputCount,
			errorOutput: operation.errorOutput,
		});
	}
	return await runPerItem(
		this,
		async (itemIndex) => await operation.execute.call(this, client, itemIndex).catch((error: unknown) => heldOrThrown(this, error)),
		operation.itemsInFlight ?? Math.min(DEFAULT_ITEMS_IN_FLIGHT, allowedItemsInFlight(this) ?? DEFAULT_ITEMS_IN_FLIGHT),
		hasNeedsApprovalOutput(this, CLIK2PAY_NEEDS_APPROVAL) ? 2 : 1,
	);
}
