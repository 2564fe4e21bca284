import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { isTransient } from '../../../shared/httpFailure';
import { failureOf, retold } from '../../../shared/providerApiError';
import type { ClickPesaClient } from '../../transport';
import type { ClickPesaOperation } from '../types';
import { explainReferenceConflict } from './conflict';
import { findPayments } from './findPayment';
import { readUssdPushBody, ussdPushFields } from './ussdPushFields';

export const initiateUssdPush: ClickPesaOperation = {
	description: showOnlyFor({ resource: ['payment'], operation: ['initiateUssdPush'] }, ussdPushFields(true)),

	async execute(client, itemIndex) {
		const body = readUssdPushBody(this, itemIndex, true);
		const node = this.getNode();
		// Sent once: a money-moving POST is never repeated automatically.
		return (await client
			.request({ method: 'POST', path: '/payments/initiate-ussd-push-request', body, signed: true, idempotent: false })
			.catch(async (error: unknown) => {
				const failure = failureOf(error);
				if (!(error instanceof NodeApiError) || !failure) throw error;
				if (failure.status === 429) {
					throw retold(
						node,
						error,
						`${error.message}. ClickPesa did not accept the request, so no prompt was sent; run the item again later with the same reference`,
					);
				}
				if (isTransient(failure)) return await recoverUnknownOutcome(node, client, body.orderReference, error);
				throw explainReferenceConflict(node, error, body.orderReference);
			})) as IDataObject;
	},
};

/**
 * After a timeout, a dropped connection or a 5xx the push may or may not exist: it is looked up
 * by its reference rather than sent again.
 */
async function recoverUnknownOutcome(
	node: INode,
	client: ClickPesaClient,
	orderReference: string,
	original: NodeApiError,
): Promise<IDataObject> {
	const found = await findPayments(client, orderReference).catch(() => {
		throw retold(
			node,
			original,
			`${original.message}. Whether the payment prompt was sent is unknown and the status lookup failed too: check Payment → Get Status for "${orderReference}" before sending it again`,
		);
	});
	if (found && found.length > 0) return found[0];
	throw retold(
		node,
		original,
		`${original.message}. No payment with order reference "${orderReference}" exists, so nothing was sent to the customer; it is safe to run the item again with the same reference`,
	);
}
