import type { INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from 'n8n-workflow';

import { ProviderError } from '../../../shared/providerError';

import { checkReference } from '../../helpers/validation';
import { withClickPesaPaymentState } from '../paymentState';
import { paymentSimplifyField, simplifyPayment, simplifyPayments } from '../simplify';
import type { ClickPesaOperation } from '../types';
import { orderReferenceField } from './ussdPushFields';

const properties: INodeProperties[] = [orderReferenceField, paymentSimplifyField];

export const getStatus: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['payment'], operation: ['getStatus'] } }, properties),

	async execute(client, itemIndex) {
		const orderReference = checkReference(this.getNodeParameter('orderReference', itemIndex), 'Order Reference');
		const payments = await client.findByReference('payments', orderReference);
		if (payments === undefined) {
			throw ProviderError.judged(
				'ClickPesa',
				{ kind: 'http', status: 404 },
				`No ClickPesa payment has order reference "${orderReference}"`,
			);
		}
		// ClickPesa answers with an array: each payment becomes its own item.
		return simplifyPayments(this, itemIndex) ? payments.map(simplifyPayment) : payments.map(withClickPesaPaymentState);
	},
};
