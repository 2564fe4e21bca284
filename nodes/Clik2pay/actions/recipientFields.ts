import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { checkEmail, normalizeNorthAmericanPhone } from '../helpers/validation';

/** The CAD amount of money sent to a person (Send Money, refunds). */
export function cadAmountField(description: string): INodeProperties {
	return {
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		required: true,
		description,
	};
}

/** Email and mobile number of the person receiving money: both are required by Clik2pay. */
export const recipientFields: INodeProperties[] = [
	{
		displayName: 'Recipient Email',
		name: 'recipientEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		description: 'Interac emails the recipient to collect the money',
	},
	{
		displayName: 'Recipient Mobile Number',
		name: 'recipientMobileNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '416 555 1234',
		description: 'Gets the security password by SMS; a North American number in any usual format',
	},
];

export function readRecipient(email: unknown, mobile: unknown): IDataObject {
	return {
		email: checkEmail(email, 'Recipient Email'),
		mobileNumber: normalizeNorthAmericanPhone(mobile, 'Recipient Mobile Number'),
	};
}
