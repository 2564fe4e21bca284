import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from 'n8n-workflow';
import { checkReference, toQueryDate } from '../../helpers/validation';
import { withClickPesaPaymentState } from '../paymentState';
import { paymentSimplifyField, simplifyPayment, simplifyPayments } from '../simplify';
import type { ClickPesaOperation } from '../types';

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
				type: 'string',
				default: '',
				placeholder: 'M-PESA',
				description: 'Payment channel, e.g. M-PESA, TIGO-PESA, AIRTEL-MONEY, HALOPESA',
			},
			{
				displayName: 'Currency',
				name: 'collectedCurrency',
				type: 'options',
				options: [
					{ name: 'TZS', value: 'TZS' },
					{ name: 'USD', value: 'USD' },
				],
				default: 'TZS',
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
					{ name: 'Settled', value: 'SETTLED' },
					{ name: 'Success', value: 'SUCCESS' },
				],
				default: 'SUCCESS',
			},
		],
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
		description: 'Order by creation time',
	},
	paymentSimplifyField,
];

function readFilters(filters: IDataObject): IDataObject {
	const query: IDataObject = {};
	if (filters.startDate) query.startDate = toQueryDate(filters.startDate, 'Start Date');
	if (filters.endDate) query.endDate = toQueryDate(filters.endDate, 'End Date');
	if (filters.orderReference) query.orderReference = checkReference(filters.orderReference, 'Order Reference');
	for (const key of ['status', 'channel', 'collectedCurrency']) {
		if (typeof filters[key] === 'string' && (filters[key] as string).trim()) query[key] = (filters[key] as string).trim();
	}
	return query;
}

export const getMany: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['payment'], operation: ['getMany'] } }, properties),

	async execute(client, itemIndex) {
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const wanted = returnAll ? Number.POSITIVE_INFINITY : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const query = readFilters(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);
		query.orderBy = this.getNodeParameter('orderBy', itemIndex, 'DESC') as string;
		const payments = await client.getAllPages('/payments/all', query, wanted);
		return simplifyPayments(this, itemIndex) ? payments.map(simplifyPayment) : payments.map(withClickPesaPaymentState);
	},
};
