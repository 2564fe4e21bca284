import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import { ProviderError } from '../../../shared/providerError';
import { amountAsString, checkAmount, checkReference, normalizeTanzanianPhone } from '../../helpers/validation';
import { checkEmail } from '../checkoutLink/checkoutFields';
import { explainReferenceUsed } from '../../transport/moneyPost';

/** Amount, currency and order reference: shared by Card → Preview and Card → Initiate. */
export const cardAmountFields: INodeProperties[] = [
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		required: true,
		description: 'Amount to collect, in USD',
	},
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'options',
		options: [{ name: 'USD', value: 'USD' }],
		default: 'USD',
		description: 'Card payments are collected in US dollars only',
	},
	{
		displayName: 'Order Reference',
		name: 'orderReference',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'INV10023',
		description:
			'Your unique reference for this payment: letters and digits only. ClickPesa refuses a reference that was used before, which protects against charging twice.',
	},
];

/** §4.4: the customer is an existing ClickPesa customer id, or full name + e-mail + phone (all three). */
export const cardCustomerFields: INodeProperties[] = [
	{
		displayName: 'Customer',
		name: 'customerMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'New Customer Details', value: 'details', description: 'Full name, e-mail and phone number' },
			{ name: 'Existing Customer ID', value: 'id', description: 'The ID of a customer ClickPesa already knows' },
		],
		default: 'details',
	},
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { customerMode: ['id'] } },
	},
	{
		displayName: 'Full Name',
		name: 'customerFullName',
		type: 'string',
		default: '',
		required: true,
		description: 'Must match the name on the card',
		displayOptions: { show: { customerMode: ['details'] } },
	},
	{
		displayName: 'Email',
		name: 'customerEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		displayOptions: { show: { customerMode: ['details'] } },
	},
	{
		displayName: 'Phone Number',
		name: 'customerPhone',
		type: 'string',
		default: '',
		required: true,
		placeholder: '0712 345 678',
		description: 'Tanzanian mobile number in any usual form (sent as 255712345678)',
		displayOptions: { show: { customerMode: ['details'] } },
	},
];

/** Reads and checks amount, currency and reference; nothing is sent before this passes. */
export function readCardBody(context: IExecuteFunctions, itemIndex: number): IDataObject & { orderReference: string } {
	const amount = checkAmount(context.getNodeParameter('amount', itemIndex), 'Amount');
	const orderReference = checkReference(context.getNodeParameter('orderReference', itemIndex), 'Order Reference');
	// docs/clickpesa-api.md §3.3, §4.3: the card amount is a string; §3.4: USD only.
	return { amount: amountAsString(amount), currency: 'USD', orderReference };
}

export function readCardCustomer(context: IExecuteFunctions, itemIndex: number): IDataObject {
	if (context.getNodeParameter('customerMode', itemIndex, 'details') === 'id') {
		const id = String(context.getNodeParameter('customerId', itemIndex, '') ?? '').trim();
		if (!id) throw new InputError('Customer ID', 'Customer ID is empty', 'Give the ID of an existing ClickPesa customer, or choose Customer → New Customer Details');
		return { id };
	}
	const fullName = String(context.getNodeParameter('customerFullName', itemIndex, '') ?? '').trim();
	if (!fullName) throw new InputError('Full Name', 'Full Name is empty', 'ClickPesa needs the full name, e-mail and phone number of a new customer; the name must match the card');
	return {
		fullName,
		email: checkEmail(context.getNodeParameter('customerEmail', itemIndex, ''), 'Email'),
		phoneNumber: normalizeTanzanianPhone(context.getNodeParameter('customerPhone', itemIndex, ''), 'Phone Number'),
	};
}

/**
 * ClickPesa refuses card payments until the merchant's KYC is approved (docs/clickpesa-api.md §1.4).
 * The wording of that refusal is not documented, so any 4xx that mentions KYC is recognised.
 */
export function explainCardRefusal(error: unknown, orderReference: string): unknown {
	const status = error instanceof ProviderError ? (error.status ?? 0) : 0;
	if (error instanceof ProviderError && status >= 400 && status < 500 && /\bkyc\b/i.test(error.message)) {
		return error.retold(
			`${error.message}. ClickPesa accepts card payments only once the account's KYC is approved (docs/clickpesa-api.md §1.4): finish KYC in the ClickPesa dashboard, or collect by USSD push or a checkout link meanwhile. Nothing was charged`,
		);
	}
	return explainReferenceUsed(error, 'cardPayment', orderReference);
}
