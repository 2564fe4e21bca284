import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { router } from './actions/router';
import { accountDescription } from './actions/account/Account.resource';
import { billPayDescription } from './actions/billPay/BillPay.resource';
import { cardDescription } from './actions/card/Card.resource';
import { checkoutLinkDescription } from './actions/checkoutLink/CheckoutLink.resource';
import { exchangeRateDescription } from './actions/exchangeRate/ExchangeRate.resource';
import { paymentDescription } from './actions/payment/Payment.resource';
import { payoutLinkDescription } from './actions/payoutLink/PayoutLink.resource';

export class ClickPesa implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ClickPesa',
		name: 'clickPesa',
		icon: { light: 'file:../../icons/clickpesa.svg', dark: 'file:../../icons/clickpesa.dark.svg' },
		group: ['transform'],
		// 1.1: Payment → Get Status / Get Many offer Simplify (on by default); version 1 keeps the raw answer.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Collect payments in Tanzania with ClickPesa (USSD push, card, checkout links, BillPay control numbers), send payout links and read the account',
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
					{ name: 'Account', value: 'account' },
					{ name: 'BillPay', value: 'billPay' },
					{ name: 'Card', value: 'card' },
					{ name: 'Checkout Link', value: 'checkoutLink' },
					{ name: 'Exchange Rate', value: 'exchangeRate' },
					{ name: 'Payment', value: 'payment' },
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
			...payoutLinkDescription,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
