import { MOVES_MONEY } from '../../../shared/moneyGuard';
import type { INodeProperties } from 'n8n-workflow';

import { getMany } from './getMany.operation';
import { getStatus } from './getStatus.operation';
import { initiateUssdPush } from './initiateUssdPush.operation';
import { previewRefund } from './previewRefund.operation';
import { previewUssdPush } from './previewUssdPush.operation';
import { reconcilePayments } from './reconcile.operation';
import { refund } from './refund.operation';
import { waitForPayment } from './waitForPayment.operation';

export const paymentOperations = { previewUssdPush, initiateUssdPush, getStatus, getMany, waitForPayment, reconcile: reconcilePayments, previewRefund, refund };

export const paymentDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payment'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List payments with filters',
				action: 'Get many payments',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Look up a payment by its order reference',
				action: 'Get payment status',
			},
			{
				name: 'Initiate USSD Push',
				value: 'initiateUssdPush',
				description: 'Send a PIN prompt to the customer’s phone to collect a payment',
				action: `Initiate a USSD push payment${MOVES_MONEY}`,
			},
			{
				name: 'Preview Refund',
				value: 'previewRefund',
				description: 'Check a refund of a paid payment (what is left to refund, the fee, what the customer receives) without paying it',
				action: 'Preview a refund',
			},
			{
				name: 'Preview USSD Push',
				value: 'previewUssdPush',
				description: 'Check amount, reference and phone, and see available methods and fees, without charging',
				action: 'Preview a USSD push payment',
			},
			{
				name: 'Reconcile',
				value: 'reconcile',
				description:
					'Match invoices (input items) against the payments of a date range: paid, partially paid, overpaid, unpaid, failed or pending, and the payments nobody billed (outputs Invoices and Unmatched Payments)',
				action: 'Reconcile payments',
			},
			{
				name: 'Refund',
				value: 'refund',
				description: 'Pay a paid payment back to the payer’s mobile money, never more than is left to refund',
				action: `Refund a payment${MOVES_MONEY}`,
			},
			{
				name: 'Wait for Payment',
				value: 'waitForPayment',
				description: 'Wait until ClickPesa reports each payment paid, failed, or the timeout passes (outputs Not Paid, then Paid)',
				action: 'Wait for a payment',
			},
		],
		default: 'initiateUssdPush',
	},
	...previewUssdPush.description,
	...initiateUssdPush.description,
	...getStatus.description,
	...getMany.description,
	...waitForPayment.description,
	...reconcilePayments.description,
	...previewRefund.description,
	...refund.description,
];
