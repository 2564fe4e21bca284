import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import { toQueryDate } from '../../helpers/validation';
import { amountOf, simplifyField } from '../simplify';
import type { ClickPesaOperation } from '../types';
import { CURRENCY_OPTIONS } from '../listFields';

const properties: INodeProperties[] = [
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'options',
		options: CURRENCY_OPTIONS,
		default: 'TZS',
		required: true,
		description: 'The balance account whose statement to read',
	},
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		description: 'First day to include (the date part is used); empty = from the beginning',
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		default: '',
		description: 'Last day to include (the date part is used); empty = up to today',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'One Item per Transaction', value: 'transactions' },
			{ name: 'Summary', value: 'summary', description: 'One item: opening and closing balance, total credits and debits' },
		],
		default: 'transactions',
	},
	simplifyField,
];

/** What people read of a statement line (§4.15): when, which order, what kind, how much, the balance after. */
function simplifyTransaction(transaction: IDataObject): IDataObject {
	return {
		date: transaction.date ?? null,
		orderReference: transaction.orderReference ?? null,
		type: transaction.type ?? null,
		entry: transaction.entry ?? null,
		amount: amountOf(transaction.amount),
		currency: transaction.currency ?? null,
		balance: amountOf(transaction.balance),
		description: transaction.description ?? null,
	};
}

export const getStatement: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['account'], operation: ['getStatement'] } }, properties),

	async execute(client, itemIndex) {
		const currency = this.getNodeParameter('currency', itemIndex, 'TZS') as string;
		if (currency !== 'TZS' && currency !== 'USD') {
			throw new InputError('Currency', `Currency "${String(currency)}" is not TZS or USD`, 'ClickPesa keeps balances in TZS and USD only');
		}
		const query: IDataObject = { currency };
		const start = this.getNodeParameter('startDate', itemIndex, '');
		const end = this.getNodeParameter('endDate', itemIndex, '');
		if (start) query.startDate = toQueryDate(start, 'Start Date');
		if (end) query.endDate = toQueryDate(end, 'End Date');
		if (typeof query.startDate === 'string' && typeof query.endDate === 'string' && isoDay(query.startDate) > isoDay(query.endDate)) {
			throw new InputError('End Date', `End Date ${query.endDate} is before Start Date ${query.startDate}`);
		}
		const simple = this.getNodeParameter('simple', itemIndex, true) === true;
		const answer = ((await client.get('/account/statement', query)) ?? {}) as IDataObject;
		const details = (answer.accountDetails && typeof answer.accountDetails === 'object' ? answer.accountDetails : {}) as IDataObject;
		const transactions = (Array.isArray(answer.transactions) ? answer.transactions : []) as IDataObject[];

		if (this.getNodeParameter('output', itemIndex, 'transactions') === 'summary') {
			if (!simple) return answer;
			return {
				currency: details.currency ?? currency,
				startDate: query.startDate ?? null,
				endDate: query.endDate ?? null,
				openingBalance: amountOf(details.openingBalance),
				closingBalance: amountOf(details.closingBalance),
				totalCredits: amountOf(details.totalCredits),
				totalDebits: amountOf(details.totalDebits),
				transactionCount: transactions.length,
			};
		}
		return simple ? transactions.map(simplifyTransaction) : transactions;
	},
};

/** YYYY-MM-DD from either accepted form, for comparing (DD-MM-YYYY is passed through as typed, §3.5). */
function isoDay(date: string): string {
	const match = /^(\d{2})-(\d{2})-(\d{4})$/.exec(date);
	return match ? `${match[3]}-${match[2]}-${match[1]}` : date;
}
