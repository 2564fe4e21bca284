import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkAmount, checkReference, checkRequiredText, normalizeTanzanianPhone } from '../../helpers/validation';
import { orderReferenceField } from './ussdPushFields';

/**
 * The fields of Payment → Preview Refund and Refund, and how one item's values are read and
 * checked. Nothing is sent before these checks pass.
 */

export type RefundRequest = {
	/** The order reference of the payment to refund. */
	orderReference: string;
	/** The amount to refund, in TZS; undefined: all that is left. */
	amount?: number;
	reason: string;
	/** The mobile-money number to pay; undefined: the payer's number from the payment record. */
	phoneNumber?: string;
};

export const refundFields: INodeProperties[] = [
	{ ...orderReferenceField, description: 'The order reference of the payment to refund (it must be SUCCESS or SETTLED)' },
	{
		displayName: 'Refund',
		name: 'refundAmount',
		type: 'options',
		options: [
			{ name: 'All That Is Left', value: 'rest', description: 'What was paid minus the refunds already made for this payment' },
			{ name: 'An Amount', value: 'amount' },
		],
		default: 'rest',
	},
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		required: true,
		displayOptions: { show: { refundAmount: ['amount'] } },
		description: 'What the customer should get back, in TZS: at most what was paid minus the refunds already made',
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Order cancelled by the customer',
		description: 'Why the money goes back; kept in the output (ClickPesa’s payout has no field for it)',
	},
	{
		displayName: 'Refund To',
		name: 'refundTo',
		type: 'options',
		options: [
			{
				name: 'The Payer’s Mobile-Money Number',
				value: 'payer',
				description: 'The number the payment came from, as ClickPesa records it (USSD push and BillPay payments)',
			},
			{
				name: 'Another Mobile-Money Number',
				value: 'phone',
				description: 'For card payments (ClickPesa cannot return money to a card) or when the customer asks for another number',
			},
		],
		default: 'payer',
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '0712 345 678',
		displayOptions: { show: { refundTo: ['phone'] } },
		description: 'The mobile-money number the refund is paid to, in any usual format (sent as 255…)',
	},
];

export function readRefundRequest(context: IExecuteFunctions, itemIndex: number): RefundRequest {
	const orderReference = checkReference(context.getNodeParameter('orderReference', itemIndex), 'Order Reference');
	const request: RefundRequest = {
		orderReference,
		reason: checkRequiredText(context.getNodeParameter('reason', itemIndex, ''), 'Reason', 'Say why the money goes back, e.g. "Order cancelled"'),
	};
	if (context.getNodeParameter('refundAmount', itemIndex, 'rest') === 'amount') {
		request.amount = checkAmount(context.getNodeParameter('amount', itemIndex), 'Amount');
	}
	if (context.getNodeParameter('refundTo', itemIndex, 'payer') === 'phone') {
		request.phoneNumber = normalizeTanzanianPhone(context.getNodeParameter('phoneNumber', itemIndex, ''), 'Phone Number');
	}
	return request;
}
