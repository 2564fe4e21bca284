import type { IDataObject } from 'n8n-workflow';

import { InputError } from './errors';
import { fromMinorUnits, toMinorUnits } from './money';

/**
 * Payment plans, provider-neutral and pure (no I/O, no clock of its own): the instalment schedule
 * of a plan (due dates and amounts, checked before anything is sent) and where a plan stands given
 * the payments made into it (which instalments are paid, partly paid, late or upcoming). Both
 * providers use it: ClickPesa's BillPay plans and CRDB mandates, Clik2pay's scheduled requests.
 * Amounts are whole minor units (cents) throughout; dates are calendar days (YYYY-MM-DD) in the
 * provider's time zone, and "today" is always passed in, so tests and Get Status's As Of option
 * can judge a plan at any moment.
 */

export const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** A schedule longer than this is almost certainly a typo (a daily plan for years). */
export const MAX_INSTALMENTS = 1000;

/** The field names the schedule's errors use: each operation shows its fields under these names. */
export const SCHEDULE_FIELDS = {
	total: 'Total Amount',
	instalment: 'Instalment Amount',
	firstDueDate: 'First Due Date',
	frequency: 'Frequency',
	interval: 'Every',
	count: 'Number of Instalments',
	endDate: 'End Date',
} as const;

export type ScheduleInput = {
	totalMinor: number;
	/** Per instalment; undefined splits the total evenly (the odd cents go to the first instalments). */
	instalmentMinor?: number;
	firstDueDate: string;
	frequency: Frequency;
	/** Every `interval` days/weeks/months/years. */
	interval: number;
	/** Exactly one of count and endDate. */
	count?: number;
	endDate?: string;
	/** The provider's smallest and largest amount per instalment, in minor units. */
	minimumMinor: number;
	maximumMinor?: number;
	currency: string;
};

export type Instalment = { number: number; dueDate: string; amountMinor: number };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** YYYY-MM-DD of a real calendar day, or undefined. */
export function calendarDay(value: unknown): string | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
	const text = typeof value === 'string' ? value.trim() : '';
	const dayFirst = /^(\d{2})-(\d{2})-(\d{4})$/.exec(text);
	const candidate = dayFirst ? `${dayFirst[3]}-${dayFirst[2]}-${dayFirst[1]}` : text.slice(0, 10);
	const match = DAY.exec(candidate);
	if (!match || (text.length > 10 && !dayFirst && !/^[T ]/.test(text.slice(10)))) return undefined;
	const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
	return date.toISOString().slice(0, 10) === candidate ? candidate : undefined;
}

/** The calendar day of `moment` in an IANA time zone (Africa/Dar_es_Salaam, America/Toronto). */
export function dayIn(timeZone: string, moment: Date): string {
	// en-CA formats as YYYY-MM-DD.
	return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(moment);
}

const toUtc = (day: string) => Date.parse(`${day}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
	return Math.round((toUtc(to) - toUtc(from)) / 86_400_000);
}

export function addDays(day: string, days: number): string {
	return fromUtc(toUtc(day) + days * 86_400_000);
}

/** `months` after `day`, on the same day of the month or the month's last day (31 Jan + 1 → 28/29 Feb). */
function addMonths(day: string, months: number): string {
	const [year, month, date] = day.split('-').map(Number);
	const target = new Date(Date.UTC(year, month - 1 + months, 1));
	const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
	target.setUTCDate(Math.min(date, lastDay));
	return fromUtc(target.getTime());
}

/** The due date of the instalment `index` (0-based); always counted from the first, so month ends do not drift. */
export function dueDateOf(firstDueDate: string, frequency: Frequency, interval: number, index: number): string {
	const steps = index * interval;
	if (frequency === 'DAILY') return addDays(firstDueDate, steps);
	if (frequency === 'WEEKLY') return addDays(firstDueDate, 7 * steps);
	return addMonths(firstDueDate, frequency === 'YEARLY' ? 12 * steps : steps);
}

/**
 * The instalments of a plan, or an InputError naming the field that is wrong: a schedule that does
 * not add up to the total, a first due date before `today`, a frequency without a count or an end
 * date, an instalment below the provider's minimum (or above its maximum).
 */
export function buildSchedule(input: ScheduleInput, today: string): Instalment[] {
	const F = SCHEDULE_FIELDS;
	const money = (minor: number) => `${fromMinorUnits(minor, input.currency)} ${input.currency}`;
	if (!Number.isInteger(input.totalMinor) || input.totalMinor <= 0) throw new InputError(F.total, `${F.total} must be greater than 0`);
	if (!FREQUENCIES.includes(input.frequency)) {
		throw new InputError(F.frequency, `${F.frequency} "${String(input.frequency)}" is not one of ${FREQUENCIES.join(', ')}`);
	}
	if (!Number.isInteger(input.interval) || input.interval < 1) {
		throw new InputError(F.interval, `${F.interval} must be a whole number of at least 1 (got ${String(input.interval)})`);
	}
	if (input.firstDueDate < today) {
		throw new InputError(F.firstDueDate, `${F.firstDueDate} ${input.firstDueDate} is in the past (today is ${today})`, 'A plan starts today or later');
	}
	const count = instalmentCount(input);
	const amounts = instalmentAmounts(input, count, money);
	const schedule = amounts.map((amountMinor, index) => ({
		number: index + 1,
		dueDate: dueDateOf(input.firstDueDate, input.frequency, input.interval, index),
		amountMinor,
	}));
	return schedule;
}

function instalmentCount(input: ScheduleInput): number {
	const F = SCHEDULE_FIELDS;
	if (input.count !== undefined) {
		if (!Number.isInteger(input.count) || input.count < 1) throw new InputError(F.count, `${F.count} must be a whole number of at least 1`);
		if (input.count > MAX_INSTALMENTS) throw new InputError(F.count, `${F.count} ${input.count} is more than ${MAX_INSTALMENTS}`);
		return input.count;
	}
	if (input.endDate === undefined) {
		throw new InputError(F.endDate, `A ${input.frequency.toLowerCase()} plan needs a ${F.count} or an ${F.endDate}`, 'Say when the plan ends');
	}
	if (input.endDate < input.firstDueDate) {
		throw new InputError(F.endDate, `${F.endDate} ${input.endDate} is before the ${F.firstDueDate} ${input.firstDueDate}`);
	}
	let count = 0;
	while (dueDateOf(input.firstDueDate, input.frequency, input.interval, count) <= input.endDate) {
		count++;
		if (count > MAX_INSTALMENTS) throw new InputError(F.endDate, `${F.endDate} ${input.endDate} makes more than ${MAX_INSTALMENTS} instalments`);
	}
	return count;
}

function instalmentAmounts(input: ScheduleInput, count: number, money: (minor: number) => string): number[] {
	const F = SCHEDULE_FIELDS;
	let amounts: number[];
	let field: string = F.instalment;
	if (input.instalmentMinor !== undefined) {
		if (input.instalmentMinor * count !== input.totalMinor) {
			throw new InputError(
				F.instalment,
				`${count} instalment(s) of ${money(input.instalmentMinor)} make ${money(input.instalmentMinor * count)}, not the ${F.total} ${money(input.totalMinor)}`,
				`Make ${F.instalment} × instalments equal the total, or leave ${F.instalment} empty to split the total evenly`,
			);
		}
		amounts = new Array<number>(count).fill(input.instalmentMinor);
	} else {
		const base = Math.floor(input.totalMinor / count);
		const odd = input.totalMinor - base * count;
		amounts = Array.from({ length: count }, (_, index) => base + (index < odd ? 1 : 0));
		field = input.count !== undefined ? F.count : F.endDate;
	}
	const smallest = Math.min(...amounts);
	if (smallest < input.minimumMinor) {
		throw new InputError(field, `An instalment of ${money(smallest)} is below the minimum of ${money(input.minimumMinor)}`, 'Use fewer, larger instalments');
	}
	const largest = Math.max(...amounts);
	if (input.maximumMinor !== undefined && largest > input.maximumMinor) {
		throw new InputError(field, `An instalment of ${money(largest)} is above the maximum of ${money(input.maximumMinor)}`, 'Use more, smaller instalments');
	}
	return amounts;
}

// ---- Where a plan stands ------------------------------------------------------------------------

/** One payment made into a plan: paid money, money on its way, or a failed attempt (a missed debit). */
export type PlanPayment = { amountMinor: number; state: 'paid' | 'pending' | 'failed'; day?: string; record?: IDataObject };

export type InstalmentStatus = 'paid' | 'partly paid' | 'late' | 'upcoming';

/** What a plan is, overall: every instalment paid, an instalment past due and not covered, or neither. */
export type PlanStatus = 'paid' | 'late' | 'on track';

export const PLAN_STATUSES: readonly PlanStatus[] = ['paid', 'late', 'on track'];

export type InstalmentStanding = Instalment & { status: InstalmentStatus; paidMinor: number; paidOn?: string; daysLate: number };

export type PlanStanding = {
	planStatus: PlanStatus;
	totalMinor: number;
	paidMinor: number;
	outstandingMinor: number;
	overpaidMinor: number;
	pendingMinor: number;
	failedPayments: number;
	nextDue?: { number: number; dueDate: string; amountMinor: number };
	lateInstalments: number;
	daysLate: number;
	instalments: InstalmentStanding[];
};

/**
 * Where a plan stands on `today`: paid money fills the instalments in order (a payment larger than
 * one instalment covers the next ones), oldest payment first, so each instalment knows the day it
 * was fully covered. An instalment not fully covered is late once its due date has passed, partly
 * paid when something covers it, upcoming otherwise.
 */
export function planStanding(instalments: Instalment[], payments: PlanPayment[], today: string): PlanStanding {
	const paidPayments = payments
		.filter((payment) => payment.state === 'paid' && payment.amountMinor > 0)
		.sort((a, b) => (a.day ?? '').localeCompare(b.day ?? ''));
	const standings: InstalmentStanding[] = instalments.map((instalment) => ({ ...instalment, status: 'upcoming', paidMinor: 0, daysLate: 0 }));
	let position = 0;
	let overpaidMinor = 0;
	for (const payment of paidPayments) {
		let left = payment.amountMinor;
		while (left > 0 && position < standings.length) {
			const standing = standings[position];
			const take = Math.min(left, standing.amountMinor - standing.paidMinor);
			standing.paidMinor += take;
			left -= take;
			if (standing.paidMinor === standing.amountMinor) {
				if (payment.day) standing.paidOn = payment.day;
				position++;
			}
		}
		overpaidMinor += left;
	}
	for (const standing of standings) {
		if (standing.paidMinor === standing.amountMinor) standing.status = 'paid';
		else if (standing.dueDate < today) {
			standing.status = 'late';
			standing.daysLate = daysBetween(standing.dueDate, today);
		} else standing.status = standing.paidMinor > 0 ? 'partly paid' : 'upcoming';
	}
	const totalMinor = instalments.reduce((sum, instalment) => sum + instalment.amountMinor, 0);
	const paidMinor = paidPayments.reduce((sum, payment) => sum + payment.amountMinor, 0);
	const late = standings.filter((standing) => standing.status === 'late');
	const next = standings.find((standing) => standing.status !== 'paid');
	return {
		planStatus: next === undefined ? 'paid' : late.length > 0 ? 'late' : 'on track',
		totalMinor,
		paidMinor,
		outstandingMinor: Math.max(0, totalMinor - paidMinor),
		overpaidMinor,
		pendingMinor: payments.filter((payment) => payment.state === 'pending').reduce((sum, payment) => sum + payment.amountMinor, 0),
		failedPayments: payments.filter((payment) => payment.state === 'failed').length,
		nextDue: next && { number: next.number, dueDate: next.dueDate, amountMinor: next.amountMinor - next.paidMinor },
		lateInstalments: late.length,
		daysLate: late.length > 0 ? late[0].daysLate : 0,
		instalments: standings,
	};
}

/** A plan's standing as the nodes output it: amounts in the currency's units (computed in minor units). */
export function standingItem(standing: PlanStanding, currency: string): IDataObject {
	const amount = (minor: number) => fromMinorUnits(minor, currency);
	return {
		planStatus: standing.planStatus,
		currency,
		totalAmount: amount(standing.totalMinor),
		paidToDate: amount(standing.paidMinor),
		outstandingAmount: amount(standing.outstandingMinor),
		overpaidAmount: amount(standing.overpaidMinor),
		pendingAmount: amount(standing.pendingMinor),
		failedPayments: standing.failedPayments,
		nextDueDate: standing.nextDue?.dueDate ?? null,
		nextDueAmount: standing.nextDue ? amount(standing.nextDue.amountMinor) : null,
		lateInstalments: standing.lateInstalments,
		daysLate: standing.daysLate,
		instalments: standing.instalments.map((instalment) => ({
			number: instalment.number,
			dueDate: instalment.dueDate,
			amount: amount(instalment.amountMinor),
			status: instalment.status,
			paidAmount: amount(instalment.paidMinor),
			...(instalment.paidOn ? { paidOn: instalment.paidOn } : {}),
			...(instalment.daysLate > 0 ? { daysLate: instalment.daysLate } : {}),
		})),
	};
}

/** The instalments as a plan item carries them (amounts in the currency's units). */
export function scheduleItems(instalments: Instalment[], currency: string): IDataObject[] {
	return instalments.map(({ number, dueDate, amountMinor }) => ({ number, dueDate, amount: fromMinorUnits(amountMinor, currency) }));
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return NOT_JSON;
	}
}

/**
 * The instalments of a plan item as Create returned it (`[{ number, dueDate, amount }]`, an array or
 * its JSON text), back in minor units; an InputError names `field` when they are not a schedule.
 */
export function readInstalments(value: unknown, field: string, currency: string): Instalment[] {
	const list = typeof value === 'string' ? parseJson(value) : value;
	if (list === NOT_JSON) {
		throw new InputError(field, `${field} is not JSON`, 'Map the instalments of the plan item, e.g. {{ $json.instalments }}');
	}
	if (!Array.isArray(list) || list.length === 0) {
		throw new InputError(field, `${field} is not a list of instalments`, 'Map the instalments of the plan item, e.g. {{ $json.instalments }}');
	}
	if (list.length > MAX_INSTALMENTS) throw new InputError(field, `${field} has more than ${MAX_INSTALMENTS} instalments`);
	const instalments = list.map((entry: unknown, index) => {
		const { dueDate, amount } = (entry && typeof entry === 'object' ? entry : {}) as IDataObject;
		const day = calendarDay(dueDate);
		if (!day) throw new InputError(field, `${field}: instalment ${index + 1} has no due date (YYYY-MM-DD)`);
		const minor = toMinorUnits(amount, currency);
		if (minor === undefined || minor <= 0) throw new InputError(field, `${field}: instalment ${index + 1} has no amount above 0`);
		return { number: index + 1, dueDate: day, amountMinor: minor };
	});
	for (let index = 1; index < instalments.length; index++) {
		if (instalments[index].dueDate < instalments[index - 1].dueDate) {
			throw new InputError(field, `${field}: instalment ${index + 1} is due before instalment ${index}`, 'Instalments are paid in order of their due dates');
		}
	}
	return instalments;
}
