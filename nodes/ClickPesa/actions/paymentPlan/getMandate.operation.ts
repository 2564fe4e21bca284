import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ClickPesaOperation } from '../types';
import { checkMandateRequestId, getMandate as readMandate, mandateItem, MANDATE_PATH } from './mandate';

export const mandateRequestIdField: INodeProperties = {
	displayName: 'Mandate Request ID',
	name: 'mandateRequestId',
	type: 'string',
	default: '={{ $json.mandateRequestId }}',
	required: true,
	description: 'The mandateRequestId returned when the mandate was requested',
};

export const getMandate: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['paymentPlan'], operation: ['getMandate'] } }, [mandateRequestIdField]),
	async execute(client, itemIndex) {
		return mandateItem(await readMandate(client, checkMandateRequestId(this.getNodeParameter('mandateRequestId', itemIndex, ''))));
	},
};

export const cancelMandate: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['paymentPlan'], operation: ['cancelMandate'] } }, [mandateRequestIdField]),
	async execute(client, itemIndex) {
		const requestId = checkMandateRequestId(this.getNodeParameter('mandateRequestId', itemIndex, ''));
		// Cancelling moves no money and a second cancel is refused (the mandate is no longer ACTIVE): safe to retry.
		const answer = await client.request({ method: 'POST', path: `${MANDATE_PATH}/cancel`, body: { requestId }, idempotent: true });
		return mandateItem(answer as never);
	},
};
