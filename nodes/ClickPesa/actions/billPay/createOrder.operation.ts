import type { INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from 'n8n-workflow';
import { referenceReuseField } from '../../transport/moneyPost';
import type { ClickPesaOperation } from '../types';
import { billReferenceField, billTermFields } from './billPayFields';
import { sendControlNumber } from './controlNumber';

const properties: INodeProperties[] = [billReferenceField, billTermFields('additionalFields', 'Additional Fields', false), referenceReuseField];

export const createOrder: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['billPay'], operation: ['createOrder'] } }, properties),

	async execute(client, itemIndex) {
		return await sendControlNumber(this, client, itemIndex, 'order');
	},
};
