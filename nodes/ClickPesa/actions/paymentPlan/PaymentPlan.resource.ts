import type { INodeProperties } from 'n8n-workflow';

import { createBillPay } from './createBillPay.operation';
import { createMandate } from './createMandate.operation';
import { cancelMandate, getMandate } from './getMandate.operation';
import { getPlanStatus } from './getPlanStatus.operation';
import { waitForMandate } from './waitForMandate.operation';

export const paymentPlanOperations = { createBillPay, createMandate, getPlanStatus, getMandate, cancelMandate, waitForMandate };

export const paymentPlanDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['paymentPlan'] } },
		options: [
			{
				name: 'Cancel Mandate',
				value: 'cancelMandate',
				description: 'Cancel an active CRDB direct debit mandate and its unpaid instalments',
				action: 'Cancel a mandate',
			},
			{
				name: 'Create (BillPay)',
				value: 'createBillPay',
				description: 'Create a plan paid in instalments into one customer control number that closes itself when the total is paid',
				action: 'Create a payment plan paid by control number',
			},
			{
				name: 'Create (CRDB Direct Debit)',
				value: 'createMandate',
				description: 'Ask the customer’s bank for a mandate to debit each instalment from a CRDB account',
				action: 'Create a payment plan paid by CRDB direct debit',
			},
			{
				name: 'Get Mandate',
				value: 'getMandate',
				description: 'Read a CRDB direct debit mandate: status, mandate reference, instalments completed',
				action: 'Get a mandate',
			},
			{
				name: 'Get Status',
				value: 'getPlanStatus',
				description: 'Which instalments of each plan are paid, partly paid, late or upcoming, from one read of the payment list',
				action: 'Get the status of payment plans',
			},
			{
				name: 'Wait for Mandate Decision',
				value: 'waitForMandate',
				description: 'Pause the workflow until the customer’s bank approves or rejects the mandate',
				action: 'Wait for a mandate decision',
			},
		],
		default: 'createBillPay',
	},
	...createBillPay.description,
	...createMandate.description,
	...getPlanStatus.description,
	...getMandate.description,
	...cancelMandate.description,
	...waitForMandate.description,
];
