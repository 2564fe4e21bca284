import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { referenceReuseField } from '../../transport/moneyPost';
import type { ClickPesaOperation } from '../types';
import { samePhone, sendPayout } from './payouts';
import { createNotice, createOptions, payoutBaseFields, readPayoutSpacingMs, phoneNumberField, readMobileMoneyBody } from './payoutFields';

const properties: INodeProperties[] = [createNotice, ...payoutBaseFields, phoneNumberField, referenceReuseField, createOptions];

export const createMobileMoney: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['payout'], operation: ['createMobileMoney'] } }, properties),
	// One create at a time: ClickPesa refuses creates within 60 s of each other (docs/clickpesa-api.md §8.4).
	itemsInFlight: 1,

	async execute(client, itemIndex) {
		const body = readMobileMoneyBody(this, itemIndex);
		const spacingMs = readPayoutSpacingMs(this, itemIndex);
		return await sendPayout(this, client, {
			path: '/payouts/create-mobile-money-payout',
			body,
			spacingMs,
			itemIndex,
			channel: 'MOBILE MONEY',
			paysRecipient: (beneficiary) =>
				samePhone(beneficiary.accountNumber, body.phoneNumber) || samePhone(beneficiary.beneficiaryMobileNumber, body.phoneNumber),
		});
	},
};
