import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { amountAsString, checkAmount, checkReference } from '../../helpers/validation';
import type { ClickPesaOperation } from '../types';
import { readCheckoutExtras, readOrderItems, orderTotal } from './checkoutFields';
import { sendLinkRequest } from './hostedLink';
import { CURRENCY_OPTIONS } from '../listFields';

const properties: INodeProperties[] = [
	{
		displayName: 'Order Reference',
		name: 'orderReference',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'INV10023',
		description: 'Your unique reference for this order: letters and digits only. The payment made through the link carries it.',
	},
	{
		displayName: 'Currency',
		name: 'orderCurrency',
		type: 'options',
		options: CURRENCY_OPTIONS,
		default: 'TZS',
	},
	{
		displayName: 'Amount From',
		name: 'amountMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Total Price', value: 'totalPrice', description: 'One amount for the whole order' },
			{ name: 'Order Items', value: 'orderItems', description: 'A list of items; ClickPesa shows each and charges their sum' },
		],
		default: 'totalPrice',
	},
	{
		displayName: 'Total Price',
		name: 'totalPrice',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		required: true,
		description: 'What the customer pays, in the chosen currency',
		displayOptions: { show: { amountMode: ['totalPrice'] } },
	},
	{
		displayName: 'Order Items Input',
		name: 'itemsInput',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Enter Items', value: 'fields', description: 'Type each item in below' },
			{ name: 'Map From Input (JSON)', value: 'json', description: 'An array of items from the input item or an expression' },
		],
		default: 'fields',
		displayOptions: { show: { amountMode: ['orderItems'] } },
	},
	{
		displayName: 'Order Items',
		name: 'orderItems',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Item',
		default: {},
		displayOptions: { show: { amountMode: ['orderItems'], itemsInput: ['fields'] } },
		options: [
			{
				displayName: 'Item',
				name: 'item',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true },
					{
						displayName: 'Price',
						name: 'price',
						type: 'number',
						typeOptions: { minValue: 0, numberPrecision: 2 },
						default: 0,
						required: true,
						description: 'Price of one unit',
					},
					{ displayName: 'Quantity', name: 'quantity', type: 'number', typeOptions: { minValue: 1 }, default: 1, required: true },
				],
			},
		],
	},
	{
		displayName: 'Order Items (JSON)',
		name: 'orderItemsJson',
		type: 'json',
		default: '[\n  { "name": "Item", "price": 1000, "quantity": 1 }\n]',
		required: true,
		description:
			'An array of objects with name, price (per unit) and quantity. Use an expression to map it from the incoming item, for example its order lines.',
		displayOptions: { show: { amountMode: ['orderItems'], itemsInput: ['json'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Callback URL',
				name: 'callbackUrl',
				type: 'string',
				default: '',
				placeholder: 'https://shop.example.com/clickpesa/callback',
				description: 'ClickPesa POSTs to this address when the link is paid (separate from the account webhooks)',
			},
			{ displayName: 'Customer Email', name: 'customerEmail', type: 'string', placeholder: 'name@email.com', default: '' },
			{ displayName: 'Customer Name', name: 'customerName', type: 'string', default: '' },
			{
				displayName: 'Customer Phone',
				name: 'customerPhone',
				type: 'string',
				default: '',
				placeholder: '0712 345 678',
				description: 'Tanzanian mobile number in any usual form (sent as 255712345678)',
			},
			{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Shown to the customer on the checkout page' },
			{
				displayName: 'Resume This Workflow When Paid',
				name: 'resumeWhenPaid',
				type: 'boolean',
				default: false,
				description:
					'Whether the callback URL is this execution’s resume URL, for a later Payment → Wait for Payment (Resume on Callback): the workflow continues when the customer has paid',
			},
		],
	},
];

export const create: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['checkoutLink'], operation: ['create'] } }, properties),

	async execute(client, itemIndex) {
		const orderReference = checkReference(this.getNodeParameter('orderReference', itemIndex), 'Order Reference');
		const body: IDataObject & { orderReference: string } = {
			orderReference,
			orderCurrency: this.getNodeParameter('orderCurrency', itemIndex, 'TZS') as string,
		};
		let total: number;
		if (this.getNodeParameter('amountMode', itemIndex, 'totalPrice') === 'orderItems') {
			const fromJson = this.getNodeParameter('itemsInput', itemIndex, 'fields') === 'json';
			const raw = fromJson
				? this.getNodeParameter('orderItemsJson', itemIndex, '[]')
				: ((this.getNodeParameter('orderItems', itemIndex, {}) as IDataObject).item ?? []);
			const items = readOrderItems(raw, 'Order Items');
			body.orderItems = items;
			total = orderTotal(items);
		} else {
			total = checkAmount(this.getNodeParameter('totalPrice', itemIndex), 'Total Price');
			// docs/clickpesa-api.md §3.3, §4.12: totalPrice is a string.
			body.totalPrice = amountAsString(total);
		}
		Object.assign(body, readCheckoutExtras(this, itemIndex));
		const answer = await sendLinkRequest(client, { kind: 'checkoutLink', path: '/checkout-link/generate-checkout-url', body, itemIndex });
		return { ...answer, total, currency: body.orderCurrency };
	},
};
