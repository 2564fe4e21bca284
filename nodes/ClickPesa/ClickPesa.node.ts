import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { router } from './actions/router';
import { billPayDescription } from './actions/billPay/BillPay.resource';
import { paymentDescription } from './actions/payment/Payment.resource';

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
		outputs: [NodeConnectionTypes.Main],
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
