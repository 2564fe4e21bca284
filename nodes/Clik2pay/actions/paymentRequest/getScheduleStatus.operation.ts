import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import { toMinorUnits } from '../../../shared/money';
import { dayIn, planStanding, readInstalments, standingItem, type PlanPayment } from '../../../shared/schedule';
import { checkResourceId, checkText } from '../../helpers/validation';
import { segment } from '../../transport';
import { clik2payPaymentRequests, withPaymentRequestState } from '../paymentState';
import type { Clik2payOperation } from '../types';
import { CLIK2PAY_TIME_ZONE } from './createSchedule.operation';

/**
 * Payment Request → Get Schedule Status: where a plan made by Create Schedule stands. Clik2pay has
 * no list endpoint (docs/clik2pay-api.md §2.3), so each instalment's request is read by its id.
 */

const CURRENCY = 'CAD';

const properties: INodeProperties[] = [
	{ displayName: 'Plan Reference', name: 'planReference', type: 'string', default: '={{ $json.planReference }}', required: true },
	{
		displayName: 'Instalments',
		name: 'instalments',
		type: 'json',
		default: '={{ $json.instalments }}',
		required: true,
		description: 'The schedule as Create Schedule returned it: a list of { dueDate, amount, paymentRequestId }',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [{ displayName: 'As Of', name: 'asOf', type: 'dateTime', default: '', description: 'Judge the plan as of this day (Toronto time). Empty: today.' }],
	},
];

/** A request as a plan counts it: its amount once paid (a FLEX request: what was asked for). */
function paymentOf(request: IDataObject, fallbackMinor: number): PlanPayment {
	const state = clik2payPaymentRequests.stateOf(request.status);
	const flex = (request.flexDetails ?? {}) as IDataObject;
	const amountMinor = toMinorUnits(request.paidAmount ?? request.amount ?? flex.requested, CURRENCY) ?? fallbackMinor;
	const updatedAt = Date.parse(String(request.updatedAt ?? ''));
	const day = Number.isNaN(updatedAt) ? undefined : dayIn(CLIK2PAY_TIME_ZONE, new Date(updatedAt));
	const counted = state === 'paid' ? 'paid' : state === 'failed' ? 'failed' : state === 'pending' ? 'pending' : undefined;
	return { amountMinor: counted === 'pending' ? 0 : amountMinor, state: counted ?? 'failed', day, record: request };
}

export const getScheduleStatus: Clik2payOperation = {
	description: updateDisplayOptions({ show: { resource: ['paymentRequest'], operation: ['getScheduleStatus'] } }, properties),

	async execute(client, itemIndex) {
		const planReference = checkText(this.getNodeParameter('planReference', itemIndex, ''), 'Plan Reference', 1, 100);
		const raw = this.getNodeParameter('instalments', itemIndex, undefined);
		const instalments = readInstalments(raw, 'Instalments', CURRENCY);
		const list = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		const ids = list.map((entry, index) => {
			if (!entry.paymentRequestId) throw new InputError('Instalments', `Instalments: instalment ${index + 1} has no paymentRequestId`);
			return checkResourceId(entry.paymentRequestId, 'Instalments');
		});
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const asOf = options.asOf ? dayIn(CLIK2PAY_TIME_ZONE, new Date(String(options.asOf))) : dayIn(CLIK2PAY_TIME_ZONE, new Date());
		const requests: IDataObject[] = [];
		for (const id of ids) requests.push(withPaymentRequestState(await client.get(`/payment-requests/${segment(id)}`)));
		const payments = requests
			.map((request, index) => paymentOf(request, instalments[index].amountMinor))
			.filter((payment) => !(payment.day && payment.day > asOf && payment.state === 'paid'));
		const standing = standingItem(planStanding(instalments, payments, asOf), CURRENCY);
		const instalmentItems = (standing.instalments as IDataObject[]).map((instalment, index) => ({
			...instalment,
			paymentRequestId: ids[index],
			requestStatus: requests[index].status,
		}));
		return { planReference, asOf, ...standing, instalments: instalmentItems };
	},
};
