import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkRequiredText } from '../../helpers/validation';
import { referenceReuseField } from '../../transport/moneyPost';
import type { ClickPesaOperation } from '../types';
import { sendPayout, withAppliedTransferType } from './payouts';
import {
	accountNumberField,
	bankField,
	bankTransferFields,
	createNotice,
	createOptions,
	payoutBaseFields,
	readPayoutSpacingMs,
	readBankBody,
} from './payoutFields';
import { verifiedAccountName } from './verifyBankAccount.operation';

const properties: INodeProperties[] = [
	createNotice,
	...payoutBaseFields,
	bankField,
	accountNumberField,
	{
		displayName: 'Fill Account Name From Bank',
		name: 'fillAccountName',
		type: 'boolean',
		default: false,
		description: 'Whether to ask the bank for the account holder’s name (Verify Bank Account) and send that name with the payout',
	},
	{
		displayName: 'Account Name',
		name: 'accountName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'TEMBO SHOP',
		description: 'The name of the account holder, as the bank knows it',
		displayOptions: { show: { fillAccountName: [false] } },
	},
	...bankTransferFields,
	referenceReuseField,
	createOptions,
];

export const createBank: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['payout'], operation: ['createBank'] } }, properties),
	// One create at a time: ClickPesa refuses creates within 60 s of each other (docs/clickpesa-api.md §8.4).
	itemsInFlight: 1,

	async execute(client, itemIndex) {
		const body = readBankBody(this, itemIndex);
		const spacingMs = readPayoutSpacingMs(this, itemIndex);
		const fillAccountName = this.getNodeParameter('fillAccountName', itemIndex, false) === true;
		body.accountName = fillAccountName
			? await verifiedAccountName(this, client, { accountNumber: body.accountNumber as string, bic: body.bic as string }, true)
			: checkRequiredText(
					this.getNodeParameter('accountName', itemIndex, ''),
					'Account Name',
					'ClickPesa requires the account holder’s name: give it, or turn on Fill Account Name From Bank',
				);
		const payout = await sendPayout(this, client, {
			path: '/payouts/create-bank-payout',
			body,
			spacingMs,
			itemIndex,
			channel: 'BANK TRANSFER',
			paysRecipient: (beneficiary) =>
				beneficiary.accountNumber === body.accountNumber && (beneficiary.swiftNumber === undefined || beneficiary.swiftNumber === body.bic),
		});
		return withAppliedTransferType(payout);
	},
};
