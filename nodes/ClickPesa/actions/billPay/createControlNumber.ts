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
				return await recoverUnknownOutcome(node, client, body, billReference, error);
			}
			throw explainCreateFailure(node, error, billReference);
		})) as IDataObject;
}

/**
 * After a timeout, a dropped connection, a 5xx or an unreadable answer the number may or may not
 * exist. With a bill reference (which is the number) it is looked up instead of being sent again,
 * and accepted as this request's result only if it matches what was sent: a number created earlier
 * with the same reference (another term, another amount) is not this run's success.
 */
async function recoverUnknownOutcome(
	node: INode,
	client: ClickPesaClient,
	sent: IDataObject,
	billReference: string,
	original: NodeApiError,
): Promise<IDataObject> {
	const found = await client.get(`/billpay/${encodeURIComponent(billReference)}`).catch((error: unknown) => {
		if (failureOf(error)?.status === 404) return undefined;
		throw retold(node, original, `${original.message}. ${unknownOutcomeMessage([billReference], 'The control number')}`);
	});
	if (found && typeof found === 'object') {
		if (matchesSent(sent, found as IDataObject)) return found as IDataObject;
		throw retold(node, original, `${original.message}. ${referenceTakenMessage(billReference, sent, found as IDataObject)}`);
	}
	throw retold(
		node,
		original,
		`${original.message}. No control number "${billReference}" exists, so nothing was created; it is safe to run the item again with the same reference`,
	);
}

/** The fields GET /billpay/{n} returns that we can compare with what was sent (only those sent are compared). */
export function matchesSent(sent: IDataObject, found: IDataObject): boolean {
	if (sent.billAmount !== undefined && !sameAmount(sent.billAmount, found.billAmount)) return false;
	if (sent.billDescription !== undefined && !sameText(sent.billDescription, found.billDescription)) return false;
	if (sent.customerName !== undefined && !sameText(sent.customerName, found.billCustomerName)) return false;
	if (sent.billPaymentMode !== undefined && typeof found.billPaymentMode === 'string' && found.billPaymentMode !== sent.billPaymentMode) {
		return false;
	}
	return true;
}

function sameAmount(sent: unknown, found: unknown): boolean {
	if (found === null || found === undefined || found === '') return false;
	const a = Number(sent);
	const b = Number(found);
	return Number.isFinite(a) && Number.isFinite(b) && Math.round(a * 100) === Math.round(b * 100);
}

function sameText(sent: unknown, found: unknown): boolean {
	return typeof found === 'string' && found.trim() === String(sent).trim();
}

function referenceTakenMessage(billReference: string, sent: IDataObject, found: IDataObject): string {
	const amount = found.billAmount === null || found.billAmount === undefined ? 'no amount' : `amount ${String(found.billAmount)}`;
	const description = typeof found.billDescription === 'string' && found.billDescription ? `description "${found.billDescription}"` : 'no description';
	const customer = sent.customerName !== undefined ? `, customer "${String(found.billCustomerName ?? '')}"` : '';
	return `Bill reference "${billReference}" already belongs to another control number (${amount}, ${description}${customer}); the outcome of this request is unknown — check with Get before sending it again`;
}
