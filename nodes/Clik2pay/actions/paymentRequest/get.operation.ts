import { showOnlyFor } from '../../../shared/displayOptions';
import { checkResourceId } from '../../helpers/validation';
import { segment } from '../../transport';
import type { Clik2payOperation } from '../types';
import { paymentRequestIdField } from './paymentRequestId';

export const getPaymentRequest: Clik2payOperation = {
	description: showOnlyFor({ resource: ['paymentRequest'], operation: ['get'] }, [paymentRequestIdField]),

	async execute(client, itemIndex) {
		const id = checkResourceId(this.getNodeParameter('paymentRequestId', itemIndex), 'Payment Request ID');
		return await client.get(`/payment-requests/${segment(id)}`);
	},
};
