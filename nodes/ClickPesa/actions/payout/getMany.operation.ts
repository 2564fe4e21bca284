import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkReference, toQueryDate } from '../../helpers/validation';
import type { ClickPesaOperation } from '../types';
import { withAppliedTransferType } from './findPayout';
import { withClickPesaPayoutState } from '../paymentState';

/** The filters and sort fields of GET /payouts/all (docs/clickpesa-api.md §4.11). */
const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
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
			{
				displayName: 'Currency',
				name: 'currency',
				type: 'options',
				options: [
					{ name: 'TZS', value: 'TZS' },
					{ name: 'USD', value: 'USD' },
				],
				default: 'TZS',
				description: 'The balance the payouts were paid from',
			},
			{
				displayName: 'End Date',
				name: 'endDate',
				type: 'dateTime',
				default: '',
				description: 'Last day to include (the date part is used)',
			},
			{
				displayName: 'Order Reference',
				name: 'orderReference',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Start Date',
				name: 'startDate',
				type: 'dateTime',
				default: '',
				description: 'First day to include (the date part is used)',
			},
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
		],
	},
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
	{
		displayName: 'Sort Order',
		name: 'orderBy',
		type: 'options',
		options: [
			{ name: 'Newest First', value: 'DESC' },
			{ name: 'Oldest First', value: 'ASC' },
		],
		default: 'DESC',
		description: 'Descending or ascending by the Sort By field (“newest first” for dates)',
	},
];

function readFilters(filters: IDataObject): IDataObject {
	const query: IDataObject = {};
	if (filters.startDate) query.startDate = toQueryDate(filters.startDate, 'Start Date');
	if (filters.endDate) query.endDate = toQueryDate(filters.endDate, 'End Date');
	if (filters.orderReference) query.orderReference = checkReference(filters.orderReference, 'Order Reference');
	for (const key of ['channel', 'currency', 'status', 'transferType']) {
		if (typeof filters[key] === 'string' && (filters[key] as string).trim()) query[key] = (filters[key] as string).trim();
	}
	return query;
}

export const getMany: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['payout'], operation: ['getMany'] } }, properties),

	async execute(client, itemIndex) {
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const wanted = returnAll ? Number.POSITIVE_INFINITY : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const query = readFilters(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);
		query.sortBy = this.getNodeParameter('sortBy', itemIndex, 'createdAt') as string;
		query.orderBy = this.getNodeParameter('orderBy', itemIndex, 'DESC') as string;
		const payouts = await client.getAllPages('/payouts/all', query, wanted);
		return payouts.map((payout) => withClickPesaPayoutState(withAppliedTransferType(payout)));
	},
};
