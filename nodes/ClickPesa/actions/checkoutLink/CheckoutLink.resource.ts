import type { INodeProperties } from 'n8n-workflow';

import { create } from './create.operation';

export const checkoutLinkOperations = { create };

export const checkoutLinkDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['checkoutLink'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a hosted checkout page where the customer pays by mobile money or card',
				action: 'Create a checkout link',
			},
		],
		default: 'create',
	},
	...create.description,
];
