import type { INodeProperties } from 'n8n-workflow';

export const paymentRequestIdField: INodeProperties = {
	displayName: 'Payment Request ID',
	name: 'paymentRequestId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '8ecd810d-c0e2-40a6-8ab9-da12d72a3d6a',
	description: 'The ID returned when the payment request was created (its "ID" field)',
};
