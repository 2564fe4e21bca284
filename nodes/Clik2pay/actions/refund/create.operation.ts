import type { INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from 'n8n-workflow';
import { checkAmount, checkResourceId } from '../../helpers/validation';
import { segment } from '../../transport';
import { sendOnce } from '../../transport/moneyPost';
import { paymentRequestIdField } from '../paymentRequest/paymentRequestId';
import { cadAmountField, readRecipient, recipientFields } from '../recipientFields';
import type { Clik2payOperation } from '../types';
import { withRefundState } from '../paymentState';

export const REFUNDABLE_STATUSES = 'PAID or SETTLED';

const properties: INodeProperties[] = [
	{
		displayName: `Only payment requests with status ${REFUNDABLE_STATUSES} can be refunded. Your Clik2pay daily balance must cover the refund, and it must fall within your refund window.`,
		name: 'refundNotice',
		type: 'notice',
		default: '',
	},
	{ ...paymentRequestIdField, description: 'The paid payment request to refund' },
	cadAmountField('Amount to refund in CAD: all or part of what was paid'),
	...recipientFields,
];

export const createRefund: Clik2payOperation = {
	description: updateDisplayOptions({ show: { resource: ['refund'], operation: ['create'] } }, properties),

	async execute(client, itemIndex) {
		const param = (name: string) => this.getNodeParameter(name, itemIndex, '');
		const id = checkResourceId(param('paymentRequestId'), 'Payment Request ID');
		const body = {
			amount: checkAmount(param('amount'), 'Amount'),
			recipient: readRecipient(param('recipientEmail'), param('recipientMobileNumber')),
		};
		const answer = await sendOnce(this, client, {
			kind: 'refund',
			itemIndex,
			path: `/payment-requests/${segment(id)}/refunds`,
			body,
			explainRefusal: (error) => {
				if (![400, 409, 422].includes(error.status ?? 0)) return undefined;
				const saysWhy = /PAID|SETTLED|status/i.test(String(error.providerMessage ?? ''));
				return error.retold(
					saysWhy
						? `${error.message}: check the payment request's status with Payment Request → Get`
						: `${error.message}. A refund needs a payment request with status ${REFUNDABLE_STATUSES}, an amount no larger than what is left to refund, and enough Clik2pay daily balance`,
				);
			},
		});
		return withRefundState(answer);
	},
};
