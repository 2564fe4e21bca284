import type { INodeProperties } from 'n8n-workflow';

import { createCustomer } from './createCustomer.operation';
import { createMany } from './createMany.operation';
import { createOrder } from './createOrder.operation';
import { get } from './get.operation';
import { update } from './update.operation';

export const billPayOperations = { createOrder, createCustomer, createMany, get, update };

export const billPayDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['billPay'] } },
		options: [
			{
				name: 'Create Customer Control Number',
				value: 'createCustomer',
				description: 'Create a reusable control number tied to a customer, for repeated or partial payments',
				action: 'Create a customer control number',
			},
			{
				name: 'Create Many',
				value: 'createMany',
				description: 'Create one control number per input item, up to 50 per request',
				action: 'Create many control numbers',
			},
			{
				name: 'Create Order Control Number',
				value: 'createOrder',
				description: 'Create a one-time control number that closes after its first payment',
				action: 'Create an order control number',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get the details of a control number',
				action: 'Get a control number',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the status, amount, description, payment mode or max collection amount of a control number',
				action: 'Update a control number',
			},
		],
		default: 'createOrder',
	},
	...createOrder.description,
	...createCustomer.description,
	...createMany.description,
	...get.description,
	...update.description,
];
