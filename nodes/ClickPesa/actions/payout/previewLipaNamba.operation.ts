import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ClickPesaOperation } from '../types';
import { sendPayoutPreview } from './payouts';
import { lipaNambaFields, payoutBaseFields, readLipaNambaBody } from './payoutFields';

const properties: INodeProperties[] = [...payoutBaseFields, ...lipaNambaFields];

export const previewLipaNamba: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['payout'], operation: ['previewLipaNamba'] } }, properties),

	async execute(client, itemIndex) {
		return await sendPayoutPreview(client, '/payouts/preview-lipa-namba-payout', readLipaNambaBody(this, itemIndex));
	},
};
