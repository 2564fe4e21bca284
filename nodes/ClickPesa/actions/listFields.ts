import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkReference, toQueryDate } from '../helpers/validation';

/** The balances and payment currencies ClickPesa knows (docs/clickpesa-api.md §3.4). */
export const CURRENCY_OPTIONS = [
	{ name: 'TZS', value: 'TZS' },
	{ name: 'USD', value: 'USD' },
];

/** Return All, or a Limit: the paging choice of every ClickPesa list. */
export const returnAllFields: INodeProperties[] = [
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
];

/** Filters every ClickPesa list takes: the date range and the order reference. */
export const commonListFilters: INodeProperties[] = [
	{ displayName: 'End Date', name: 'endDate', type: 'dateTime', default: '', description: 'Last day to include (the date part is used)' },
	{ displayName: 'Order Reference', name: 'orderReference', type: 'string', default: '' },
	{ displayName: 'Start Date', name: 'startDate', type: 'dateTime', default: '', description: 'First day to include (the date part is used)' },
];

/** A Filters collection of the common filters and the list's own, in the alphabetical order n8n's lint asks for. */
export function listFilters(own: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [...commonListFilters, ...own].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

export function sortOrderField(description: string): INodeProperties {
	return {
		displayName: 'Sort Order',
		name: 'orderBy',
		type: 'options',
		options: [
			{ name: 'Newest First', value: 'DESC' },
			{ name: 'Oldest First', value: 'ASC' },
		],
		default: 'DESC',
		description,
	};
}

/** How many records one item asks for: all, or its Limit. */
export function wantedRecords(context: IExecuteFunctions, itemIndex: number): number {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	return returnAll ? Number.POSITIVE_INFINITY : (context.getNodeParameter('limit', itemIndex, 50) as number);
}

/** The query of a list: the common filters checked, and the list's own option filters as they are. */
export function readListFilters(context: IExecuteFunctions, itemIndex: number, ownKeys: string[]): IDataObject {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query: IDataObject = {};
	if (filters.startDate) query.startDate = toQueryDate(filters.startDate, 'Start Date');
	if (filters.endDate) query.endDate = toQueryDate(filters.endDate, 'End Date');
	if (filters.orderReference) query.orderReference = checkReference(filters.orderReference, 'Order Reference');
	for (const key of ownKeys) {
		if (typeof filters[key] === 'string' && (filters[key] as string).trim()) query[key] = (filters[key] as string).trim();
	}
	query.orderBy = context.getNodeParameter('orderBy', itemIndex, 'DESC') as string;
	return query;
}
