import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	checkAmount,
	checkBic,
	checkLipaNambaRecipient,
	checkReference,
	checkRequiredText,
	checkSeconds,
	normalizeTanzanianPhone,
} from '../../helpers/validation';
import { CURRENCY_OPTIONS } from '../listFields';

/**
 * The fields of the payout operations and how one item's values are read and checked. Nothing is
 * sent before these checks pass. Payout amounts are JSON numbers (docs/clickpesa-api.md §3.3).
 */

export type PayoutBody = IDataObject & { amount: number; currency: string; orderReference: string };

/** Amount, source balance and order reference: the start of every payout preview and create. */
export const payoutBaseFields: INodeProperties[] = [
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		required: true,
		description:
			'What the recipient should receive, in TZS. The fee is added or deducted depending on the fee bearer set for your ClickPesa account.',
	},
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'options',
		options: CURRENCY_OPTIONS,
		default: 'TZS',
		description: 'The balance the payout is paid from. The recipient always receives TZS; from USD, ClickPesa converts.',
	},
	{
		displayName: 'Order Reference',
		name: 'orderReference',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'PAYOUT10023',
		description:
			'Your unique reference for this payout: letters and digits only. ClickPesa refuses a reference that was used before, which protects against paying twice.',
	},
];

export const phoneNumberField: INodeProperties = {
	displayName: 'Phone Number',
	name: 'phoneNumber',
	type: 'string',
	default: '',
	required: true,
	placeholder: '0712 345 678',
	description: 'The recipient’s mobile-money number, in any usual format (sent as 255…)',
};

export const bankField: INodeProperties = {
	displayName: 'Bank',
	name: 'bank',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The recipient’s bank, from the banks ClickPesa pays to',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchBanks', searchable: true },
		},
		{
			displayName: 'BIC',
			name: 'id',
			type: 'string',
			placeholder: 'CORUTZTZ',
		},
	],
};

export const accountNumberField: INodeProperties = {
	displayName: 'Account Number',
	name: 'accountNumber',
	type: 'string',
	default: '',
	required: true,
	placeholder: '0150123456789',
	description: 'The recipient’s bank account number',
};

/** Transfer type and account currency: shared by Preview and Create Bank Payout. */
export const bankTransferFields: INodeProperties[] = [
	{
		displayName: 'Transfer Type',
		name: 'transferType',
		type: 'options',
		options: [
			{ name: 'ACH', value: 'ACH', description: 'Batch clearing, 1-3 working days' },
			{ name: 'RTGS', value: 'RTGS', description: 'Real-time gross settlement' },
		],
		default: 'ACH',
		description:
			'Sent as chosen, but ClickPesa decides the settlement itself (TZS up to 20,000,000 by ACH, above that and from USD by RTGS): the output’s transferType is the one applied',
	},
	{
		displayName: 'Account Currency',
		name: 'accountCurrency',
		type: 'options',
		options: [{ name: 'TZS', value: 'TZS' }],
		default: 'TZS',
		description: 'The currency of the recipient’s account: ClickPesa pays bank accounts in TZS only',
	},
];

/** The two ways to name a Lipa Namba recipient; exactly one is given. */
export const lipaNambaFields: INodeProperties[] = [
	{
		displayName: 'Lipa Namba',
		name: 'lipaNamba',
		type: 'string',
		default: '',
		placeholder: '5012345',
		description: 'The merchant’s Lipa Namba, with its Provider. Leave empty when paying to a TanQR Code.',
	},
	{
		displayName: 'Provider',
		name: 'provider',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'The network or bank the Lipa Namba belongs to',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchLipaNambaProviders', searchable: true },
			},
			{
				displayName: 'Provider Code',
				name: 'id',
				type: 'string',
				placeholder: '503',
			},
		],
	},
	{
		displayName: 'TanQR Code',
		name: 'qrCode',
		type: 'string',
		default: '',
		placeholder: '000201010211…tz.go.bot.tips…',
		description: 'The whole text of the merchant’s TanQR code, instead of Lipa Namba and Provider',
	},
];

/** Shown on every payout create: money leaves the account, and creates are spaced. */
export const createNotice: INodeProperties = {
	displayName:
		'Money leaves your ClickPesa balance. ClickPesa accepts one payout create per minute, so the node sends payouts one at a time and waits between them: N payouts take about N minutes.',
	name: 'payoutNotice',
	type: 'notice',
	default: '',
};

/** The spacing between payout creates, changeable for tests against a simulator with a shorter cooldown. */
export const createOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Payout Spacing (Seconds)',
			name: 'payoutSpacingSeconds',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 1 },
			default: 60,
			description:
				'How long the node waits between two payout creates for the same ClickPesa account. ClickPesa refuses a create within 60 seconds of the previous one; keep 60 unless your account allows otherwise.',
		},
	],
};

/** ClickPesa's cooldown between payout creates (docs/clickpesa-api.md §8.4). */
export const DEFAULT_PAYOUT_SPACING_SECONDS = 60;

export function readPayoutSpacingMs(context: IExecuteFunctions, itemIndex: number): number {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return checkSeconds(options.payoutSpacingSeconds ?? DEFAULT_PAYOUT_SPACING_SECONDS, 'Payout Spacing (Seconds)');
}

export function readPayoutBase(context: IExecuteFunctions, itemIndex: number): PayoutBody {
	return {
		amount: checkAmount(context.getNodeParameter('amount', itemIndex), 'Amount'),
		currency: context.getNodeParameter('currency', itemIndex, 'TZS') as string,
		orderReference: checkReference(context.getNodeParameter('orderReference', itemIndex), 'Order Reference'),
	};
}

export function readMobileMoneyBody(context: IExecuteFunctions, itemIndex: number): PayoutBody {
	const body = readPayoutBase(context, itemIndex);
	body.phoneNumber = normalizeTanzanianPhone(context.getNodeParameter('phoneNumber', itemIndex, ''), 'Phone Number');
	return body;
}

/** The bank and account number, as sent to verify-bank-account and the bank payouts. */
export function readBankAccount(context: IExecuteFunctions, itemIndex: number): { accountNumber: string; bic: string } {
	return {
		bic: checkBic(context.getNodeParameter('bank', itemIndex, '', { extractValue: true }), 'Bank'),
		accountNumber: checkRequiredText(context.getNodeParameter('accountNumber', itemIndex, ''), 'Account Number'),
	};
}

export function readBankBody(context: IExecuteFunctions, itemIndex: number): PayoutBody {
	const body = readPayoutBase(context, itemIndex);
	Object.assign(body, readBankAccount(context, itemIndex));
	body.transferType = context.getNodeParameter('transferType', itemIndex, 'ACH') as string;
	body.accountCurrency = context.getNodeParameter('accountCurrency', itemIndex, 'TZS') as string;
	return body;
}

export function readLipaNambaBody(context: IExecuteFunctions, itemIndex: number): PayoutBody {
	const body = readPayoutBase(context, itemIndex);
	const recipient = checkLipaNambaRecipient({
		lipaNamba: context.getNodeParameter('lipaNamba', itemIndex, ''),
		providerCode: context.getNodeParameter('provider', itemIndex, '', { extractValue: true }),
		qrCode: context.getNodeParameter('qrCode', itemIndex, ''),
	});
	return Object.assign(body, recipient);
}
