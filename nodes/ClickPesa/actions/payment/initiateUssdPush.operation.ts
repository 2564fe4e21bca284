import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { sameAmount } from '../../../shared/money';
import { createdSince, referenceReuseField } from '../../transport/moneyPost';
import { withClickPesaPaymentState } from '../paymentState';
import type { ClickPesaOperation } from '../types';
import { readUssdPushBody, ussdPushFields } from './ussdPushFields';
import { timeoutField } from '../../../shared/waiting';

const properties: INodeProperties[] = [
	...ussdPushFields(true),
	referenceReuseField,
	{
		displayName: 'Wait for Result',
		name: 'waitForResult',
		type: 'boolean',
		default: false,
		description:
			'Whether to wait until each customer has answered the prompt: paid items leave on the Paid output, failed or unanswered ones on Not Paid',
	},
	{ ...timeoutField, displayOptions: { show: { waitForResult: [true] } } },
];

export const initiateUssdPush: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['payment'], operation: ['initiateUssdPush'] } }, properties),

	waitsForResult() {
		return this.getNodeParameter('waitForResult', 0, false) === true;
	},

	async execute(client, itemIndex) {
		const body = readUssdPushBody(this, itemIndex, true);
		const answer = await client.sendOnce({
			kind: 'payment',
			request: { method: 'POST', path: '/payments/initiate-ussd-push-request', body, signed: true },
			isOurs: (payment, sentAt) => isThisRequest(payment, body, sentAt),
			itemIndex,
		});
		return withClickPesaPaymentState(answer);
	},
};

/**
 * Whether a payment found by reference is the one this request created, not an older payment that
 * happens to use the same reference: same amount, same phone when ClickPesa reports it, created
 * after we sent (within clock skew).
 */
function isThisRequest(payment: IDataObject, sent: IDataObject, sentAt: number): boolean {
	if (!sameAmount(payment.collectedAmount, sent.amount, 'TZS')) return false;
	if (payment.paymentPhoneNumber && payment.paymentPhoneNumber !== sent.phoneNumber) return false;
	return createdSince(payment, sentAt);
}
