import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ProviderError } from '../../../shared/providerError';
import { checkReference } from '../../helpers/validation';
import type { ClickPesaOperation } from '../types';
import { withAppliedTransferType } from './payouts';
import { withClickPesaPayoutState } from '../paymentState';

const properties: INodeProperties[] = [
	{
		displayName: 'Order Reference',
		name: 'orderReference',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'PAYOUT10023',
		description: 'The reference the payout was created with',
	},
];

export const get: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['payout'], operation: ['get'] } }, properties),

	async execute(client, itemIndex) {
		const orderReference = checkReference(this.getNodeParameter('orderReference', itemIndex), 'Order Reference');
		const payouts = await client.findByReference('payouts', orderReference);
		if (payouts === undefined) {
			throw ProviderError.judged('ClickPesa', { kind: 'http', status: 404 }, `No ClickPesa payout has order reference "${orderReference}"`);
		}
		// ClickPesa answers with an array: each payout becomes its own item.
		return payouts.map((payout) => withClickPesaPayoutState(withAppliedTransferType(payout)));
	},
};
