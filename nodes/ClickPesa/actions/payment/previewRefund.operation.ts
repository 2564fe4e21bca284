import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ClickPesaOperation } from '../types';
import { refundFields, readRefundRequest } from './refundFields';
import { planRefund, refundOutput } from './refunds';

const properties: INodeProperties[] = [...refundFields];

export const previewRefund: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['payment'], operation: ['previewRefund'] } }, properties),

	async execute(client, itemIndex) {
		const plan = await planRefund(this, client, readRefundRequest(this, itemIndex));
		return refundOutput(plan, plan.preview, false);
	},
};
