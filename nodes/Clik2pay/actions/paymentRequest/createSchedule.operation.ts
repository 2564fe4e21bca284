import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import { fromMinorUnits, toMinorUnits } from '../../../shared/money';
import { ProviderError } from '../../../shared/providerError';
import { buildSchedule, dayIn, type Instalment } from '../../../shared/schedule';
import { planSummary, readScheduleInput, scheduleFields } from '../../../shared/scheduleFields';
import { checkAmount, checkText, isBlank } from '../../helpers/validation';
import { sendOnce } from '../../transport/moneyPost';
import { withPaymentRequestState } from '../paymentState';
import type { Clik2payOperation } from '../types';
import { checkDeliveryMode, PAYMENT_REQUEST_LIMITS, payerFields, readPayer } from './create.operation';

/**
 * Payment Request → Create Schedule: one payment request per instalment of a plan, each with its
 * due date as `deliveryDate` (a future date makes it SCHEDULED until that day, docs/clik2pay-api.md
 * §2.1) and sent once, under the merchant transaction id `<plan reference>-<instalment>`: Clik2pay
 * refuses a repeated id, so a plan run again cannot create a second request for an instalment.
 * The requests' ids are returned with the schedule in the item; Get Schedule Status reads them.
 */

export const CLIK2PAY_TIME_ZONE = 'America/Toronto';
const CURRENCY = 'CAD';
const MAX_PLAN_REFERENCE_LENGTH = 28;

const properties: INodeProperties[] = [
	{
		displayName: 'Plan Reference',
		name: 'planReference',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'RENT-2027-UNIT4',
		description: `Your reference for the plan, 3 to ${MAX_PLAN_REFERENCE_LENGTH} characters. Each request's Merchant Transaction ID is this plus "-" and the instalment number, which Clik2pay refuses to take twice.`,
	},
	...payerFields,
	{
		displayName: 'Amount Type',
		name: 'amountType',
		type: 'options',
		options: [
			{ name: 'Exact Instalment (EBILL)', value: 'EBILL', description: 'Each request asks for its instalment' },
			{ name: 'Range (FLEX)', value: 'FLEX', description: 'The payer may pay part of an instalment: from the minimum up to the instalment' },
		],
		default: 'EBILL',
	},
	{
		displayName: 'Minimum Payment',
		name: 'flexMinimum',
		type: 'number',
		typeOptions: { minValue: 0.01, numberPrecision: 2 },
		default: 0.01,
		description: 'For FLEX: the least the payer may pay towards one instalment, in CAD',
		displayOptions: { show: { amountType: ['FLEX'] } },
	},
	...scheduleFields(CURRENCY, 'from 0.01 to 10,000 per request'),
];

type Plan = { planReference: string; instalments: Instalment[]; bodies: IDataObject[]; summary: IDataObject; totalMinor: number; today: string };

function readPlan(context: IExecuteFunctions, itemIndex: number): Plan {
	const planReference = checkText(context.getNodeParameter('planReference', itemIndex, ''), 'Plan Reference', 3, MAX_PLAN_REFERENCE_LENGTH);
	const limits = { minimumMinor: toMinorUnits(PAYMENT_REQUEST_LIMITS.minAmount, CURRENCY) as number, maximumMinor: toMinorUnits(PAYMENT_REQUEST_LIMITS.maxAmount, CURRENCY) };
	const input = readScheduleInput(context, itemIndex, CURRENCY, limits);
	const today = dayIn(CLIK2PAY_TIME_ZONE, new Date());
	const instalments = buildSchedule(input, today);
	const payer = readPayer(
		context.getNodeParameter('payerName', itemIndex, ''),
		context.getNodeParameter('payerEmail', itemIndex, ''),
		context.getNodeParameter('payerMobileNumber', itemIndex, ''),
		{},
	);
	const deliveryMode = checkDeliveryMode(String(context.getNodeParameter('deliveryMode', itemIndex, 'NONE')), payer);
	const type = String(context.getNodeParameter('amountType', itemIndex, 'EBILL'));
	const flexMinimumValue = type === 'FLEX' ? context.getNodeParameter('flexMinimum', itemIndex, 0.01) : undefined;
	const flexMinimum = isBlank(flexMinimumValue) || flexMinimumValue === undefined ? undefined : checkAmount(flexMinimumValue, 'Minimum Payment', PAYMENT_REQUEST_LIMITS.minAmount, PAYMENT_REQUEST_LIMITS.maxAmount);
	const bodies = instalments.map((instalment) => {
		const amount = fromMinorUnits(instalment.amountMinor, CURRENCY);
		if (flexMinimum !== undefined && flexMinimum > amount) {
			throw new InputError('Minimum Payment', `Minimum Payment ${flexMinimum} is more than instalment ${instalment.number} (${amount} ${CURRENCY})`);
		}
		const body: IDataObject = {
			type,
			amount: type === 'FLEX' ? null : amount,
			payer,
			deliveryMode,
			merchantTransactionId: `${planReference}-${instalment.number}`,
			deliveryDate: instalment.dueDate,
			dueDate: instalment.dueDate,
		};
		if (type === 'FLEX') body.flexDetails = { minimum: flexMinimum, maximum: amount, requested: amount };
		return body;
	});
	return { planReference, instalments, bodies, summary: planSummary(input), totalMinor: input.totalMinor, today };
}

export const createSchedule: Clik2payOperation = {
	description: updateDisplayOptions({ show: { resource: ['paymentRequest'], operation: ['createSchedule'] } }, properties),
	// The requests of one plan go one after another; plans too, so a failure stops before the next.
	itemsInFlight: 1,

	async execute(client, itemIndex) {
		const plan = readPlan(this, itemIndex);
		const created: IDataObject[] = [];
		for (const [index, body] of plan.bodies.entries()) {
			const instalment = plan.instalments[index];
			const answer = await sendOnce(this, client, { kind: 'paymentRequest', path: '/payment-requests', body }).catch((error: unknown) => {
				if (!(error instanceof ProviderError) || created.length === 0) throw error;
				const done = created.map((request) => `${String(request.number)}: ${String(request.paymentRequestId)}`).join(', ');
				throw error.retold(`Instalment ${instalment.number} of plan "${plan.planReference}": ${error.message}. Instalments created before it (number: payment request ID): ${done}`);
			});
			const request = withPaymentRequestState(answer);
			created.push({
				number: instalment.number,
				dueDate: instalment.dueDate,
				amount: fromMinorUnits(instalment.amountMinor, CURRENCY),
				paymentRequestId: request.id,
				merchantTransactionId: body.merchantTransactionId,
				status: request.status,
				paymentLink: request.paymentLink,
			});
		}
		return {
			planReference: plan.planReference,
			method: 'clik2pay',
			currency: CURRENCY,
			totalAmount: fromMinorUnits(plan.totalMinor, CURRENCY),
			instalmentCount: plan.instalments.length,
			...plan.summary,
			createdOn: plan.today,
			instalments: created,
		};
	},
};
