import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fromMinorUnits, toMinorUnits, type PaymentState } from '../../../shared/money';
import { checkAmount, checkResourceId, isBlank } from '../../helpers/validation';
import { segment } from '../../transport';
import { clik2payPaymentRequestState, withPaymentRequestState } from '../paymentState';
import type { Clik2payOperation } from '../types';
import { paymentRequestIdField } from './paymentRequestId';

/**
 * What became of one payment request (docs/payment-states.md), derived from its `paymentState`
 * (Clik2pay's status model, paymentState.ts). Clik2pay has no list or search
 * endpoint (docs/clik2pay-api.md §4.10), so each request is read again by its ID, and there is no
 * second output: money that answers no payment request cannot be seen through the API.
 */
export type Clik2payReconciliation = 'paid' | 'open' | 'cancelled' | 'failed' | 'refunded';

const RECONCILIATION: Record<PaymentState, Clik2payReconciliation> = {
	pending: 'open',
	paid: 'paid',
	cancelled: 'cancelled',
	failed: 'failed',
	refunded: 'refunded',
	// Not a Clik2pay status; kept so every state has an answer.
	reversed: 'refunded',
};

/** Clik2pay amounts are Canadian dollars (docs/clik2pay-api.md §3.3). */
const CURRENCY = 'CAD';

const properties: INodeProperties[] = [
	{
		displayName:
			'Each input item is one payment request, read again from Clik2pay (reads are retried on 429 and 5xx). Clik2pay cannot list payments, so there is no output for money nobody billed.',
		name: 'reconcileNotice',
		type: 'notice',
		default: '',
	},
	{ ...paymentRequestIdField, description: 'The payment request to check, e.g. the ID saved when it was created' },
	{
		displayName: 'Expected Amount',
		name: 'expectedAmount',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		description: 'What the invoice asks for, in CAD; 0 or empty: the amount of the payment request',
	},
];

export const reconcilePaymentRequest: Clik2payOperation = {
	description: updateDisplayOptions({ show: { resource: ['paymentRequest'], operation: ['reconcile'] } }, properties),

	async execute(client, itemIndex) {
		const id = checkResourceId(this.getNodeParameter('paymentRequestId', itemIndex), 'Payment Request ID');
		const expectedValue = this.getNodeParameter('expectedAmount', itemIndex, 0);
		const expected = isBlank(expectedValue) || Number(expectedValue) === 0 ? undefined : checkAmount(expectedValue, 'Expected Amount');
		const paymentRequest = withPaymentRequestState(await client.get(`/payment-requests/${segment(id)}`));
		return reconcileOne(id, paymentRequest, expected);
	},
};

/** The amounts in cents: paid, settled and refunded requests collected their amount; open ones still owe it. */
export function reconcileOne(id: string, paymentRequest: IDataObject, expected: number | undefined): IDataObject {
	const state = clik2payPaymentRequestState(paymentRequest.status);
	const reconciliation = RECONCILIATION[state];
	const requestedMinor = toMinorUnits(paymentRequest.amount, CURRENCY);
	const expectedMinor = expected !== undefined ? toMinorUnits(expected, CURRENCY) : requestedMinor;
	const major = (minor: number) => fromMinorUnits(minor, CURRENCY);
	const collected = reconciliation === 'paid' || reconciliation === 'refunded';
	const paidMinor = collected ? (requestedMinor ?? 0) : 0;
	const item: IDataObject = {
		paymentRequestId: id,
		reconciliation,
		status: paymentRequest.status ?? null,
		paymentState: state,
		expectedAmount: expectedMinor === undefined ? null : major(expectedMinor),
		amountRequested: requestedMinor === undefined ? null : major(requestedMinor),
		amountPaid: major(paidMinor),
		amountRefunded: reconciliation === 'refunded' ? major(paidMinor) : 0,
		outstandingAmount: reconciliation === 'open' && expectedMinor !== undefined ? major(expectedMinor) : 0,
		merchantTransactionId: paymentRequest.merchantTransactionId ?? null,
		invoiceNumber: paymentRequest.invoiceNumber ?? null,
		paymentRequest,
	};
	if (expectedMinor !== undefined && requestedMinor !== undefined && expectedMinor !== requestedMinor) {
		item.note = `The payment request asks for ${major(requestedMinor)}, the invoice for ${major(expectedMinor)}`;
	}
	return item;
}
