import type { INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from 'n8n-workflow';
import { checkResourceId } from '../../helpers/validation';
import { segment } from '../../transport';
import { paymentRequestIdField } from '../paymentRequest/paymentRequestId';
import type { Clik2payOperation } from '../types';
import { withRefundState } from '../paymentState';

const properties: INodeProperties[] = [
	{ ...paymentRequestIdField, description: 'The payment request the refund belongs to' },
	{
		displayName: 'Refund ID',
		name: 'refundId',
		type: 'string',
		default: '',
		required: true,
		description: 'The ID returned when the refund was created',
	},
];

export const getRefund: Clik2payOperation = {
	description: updateDisplayOptions({ show: { resource: ['refund'], operation: ['get'] } }, properties),

	async execute(client, itemIndex) {
		const id = checkResourceId(this.getNodeParameter('paymentRequestId', itemIndex), 'Payment Request ID');
		const refundId = checkResourceId(this.getNodeParameter('refundId', itemIndex), 'Refund ID');
		return withRefundState(await client.get(`/payment-requests/${segment(id)}/refunds/${segment(refundId)}`));
	},
};
