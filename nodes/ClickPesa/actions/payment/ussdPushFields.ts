import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readItemParameter } from '../../../shared/parameters';
import { amountAsString, checkAmount, checkReference, normalizeTanzanianPhone } from '../../helpers/validation';

/** The reference a payment is created with and looked up by. */
export const orderReferenceField: INodeProperties = {
	displayName: 'Order Reference',
	name: 'orderReference',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'INV10023',
	description: 'The reference the payment was created with',
};

/** Amount, currency, order reference and phone number: shared by Preview and Initiate USSD Push. */
export function ussdPushFields(phoneRequired: boolean): INodeProperties[] {
	return [
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 0,
			required: true,
			description: 'Amount to collect, in TZS',
		},
		{
			displayName: 'Currency',
			name: 'currency',
			type: 'options',
			options: [{ name: 'TZS', value: 'TZS' }],
			default: 'TZS',
			description: 'USSD push collects Tanzanian shillings only',
		},
		{
			...orderReferenceField,
			description:
				'Your unique reference for this payment: letters and digits only. ClickPesa refuses a reference that was used before, which protects against charging twice.',
		},
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			default: '',
			required: phoneRequired,
			placeholder: '0712 345 678',
			description: 'The customer’s mobile-money number, in any usual format (sent as 255…)',
		},
	];
}

/** Reads and checks the shared fields of one item; nothing is sent before this passes. */
export function readUssdPushBody(
	context: IExecuteFunctions,
	itemIndex: number,
	phoneRequired: boolean,
): IDataObject & { orderReference: string } {
	const amount = checkAmount(readItemParameter(context, 'amount', itemIndex), 'Amount');
	const orderReference = checkReference(readItemParameter(context, 'orderReference', itemIndex), 'Order Reference');
	const rawPhone = readItemParameter(context, 'phoneNumber', itemIndex, '') as string;
	const body: IDataObject & { orderReference: string } = {
		amount: amountAsString(amount),
		currency: readItemParameter(context, 'currency', itemIndex, 'TZS') as string,
		orderReference,
	};
	if (phoneRequired || String(rawPhone ?? '').trim() !== '') {
		body.phoneNumber = normalizeTanzanianPhone(rawPhone, 'Phone Number');
	}
	return body;
}
