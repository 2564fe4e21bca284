import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fromMinorUnits } from '../../../shared/money';
import { buildSchedule, scheduleItems, type Instalment, type ScheduleInput } from '../../../shared/schedule';
import { planSummary, readScheduleInput, scheduleFields } from '../../../shared/scheduleFields';
import { FOUND_BY_REFERENCE, referenceReuseField } from '../../transport/moneyPost';
import type { ClickPesaClient } from '../../transport';
import { checkReference } from '../../helpers/validation';
import { buildBillItem, MAX_BILL_REFERENCE_LENGTH, MAX_DESCRIPTION_LENGTH } from '../billPay/billItem';
import { customerFields } from '../billPay/billPayFields';
import { CREATE_PATHS, matchesSent } from '../billPay/controlNumber';
import type { ClickPesaOperation } from '../types';
import { CLICKPESA_MINIMUM_INSTALMENT_MINOR, clickPesaToday, PLAN_CURRENCY } from './planPayments';

/**
 * Payment Plan → Create (BillPay): one customer control number per plan. The number takes partial
 * and over payments, asks for one instalment at a time (billAmount) and closes itself when the
 * total is collected (billMaxCollectionAmount = total, docs/clickpesa-api.md §4.7). The schedule
 * is returned in the item (and written into the number's description when it fits): nothing is
 * kept anywhere else, so the plan survives restarts and queue mode.
 */

export const planReferenceField: INodeProperties = {
	displayName: 'Plan Reference',
	name: 'planReference',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'FEES2026T1S042',
	description: `Your reference for the plan, which becomes the control number the customer pays to: letters and digits only, at most ${MAX_BILL_REFERENCE_LENGTH}. Running the plan again with the same reference returns the existing plan instead of creating a second one.`,
};

const properties: INodeProperties[] = [
	planReferenceField,
	...customerFields,
	{
		displayName: 'Description',
		name: 'planDescription',
		type: 'string',
		default: '',
		placeholder: 'School fees 2026, term 1',
		description: 'Shown to the customer; the schedule is added after it when it fits ClickPesa’s 500 characters',
	},
	...scheduleFields('TZS', 'at least 0.01'),
	referenceReuseField,
];

/** The description on the control number: the user's text, then the schedule as far as it fits. */
export function planDescription(text: string, input: ScheduleInput, instalments: Instalment[]): string {
	const amount = (minor: number) => String(fromMinorUnits(minor, PLAN_CURRENCY));
	const every = input.interval === 1 ? input.frequency.toLowerCase() : `${input.frequency.toLowerCase()} every ${input.interval}`;
	const summary = `Plan ${amount(input.totalMinor)} ${PLAN_CURRENCY} in ${instalments.length} instalments, ${every}`;
	const dates = instalments.map((instalment) => `${instalment.dueDate} ${amount(instalment.amountMinor)}`).join('; ');
	const prefix = text ? `${text} - ` : '';
	for (const candidate of [`${prefix}${summary}: ${dates}`, `${prefix}${summary} from ${input.firstDueDate}`, text]) {
		if (candidate.length <= MAX_DESCRIPTION_LENGTH) return candidate;
	}
	return text.slice(0, MAX_DESCRIPTION_LENGTH);
}

/** One plan, checked before any request: the schedule, the reference, the customer. */
function readPlan(context: IExecuteFunctions, itemIndex: number) {
	const planReference = checkReference(context.getNodeParameter('planReference', itemIndex, ''), 'Plan Reference', MAX_BILL_REFERENCE_LENGTH);
	const input = readScheduleInput(context, itemIndex, PLAN_CURRENCY, { minimumMinor: CLICKPESA_MINIMUM_INSTALMENT_MINOR });
	const today = clickPesaToday(new Date());
	const instalments = buildSchedule(input, today);
	const description = String(context.getNodeParameter('planDescription', itemIndex, '') ?? '').trim();
	const body = buildBillItem(
		{
			billReference: planReference,
			billAmount: fromMinorUnits(instalments[0].amountMinor, PLAN_CURRENCY),
			billDescription: planDescription(description, input, instalments),
			billPaymentMode: 'ALLOW_PARTIAL_AND_OVER_PAYMENT',
			billMaxCollectionAmount: fromMinorUnits(input.totalMinor, PLAN_CURRENCY),
			customerName: context.getNodeParameter('customerName', itemIndex, ''),
			customerEmail: context.getNodeParameter('customerEmail', itemIndex, ''),
			customerPhone: context.getNodeParameter('customerPhone', itemIndex, ''),
		},
		'customer',
	);
	return { input, instalments, body, today };
}

export async function createBillPayPlan(context: IExecuteFunctions, client: ClickPesaClient, itemIndex: number): Promise<IDataObject> {
	const { input, instalments, body, today } = readPlan(context, itemIndex);
	// Not signed, as every BillPay create (controlNumber.ts).
	const controlNumber = await client.sendOnce({
		kind: 'controlNumber',
		request: { method: 'POST', path: CREATE_PATHS.customer, body, signed: false },
		isOurs: (found) => matchesSent(body, found),
		itemIndex,
	});
	const found = controlNumber[FOUND_BY_REFERENCE] === true;
	const record = { ...controlNumber };
	delete record[FOUND_BY_REFERENCE];
	return {
		planReference: body.billReference,
		method: 'billPay',
		billPayNumber: record.billPayNumber ?? body.billReference,
		customerName: body.customerName,
		currency: PLAN_CURRENCY,
		totalAmount: fromMinorUnits(input.totalMinor, PLAN_CURRENCY),
		instalmentCount: instalments.length,
		...planSummary(input),
		createdOn: today,
		instalments: scheduleItems(instalments, PLAN_CURRENCY),
		controlNumber: record,
		...(found ? { [FOUND_BY_REFERENCE]: true } : {}),
	};
}

export const createBillPay: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['paymentPlan'], operation: ['createBillPay'] } }, properties),

	async execute(client, itemIndex) {
		return await createBillPayPlan(this, client, itemIndex);
	},
};
