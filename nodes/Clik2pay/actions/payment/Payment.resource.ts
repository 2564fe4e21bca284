import { MOVES_MONEY } from '../../../shared/moneyGuard';
import type { INodeProperties } from 'n8n-workflow';

import { createPayment } from './create.operation';

export const paymentOperations = { create: createPayment };

export const paymentDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payment'] } },
		options: [
			{
				name: 'Send Money',
				value: 'create',
				description: 'Pay money out to a customer by Interac e-Transfer (payouts, reimbursements)',
				action: `Send money${MOVES_MONEY}`,
			},
		],
		default: 'create',
	},
	...createPayment.description,
];
