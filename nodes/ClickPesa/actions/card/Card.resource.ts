import { MOVES_MONEY } from '../../../shared/moneyGuard';
import type { INodeProperties } from 'n8n-workflow';

import { initiate } from './initiate.operation';
import { preview } from './preview.operation';

export const cardOperations = { preview, initiate };

export const cardDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['card'] } },
		options: [
			{
				name: 'Initiate',
				value: 'initiate',
				description: 'Start a card payment and get the link to the page where the customer enters the card',
				action: `Initiate a card payment${MOVES_MONEY}`,
			},
			{
				name: 'Preview',
				value: 'preview',
				description: 'Check amount and reference and see the card methods and fees, without charging',
				action: 'Preview a card payment',
			},
		],
		default: 'initiate',
	},
	...preview.description,
	...initiate.description,
];
