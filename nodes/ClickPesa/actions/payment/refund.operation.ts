import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createNotice, createOptions, readPayoutSpacingMs } from '../payout/payoutFields';
import type { ClickPesaOperation } from '../types';
import { refundFields, readRefundRequest } from './refundFields';
import { planRefund, refundOutput, sendRefund } from './refunds';

const properties: INodeProperties[] = [createNotice, ...refundFields, createOptions];

export const refund: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['payment'], operation: ['refund'] } }, properties),
	// One refund at a time: each is a payout (ClickPesa refuses creates within 60 s of each other,
	// docs/clickpesa-api.md §8.4), and a later item refunding the same payment sees the earlier's refund.
	itemsInFlight: 1,

	async execute(client, itemIndex) {
		const request = readRefundRequest(this, itemIndex);
		const spacingMs = readPayoutSpacingMs(this, itemIndex);
		const plan = await planRefund(this, client, request);
		if (!plan.body) return refundOutput(plan, undefined, false);
		const payout = await sendRefund(this, client, plan, spacingMs, itemIndex);
		return refundOutput(plan, payout, true);
	},
};
