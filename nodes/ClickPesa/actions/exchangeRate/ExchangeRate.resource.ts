import type { INodeProperties } from 'n8n-workflow';

import { get } from './get.operation';

export const exchangeRateOperations = { get };

export const exchangeRateDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['exchangeRate'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get ClickPesa’s current exchange rates between TZS and USD',
				action: 'Get exchange rates',
			},
		],
		default: 'get',
	},
	...get.description,
];
