import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { referenceReuseField } from '../../transport/moneyPost';
import type { ClickPesaOperation } from '../types';
import { sendPayout } from './payouts';
import { createNotice, createOptions, lipaNambaFields, payoutBaseFields, readPayoutSpacingMs, readLipaNambaBody } from './payoutFields';

const properties: INodeProperties[] = [createNotice, ...payoutBaseFields, ...lipaNambaFields, referenceReuseField, createOptions];

export const createLipaNamba: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['payout'], operation: ['createLipaNamba'] } }, properties),
	// One create at a time: ClickPesa allows one Lipa Namba create per 60 s per merchant (docs/clickpesa-api.md §8.4).
	itemsInFlight: 1,

	async execute(client, itemIndex) {
		const body = readLipaNambaBody(this, itemIndex);
		const spacingMs = readPayoutSpacingMs(this, itemIndex);
		return await sendPayout(this, client, {
			path: '/payouts/create-lipa-namba-payout',
			body,
			spacingMs,
			itemIndex,
			channel: 'TIPS LIPA NAMBA',
			paysRecipient: ({ accountNumber }) => {
				if (typeof accountNumber !== 'string' || accountNumber === '') return false;
				// Paid by TanQR, the record holds the Lipa Namba read from the code, which the code contains.
				return typeof body.qrCode === 'string' ? body.qrCode.includes(accountNumber) : accountNumber === body.lipaNamba;
			},
		});
	},
};
