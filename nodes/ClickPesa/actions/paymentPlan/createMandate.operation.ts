import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { isEmailAddress } from '../../../shared/email';
import { InputError } from '../../../shared/errors';
import { fromMinorUnits } from '../../../shared/money';
import { buildSchedule, scheduleItems } from '../../../shared/schedule';
import { planSummary, readScheduleInput, scheduleFields } from '../../../shared/scheduleFields';
import { checkReference, checkRequiredText, normalizeTanzanianPhone } from '../../helpers/validation';
import type { ClickPesaClient } from '../../transport';
import { checkHttpUrl } from '../checkoutLink/checkoutFields';
import type { ClickPesaOperation } from '../types';
import { checkMandateRequestId, getMandate, mandateItem, MANDATE_PATH } from './mandate';
import { CLICKPESA_MINIMUM_INSTALMENT_MINOR, clickPesaToday, PLAN_CURRENCY } from './planPayments';

/**
 * Payment Plan → Create (CRDB Direct Debit): asks the customer's bank for a mandate to debit the
 * instalments from a CRDB account (docs/clickpesa-api.md §4.17; needs KYC). The bank's decision goes
 * to the mandate callback URL: the ClickPesa Trigger's URL, or this execution's resume URL for a
 * later Wait for Mandate Decision. A mandate request carries no reference of ours, so ClickPesa
 * cannot refuse a repeat: a plan run again with its Mandate Request ID reads that mandate instead.
 */

const properties: INodeProperties[] = [
	{
		displayName: 'Plan Reference',
		name: 'planReference',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'LOAN233422',
		description: 'Your reference for the plan (letters and digits), written into the mandate’s bill details. The instalments themselves arrive under the mandate reference CRDB assigns on approval.',
	},
	{
		displayName: 'Mandate Request ID (Already Requested)',
		name: 'existingMandateRequestId',
		type: 'string',
		default: '',
		description: 'The mandateRequestId of a mandate requested earlier for this plan (from the stored plan item). When set, that mandate is read instead of requesting a second one.',
	},
	{ displayName: 'Customer Name', name: 'customerName', type: 'string', default: '', required: true, placeholder: 'Asha Said' },
	{ displayName: 'Customer Email', name: 'customerEmail', type: 'string', placeholder: 'name@email.com', default: '' },
	{
		displayName: 'SimBanking Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '0754 712 650',
		description: 'The phone number registered with CRDB SimBanking for the debit account; the customer approves the mandate there',
	},
	{ displayName: 'Debit Account', name: 'debitAccount', type: 'string', default: '', required: true, placeholder: '0152590146100', description: 'The CRDB account number to debit' },
	{ displayName: 'Bill Details', name: 'billDetails', type: 'string', default: '', placeholder: 'Loan No. 233422', description: 'What the mandate is for, shown to the customer' },
	...scheduleFields('TZS', 'the same every time'),
	{
		displayName: 'Resume This Workflow When the Mandate Is Decided',
		name: 'resumeWhenDecided',
		type: 'boolean',
		default: false,
		description: 'Whether the mandate callback URL is this execution’s resume URL, for a later Payment Plan → Wait for Mandate Decision',
	},
	{
		displayName: 'Mandate Callback URL',
		name: 'mandateCallbackUrl',
		type: 'string',
		default: '',
		placeholder: 'https://n8n.example.com/webhook/…/clickpesa',
		description: 'Where ClickPesa posts the decision (ACTIVE, REJECTED, CANCELLED), e.g. the production URL of a ClickPesa Trigger listening to Mandate Status Changed',
		displayOptions: { show: { resumeWhenDecided: [false] } },
	},
];

function readMandate(context: IExecuteFunctions, itemIndex: number) {
	const planReference = checkReference(context.getNodeParameter('planReference', itemIndex, ''), 'Plan Reference');
	const input = readScheduleInput(context, itemIndex, PLAN_CURRENCY, { minimumMinor: CLICKPESA_MINIMUM_INSTALMENT_MINOR });
	const today = clickPesaToday(new Date());
	const instalments = buildSchedule(input, today);
	if (instalments.some((instalment) => instalment.amountMinor !== instalments[0].amountMinor)) {
		throw new InputError('Instalment Amount', 'CRDB debits the same amount every time, and this total does not split evenly', 'Give an Instalment Amount that divides the total');
	}
	const customer: IDataObject = { fullName: checkRequiredText(context.getNodeParameter('customerName', itemIndex, ''), 'Customer Name') };
	const email = String(context.getNodeParameter('customerEmail', itemIndex, '') ?? '').trim();
	if (email) {
		if (!isEmailAddress(email)) throw new InputError('Customer Email', `Customer Email "${email}" is not an email address`);
		customer.email = email;
	}
	const phoneNumber = normalizeTanzanianPhone(context.getNodeParameter('phoneNumber', itemIndex, ''), 'SimBanking Phone Number');
	customer.phoneNumber = phoneNumber;
	const debitAccount = checkRequiredText(context.getNodeParameter('debitAccount', itemIndex, ''), 'Debit Account');
	if (!/^\d{6,20}$/.test(debitAccount)) throw new InputError('Debit Account', `Debit Account "${debitAccount}" is not a CRDB account number (digits only)`);
	let mandateCallbackUrl: string;
	if (context.getNodeParameter('resumeWhenDecided', itemIndex, false) === true) {
		mandateCallbackUrl = String(context.evaluateExpression('{{ $execution.resumeUrl }}', itemIndex));
	} else {
		const given = String(context.getNodeParameter('mandateCallbackUrl', itemIndex, '') ?? '').trim();
		if (!given) throw new InputError('Mandate Callback URL', 'Mandate Callback URL is empty', 'Give the ClickPesa Trigger’s URL, or turn on Resume This Workflow When the Mandate Is Decided');
		mandateCallbackUrl = checkHttpUrl(given, 'Mandate Callback URL');
	}
	const details = String(context.getNodeParameter('billDetails', itemIndex, '') ?? '').trim();
	const body: IDataObject = {
		customer,
		phoneNumber,
		debitAccount,
		startDate: instalments[0].dueDate,
		endDate: instalments[instalments.length - 1].dueDate,
		frequencyType: input.frequency,
		frequency: input.interval,
		installmentAmount: fromMinorUnits(instalments[0].amountMinor, PLAN_CURRENCY),
		mandateCallbackUrl,
		billDetails: details ? `${details} (plan ${planReference})` : `Plan ${planReference}`,
	};
	return { planReference, input, instalments, body, today };
}

export async function createMandatePlan(context: IExecuteFunctions, client: ClickPesaClient, itemIndex: number): Promise<IDataObject> {
	const plan = readMandate(context, itemIndex);
	const existing = String(context.getNodeParameter('existingMandateRequestId', itemIndex, '') ?? '').trim();
	const answer = existing
		? await getMandate(client, checkMandateRequestId(existing, 'Mandate Request ID (Already Requested)'))
		: await client.sendOnce({ kind: 'mandate', request: { method: 'POST', path: MANDATE_PATH, body: plan.body, signed: false }, itemIndex });
	return {
		planReference: plan.planReference,
		method: 'crdbDirectDebit',
		...mandateItem(answer),
		currency: PLAN_CURRENCY,
		totalAmount: fromMinorUnits(plan.input.totalMinor, PLAN_CURRENCY),
		instalmentCount: plan.instalments.length,
		...planSummary(plan.input),
		endDate: plan.body.endDate,
		createdOn: plan.today,
		instalments: scheduleItems(plan.instalments, PLAN_CURRENCY),
		...(existing ? { foundByReference: true } : {}),
	};
}

export const createMandate: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['paymentPlan'], operation: ['createMandate'] } }, properties),
	async execute(client, itemIndex) {
		return await createMandatePlan(this, client, itemIndex);
	},
};
