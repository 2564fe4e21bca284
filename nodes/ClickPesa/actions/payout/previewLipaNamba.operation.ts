import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ClickPesaOperation } from '../types';
import { lipaNambaFields, payoutBaseFields, readLipaNambaBody } from './payoutFields';
import { previewPayout } from './previewPayout';

const properties: INodeProperties[] = [...payoutBaseFields, ...lipaNambaFields];

export const previewLipaNamba: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['payout'], operation: ['previewLipaNamba'] } }, properties),

	async execute(client, itemIndex) {
		return await previewPayout(client, '/payouts/preview-lipa-namba-payout', readLipaNambaBody(this, itemIndex));
	},
};
