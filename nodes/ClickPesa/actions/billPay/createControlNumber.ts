import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ProviderError } from '../../../shared/providerError';
import type { ClickPesaClient } from '../../transport';
import { sendOnce } from '../../transport/sendOnce';
import { readReferenceReuse } from '../referenceReuse';
import type { BillKind } from './billItem';
import { referenceUsedMessage } from './billPayErrors';
import { readBillItem } from './billPayFields';

export const CREATE_PATHS: Record<BillKind, string> = {
	order: '/billpay/create-order-control-number',
	customer: '/billpay/create-customer-control-number',
};

/**
 * One control number for one item: checked, then sent once. With a bill reference (which is the
 * number) an unknown outcome is looked up; a number created earlier with the same reference but
 * other terms is not this run's success.
 */
export async function createControlNumber(
	context: IExecuteFunctions,
	client: ClickPesaClient,
	itemIndex: number,
	kind: BillKind,
): Promise<IDataObject> {
	const body = readBillItem(context, itemIndex, kind);
	const billReference = body.billReference as string | undefined;
	// Not signed: the BillPay schemas list no checksum field and whether ClickPesa accepts one is
	// unconfirmed (docs/clickpesa-api.md §4.7.1, §6.1), so we send only documented fields.
	return await sendOnce(client, {
		request: { method: 'POST', path: CREATE_PATHS[kind], body, signed: false },
		record: {
			named: `control number "${billReference ?? ''}"`,
			nothingSent: 'no control number was created',
			nothingExists: 'nothing was created',
			what: 'The control number',
			lookupHint: 'BillPay → Get',
			reference: billReference,
			referenceName: 'bill reference',
			referenceUsed: referenceUsedMessage(billReference),
		},
		lookUp: async (reference) => {
			const found = await findControlNumber(client, reference);
			return found ? [found] : undefined;
		},
		isThisRequest: (found) => matchesSent(body, found),
		onReferenceUsed: readReferenceReuse(context, itemIndex),
		describeOther: ([found]) => referenceTakenMessage(billReference ?? '', body, found),
	});
}

/** The control number a bill reference is (the reference is the number), or undefined when none exists. */
export async function findControlNumber(client: ClickPesaClient, reference: string): Promise<IDataObject | undefined> {
	const found = await client.get(`/billpay/${encodeURIComponent(reference)}`).catch((error: unknown) => {
		if (error instanceof ProviderError && error.status === 404) return undefined;
		throw error;
	});
	return found && typeof found === 'object' ? (found as IDataObject) : undefined;
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

export function referenceTakenMessage(billReference: string, sent: IDataObject, found: IDataObject): string {
	const amount = found.billAmount === null || found.billAmount === undefined ? 'no amount' : `amount ${String(found.billAmount)}`;
	const description = typeof found.billDescription === 'string' && found.billDescription ? `description "${found.billDescription}"` : 'no description';
	const customer = sent.customerName !== undefined ? `, customer "${String(found.billCustomerName ?? '')}"` : '';
	return `Bill reference "${billReference}" already belongs to another control number (${amount}, ${description}${customer})`;
}
