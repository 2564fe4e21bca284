import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { allowedItemsInFlight, runBatch, runPerItem, selectedOperation } from '../../shared/items';
import { hasNeedsApprovalOutput, heldOrThrown, OperationsByResource } from '../../shared/moneyGuard';
import { ClickPesaClient } from '../transport';
import { accountOperations } from './account/Account.resource';
import { billPayOperations } from './billPay/BillPay.resource';
import { cardOperations } from './card/Card.resource';
import { checkoutLinkOperations } from './checkoutLink/CheckoutLink.resource';
import { exchangeRateOperations } from './exchangeRate/ExchangeRate.resource';
import { paymentOperations } from './payment/Payment.resource';
import { paymentPlanOperations } from './paymentPlan/PaymentPlan.resource';
import { DEFAULT_POLL_TIMEOUT_S, waitForInitiated } from './payment/waitForResults';
import { payoutOperations } from './payout/Payout.resource';
import { payoutLinkOperations } from './payoutLink/PayoutLink.resource';
import type { ClickPesaBatchOperation, ClickPesaOperation } from './types';

/** Every Resource → Operation pair; each has an output schema in `__schema__/` (docs/output-schemas.md). */
export const operationsByResource: Record<string, Record<string, ClickPesaOperation | ClickPesaBatchOperation>> = {
	account: accountOperations,
	billPay: billPayOperations,
	card: cardOperations,
	checkoutLink: checkoutLinkOperations,
	exchangeRate: exchangeRateOperations,
	payment: paymentOperations,
	paymentPlan: paymentPlanOperations,
	payout: payoutOperations,
	payoutLink: payoutLinkOperations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = selectedOperation(this, operationsByResource);
	if ('executeBatch' in operation) {
		// A batch operation handles every item in one call, with a client sized for the requests it
		// sends at once (the pacer's headroom for re-sends after a 401): Create Many sends its chunks
		// one after another, Reconcile reads up to five pages of the list at once, Wait for Payment
		// polls up to five payments at once (pollPayments.ts). The pacer keeps the rate limit either way.
		const client = await ClickPesaClient.create(this, operation.requestsInFlight ?? 1);
		return await runBatch(this, async (options) => await operation.executeBatch.call(this, client, options), {
			outputCount: operation.outputCount,
			errorOutput: operation.errorOutput,
		});
	}
	const client = await ClickPesaClient.create(this, operation.itemsInFlight, allowedItemsInFlight(this));
	const outputCount = hasNeedsApprovalOutput(this, CLICKPESA_NEEDS_APPROVAL) ? 2 : 1;
	const outputs = await runPerItem(
		this,
		async (itemIndex) => await operation.execute.call(this, client, itemIndex).catch((error: unknown) => heldOrThrown(this, error)),
		client.itemsInFlight,
		outputCount,
	);
	const [output] = outputs;
	if (operation.waitsForResult?.call(this) !== true) return outputs;
	return await waitForInitiated(this, client, output, Number(this.getNodeParameter('timeoutSeconds', 0, DEFAULT_POLL_TIMEOUT_S)));
}

/**
 * The operations that send money out, with a Needs Approval output (the second; see
 * configuredOutputs in ClickPesa.node.ts) when their Needs Approval Output switch is on.
 */
export const CLICKPESA_NEEDS_APPROVAL: OperationsByResource = {
	payout: ['createBank', 'createLipaNamba', 'createMobileMoney'],
	payment: ['refund'],
	payoutLink: ['create'],
};

/** The operations that move money (out or in): the node's Money Limits field shows on them. */
export const CLICKPESA_MONEY_OPERATIONS: OperationsByResource = {
	...CLICKPESA_NEEDS_APPROVAL,
	payment: ['initiateUssdPush', 'refund'],
	card: ['initiate'],
	checkoutLink: ['create'],
};

/**
 * Operations whose items go one at a time whatever the user sets (batches, spaced payouts): the
 * Items in Flight option is hidden for them. The editor hides by operation name alone, so such a
 * name must not also be a per-item operation of another resource.
 */
export function operationsOneAtATime(): string[] {
	const entries = Object.values(operationsByResource).flatMap((operations) => Object.entries(operations));
	const oneAtATime = (operation: ClickPesaOperation | ClickPesaBatchOperation) => 'executeBatch' in operation || operation.itemsInFlight === 1;
	const names = new Set(entries.filter(([, operation]) => oneAtATime(operation)).map(([name]) => name));
	const clash = entries.find(([name, operation]) => names.has(name) && !oneAtATime(operation));
	if (clash) throw new Error(`Operation name "${clash[0]}" is used by a one-at-a-time and a per-item operation`);
	return [...names];
}
