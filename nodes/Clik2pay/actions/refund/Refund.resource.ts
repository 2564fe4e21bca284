import { MOVES_MONEY } from '../../../shared/moneyGuard';
import type { INodeProperties } from 'n8n-workflow';

import { createRefund } from './create.operation';
import { getRefund } from './get.operation';

export const refundOperations = { create: createRefund, get: getRefund };

export const refundDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['refund'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Refund all or part of a PAID or SETTLED payment request',
				action: `Create a refund${MOVES_MONEY}`,
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Retrieve a refund and its status',
				action: 'Get a refund',
			},
		],
		default: 'create',
	},
	...createRefund.description,
	...getRefund.description,
];
