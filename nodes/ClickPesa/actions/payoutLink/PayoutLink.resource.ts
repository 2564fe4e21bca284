import { MOVES_MONEY } from '../../../shared/moneyGuard';
import type { INodeProperties } from 'n8n-workflow';

import { create } from './create.operation';

export const payoutLinkOperations = { create };

export const payoutLinkDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payoutLink'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a hosted page where the recipient chooses where the money goes and confirms the payout',
				action: `Create a payout link${MOVES_MONEY}`,
			},
		],
		default: 'create',
	},
	...create.description,
];
