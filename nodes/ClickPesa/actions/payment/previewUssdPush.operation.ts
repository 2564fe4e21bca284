import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from 'n8n-workflow';
import type { ClickPesaOperation } from '../types';
import { explainReferenceUsed } from '../../transport/moneyPost';
import { readUssdPushBody, ussdPushFields } from './ussdPushFields';

const properties: INodeProperties[] = [
	...ussdPushFields(false),
	{
		displayName: 'Fetch Sender Details',
		name: 'fetchSenderDetails',
		type: 'boolean',
		default: false,
		description: 'Whether to look up the name registered for the phone number (returned as "sender")',
	},
];

export const previewUssdPush: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['payment'], operation: ['previewUssdPush'] } }, properties),

	async execute(client, itemIndex) {
		const body = readUssdPushBody(this, itemIndex, false);
		if (this.getNodeParameter('fetchSenderDetails', itemIndex, false) === true) body.fetchSenderDetails = true;
		// A preview moves no money, so it may be sent again after a transient failure.
		return (await client
			.request({ method: 'POST', path: '/payments/preview-ussd-push-request', body, signed: true, idempotent: true })
			.catch((error: unknown) => {
				throw explainReferenceUsed(error, 'payment', body.orderReference);
			})) as IDataObject;
	},
};
