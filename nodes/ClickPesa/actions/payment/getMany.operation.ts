import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';

import { CURRENCY_OPTIONS, listFilters, readListFilters, returnAllFields, sortOrderField, wantedRecords } from '../listFields';
import { withClickPesaPaymentState } from '../paymentState';
import { paymentSimplifyField, simplifyPayment, simplifyPayments } from '../simplify';
import type { ClickPesaOperation } from '../types';

/** The fields ClickPesa's payment list searches and sorts by (docs/clickpesa-api.md §4.6). */
const SEARCHABLE_FIELDS = [
	{ name: 'Amount', value: 'collectedAmount' },
	{ name: 'Created At', value: 'createdAt' },
	{ name: 'Currency', value: 'collectedCurrency' },
	{ name: 'Customer Email', value: 'customer.customerEmail' },
	{ name: 'Customer Name', value: 'customer.customerName' },
	{ name: 'Customer Phone Number', value: 'customer.customerPhoneNumber' },
	{ name: 'ID', value: 'id' },
	{ name: 'Message', value: 'message' },
	{ name: 'Order Reference', value: 'orderReference' },
	{ name: 'Payment Reference', value: 'paymentReference' },
	{ name: 'Status', value: 'status' },
	{ name: 'Updated At', value: 'updatedAt' },
];

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
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			description: 'Only the payments of this application (Client ID) of your ClickPesa account',
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
	{
		displayName: 'Search',
		name: 'search',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Search Term',
		default: {},
		description: 'Payments whose fields contain these words (ClickPesa’s search; every term must match)',
		options: [
			{
				displayName: 'Term',
				name: 'terms',
				values: [
					{ displayName: 'Field', name: 'field', type: 'options', options: SEARCHABLE_FIELDS, default: 'customer.customerName' },
					{ displayName: 'Contains', name: 'keyword', type: 'string', default: '', placeholder: 'John' },
				],
			},
		],
	},
	{
		displayName: 'Sort By',
		name: 'sortBy',
		type: 'options',
		options: SEARCHABLE_FIELDS,
		default: 'createdAt',
	},
	sortOrderField('Order by the Sort By field'),
	paymentSimplifyField,
];

export const getMany: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['payment'], operation: ['getMany'] } }, properties),

	async execute(client, itemIndex) {
		const query = { ...readListFilters(this, itemIndex, ['status', 'channel', 'collectedCurrency', 'clientId']), ...readSearchAndSort(this, itemIndex) };
		const payments = await client.getAllPages('/payments/all', query, wantedRecords(this, itemIndex));
		return simplifyPayments(this, itemIndex) ? payments.map(simplifyPayment) : payments.map(withClickPesaPaymentState);
	},
};

/**
 * `search=field=keyword,field2=keyword2` and `sortBy` (docs/clickpesa-api.md §4.6); sent only when
 * set, so that a list without them asks what it always asked. A keyword with ',' or '=' would break
 * the syntax, so it is refused before any request.
 */
function readSearchAndSort(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const query: IDataObject = {};
	const search = context.getNodeParameter('search', itemIndex, {}) as { terms?: Array<{ field?: string; keyword?: unknown }> };
	const terms = (search.terms ?? []).flatMap(({ field, keyword }) => {
		const text = typeof keyword === 'number' ? String(keyword) : typeof keyword === 'string' ? keyword.trim() : '';
		if (!text) return [];
		if (/[,=]/.test(text)) throw new InputError('Search', `Search term "${text}" may not contain "," or "="`, 'ClickPesa’s search separates terms with "," and fields from words with "="');
		return [`${String(field)}=${text}`];
	});
	if (terms.length > 0) query.search = terms.join(',');
	const sortBy = context.getNodeParameter('sortBy', itemIndex, 'createdAt') as string;
	if (sortBy && sortBy !== 'createdAt') query.sortBy = sortBy;
	return query;
}
