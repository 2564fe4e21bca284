import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from 'n8n-workflow';
import type { ClickPesaOperation } from '../types';
import { buildBillUpdate, checkBillPayNumber } from './billItem';
import { explainMissingNumber } from './billPayErrors';
import { billTermFields } from './billPayFields';
import { billPayNumberField } from './get.operation';

const properties: INodeProperties[] = [billPayNumberField, billTermFields('updateFields', 'Update Fields', true)];

export const update: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['billPay'], operation: ['update'] } }, properties),

	async execute(client, itemIndex) {
		const billPayNumber = checkBillPayNumber(this.getNodeParameter('billPayNumber', itemIndex));
		const body = buildBillUpdate(this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject);
		// PATCH sets absolute values, so sending it again after a 5xx or timeout has the same effect:
		// it may be retried. Not signed, like every BillPay body (see controlNumber.ts).
		return (await client
			.request({ method: 'PATCH', path: `/billpay/${encodeURIComponent(billPayNumber)}`, body, signed: false, idempotent: true })
			.catch((error: unknown) => {
				throw explainMissingNumber(error, billPayNumber);
			})) as IDataObject;
	},
};
