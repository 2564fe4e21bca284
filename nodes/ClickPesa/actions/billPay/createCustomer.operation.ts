import type { INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from 'n8n-workflow';
import { referenceReuseField } from '../../transport/moneyPost';
import type { ClickPesaOperation } from '../types';
import { billReferenceField, billTermFields, customerFields } from './billPayFields';
import { sendControlNumber } from './controlNumber';

const properties: INodeProperties[] = [
	...customerFields,
	billReferenceField,
	billTermFields('additionalFields', 'Additional Fields', false),
	referenceReuseField,
];

export const createCustomer: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['billPay'], operation: ['createCustomer'] } }, properties),

	async execute(client, itemIndex) {
		return await sendControlNumber(this, client, itemIndex, 'customer');
	},
};
