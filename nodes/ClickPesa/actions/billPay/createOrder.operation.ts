import type { INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from 'n8n-workflow';
import { referenceReuseField } from '../referenceReuse';
import type { ClickPesaOperation } from '../types';
import { billReferenceField, billTermFields } from './billPayFields';
import { createControlNumber } from './createControlNumber';

const properties: INodeProperties[] = [billReferenceField, billTermFields('additionalFields', 'Additional Fields', false), referenceReuseField];

export const createOrder: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['billPay'], operation: ['createOrder'] } }, properties),

	async execute(client, itemIndex) {
		return await createControlNumber(this, client, itemIndex, 'order');
	},
};
