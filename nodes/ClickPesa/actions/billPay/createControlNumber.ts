import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { outcomeUnknown } from '../../../shared/httpFailure';
import { failureOf, retold } from '../../../shared/providerApiError';
import type { ClickPesaClient } from '../../transport';
import type { BillKind } from './billItem';
import { explainCreateFailure, unknownOutcomeMessage } from './billPayErrors';
import { readBillItem } from './billPayFields';

export const CREATE_PATHS: Record<BillKind, string> = {
	order: '/billpay/create-order-control-number',
	customer: '/billpay/create-customer-control-number',
};

/** One control number for one item: checked, then sent once. */
export async function createControlNumber(
	context: IExecuteFunctions,
	client: ClickPesaClient,
	itemIndex: number,
	kind: BillKind,
): Promise<IDataObject> {
	const body = readBillItem(context, itemIndex, kind);
	const billReference = body.billReference as string | undefined;
	const node = context.getNode();
	// Not signed: the BillPay schemas list no checksum field and whether ClickPesa accepts one is
	// unconfirmed (fact sheet §4.7, §6.1), so we send only documented fields. Sent once: a failure
	// with an unknown outcome is looked up or explained, never retried blindly.
	return (await client
		.request({ method: 'POST', path: CREATE_PATHS[kind], body, signed: false, idempotent: false })
		.catch(async (error: unknown) => {
			const failure = failureOf(error);
			if (error instanceof NodeApiError && failure && outcomeUnknown(failure) && billReference) {
				return await recoverUnknownOutcome(node, client, billReference, error);
			}
			throw explainCreateFailure(node, error, billReference);
		})) as IDataObject;
}

/**
 * After a timeout, a dropped connection, a 5xx or an unreadable answer the number may or may not exist. With a bill
 * reference (which is the number) it is looked up instead of being sent again.
 */
async function recoverUnknownOutcome(
	node: INode,
	client: ClickPesaClient,
	billReference: string,
	original: NodeApiError,
): Promise<IDataObject> {
	const found = await client.get(`/billpay/${encodeURIComponent(billReference)}`).catch((error: unknown) => {
		if (failureOf(error)?.status === 404) return undefined;
		throw retold(node, original, `${original.message}. ${unknownOutcomeMessage([billReference], 'The control number')}`);
	});
	if (found && typeof found === 'object') return found as IDataObject;
	throw retold(
		node,
		original,
		`${original.message}. No control number "${billReference}" exists, so nothing was created; it is safe to run the item again with the same reference`,
	);
}
