import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { handleSafely, webhookRegisteredByHand } from '../shared/webhooks';
import { resumeOnCallback } from './actions/payment/resumeOnCallback';
import { CLICKPESA_MONEY_OPERATIONS, CLICKPESA_NEEDS_APPROVAL, operationsOneAtATime, router } from './actions/router';
import { moneyLimitNodeProperties, needsApprovalOutputProperty } from '../shared/moneyGuard';
import { CLICKPESA_LIMIT_CURRENCY } from './transport/limits';
import { resumeOnMandateCallback } from './actions/paymentPlan/waitForMandate.operation';
import { itemsInFlightOption, MAX_ITEMS_IN_FLIGHT } from '../shared/items';
import { accountDescription } from './actions/account/Account.resource';
import { billPayDescription } from './actions/billPay/BillPay.resource';
import { cardDescription } from './actions/card/Card.resource';
import { checkoutLinkDescription } from './actions/checkoutLink/CheckoutLink.resource';
import { exchangeRateDescription } from './actions/exchangeRate/ExchangeRate.resource';
import { paymentDescription } from './actions/payment/Payment.resource';
import { paymentPlanDescription } from './actions/paymentPlan/PaymentPlan.resource';
import { payoutDescription } from './actions/payout/Payout.resource';
import { payoutLinkDescription } from './actions/payoutLink/PayoutLink.resource';
import { searchBanks, searchLipaNambaProviders } from './actions/payout/listSearch';
import { operationSubtitle } from '../shared/subtitle';

/**
 * Operations that wait for payments have two outputs, Not Paid and Paid (in this order, see
 * NOT_PAID_OUTPUT); Reconcile has Invoices and Unmatched Payments (INVOICES_OUTPUT,
 * UNMATCHED_OUTPUT); money-out operations Sent and Needs Approval (CLICKPESA_NEEDS_APPROVAL, passed in
 * as data); all others one. n8n evaluates this in the editor and at run time, so it may use
 * nothing but its parameters.
 */
const configuredOutputs = (parameters: { resource?: string; operation?: string; waitForResult?: boolean; needsApprovalOutput?: boolean }, needsApproval: Record<string, string[]>) => {
	const resource = parameters.resource ?? 'payment';
	const operation = parameters.operation ?? 'initiateUssdPush';
	if ((needsApproval[resource] ?? []).includes(operation) && parameters.needsApprovalOutput === true) {
		return [{ type: 'main', displayName: 'Sent' }, { type: 'main', displayName: 'Needs Approval' }];
	}
	if (resource === 'payment' && operation === 'reconcile') {
		return [{ type: 'main', displayName: 'Invoices' }, { type: 'main', displayName: 'Unmatched Payments' }];
	}
	const waits = resource === 'payment' && (operation === 'waitForPayment' || (operation === 'initiateUssdPush' && parameters.waitForResult === true));
	return waits ? [{ type: 'main', displayName: 'Not Paid' }, { type: 'main', displayName: 'Paid' }] : [{ type: 'main' }];
};

export class ClickPesa implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ClickPesa',
		name: 'clickPesa',
		icon: { light: 'file:../../icons/clickpesa.svg', dark: 'file:../../icons/clickpesa.dark.svg' },
		group: ['transform'],
		// 1.1: Payment → Get Status / Get Many offer Simplify (on by default); version 1 keeps the raw answer.
		version: [1, 1.1],
		defaultVersion: 1.1,
		// Replaced in the constructor by the picked names ("Initiate USSD Push: Payment"), see shared/subtitle.ts.
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Collect and pay out money in Tanzania with ClickPesa: USSD push, card, checkout links, BillPay control numbers, payouts to mobile money, banks and Lipa Namba, payout links, balance and statement',
		defaults: { name: 'ClickPesa' },
		// The editor's Docs link uses this as is; the codex URL would get ?utm_… appended after the anchor.
		documentationUrl: 'https://www.npmjs.com/package/n8n-nodes-clickpesa-clik2pay#clickpesa-node',
		usableAsTool: true,
		// Shown on the canvas and in the output panel while Wait for Payment (Resume on Callback) has parked the execution.
		waitingNodeTooltip:
			'Waiting for ClickPesa to confirm the payment: the checkout link’s callback resumes this run on Paid; at the deadline it goes on at Not Paid. Nothing has left this node yet.',
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter, ${JSON.stringify(CLICKPESA_NEEDS_APPROVAL)})}}`,
		credentials: [{ name: 'clickPesaApi', required: true }],
		// Payment → Wait for Payment, Resume on Callback: the execution's resume URL (n8n's waiting webhook).
		// A confirmed payment is answered by n8n once it has taken the execution over (resumeOnCallback.ts);
		// responseData '' makes that answer the webhookResponse webhook() returns (left out, n8n would
		// answer with the literal text "firstEntryJson").
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: '', restartWebhook: true, isFullPath: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'BillPay', value: 'billPay' },
					{ name: 'Card', value: 'card' },
					{ name: 'Checkout Link', value: 'checkoutLink' },
					{ name: 'Exchange Rate', value: 'exchangeRate' },
					{ name: 'Payment', value: 'payment' },
					{ name: 'Payment Plan', value: 'paymentPlan' },
					{ name: 'Payout', value: 'payout' },
					{ name: 'Payout Link', value: 'payoutLink' },
				],
				default: 'payment',
			},
			...accountDescription,
			...billPayDescription,
			...cardDescription,
			...checkoutLinkDescription,
			...exchangeRateDescription,
			...paymentDescription,
			...paymentPlanDescription,
			...payoutDescription,
			...payoutLinkDescription,
			...moneyLimitNodeProperties(CLICKPESA_LIMIT_CURRENCY, CLICKPESA_MONEY_OPERATIONS),
			...needsApprovalOutputProperty(CLICKPESA_NEEDS_APPROVAL),
			itemsInFlightOption(
				"as many as the credential's Max Requests per Minute keeps busy, up to 25 (5 at ClickPesa's 120 per minute)",
				MAX_ITEMS_IN_FLIGHT,
				operationsOneAtATime(),
			),
		],
	};

	constructor() {
		this.description.subtitle = operationSubtitle(this.description.properties);
	}

	methods = {
		listSearch: { searchBanks, searchLipaNambaProviders },
	};

	// The resume webhook belongs to one waiting execution: n8n registers nothing for it on activation.
	webhookMethods = { default: webhookRegisteredByHand };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		// The waiting node is Wait for Payment (Resume on Callback) or Wait for Mandate Decision.
		const mandate = this.getNodeParameter('operation', '') === 'waitForMandate';
		return await handleSafely(this, async () => await (mandate ? resumeOnMandateCallback(this) : resumeOnCallback(this)));
	}
}
