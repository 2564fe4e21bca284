import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { sameAmount } from '../../../shared/money';
import { createdSince } from '../../transport/moneyPost';
import { withClickPesaPaymentState } from '../paymentState';
import type { ClickPesaOperation } from '../types';
import { cardAmountFields, cardCustomerFields, explainCardRefusal, readCardBody, readCardCustomer } from './cardFields';

export const initiate: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['card'], operation: ['initiate'] } }, [...cardAmountFields, ...cardCustomerFields]),

	async execute(client, itemIndex) {
		const body: IDataObject & { orderReference: string } = { ...readCardBody(this, itemIndex), customer: readCardCustomer(this, itemIndex) };
		const { orderReference } = body;
		// The customer pays on ClickPesa's page behind the link (docs/clickpesa-api.md §4.4): the request
		// itself charges nothing, but it starts a payment under this reference, so it is sent once and
		// an unknown outcome is resolved by looking the reference up (§8.5).
		const answer = await client.sendOnce({
			kind: 'cardPayment',
			request: { method: 'POST', path: '/payments/initiate-card-payment', body, signed: true },
			isOurs: (payment, sentAt) =>
				sameAmount(payment.collectedAmount, body.amount, 'USD') &&
				(payment.collectedCurrency === undefined || payment.collectedCurrency === 'USD') &&
				createdSince(payment, sentAt),
			itemIndex,
		}).catch((error: unknown) => {
			throw explainCardRefusal(error, orderReference);
		});
		if (typeof answer.cardPaymentLink !== 'string' || answer.cardPaymentLink === '') {
			// The answer was lost but the payment was found by its reference: it exists (and is ours), but
			// the link cannot be looked up, and without the link the customer cannot pay.
			throw new NodeOperationError(
				this.getNode(),
				`The card payment "${orderReference}" was started (ClickPesa reports status ${String(answer.status ?? 'unknown')}), but its card payment link was lost with ClickPesa's answer and cannot be looked up`,
				{
					itemIndex,
					description:
						'Nothing was charged: the customer pays only on the page behind the link. Start a new card payment under a new order reference, or find the link in the ClickPesa dashboard.',
				},
			);
		}
		return withClickPesaPaymentState({ ...answer, orderReference, sent: body });
	},
};
