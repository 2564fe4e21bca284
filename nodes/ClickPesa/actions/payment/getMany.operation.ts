import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { CURRENCY_OPTIONS, listFilters, readListFilters, returnAllFields, sortOrderField, wantedRecords } from '../listFields';
import { withClickPesaPaymentState } from '../paymentState';
import { paymentSimplifyField, simplifyPayment, simplifyPayments } from '../simplify';
import type { ClickPesaOperation } from '../types';

const properties: INodeProperties[] = [
	...returnAllFields,
	listFilters([
		{
			displayName: 'Channel',
			name: 'channel',
			type: 'string',
			default: '',
			placeholder: 'M-PESA',
			description: 'Payment channel, e.g. M-PESA, TIGO-PESA, AIRTEL-MONEY, HALOPESA',
		},
		{ displayName: 'Currency', name: 'collectedCurrency', type: 'options', options: CURRENCY_OPTIONS, default: 'TZS' },
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: [
				{ name: 'Failed', value: 'FAILED' },
				{ name: 'Pending', value: 'PENDING' },
				{ name: 'Processing', value: 'PROCESSING' },
				{ name: 'Settled', value: 'SETTLED' },
				{ name: 'Success', value: 'SUCCESS' },
			],
			default: 'SUCCESS',
		},
	]),
	sortOrderField('Order by creation time'),
	paymentSimplifyField,
];

export const getMany: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['payment'], operation: ['getMany'] } }, properties),

	async execute(client, itemIndex) {
		const query = readListFilters(this, itemIndex, ['status', 'channel', 'collectedCurrency']);
		const payments = await client.getAllPages('/payments/all', query, wantedRecords(this, itemIndex));
		return simplifyPayments(this, itemIndex) ? payments.map(simplifyPayment) : payments.map(withClickPesaPaymentState);
	},
};
