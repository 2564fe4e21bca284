import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { sleep, updateDisplayOptions } from 'n8n-workflow';

import { sameAmount } from '../../../shared/money';
import {
	allowedPollSeconds,
	DEFAULT_POLL_TIMEOUT_S,
	NOT_PAID_OUTPUT,
	PAID_OUTPUT,
	pollUntilFinal,
	readWaitingItems,
	timeoutField,
	type PaymentOutcome,
} from '../../../shared/waiting';
import { checkAmount, checkResourceId, isBlank } from '../../helpers/validation';
import { segment, type Clik2payClient } from '../../transport';
import { clik2payPaymentRequestState, withPaymentRequestState } from '../paymentState';
import type { Clik2payBatchOperation } from '../types';
import { paymentRequestIdField } from './paymentRequestId';

/**
 * Payment Request → Wait for Payment: re-reads each payment request (GET /payment-requests/{id})
 * until Clik2pay reports it paid, failed, cancelled or refunded, or the timeout passes. Outputs Not
 * Paid first, then Paid, as ClickPesa's Wait for Payment (shared/waiting.ts). Clik2pay sends its
 * webhooks to one URL per merchant, not per request (docs/clik2pay-api.md §4.1), so there is no
 * Resume on Callback: requests paid hours later are for the Clik2pay Trigger.
 */

const CURRENCY = 'CAD';

type Expected = { paymentRequestId: string; amount?: number };
type RequestCheck = { outcome: PaymentOutcome; paymentRequest?: IDataObject; reason?: string };

const properties: INodeProperties[] = [
	{
		displayName:
			'Paid items leave on the Paid output, the rest on Not Paid. Only Clik2pay’s own answer to a status lookup counts as paid. Payers often pay hours later: for that, use the Clik2pay Trigger instead.',
		name: 'waitNotice',
		type: 'notice',
		default: '',
	},
	{ ...paymentRequestIdField, description: 'The payment request to wait for, e.g. {{ $json.id }} after Create' },
	timeoutField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Expected Amount',
				name: 'expectedAmount',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description: 'Paid counts only when the paid payment request’s amount is exactly this, in CAD',
			},
		],
	},
];

export const waitForPayment: Clik2payBatchOperation = {
	description: updateDisplayOptions({ show: { resource: ['paymentRequest'], operation: ['waitForPayment'] } }, properties),
	outputCount: 2,
	errorOutput: NOT_PAID_OUTPUT,

	async executeBatch(client, { itemCount, stopAtFirstFailure }) {
		const { outcomes, waiting, stop } = readWaitingItems(
			itemCount,
			(itemIndex) => readExpected(this.getNodeParameter('paymentRequestId', itemIndex), this.getNodeParameter('options', itemIndex, {}) as IDataObject),
			{ stopAtFirstFailure, field: 'Payment Request ID' },
		);
		if (stop) return outcomes;
		if (waiting.length === 0) return outcomes;
		const node = this.getNode();
		const seconds = allowedPollSeconds(this, Number(this.getNodeParameter('timeoutSeconds', 0, DEFAULT_POLL_TIMEOUT_S)));
		const checks = await pollUntilFinal<RequestCheck>(
			waiting.map(() => ({ outcome: 'pending' })),
			{
				timeoutMs: seconds * 1000,
				clock: { now: Date.now, sleep },
				check: async (index, previous) => await lookUp(client, waiting[index].expected, previous),
				onRound: (round, pending) => this.logger.info(`${node.name}: waiting for payment, round ${round}: ${pending} of ${waiting.length} not final yet`),
			},
		);
		waiting.forEach(({ itemIndex, expected }, position) => {
			const check = checks[position];
			outcomes[itemIndex] = { json: outcomeItem(expected, check), output: check.outcome === 'paid' ? PAID_OUTPUT : NOT_PAID_OUTPUT };
		});
		return outcomes;
	},
};

function readExpected(id: unknown, options: IDataObject): Expected {
	const expected: Expected = { paymentRequestId: checkResourceId(id, 'Payment Request ID') };
	if (!isBlank(options.expectedAmount) && Number(options.expectedAmount) !== 0) expected.amount = checkAmount(options.expectedAmount, 'Expected Amount');
	return expected;
}

async function lookUp(client: Clik2payClient, expected: Expected, previous: RequestCheck): Promise<RequestCheck> {
	return await client.get(`/payment-requests/${segment(expected.paymentRequestId)}`).then(
		(answer) => checkRequest(answer, expected),
		(error: unknown) => ({
			outcome: 'unknown' as const,
			paymentRequest: previous.paymentRequest,
			reason: `the status lookup failed: ${error instanceof Error ? error.message : String(error)}`,
		}),
	);
}

/**
 * What Clik2pay's answer says, from its status table (paymentState.ts): `paid` (with the expected
 * amount when one is given, otherwise `mismatch`); `failed` once it can no longer be paid
 * (failed, cancelled, or paid and refunded); `pending` otherwise, including a status not known yet.
 */
export function checkRequest(paymentRequest: IDataObject, expected: Expected): RequestCheck {
	const status = String(paymentRequest.status ?? '').toUpperCase() || 'unknown';
	const state = clik2payPaymentRequestState(paymentRequest.status);
	if (state === 'paid') {
		if (expected.amount !== undefined && !sameAmount(paymentRequest.amount, expected.amount, CURRENCY)) {
			return { outcome: 'mismatch', paymentRequest, reason: `paid ${String(paymentRequest.amount)} instead of the expected ${expected.amount}` };
		}
		return { outcome: 'paid', paymentRequest };
	}
	if (state === 'pending') return { outcome: 'pending', paymentRequest, reason: `Clik2pay reports status ${status}` };
	return { outcome: 'failed', paymentRequest, reason: `Clik2pay reports the payment request ${status}` };
}

/** The output item: Clik2pay's payment request with its `paymentState`, a plain `outcome`, and why. */
function outcomeItem(expected: Expected, check: RequestCheck): IDataObject {
	const record = check.paymentRequest ? withPaymentRequestState(check.paymentRequest) : { paymentState: 'pending' };
	const item: IDataObject = { outcome: check.outcome, paymentRequestId: expected.paymentRequestId, ...record };
	if (check.reason) item.outcomeReason = check.reason;
	return item;
}
