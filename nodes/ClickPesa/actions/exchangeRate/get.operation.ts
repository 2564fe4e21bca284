import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ClickPesaOperation } from '../types';

const currencyOptions = [
	{ name: 'Any', value: '' },
	{ name: 'TZS', value: 'TZS' },
	{ name: 'USD', value: 'USD' },
];

const properties: INodeProperties[] = [
	{
		displayName: 'Source Currency',
		name: 'source',
		type: 'options',
		options: currencyOptions,
		default: '',
		description: 'Currency converted from; Any = every pair',
	},
	{
		displayName: 'Target Currency',
		name: 'target',
		type: 'options',
		options: currencyOptions,
		default: '',
		description: 'Currency converted to; Any = every pair',
	},
];

export const get: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['exchangeRate'], operation: ['get'] } }, properties),

	async execute(client, itemIndex) {
		// docs/clickpesa-api.md §4.16: both filters are optional; only what is chosen is sent.
		const query: IDataObject = {};
		for (const name of ['source', 'target']) {
			const value = this.getNodeParameter(name, itemIndex, '') as string;
			if (value) query[name] = value;
		}
		const answer = await client.get('/exchange-rates/all', query);
		// One item per rate.
		return (Array.isArray(answer) ? answer : answer && typeof answer === 'object' ? [answer] : []) as IDataObject[];
	},
};
