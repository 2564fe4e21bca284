import type { INodeProperties } from 'n8n-workflow';

import { createBillPay } from './createBillPay.operation';
import { getPlanStatus } from './getPlanStatus.operation';

export const paymentPlanOperations = { createBillPay, getPlanStatus };

export const paymentPlanDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['paymentPlan'] } },
		options: [
			{
				name: 'Create (BillPay)',
				value: 'createBillPay',
				description: 'Create a plan paid in instalments into one customer control number that closes itself when the total is paid',
				action: 'Create a BillPay payment plan',
			},
			{
				name: 'Get Status',
				value: 'getPlanStatus',
				description: 'Which instalments of each plan are paid, partly paid, late or upcoming, from one read of the payment list',
				action: 'Get the status of payment plans',
			},
		],
		default: 'createBillPay',
	},
	...createBillPay.description,
	...getPlanStatus.description,
];
