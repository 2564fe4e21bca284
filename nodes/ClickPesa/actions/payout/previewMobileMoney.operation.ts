import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ClickPesaOperation } from '../types';
import { sendPayoutPreview } from './payouts';
import { payoutBaseFields, phoneNumberField, readMobileMoneyBody } from './payoutFields';

const properties: INodeProperties[] = [...payoutBaseFields, phoneNumberField];

export const previewMobileMoney: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['payout'], operation: ['previewMobileMoney'] } }, properties),

	async execute(client, itemIndex) {
		return await sendPayoutPreview(client, '/payouts/preview-mobile-money-payout', readMobileMoneyBody(this, itemIndex));
	},
};
