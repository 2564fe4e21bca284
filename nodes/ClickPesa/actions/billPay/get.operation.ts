import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from 'n8n-workflow';
import type { ClickPesaOperation } from '../types';
import { checkBillPayNumber } from './billItem';
import { explainMissingNumber } from './billPayErrors';

export const billPayNumberField: INodeProperties = {
	displayName: 'BillPay Number',
	name: 'billPayNumber',
	type: 'string',
	default: '',
	required: true,
	placeholder: '55042914871931',
	description: 'The control number: the generated number, or your bill reference when you gave one',
};

export const get: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['billPay'], operation: ['get'] } }, [billPayNumberField]),

	async execute(client, itemIndex) {
		const billPayNumber = checkBillPayNumber(this.getNodeParameter('billPayNumber', itemIndex));
		return (await client.get(`/billpay/${encodeURIComponent(billPayNumber)}`).catch((error: unknown) => {
			throw explainMissingNumber(error, billPayNumber);
		})) as IDataObject;
	},
};
