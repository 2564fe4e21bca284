import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ClickPesaOperation } from '../types';
import { sendPayoutPreview, withAppliedTransferType } from './payouts';
import { accountNumberField, bankField, bankTransferFields, payoutBaseFields, readBankBody } from './payoutFields';

const properties: INodeProperties[] = [...payoutBaseFields, bankField, accountNumberField, ...bankTransferFields];

export const previewBank: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['payout'], operation: ['previewBank'] } }, properties),

	async execute(client, itemIndex) {
		const preview = await sendPayoutPreview(client, '/payouts/preview-bank-payout', readBankBody(this, itemIndex));
		return withAppliedTransferType(preview);
	},
};
