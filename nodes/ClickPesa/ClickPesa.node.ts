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
import { router } from './actions/router';
import { billPayDescription } from './actions/billPay/BillPay.resource';
import { paymentDescription } from './actions/payment/Payment.resource';
import { payoutDescription } from './actions/payout/Payout.resource';
import { searchBanks, searchLipaNambaProviders } from './actions/payout/listSearch';
import { operationSubtitle } from '../shared/subtitle';

/**
 * Operations that wait for payments have two outputs, Not Paid and Paid (in this order, see
 * NOT_PAID_OUTPUT); all others one. n8n evaluates this in the editor and at run time, so it may use
 * nothing but its parameters.
 */
const configuredOutputs = (parameters: { resource?: string; operation?: string; waitForResult?: boolean }) => {
	const resource = parameters.resource ?? 'payment';
	const operation = parameters.operation ?? 'initiateUssdPush';
	const waits = resource === 'payment' && (operation === 'waitForPayment' || (operation === 'initiateUssdPush' && parameters.waitForResult === true));
	return waits ? [{ type: 'main', displayName: 'Not Paid' }, { type: 'main', displayName: 'Paid' }] : [{ type: 'main' }];
};

export class ClickPesa implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ClickPesa',
		name: 'clickPesa',
		icon: { light: 'file:../../icons/clickpesa.svg', dark: 'file:../../icons/clickpesa.dark.svg' },
		group: ['transform'],
		version: 1,
		// Replaced in the constructor by the picked names ("Initiate USSD Push: Payment"), see shared/subtitle.ts.
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Collect and pay out money in Tanzania with ClickPesa (USSD push, payment status, BillPay control numbers, mobile-money, bank and Lipa Namba payouts)',
		defaults: { name: 'ClickPesa' },
		// The editor's Docs link uses this as is; the codex URL would get ?utm_… appended after the anchor.
		documentationUrl: 'https://www.npmjs.com/package/n8n-nodes-clickpesa-clik2pay#clickpesa-node',
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		credentials: [{ name: 'clickPesaApi', required: true }],
		// Payment → Wait for Payment, Resume on Callback: the execution's resume URL (n8n's waiting webhook).
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: '', restartWebhook: true, isFullPath: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'BillPay', value: 'billPay' },
					{ name: 'Payment', value: 'payment' },
					{ name: 'Payout', value: 'payout' },
				],
				default: 'payment',
			},
			...billPayDescription,
			...paymentDescription,
			...payoutDescription,
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
		return await handleSafely(this, async () => await resumeOnCallback(this));
	}
}
