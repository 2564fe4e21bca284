import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ClickPesaBatchOperation } from '../types';
import { DEFAULT_DEADLINE_HOURS, readExpected } from './paymentCheck';
import { orderReferenceField } from './ussdPushFields';
import { parkUntilCallback } from './resumeOnCallback';
import { DEFAULT_POLL_TIMEOUT_S, NOT_PAID_OUTPUT, readWaitingItems, timeoutField } from '../../../shared/waiting';
import { waitForPayments } from './waitForResults';
import { CURRENCY_OPTIONS } from '../listFields';

const pollOnly = { show: { waitMode: ['poll'] } };
const callbackOnly = { show: { waitMode: ['callback'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Wait Mode',
		name: 'waitMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Poll',
				value: 'poll',
				description: 'Check with ClickPesa until each payment is final or the timeout passes (USSD push: the customer answers within a minute or two)',
			},
			{
				name: 'Resume on Callback',
				value: 'callback',
				description:
					'Park the execution until ClickPesa calls back a checkout link created with "Resume This Workflow When Paid" (the customer may pay hours later); costs nothing while it waits',
			},
		],
		default: 'poll',
	},
	{
		displayName:
			'Paid items leave on the Paid output, the rest on Not Paid. Only ClickPesa’s own answer to a status lookup counts as paid. For many unrelated payments, use the ClickPesa Trigger instead.',
		name: 'waitNotice',
		type: 'notice',
		default: '',
		displayOptions: pollOnly,
	},
	{
		displayName:
			'Waits for one order per execution. When ClickPesa calls the checkout link’s callback, the payment is looked up with ClickPesa before the workflow goes on: a call that ClickPesa does not confirm changes nothing. At the deadline n8n continues the workflow without running this node again, so the item leaves on Not Paid as it came in, with outcome “unknown” and the reason: check it with Get Status before treating the order as unpaid. Needs n8n 2.39 or later.',
		name: 'callbackNotice',
		type: 'notice',
		default: '',
		displayOptions: callbackOnly,
	},
	{
		...orderReferenceField,
		description: 'The reference the payment was created with, e.g. {{ $json.orderReference }} after Initiate USSD Push or Create Checkout Link',
	},
	{ ...timeoutField, displayOptions: pollOnly },
	{
		displayName: 'Deadline (Hours)',
		name: 'deadlineHours',
		type: 'number',
		typeOptions: { minValue: 0.01 },
		default: DEFAULT_DEADLINE_HOURS,
		description: 'How long to wait for the callback before the item leaves on Not Paid',
		displayOptions: callbackOnly,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Expected Amount',
				name: 'expectedAmount',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description: 'Paid counts only when ClickPesa reports exactly this amount',
			},
			{
				displayName: 'Expected Currency',
				name: 'expectedCurrency',
				type: 'options',
				options: CURRENCY_OPTIONS,
				default: 'TZS',
				description: 'Paid counts only when ClickPesa reports this currency',
			},
		],
	},
];

export const waitForPayment: ClickPesaBatchOperation = {
	description: updateDisplayOptions({ show: { resource: ['payment'], operation: ['waitForPayment'] } }, properties),
	outputCount: 2,
	errorOutput: NOT_PAID_OUTPUT,

	async executeBatch(client, { itemCount, stopAtFirstFailure }) {
		const { outcomes, waiting, stop } = readWaitingItems(itemCount, (itemIndex) => readExpected((name, fallback) => this.getNodeParameter(name, itemIndex, fallback)), {
			stopAtFirstFailure,
			field: 'Order Reference',
		});
		if (stop) return outcomes;
		if (this.getNodeParameter('waitMode', 0, 'poll') === 'callback') {
			return await parkUntilCallback(this, client, waiting, itemCount, outcomes);
		}
		const timeoutSeconds = Number(this.getNodeParameter('timeoutSeconds', 0, DEFAULT_POLL_TIMEOUT_S));
		const results = await waitForPayments(this, client, waiting.map(({ expected }) => expected), timeoutSeconds);
		waiting.forEach(({ itemIndex }, position) => (outcomes[itemIndex] = results[position]));
		return outcomes;
	},
};
