import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { checkAmount, checkInteger, checkMerchantTransactionId, checkText, isBlank } from '../../helpers/validation';
import { sendMoneyPost } from '../moneyPost';
import { readRecipient, recipientFields } from '../recipientFields';
import type { Clik2payOperation } from '../types';

const properties: INodeProperties[] = [
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		required: true,
		description: 'Amount to send in CAD (at least 0.01)',
	},
	...recipientFields,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Business Unit',
				name: 'businessUnit',
				type: 'string',
				default: '',
				description: 'Your unit, department or division (at most 50 characters)',
			},
			{
				displayName: 'Display Message',
				name: 'displayMessage',
				type: 'string',
				default: '',
				description: 'Shown to the recipient on the Interac page (3 to 250 characters)',
			},
			{
				displayName: 'Expiry Days',
				name: 'expiryDays',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 365 },
				default: 30,
				description: 'Days the recipient has to accept the money (1 to 365)',
			},
			{
				displayName: 'Invoice Number',
				name: 'invoiceNumber',
				type: 'string',
				default: '',
				description: 'For your reconciliation (at most 50 characters)',
			},
			{
				displayName: 'Merchant Transaction ID',
				name: 'merchantTransactionId',
				type: 'string',
				default: '',
				description:
					'Your own reference, 6 to 32 characters, unique across all your Clik2pay transactions. Recommended: Clik2pay refuses a repeated ID, which protects against sending the money twice.',
			},
		],
	},
];

export const createPayment: Clik2payOperation = {
	description: showOnlyFor({ resource: ['payment'], operation: ['create'] }, properties),

	async execute(client, itemIndex) {
		const param = (name: string, fallback: unknown = '') => this.getNodeParameter(name, itemIndex, fallback);
		const body: IDataObject = {
			amount: checkAmount(param('amount'), 'Amount'),
			recipient: readRecipient(param('recipientEmail'), param('recipientMobileNumber')),
		};
		const extra = param('additionalFields', {}) as IDataObject;
		if (!isBlank(extra.merchantTransactionId)) body.merchantTransactionId = checkMerchantTransactionId(extra.merchantTransactionId);
		if (!isBlank(extra.displayMessage)) body.displayMessage = checkText(extra.displayMessage, 'Display Message', 3, 250);
		if (!isBlank(extra.invoiceNumber)) body.invoiceNumber = checkText(extra.invoiceNumber, 'Invoice Number', 1, 50);
		if (!isBlank(extra.businessUnit)) body.businessUnit = checkText(extra.businessUnit, 'Business Unit', 1, 50);
		if (!isBlank(extra.expiryDays)) body.expiryDays = checkInteger(extra.expiryDays, 'Expiry Days', 1, 365);
		return await sendMoneyPost(this.getNode(), client, {
			path: '/payments',
			body,
			noun: 'payment',
			takesMerchantTransactionId: true,
			merchantTransactionId: body.merchantTransactionId as string | undefined,
		});
	},
};
