import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { BillItemInput, BillKind } from './billItem';
import { buildBillItem } from './billItem';

/** The fields of a new control number, shared by Create Order/Customer Control Number and Create Many. */

const paymentModeOptions = [
	{
		name: 'Allow Partial and Over Payment',
		value: 'ALLOW_PARTIAL_AND_OVER_PAYMENT',
		description: 'The customer may pay less or more than the amount (ClickPesa’s default)',
	},
	{ name: 'Exact', value: 'EXACT', description: 'Only the exact amount is accepted' },
];

export const billReferenceField: INodeProperties = {
	displayName: 'Bill Reference',
	name: 'billReference',
	type: 'string',
	default: '',
	placeholder: 'INV10023',
	description:
		'Your reference, which becomes the control number customers pay to: letters and digits only, at most 20, unique in your account. Leave empty to let ClickPesa generate a number.',
};

export const customerFields: INodeProperties[] = [
	{
		displayName: 'Customer Name',
		name: 'customerName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Asha Said',
	},
	{
		displayName: 'Customer Email',
		name: 'customerEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Email and/or phone number: at least one is required',
	},
	{
		displayName: 'Customer Phone',
		name: 'customerPhone',
		type: 'string',
		default: '',
		placeholder: '0712 345 678',
		description: 'Email and/or phone number: at least one is required. Sent as 255XXXXXXXXX.',
	},
];

/** Amount, description, payment mode and max collection amount: optional, sent only when added. */
export function billTermFields(name: string, displayName: string, withStatus: boolean): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Amount',
			name: 'billAmount',
			type: 'number',
			typeOptions: { minValue: 0.01, numberPrecision: 2 },
			default: 0,
			description: 'Bill amount in TZS. Without it the customer chooses how much to pay.',
		},
		{
			displayName: 'Description',
			name: 'billDescription',
			type: 'string',
			default: '',
			description: 'Shown to the customer, at most 500 characters',
		},
		{
			displayName: 'Max Collection Amount',
			name: 'billMaxCollectionAmount',
			type: 'number',
			typeOptions: { minValue: 0.01, numberPrecision: 2 },
			default: 0,
			description:
				'Cap on the total collected through this number, at least the amount; a payment above what remains is refused, and the number closes when the cap is reached',
		},
		{
			displayName: 'Payment Mode',
			name: 'billPaymentMode',
			type: 'options',
			options: paymentModeOptions,
			default: 'ALLOW_PARTIAL_AND_OVER_PAYMENT',
			description: 'Applies only together with an amount',
		},
	];
	if (withStatus) {
		options.push({
			displayName: 'Status',
			name: 'billStatus',
			type: 'options',
			options: [
				{ name: 'Active', value: 'ACTIVE', description: 'The number accepts payments' },
				{ name: 'Inactive', value: 'INACTIVE', description: 'Payments to the number are refused' },
			],
			default: 'INACTIVE',
		});
	}
	return { displayName, name, type: 'collection', placeholder: 'Add Field', default: {}, options };
}

/** Reads and checks one item's control-number fields; nothing is sent before this passes. */
export function readBillItem(context: IExecuteFunctions, itemIndex: number, kind: BillKind): IDataObject {
	const terms = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const input: BillItemInput = {
		billReference: context.getNodeParameter('billReference', itemIndex, ''),
		billAmount: terms.billAmount,
		billDescription: terms.billDescription,
		billPaymentMode: terms.billPaymentMode,
		billMaxCollectionAmount: terms.billMaxCollectionAmount,
	};
	if (kind === 'customer') {
		input.customerName = context.getNodeParameter('customerName', itemIndex, '');
		input.customerEmail = context.getNodeParameter('customerEmail', itemIndex, '');
		input.customerPhone = context.getNodeParameter('customerPhone', itemIndex, '');
	}
	return buildBillItem(input, kind);
}
