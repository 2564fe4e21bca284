import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import { toMinorUnits } from '../../../shared/money';
import type { ItemOutcome } from '../../../shared/items';
import { readItemParameter } from '../../../shared/parameters';
import { readInstalments } from '../../../shared/schedule';
import { checkAmount, checkReference, toQueryDate } from '../../helpers/validation';
import type { ClickPesaClient } from '../../transport';
import type { ClickPesaBatchOperation } from '../types';
import { feesFromStatement, reconcile, type Fees, type Invoice } from './reconcile';

/** The outputs of Reconcile: one item per invoice, then the payments nobody billed. */
export const INVOICES_OUTPUT = 0;
export const UNMATCHED_OUTPUT = 1;

/**
 * Pages of the payment list read at once: once the first page has said how many payments the range
 * holds, the rest need not wait for each other (10,000 payments are 200 pages).
 */
const PAGES_IN_FLIGHT = 5;

/** Without dates, the payments of the last 7 days up to today (UTC days, as ClickPesa's filters). */
export const DEFAULT_RECONCILE_DAYS = 7;

const CURRENCIES = ['TZS', 'USD'];

const properties: INodeProperties[] = [
	{
		displayName:
			'Each input item is one invoice. The payments in the date range are read once (paged), matched by order reference (a BillPay control number is the reference of the payments into it; several payments into a customer control number are added up), and compared in cents. Output 1: one item per invoice. Output 2: payments in the range that match no invoice.',
		name: 'reconcileNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Order Reference',
		name: 'orderReference',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.orderReference }}',
		description: 'The reference the invoice is paid under: the order reference of a USSD push or checkout link, or the BillPay control number',
	},
	{
		displayName: 'Expected Amount',
		name: 'expectedAmount',
		type: 'number',
		typeOptions: { minValue: 0.01, numberPrecision: 2 },
		default: 0,
		required: true,
		description: 'What the invoice asks for, in its currency (an expression, e.g. the amount field of the input item)',
	},
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'options',
		options: [
			{ name: 'TZS', value: 'TZS' },
			{ name: 'USD', value: 'USD' },
		],
		default: 'TZS',
		description: 'Only payments in this currency count towards the invoice',
	},
	{
		displayName: 'Plan Instalments',
		name: 'planInstalments',
		type: 'json',
		default: '',
		description:
			'Only when the invoice is a payment plan: its instalments as Payment Plan → Create returned them (map the instalments field of the plan item). The invoice then also says whether the plan is on track, late or paid, as of the End Date.',
	},
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		description: `First day of payments to look at (the date part is used). Empty: ${DEFAULT_RECONCILE_DAYS} days before End Date.`,
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		default: '',
		description: 'Last day of payments to look at (the date part is used). Empty: today (UTC).',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Fees',
				name: 'includeFees',
				type: 'boolean',
				default: false,
				description:
					'Whether to read the account statement (one call per currency) and add the fee ClickPesa charged and the net amount to each invoice and payment',
			},
			{
				displayName: 'Simplify',
				name: 'simple',
				type: 'boolean',
				default: true,
				description: 'Whether to return a simplified version of the response instead of the raw data',
			},
			{
				displayName: 'Unmatched Payments',
				name: 'unmatched',
				type: 'options',
				options: [
					{ name: 'Paid Only', value: 'paid', description: 'Payments that brought money (SUCCESS, SETTLED)' },
					{ name: 'All', value: 'all', description: 'Also pending, failed, refunded and reversed ones' },
				],
				default: 'paid',
				description: 'Which payments that match no invoice leave on the second output',
			},
		],
	},
];

type Waiting = { itemIndex: number; invoice: Invoice };

export const reconcilePayments: ClickPesaBatchOperation = {
	description: updateDisplayOptions({ show: { resource: ['payment'], operation: ['reconcile'] } }, properties),
	outputCount: 2,
	errorOutput: INVOICES_OUTPUT,
	requestsInFlight: PAGES_IN_FLIGHT,

	async executeBatch(client, { itemCount, stopAtFirstFailure }) {
		const outcomes: ItemOutcome[] = new Array(itemCount);
		const waiting: Waiting[] = [];
		const firstItemOf = new Map<string, number>();
		for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
			try {
				const invoice = readInvoice(this, itemIndex);
				const first = firstItemOf.get(invoice.orderReference);
				if (first !== undefined) {
					throw new InputError(
						'Order Reference',
						`Order Reference "${invoice.orderReference}" is also on item ${first}`,
						'Give each invoice once: the payments under one reference can only be counted towards one invoice',
					);
				}
				firstItemOf.set(invoice.orderReference, itemIndex);
				waiting.push({ itemIndex, invoice });
			} catch (error) {
				outcomes[itemIndex] = { error };
			}
		}
		const failAll = (error: unknown, becauseOfAnother: boolean) => {
			for (const { itemIndex } of waiting) outcomes[itemIndex] = becauseOfAnother ? { error, becauseOfAnother } : { error };
			return outcomes;
		};
		if (stopAtFirstFailure && waiting.length < itemCount) {
			return failAll(new InputError('Order Reference', 'Not reconciled because another item is invalid'), true);
		}
		if (waiting.length === 0) return outcomes;

		let range: { startDate: string; endDate: string };
		try {
			range = readRange(this, new Date());
		} catch (error) {
			return failAll(error, false);
		}
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;

		let payments: IDataObject[];
		let fees: Fees | undefined;
		try {
			// Oldest first: payments arriving while the pages are read land on the last page, not shift earlier ones.
			payments = await client.getAllPages('/payments/all', { ...range, orderBy: 'ASC' }, Number.POSITIVE_INFINITY, { pagesInFlight: client.itemsInFlight });
			if (options.includeFees === true) fees = await readFees(client, range, waiting, payments);
		} catch (error) {
			return failAll(error, false);
		}

		const result = reconcile(
			waiting.map(({ invoice }) => invoice),
			payments,
			{ simplify: options.simple !== false, unmatched: options.unmatched === 'all' ? 'all' : 'paid', fees, asOfDay: range.endDate },
		);
		waiting.forEach(({ itemIndex }, position) => (outcomes[itemIndex] = { json: result.invoices[position], output: INVOICES_OUTPUT }));
		return { outcomes, unpaired: result.unmatched.map((json) => ({ json, output: UNMATCHED_OUTPUT })) };
	},
};

function readInvoice(context: IExecuteFunctions, itemIndex: number): Invoice {
	const orderReference = checkReference(readItemParameter(context, 'orderReference', itemIndex), 'Order Reference');
	const expected = checkAmount(readItemParameter(context, 'expectedAmount', itemIndex), 'Expected Amount');
	const currencyText = String(readItemParameter(context, 'currency', itemIndex, 'TZS') ?? '').trim().toUpperCase();
	if (!CURRENCIES.includes(currencyText)) {
		throw new InputError('Currency', `Currency "${currencyText}" is not one ClickPesa collects in`, `Use ${CURRENCIES.join(' or ')}`);
	}
	const invoice: Invoice = { orderReference, expectedMinor: toMinorUnits(expected, currencyText) as number, currency: currencyText };
	const planValue = context.getNodeParameter('planInstalments', itemIndex, '');
	if (planValue !== '' && planValue !== undefined && planValue !== null) invoice.instalments = readInstalments(planValue, 'Plan Instalments', currencyText);
	return invoice;
}

/** YYYY-MM-DD (toQueryDate may keep DD-MM-YYYY as given). */
const isoDay = (day: string) => (/^\d{2}-\d{2}-\d{4}$/.test(day) ? `${day.slice(6)}-${day.slice(3, 5)}-${day.slice(0, 2)}` : day);

/** The date range, read once for the run: empty fields fall back to the last 7 days up to today. */
export function readRange(context: IExecuteFunctions, now: Date): { startDate: string; endDate: string } {
	const endValue = context.getNodeParameter('endDate', 0, '');
	const endDate = endValue ? isoDay(toQueryDate(endValue, 'End Date')) : now.toISOString().slice(0, 10);
	const startValue = context.getNodeParameter('startDate', 0, '');
	const startDate = startValue
		? isoDay(toQueryDate(startValue, 'Start Date'))
		: new Date(Date.parse(`${endDate}T00:00:00Z`) - DEFAULT_RECONCILE_DAYS * 86_400_000).toISOString().slice(0, 10);
	if (startDate > endDate) {
		throw new InputError('Start Date', `Start Date ${startDate} is after End Date ${endDate}`, 'Give a range that starts on or before its end');
	}
	return { startDate, endDate };
}

/** The statement of every currency involved (one call each), reduced to the fees of payments. */
async function readFees(client: ClickPesaClient, range: { startDate: string; endDate: string }, waiting: Waiting[], payments: IDataObject[]): Promise<Fees> {
	const currencies = new Set(waiting.map(({ invoice }) => invoice.currency));
	for (const payment of payments) {
		const currency = typeof payment.collectedCurrency === 'string' ? payment.collectedCurrency.toUpperCase() : '';
		if (CURRENCIES.includes(currency)) currencies.add(currency);
	}
	const transactions: IDataObject[] = [];
	for (const currency of [...currencies].sort()) {
		const statement = (await client.get('/account/statement', { currency, ...range })) as IDataObject | undefined;
		if (Array.isArray(statement?.transactions)) transactions.push(...(statement.transactions as IDataObject[]));
	}
	return feesFromStatement(transactions);
}
