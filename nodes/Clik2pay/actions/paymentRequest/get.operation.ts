import { updateDisplayOptions } from 'n8n-workflow';
import { checkResourceId } from '../../helpers/validation';
import { segment } from '../../transport';
import type { Clik2payOperation } from '../types';
import { paymentRequestIdField } from './paymentRequestId';
import { withPaymentRequestState } from '../paymentState';

export const getPaymentRequest: Clik2payOperation = {
	description: updateDisplayOptions({ show: { resource: ['paymentRequest'], operation: ['get'] } }, [paymentRequestIdField]),

	async execute(client, itemIndex) {
		const id = checkResourceId(this.getNodeParameter('paymentRequestId', itemIndex), 'Payment Request ID');
		return withPaymentRequestState(await client.get(`/payment-requests/${segment(id)}`));
	},
};
