import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { router } from './actions/router';
import { billPayDescription } from './actions/billPay/BillPay.resource';
import { paymentDescription } from './actions/payment/Payment.resource';
import { payoutDescription } from './actions/payout/Payout.resource';
import { searchBanks, searchLipaNambaProviders } from './actions/payout/listSearch';

export class ClickPesa implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ClickPesa',
		name: 'clickPesa',
		icon: { light: 'file:../../icons/clickpesa.svg', dark: 'file:../../icons/clickpesa.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Collect and pay out money in Tanzania with ClickPesa (USSD push, payment status, BillPay control numbers, mobile-money, bank and Lipa Namba payouts)',
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
					{ name: 'Payout', value: 'payout' },
				],
				default: 'payment',
			},
			...billPayDescription,
			...paymentDescription,
			...payoutDescription,
		],
	};

	methods = {
		listSearch: { searchBanks, searchLipaNambaProviders },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
