import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { router } from './actions/router';
import { billPayDescription } from './actions/billPay/BillPay.resource';
import { paymentDescription } from './actions/payment/Payment.resource';

/**
 * Operations that wait for payments have two outputs, Paid and Not Paid; all others one. n8n
 * evaluates this in the editor and at run time, so it may use nothing but its parameters.
 */
const configuredOutputs = (parameters: { resource?: string; operation?: string; waitForResult?: boolean }) => {
	const resource = parameters.resource ?? 'payment';
	const operation = parameters.operation ?? 'initiateUssdPush';
	const waits = resource === 'payment' && (operation === 'waitForPayment' || (operation === 'initiateUssdPush' && parameters.waitForResult === true));
	return waits ? [{ type: 'main', displayName: 'Paid' }, { type: 'main', displayName: 'Not Paid' }] : [{ type: 'main' }];
};

export class ClickPesa implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ClickPesa',
		name: 'clickPesa',
		icon: { light: 'file:../../icons/clickpesa.svg', dark: 'file:../../icons/clickpesa.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Collect mobile-money payments in Tanzania with ClickPesa (USSD push, payment status, BillPay control numbers)',
		defaults: { name: 'ClickPesa' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		credentials: [{ name: 'clickPesaApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'BillPay', value: 'billPay' },
					{ name: 'Payment', value: 'payment' },
				],
				default: 'payment',
			},
			...billPayDescription,
			...paymentDescription,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
