import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from 'n8n-workflow';
import { checkAmount, checkInteger, isBlank } from '../../helpers/validation';
import { sendOnce } from '../../transport/moneyPost';
import { cadAmountField, readRecipient, recipientFields } from '../recipientFields';
import { readReferenceFields, referenceFieldOptions, sortedOptions } from '../referenceFields';
import type { Clik2payOperation } from '../types';
import { withSentPaymentState } from '../paymentState';

const properties: INodeProperties[] = [
	cadAmountField('Amount to send in CAD (at least 0.01)'),
	...recipientFields,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: sortedOptions([
			...referenceFieldOptions('recipient', 'sending the money'),
			{
				displayName: 'Expiry Days',
				name: 'expiryDays',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 365 },
				default: 30,
				description: 'Days the recipient has to accept the money (1 to 365)',
			},
		]),
	},
];

export const createPayment: Clik2payOperation = {
	description: updateDisplayOptions({ show: { resource: ['payment'], operation: ['create'] } }, properties),

	async execute(client, itemIndex) {
		const param = (name: string, fallback: unknown = '') => this.getNodeParameter(name, itemIndex, fallback);
		const body: IDataObject = {
			amount: checkAmount(param('amount'), 'Amount'),
			recipient: readRecipient(param('recipientEmail'), param('recipientMobileNumber')),
		};
		const extra = param('additionalFields', {}) as IDataObject;
		Object.assign(body, readReferenceFields(extra));
		if (!isBlank(extra.expiryDays)) body.expiryDays = checkInteger(extra.expiryDays, 'Expiry Days', 1, 365);
		const answer = await sendOnce(this, client, { kind: 'payment', path: '/payments', body, itemIndex });
		return withSentPaymentState(answer);
	},
};
