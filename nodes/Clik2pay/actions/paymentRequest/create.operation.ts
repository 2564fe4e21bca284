import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from 'n8n-workflow';
import { InputError } from '../../../shared/errors';
import {
	checkAmount,
	checkEmail,
	checkText,
	isBlank,
	normalizeNorthAmericanPhone,
	toIsoDate,
} from '../../helpers/validation';
import { sendOnce } from '../../transport/moneyPost';
import { readReferenceFields, referenceFieldOptions, sortedOptions } from '../referenceFields';
import type { Clik2payOperation } from '../types';
import { withPaymentRequestState } from '../paymentState';

export const PAYMENT_REQUEST_LIMITS = { minAmount: 0.01, maxAmount: 10_000 };

/** The payer and how Clik2pay delivers the request: shared by Create and Create Schedule. */
export const payerFields: INodeProperties[] = [
	{
		displayName: 'Payer Name',
		name: 'payerName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Jane Doe',
	},
	{
		displayName: 'Payer Email',
		name: 'payerEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Give an email, a mobile number or both',
	},
	{
		displayName: 'Payer Mobile Number',
		name: 'payerMobileNumber',
		type: 'string',
		default: '',
		placeholder: '416 555 1234',
		description: 'A North American mobile number in any usual format (sent as 4165551234)',
	},
	{
		displayName: 'Delivery Mode',
		name: 'deliveryMode',
		type: 'options',
		options: [
			{ name: 'Email', value: 'EMAIL', description: 'Clik2pay emails the link to the payer (needs the payer email)' },
			{ name: 'None', value: 'NONE', description: 'You deliver the payment link yourself' },
			{ name: 'SMS', value: 'SMS', description: 'Clik2pay texts the link to the payer (needs the payer mobile number)' },
		],
		default: 'NONE',
	},
];

const properties: INodeProperties[] = [
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [
			{ name: 'EBILL', value: 'EBILL', description: 'A link you send by email, SMS, QR code or embed' },
			{ name: 'ECOMM', value: 'ECOMM', description: 'Web checkout started from your site' },
			{ name: 'FLEX', value: 'FLEX', description: 'The payer chooses an amount within a range' },
		],
		default: 'ECOMM',
	},
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10_000, numberPrecision: 2 },
		default: 0,
		required: true,
		description: 'Amount to collect in CAD, from 0.01 to 10,000',
		displayOptions: { hide: { type: ['FLEX'] } },
	},
	{
		displayName: 'Amount Range',
		name: 'flexDetails',
		type: 'collection',
		placeholder: 'Add Limit',
		default: {},
		description: 'For FLEX: set a minimum and/or a maximum (CAD); no fixed amount is sent',
		displayOptions: { show: { type: ['FLEX'] } },
		options: [
			{ displayName: 'Maximum Amount', name: 'maximum', type: 'number', typeOptions: { numberPrecision: 2 }, default: 0 },
			{ displayName: 'Minimum Amount', name: 'minimum', type: 'number', typeOptions: { numberPrecision: 2 }, default: 0 },
			{
				displayName: 'Requested Amount',
				name: 'requested',
				type: 'number',
				typeOptions: { numberPrecision: 2 },
				default: 0,
				description: 'The total you are asking for, within the range',
			},
		],
	},
	...payerFields,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: sortedOptions([
			...referenceFieldOptions('payer', 'creating the same request'),
			{
				displayName: 'Delivery Date',
				name: 'deliveryDate',
				type: 'dateTime',
				default: '',
				description: 'Send the request later: a future date schedules it (status SCHEDULED)',
			},
			{
				displayName: 'Due Date',
				name: 'dueDate',
				type: 'dateTime',
				default: '',
				description: 'Informational only: Clik2pay does not act on it (sent as YYYY-MM-DD)',
			},
			{
				displayName: 'Payer Account ID',
				name: 'merchantAccountId',
				type: 'string',
				default: '',
				description: 'The payer’s customer account ID in your system',
			},
			{
				displayName: 'Payer Preferred Language',
				name: 'preferredLanguage',
				type: 'options',
				options: [
					{ name: 'English', value: 'en' },
					{ name: 'French', value: 'fr' },
				],
				default: 'en',
			},
		]),
	},
];

export const createPaymentRequest: Clik2payOperation = {
	description: updateDisplayOptions({ show: { resource: ['paymentRequest'], operation: ['create'] } }, properties),

	async execute(client, itemIndex) {
		const body = readPaymentRequestBody(this, itemIndex);
		const answer = await sendOnce(this, client, { kind: 'paymentRequest', path: '/payment-requests', body, itemIndex });
		return withPaymentRequestState(answer);
	},
};

/** Reads and checks one item; only the fields the user set are sent. */
export function readPaymentRequestBody(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const param = (name: string, fallback: unknown = '') => context.getNodeParameter(name, itemIndex, fallback);
	const type = String(param('type', 'ECOMM'));
	const body: IDataObject = { type };
	if (type === 'FLEX') {
		body.amount = null;
		body.flexDetails = readFlexDetails(param('flexDetails', {}) as IDataObject);
	} else {
		body.amount = checkAmount(param('amount'), 'Amount', PAYMENT_REQUEST_LIMITS.minAmount, PAYMENT_REQUEST_LIMITS.maxAmount);
	}

	const extra = param('additionalFields', {}) as IDataObject;
	const payer = readPayer(param('payerName'), param('payerEmail'), param('payerMobileNumber'), extra);
	const deliveryMode = checkDeliveryMode(String(param('deliveryMode', 'NONE')), payer);
	body.payer = payer;
	body.deliveryMode = deliveryMode;

	Object.assign(body, readReferenceFields(extra));
	if (!isBlank(extra.deliveryDate)) body.deliveryDate = toIsoDate(extra.deliveryDate, 'Delivery Date');
	if (!isBlank(extra.dueDate)) body.dueDate = toIsoDate(extra.dueDate, 'Due Date');
	return body;
}

/** SMS needs the payer's mobile number, Email the payer's email. */
export function checkDeliveryMode(deliveryMode: string, payer: IDataObject): string {
	if (deliveryMode === 'SMS' && !payer.mobileNumber) {
		throw new InputError('Payer Mobile Number', 'Payer Mobile Number is required when Delivery Mode is SMS');
	}
	if (deliveryMode === 'EMAIL' && !payer.email) {
		throw new InputError('Payer Email', 'Payer Email is required when Delivery Mode is Email');
	}
	return deliveryMode;
}

export function readPayer(name: unknown, email: unknown, mobile: unknown, extra: IDataObject): IDataObject {
	if (isBlank(name)) throw new InputError('Payer Name', 'Payer Name is required');
	const payer: IDataObject = { name: checkText(name, 'Payer Name', 1, 100) };
	if (!isBlank(email)) payer.email = checkEmail(email, 'Payer Email');
	if (!isBlank(mobile)) payer.mobileNumber = normalizeNorthAmericanPhone(mobile, 'Payer Mobile Number');
	if (!payer.email && !payer.mobileNumber) {
		throw new InputError('Payer Email', 'Give the Payer Email, the Payer Mobile Number or both');
	}
	if (!isBlank(extra.preferredLanguage)) {
		const language = String(extra.preferredLanguage);
		if (language !== 'en' && language !== 'fr') {
			throw new InputError('Payer Preferred Language', `Payer Preferred Language "${language}" must be "en" or "fr"`);
		}
		payer.preferredLanguage = language;
	}
	if (!isBlank(extra.merchantAccountId)) payer.merchantAccountId = checkText(extra.merchantAccountId, 'Payer Account ID', 1, 100);
	return payer;
}

function readFlexDetails(range: IDataObject): IDataObject {
	const { minAmount, maxAmount } = PAYMENT_REQUEST_LIMITS;
	const details: IDataObject = {};
	const read = (key: 'minimum' | 'maximum' | 'requested', field: string) => {
		if (!isBlank(range[key])) details[key] = checkAmount(range[key], field, minAmount, maxAmount);
	};
	read('minimum', 'Minimum Amount');
	read('maximum', 'Maximum Amount');
	read('requested', 'Requested Amount');
	if (details.minimum === undefined && details.maximum === undefined) {
		throw new InputError('Amount Range', 'A FLEX payment request needs a Minimum Amount and/or a Maximum Amount in Amount Range');
	}
	const minimum = (details.minimum as number | undefined) ?? minAmount;
	const maximum = (details.maximum as number | undefined) ?? maxAmount;
	if (minimum > maximum) {
		throw new InputError('Amount Range', `Minimum Amount ${minimum} is greater than Maximum Amount ${maximum}`);
	}
	const requested = details.requested as number | undefined;
	if (requested !== undefined && (requested < minimum || requested > maximum)) {
		throw new InputError('Requested Amount', `Requested Amount ${requested} must lie between ${minimum} and ${maximum}`);
	}
	return details;
}
