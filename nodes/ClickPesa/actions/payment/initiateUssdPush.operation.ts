import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { outcomeUnknown } from '../../../shared/httpFailure';
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
		const sentAt = Date.now();
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
				if (outcomeUnknown(failure)) return await recoverUnknownOutcome(node, client, body, sentAt, error);
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
	sent: IDataObject & { orderReference: string },
	sentAt: number,
	original: NodeApiError,
): Promise<IDataObject> {
	const { orderReference } = sent;
	const found = await findPayments(client, orderReference).catch(() => {
		throw retold(
			node,
			original,
			`${original.message}. Whether the payment prompt was sent is unknown and the status lookup failed too: check Payment → Get Status for "${orderReference}" before sending it again`,
		);
	});
	if (!found || found.length === 0) {
		throw retold(
			node,
			original,
			`${original.message}. No payment with order reference "${orderReference}" exists, so nothing was sent to the customer; it is safe to run the item again with the same reference`,
		);
	}
	const ours = found.find((payment) => isThisRequest(payment, sent, sentAt));
	if (ours) return ours;
	throw retold(
		node,
		original,
		`${original.message}. Order reference "${orderReference}" already belongs to an earlier payment (amount ${String(found[0].collectedAmount)}, created ${String(found[0].createdAt)}), so this request's outcome is unknown: check Payment → Get Status before sending it again, or use a new reference`,
	);
}

/** Clocks may differ between n8n and ClickPesa: a payment created this long before we sent still counts as ours. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Whether a payment found by reference is the one this request created, not an older payment that
 * happens to use the same reference: same amount, same phone when ClickPesa reports it, created
 * after we sent (within clock skew).
 */
function isThisRequest(payment: IDataObject, sent: IDataObject, sentAt: number): boolean {
	if (Number(payment.collectedAmount) !== Number(sent.amount)) return false;
	if (payment.paymentPhoneNumber && payment.paymentPhoneNumber !== sent.phoneNumber) return false;
	const createdAt = Date.parse(String(payment.createdAt ?? ''));
	return Number.isNaN(createdAt) || createdAt >= sentAt - CLOCK_SKEW_MS;
}
