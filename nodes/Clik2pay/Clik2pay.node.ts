import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { paymentDescription } from './actions/payment/Payment.resource';
import { paymentRequestDescription } from './actions/paymentRequest/PaymentRequest.resource';
import { refundDescription } from './actions/refund/Refund.resource';
import { CLIK2PAY_MONEY_OPERATIONS, CLIK2PAY_NEEDS_APPROVAL, router } from './actions/router';
import { moneyLimitNodeProperties, needsApprovalOutputProperty } from '../shared/moneyGuard';
import { DEFAULT_ITEMS_IN_FLIGHT, itemsInFlightOption } from '../shared/items';
import { operationSubtitle } from '../shared/subtitle';

/**
 * Payment Request → Wait for Payment has two outputs, Not Paid and Paid (in this order, see
 * NOT_PAID_OUTPUT in shared/waiting.ts); all others one. n8n evaluates this in the editor and at run
 * time, so it may use nothing but its parameters (and CLIK2PAY_NEEDS_APPROVAL, passed in as data: the
 * money-out operations have Sent and Needs Approval).
 */
const configuredOutputs = (parameters: { resource?: string; operation?: string; needsApprovalOutput?: boolean }, needsApproval: Record<string, string[]>) => {
	if ((needsApproval[parameters.resource ?? 'paymentRequest'] ?? []).includes(parameters.operation ?? 'create') && parameters.needsApprovalOutput === true) {
		return [{ type: 'main', displayName: 'Sent' }, { type: 'main', displayName: 'Needs Approval' }];
	}
	const waits = (parameters.resource ?? 'paymentRequest') === 'paymentRequest' && parameters.operation === 'waitForPayment';
	return waits ? [{ type: 'main', displayName: 'Not Paid' }, { type: 'main', displayName: 'Paid' }] : [{ type: 'main' }];
};

export class Clik2pay implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Clik2pay',
		name: 'clik2pay',
		icon: { light: 'file:../../icons/clik2pay.svg', dark: 'file:../../icons/clik2pay.dark.svg' },
		group: ['transform'],
		version: 1,
		// Replaced in the constructor by the picked names ("Create: Payment Request"), see shared/subtitle.ts.
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Request, refund and send money in Canada by Interac e-Transfer with Clik2pay',
		defaults: { name: 'Clik2pay' },
		// The editor's Docs link uses this as is; the codex URL would get ?utm_… appended after the anchor.
		documentationUrl: 'https://www.npmjs.com/package/n8n-nodes-clickpesa-clik2pay#clik2pay-node',
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter, ${JSON.stringify(CLIK2PAY_NEEDS_APPROVAL)})}}`,
		credentials: [{ name: 'clik2payApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Payment (Send Money)', value: 'payment' },
					{ name: 'Payment Request', value: 'paymentRequest' },
					{ name: 'Refund', value: 'refund' },
				],
				default: 'paymentRequest',
			},
			...paymentRequestDescription,
			...refundDescription,
			...paymentDescription,
			...moneyLimitNodeProperties('CAD', CLIK2PAY_MONEY_OPERATIONS),
			...needsApprovalOutputProperty(CLIK2PAY_NEEDS_APPROVAL),
			// Wait for Payment polls its items together (shared/waiting.ts): the option does not apply to it.
			itemsInFlightOption(`${DEFAULT_ITEMS_IN_FLIGHT}`, DEFAULT_ITEMS_IN_FLIGHT, ['waitForPayment']),
		],
	};

	constructor() {
		this.description.subtitle = operationSubtitle(this.description.properties);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
