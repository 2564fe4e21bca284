import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { CURRENCY_OPTIONS, listFilters, readListFilters, returnAllFields, sortOrderField, wantedRecords } from '../listFields';
import type { ClickPesaOperation } from '../types';
import { withAppliedTransferType } from './payouts';
import { withClickPesaPayoutState } from '../paymentState';

/** The filters and sort fields of GET /payouts/all (docs/clickpesa-api.md §4.11). */
const properties: INodeProperties[] = [
	...returnAllFields,
	listFilters([
		{
			displayName: 'Channel',
			name: 'channel',
			type: 'options',
			options: [
				{ name: 'Bank Transfer', value: 'BANK TRANSFER' },
				{ name: 'Mobile Money', value: 'MOBILE MONEY' },
				{ name: 'TIPS Lipa Namba', value: 'TIPS LIPA NAMBA' },
			],
			default: 'MOBILE MONEY',
		},
		{ displayName: 'Currency', name: 'currency', type: 'options', options: CURRENCY_OPTIONS, default: 'TZS', description: 'The balance the payouts were paid from' },
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: [
				{ name: 'Failed', value: 'FAILED' },
				{ name: 'Pending', value: 'PENDING' },
				{ name: 'Processing', value: 'PROCESSING' },
				{ name: 'Refunded', value: 'REFUNDED' },
				{ name: 'Reversed', value: 'REVERSED' },
				{ name: 'Success', value: 'SUCCESS' },
			],
			default: 'SUCCESS',
		},
		{
			displayName: 'Transfer Type',
			name: 'transferType',
			type: 'options',
			options: [
				{ name: 'ACH', value: 'ACH' },
				{ name: 'RTGS', value: 'RTGS' },
			],
			default: 'ACH',
			description: 'Bank payouts only',
		},
	]),
	{
		displayName: 'Sort By',
		name: 'sortBy',
		type: 'options',
		options: [
			{ name: 'Amount', value: 'amount' },
			{ name: 'Beneficiary Account Name', value: 'beneficiary.accountName' },
			{ name: 'Beneficiary Account Number', value: 'beneficiary.accountNumber' },
			{ name: 'Channel', value: 'channel' },
			{ name: 'Created At', value: 'createdAt' },
			{ name: 'Order Reference', value: 'orderReference' },
			{ name: 'Status', value: 'status' },
			{ name: 'Updated At', value: 'updatedAt' },
		],
		default: 'createdAt',
	},
	sortOrderField('Descending or ascending by the Sort By field (“newest first” for dates)'),
];

export const getMany: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['payout'], operation: ['getMany'] } }, properties),

	async execute(client, itemIndex) {
		const query = readListFilters(this, itemIndex, ['channel', 'currency', 'status', 'transferType']);
		query.sortBy = this.getNodeParameter('sortBy', itemIndex, 'createdAt') as string;
		const payouts = await client.getAllPages('/payouts/all', query, wantedRecords(this, itemIndex));
		return payouts.map((payout) => withClickPesaPayoutState(withAppliedTransferType(payout)));
	},
};
