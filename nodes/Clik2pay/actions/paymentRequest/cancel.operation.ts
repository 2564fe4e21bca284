import type { INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from 'n8n-workflow';
import { checkResourceId } from '../../helpers/validation';
import { segment } from '../../transport';
import type { Clik2payOperation } from '../types';
import { paymentRequestIdField } from './paymentRequestId';
import { withPaymentRequestState } from '../paymentState';

const properties: INodeProperties[] = [
	{
		displayName: 'Only unpaid payment requests (Created, Scheduled or Active) can be cancelled',
		name: 'cancelNotice',
		type: 'notice',
		default: '',
	},
	paymentRequestIdField,
];

export const cancelPaymentRequest: Clik2payOperation = {
	description: updateDisplayOptions({ show: { resource: ['paymentRequest'], operation: ['cancel'] } }, properties),

	async execute(client, itemIndex) {
		const id = checkResourceId(this.getNodeParameter('paymentRequestId', itemIndex), 'Payment Request ID');
		// Sent once: the request carries no body, and the answer is returned as Clik2pay gives it (plus paymentState).
		return withPaymentRequestState(await client.post(`/payment-requests/${segment(id)}/cancellation`));
	},
};
