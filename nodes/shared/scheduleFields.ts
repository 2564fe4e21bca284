import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from './errors';
import { fitsMinorUnits, toMinorUnits } from './money';
import { calendarDay, FREQUENCIES, SCHEDULE_FIELDS, type Frequency, type ScheduleInput } from './schedule';

/**
 * The fields of a payment plan's schedule (total, instalment amount, first due date, frequency,
 * count or end date), the same on ClickPesa's plans and Clik2pay's scheduled requests, and the
 * reader that turns them into a ScheduleInput for schedule.ts. Display names are SCHEDULE_FIELDS,
 * the names the schedule's errors use.
 */

const F = SCHEDULE_FIELDS;

export function scheduleFields(currency: string, instalmentLimits: string): INodeProperties[] {
	return [
		{
			displayName: F.total,
			name: 'totalAmount',
			type: 'number',
			typeOptions: { minValue: 0.01, numberPrecision: 2 },
			default: 0,
			required: true,
			description: `What the whole plan collects, in ${currency}`,
		},
		{
			displayName: F.instalment,
			name: 'instalmentAmount',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 0,
			description: `What each instalment asks for, in ${currency} (${instalmentLimits}); instalments × this must equal the total. 0: the total is split evenly.`,
		},
		{
			displayName: F.firstDueDate,
			name: 'firstDueDate',
			type: 'dateTime',
			default: '',
			required: true,
			description: 'When the first instalment is due: today or later (the date part is used)',
		},
		{
			displayName: F.frequency,
			name: 'frequency',
			type: 'options',
			options: [
				{ name: 'Daily', value: 'DAILY' },
				{ name: 'Weekly', value: 'WEEKLY' },
				{ name: 'Monthly', value: 'MONTHLY', description: 'On the same day of the month (or the month’s last day)' },
				{ name: 'Yearly', value: 'YEARLY' },
			],
			default: 'MONTHLY',
		},
		{
			displayName: F.interval,
			name: 'every',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 1,
			description: 'Every how many days, weeks, months or years (e.g. Monthly every 4 for school terms)',
		},
		{
			displayName: 'Ends',
			name: 'ends',
			type: 'options',
			options: [
				{ name: 'After a Number of Instalments', value: 'count' },
				{ name: 'On an End Date', value: 'endDate', description: 'Every due date up to and including the end date' },
			],
			default: 'count',
		},
		{
			displayName: F.count,
			name: 'instalmentCount',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 3,
			displayOptions: { show: { ends: ['count'] } },
		},
		{
			displayName: F.endDate,
			name: 'endDate',
			type: 'dateTime',
			default: '',
			displayOptions: { show: { ends: ['endDate'] } },
		},
	];
}

function day(value: unknown, field: string, required: boolean): string | undefined {
	if (value === undefined || value === null || value === '') {
		if (required) throw new InputError(field, `${field} is empty`);
		return undefined;
	}
	const parsed = calendarDay(value);
	if (!parsed) throw new InputError(field, `${field} "${String(value)}" is not a date`, 'Use YYYY-MM-DD, DD-MM-YYYY or an ISO date-time');
	return parsed;
}

function amount(value: unknown, field: string, currency: string, required: boolean): number | undefined {
	if (value === undefined || value === null || value === '' || value === 0) {
		if (required) throw new InputError(field, `${field} must be greater than 0`);
		return undefined;
	}
	const number = typeof value === 'string' ? Number(value.trim()) : value;
	if (typeof number !== 'number' || !Number.isFinite(number) || number <= 0) {
		throw new InputError(field, `${field} "${String(value)}" is not an amount above 0`);
	}
	if (!fitsMinorUnits(number, currency)) throw new InputError(field, `${field} ${number} has more than 2 decimals`);
	return toMinorUnits(number, currency);
}

/** One item's schedule fields, checked (an InputError names the field); limits are the provider's, in minor units. */
export function readScheduleInput(
	context: IExecuteFunctions,
	itemIndex: number,
	currency: string,
	limits: { minimumMinor: number; maximumMinor?: number },
): ScheduleInput {
	const frequency = String(context.getNodeParameter('frequency', itemIndex, 'MONTHLY') ?? '').toUpperCase() as Frequency;
	if (!FREQUENCIES.includes(frequency)) throw new InputError(F.frequency, `${F.frequency} "${frequency}" is not one of ${FREQUENCIES.join(', ')}`);
	const ends = context.getNodeParameter('ends', itemIndex, 'count') as string;
	const countValue = ends === 'count' ? context.getNodeParameter('instalmentCount', itemIndex, undefined) : undefined;
	const count = countValue === undefined || countValue === null || countValue === '' ? undefined : Number(countValue);
	return {
		totalMinor: amount(context.getNodeParameter('totalAmount', itemIndex, 0), F.total, currency, true) as number,
		instalmentMinor: amount(context.getNodeParameter('instalmentAmount', itemIndex, 0), F.instalment, currency, false),
		firstDueDate: day(context.getNodeParameter('firstDueDate', itemIndex, ''), F.firstDueDate, true) as string,
		frequency,
		interval: Number(context.getNodeParameter('every', itemIndex, 1)),
		count: ends === 'count' ? (count === undefined || Number.isNaN(count) ? 0 : count) : undefined,
		endDate: ends === 'endDate' ? day(context.getNodeParameter('endDate', itemIndex, ''), F.endDate, false) : undefined,
		currency,
		...limits,
	};
}

/** The plan fields every plan item carries, so Get Status can read the plan back without any store. */
export function planSummary(input: ScheduleInput): IDataObject {
	return { frequency: input.frequency, every: input.interval, firstDueDate: input.firstDueDate };
}
