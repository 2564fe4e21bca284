import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import type { ItemOutcome } from '../../../shared/items';
import { addDays, calendarDay, readInstalments, type Instalment } from '../../../shared/schedule';
import { checkReference } from '../../helpers/validation';
import type { ClickPesaClient } from '../../transport';
import type { ClickPesaBatchOperation } from '../types';
import { clickPesaPlanStatus, clickPesaToday, PLAN_CURRENCY } from './planPayments';

/**
 * Payment Plan → Get Status: where each plan stands (per instalment: paid, partly paid, late,
 * upcoming; per plan: paid to date, outstanding, next due date and amount, days late). The plans
 * come in as items (the items Create returned, or rows kept anywhere); the payments are read once
 * for all of them: one plan by its order reference, several through the pages of the payment list
 * over the plans' dates. 1,000 plans cost the pages of the list, not 1,000 lookups.
 */

/** Without Plan Created On, payments are looked for from this many days before the first due date. */
const DAYS_BEFORE_FIRST_DUE = 366;

const properties: INodeProperties[] = [
	{
		displayName: 'Plan Reference',
		name: 'planReference',
		type: 'string',
		default: '={{ $json.mandateReference || $json.planReference }}',
		required: true,
		description: 'The reference the plan’s payments carry: its control number (BillPay plan) or the mandate reference CRDB assigned on approval (CRDB direct debit)',
	},
	{
		displayName: 'Instalments',
		name: 'instalments',
		type: 'json',
		default: '={{ $json.instalments }}',
		required: true,
		description: 'The plan’s schedule as Create returned it: a list of { dueDate, amount }',
	},
	{
		displayName: 'Plan Created On',
		name: 'createdOn',
		type: 'string',
		default: '={{ $json.createdOn }}',
		description: `When the plan was created (YYYY-MM-DD): payments are read from that day. Empty: from ${DAYS_BEFORE_FIRST_DUE} days before the first due date.`,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'As Of',
				name: 'asOf',
				type: 'dateTime',
				default: '',
				description: 'Judge the plans as they stood on this day (Dar es Salaam time): later payments are left out. Empty: today.',
			},
		],
	},
];

type Plan = { itemIndex: number; planReference: string; instalments: Instalment[]; since: string };

function readPlan(context: IExecuteFunctions, itemIndex: number): Plan {
	const planReference = checkReference(context.getNodeParameter('planReference', itemIndex, ''), 'Plan Reference');
	const instalments = readInstalments(context.getNodeParameter('instalments', itemIndex, undefined), 'Instalments', PLAN_CURRENCY);
	const createdOnValue = context.getNodeParameter('createdOn', itemIndex, '');
	const createdOn = createdOnValue ? calendarDay(createdOnValue) : undefined;
	if (createdOnValue && !createdOn) throw new InputError('Plan Created On', `Plan Created On "${String(createdOnValue)}" is not a date`);
	return { itemIndex, planReference, instalments, since: createdOn ?? addDays(instalments[0].dueDate, -DAYS_BEFORE_FIRST_DUE) };
}

/** The As Of day (Dar es Salaam), read once for the run. */
function readAsOf(context: IExecuteFunctions): string {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	if (!options.asOf) return clickPesaToday(new Date());
	const moment = new Date(String(options.asOf));
	if (Number.isNaN(moment.getTime())) throw new InputError('As Of', `As Of "${String(options.asOf)}" is not a date`);
	// A bare date means that day; a date-time is placed in Dar es Salaam's calendar.
	return /^\d{4}-\d{2}-\d{2}$/.test(String(options.asOf).trim()) ? String(options.asOf).trim() : clickPesaToday(moment);
}

/**
 * The payments under the plans' references, grouped by reference. One plan: its payments by order
 * reference. Several: the payment list's pages over the days the plans span (a day's margin on
 * each side, since ClickPesa's date filters are UTC days and plans are Dar es Salaam days).
 */
export async function readPlanPayments(client: ClickPesaClient, plans: Array<{ planReference: string; since: string }>, asOfDay: string): Promise<Map<string, IDataObject[]>> {
	const wanted = new Set(plans.map((plan) => plan.planReference));
	let payments: IDataObject[];
	if (wanted.size === 1) {
		payments = await client.getAllPages('/payments/all', { orderReference: plans[0].planReference, orderBy: 'ASC' });
	} else {
		const since = plans.reduce((earliest, plan) => (plan.since < earliest ? plan.since : earliest), plans[0].since);
		payments = await client.getAllPages('/payments/all', { startDate: addDays(since, -1), endDate: addDays(asOfDay, 1), orderBy: 'ASC' });
	}
	const byReference = new Map<string, IDataObject[]>();
	for (const payment of payments) {
		const reference = String(payment.orderReference ?? '');
		if (!wanted.has(reference)) continue;
		const list = byReference.get(reference);
		if (list) list.push(payment);
		else byReference.set(reference, [payment]);
	}
	return byReference;
}

export const getPlanStatus: ClickPesaBatchOperation = {
	description: updateDisplayOptions({ show: { resource: ['paymentPlan'], operation: ['getPlanStatus'] } }, properties),

	async executeBatch(client, { itemCount, stopAtFirstFailure }) {
		const outcomes: ItemOutcome[] = new Array(itemCount);
		const plans: Plan[] = [];
		for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
			try {
				plans.push(readPlan(this, itemIndex));
			} catch (error) {
				outcomes[itemIndex] = { error };
			}
		}
		const failAll = (error: unknown, becauseOfAnother = false) => {
			for (const { itemIndex } of plans) outcomes[itemIndex] = becauseOfAnother ? { error, becauseOfAnother } : { error };
			return outcomes;
		};
		if (stopAtFirstFailure && plans.length < itemCount) {
			return failAll(new InputError('Plan Reference', 'Not checked because another item is invalid'), true);
		}
		if (plans.length === 0) return outcomes;
		let asOfDay: string;
		let byReference: Map<string, IDataObject[]>;
		try {
			asOfDay = readAsOf(this);
			byReference = await readPlanPayments(client, plans, asOfDay);
		} catch (error) {
			return failAll(error);
		}
		for (const plan of plans) {
			outcomes[plan.itemIndex] = { json: clickPesaPlanStatus(plan.planReference, plan.instalments, byReference.get(plan.planReference) ?? [], asOfDay) };
		}
		return outcomes;
	},
};
