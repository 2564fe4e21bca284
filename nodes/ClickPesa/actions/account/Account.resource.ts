import type { INodeProperties } from 'n8n-workflow';

import { getBalance } from './getBalance.operation';
import { getStatement } from './getStatement.operation';

export const accountOperations = { getBalance, getStatement };

export const accountDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Get Balance',
				value: 'getBalance',
				description: 'Get the balance of each currency account',
				action: 'Get the account balance',
			},
			{
				name: 'Get Statement',
				value: 'getStatement',
				description: 'Get the transactions of one currency account, or a summary of them',
				action: 'Get an account statement',
			},
		],
		default: 'getBalance',
	},
	...getBalance.description,
	...getStatement.description,
];
