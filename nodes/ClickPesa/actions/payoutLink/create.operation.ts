import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { amountAsString, checkAmount, checkReference } from '../../helpers/validation';
import { sendLinkRequest } from '../checkoutLink/hostedLink';
import type { ClickPesaOperation } from '../types';

const properties: INodeProperties[] = [
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		required: true,
		description: 'Amount to pay out, in TZS. The recipient chooses mobile money or a bank account on the ClickPesa page.',
	},
	{
		displayName: 'Order Reference',
		name: 'orderReference',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'REFUND10023',
		description: 'Your unique reference for this payout: letters and digits only. The payout made through the link carries it.',
	},
];

export const create: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['payoutLink'], operation: ['create'] } }, properties),

	async execute(client, itemIndex) {
		const amount = checkAmount(this.getNodeParameter('amount', itemIndex), 'Amount');
		const orderReference = checkReference(this.getNodeParameter('orderReference', itemIndex), 'Order Reference');
		// docs/clickpesa-api.md §4.13: the payout link's amount is a string (unlike payout creates, §3.3).
		const body = { amount: amountAsString(amount), orderReference };
		return await sendLinkRequest(client, { kind: 'payoutLink', path: '/payout-link/generate-payout-url', body, itemIndex });
	},
};
