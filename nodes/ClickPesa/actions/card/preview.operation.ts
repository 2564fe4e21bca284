import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ClickPesaOperation } from '../types';
import { cardAmountFields, explainCardRefusal, readCardBody } from './cardFields';

export const preview: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['card'], operation: ['preview'] } }, cardAmountFields),

	async execute(client, itemIndex) {
		const body = readCardBody(this, itemIndex);
		// A preview moves no money (docs/clickpesa-api.md §4.3), so it may be sent again after a transient failure.
		return (await client
			.request({ method: 'POST', path: '/payments/preview-card-payment', body, signed: true, idempotent: true })
			.catch((error: unknown) => {
				throw explainCardRefusal(error, body.orderReference);
			})) as IDataObject;
	},
};
