import { MOVES_MONEY } from '../../../shared/moneyGuard';
import type { INodeProperties } from 'n8n-workflow';

import { cancelPaymentRequest } from './cancel.operation';
import { createPaymentRequest } from './create.operation';
import { createSchedule } from './createSchedule.operation';
import { getScheduleStatus } from './getScheduleStatus.operation';
import { getPaymentRequest } from './get.operation';
import { reconcilePaymentRequest } from './reconcile.operation';
import { waitForPayment } from './waitForPayment.operation';

export const paymentRequestOperations = {
	create: createPaymentRequest,
	get: getPaymentRequest,
	cancel: cancelPaymentRequest,
	reconcile: reconcilePaymentRequest,
	waitForPayment,
	createSchedule,
	getScheduleStatus,
};

export const paymentRequestDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['paymentRequest'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				description: 'Cancel an unpaid payment request',
				action: 'Cancel a payment request',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Ask a customer for money by Interac e-Transfer and get the payment link',
				action: `Create a payment request${MOVES_MONEY}`,
			},
			{
				name: 'Create Schedule',
				value: 'createSchedule',
				description: 'Create one payment request per instalment of a plan, each delivered on its due date',
				action: 'Create a schedule of payment requests',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Retrieve a payment request and its status',
				action: 'Get a payment request',
			},
			{
				name: 'Get Schedule Status',
				value: 'getScheduleStatus',
				description: 'Which instalments of a scheduled plan are paid, partly paid, late or upcoming',
				action: 'Get the status of a schedule',
			},
			{
				name: 'Reconcile',
				value: 'reconcile',
				description: 'Read each payment request again and say whether it is paid, open, cancelled, failed or refunded, with the amounts',
				action: 'Reconcile payment requests',
			},
			{
				name: 'Wait for Payment',
				value: 'waitForPayment',
				description: 'Wait until Clik2pay reports each payment request paid, failed or cancelled, or the timeout passes (outputs Not Paid, then Paid)',
				action: 'Wait for a payment',
			},
		],
		default: 'create',
	},
	...createPaymentRequest.description,
	...getPaymentRequest.description,
	...cancelPaymentRequest.description,
	...reconcilePaymentRequest.description,
	...waitForPayment.description,
	...createSchedule.description,
	...getScheduleStatus.description,
];
