import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import type { ItemOutcome } from '../../../shared/items';
import { checkAmount, checkReference } from '../../helpers/validation';
import type { ClickPesaBatchOperation } from '../types';
import type { Expected } from './paymentCheck';
import { orderReferenceField } from './ussdPushFields';
import { DEFAULT_POLL_TIMEOUT_S, MAX_POLL_TIMEOUT_S, NOT_PAID_OUTPUT, waitForPayments } from './waitForResults';

export const timeoutField: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeoutSeconds',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_POLL_TIMEOUT_S },
	default: DEFAULT_POLL_TIMEOUT_S,
	description: `How long to wait for each payment to become final (at most ${MAX_POLL_TIMEOUT_S}; as an AI tool at most 60). Items still pending then leave on Not Paid.`,
};

const properties: INodeProperties[] = [
	{
		displayName:
			'Checks each payment with ClickPesa until it is paid, failed or the timeout passes: Paid items leave on the first output, the rest on Not Paid. For payments that may take hours (checkout links), use the ClickPesa Trigger instead.',
		name: 'waitNotice',
		type: 'notice',
		default: '',
	},
	{
		...orderReferenceField,
		description: 'The reference the payment was created with, e.g. {{ $json.orderReference }} after Initiate USSD Push',
	},
	timeoutField,
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
				options: [
					{ name: 'TZS', value: 'TZS' },
					{ name: 'USD', value: 'USD' },
				],
				default: 'TZS',
				description: 'Paid counts only when ClickPesa reports this currency',
			},
		],
	},
];

function readExpected(context: IExecuteFunctions, itemIndex: number): Expected {
	const orderReference = checkReference(context.getNodeParameter('orderReference', itemIndex), 'Order Reference');
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const expected: Expected = { orderReference };
	if (options.expectedAmount !== undefined && options.expectedAmount !== '') {
		expected.amount = checkAmount(options.expectedAmount, 'Expected Amount');
	}
	if (typeof options.expectedCurrency === 'string' && options.expectedCurrency) expected.currency = options.expectedCurrency;
	return expected;
}

export const waitForPayment: ClickPesaBatchOperation = {
	description: updateDisplayOptions({ show: { resource: ['payment'], operation: ['waitForPayment'] } }, properties),
	outputCount: 2,
	errorOutput: NOT_PAID_OUTPUT,

	async executeBatch(client, { itemCount, stopAtFirstFailure }) {
		const outcomes: ItemOutcome[] = new Array(itemCount);
		const waiting: Array<{ itemIndex: number; expected: Expected }> = [];
		for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
			try {
				waiting.push({ itemIndex, expected: readExpected(this, itemIndex) });
			} catch (error) {
				outcomes[itemIndex] = { error };
			}
		}
		if (stopAtFirstFailure && waiting.length < itemCount) {
			for (const { itemIndex } of waiting) outcomes[itemIndex] = { error: new InputError('Order Reference', 'Not checked because another item is invalid'), becauseOfAnother: true };
			return outcomes;
		}
		const timeoutSeconds = Number(this.getNodeParameter('timeoutSeconds', 0, DEFAULT_POLL_TIMEOUT_S));
		const results = await waitForPayments(this, client, waiting.map(({ expected }) => expected), timeoutSeconds);
		waiting.forEach(({ itemIndex }, position) => (outcomes[itemIndex] = results[position]));
		return outcomes;
	},
};
