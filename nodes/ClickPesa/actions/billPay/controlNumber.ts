import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sameAmount } from '../../../shared/money';
import type { ClickPesaClient } from '../../transport';
import type { BillKind } from './billItem';
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
export async function sendControlNumber(
	context: IExecuteFunctions,
	client: ClickPesaClient,
	itemIndex: number,
	kind: BillKind,
): Promise<IDataObject> {
	const body = readBillItem(context, itemIndex, kind);
	// Not signed: the BillPay schemas list no checksum field and whether ClickPesa accepts one is
	// unconfirmed (docs/clickpesa-api.md §4.7.1, §6.1), so we send only documented fields.
	return await client.sendOnce({
		kind: 'controlNumber',
		request: { method: 'POST', path: CREATE_PATHS[kind], body, signed: false },
		isOurs: (found) => matchesSent(body, found),
		itemIndex,
	});
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

function sameText(sent: unknown, found: unknown): boolean {
	return typeof found === 'string' && found.trim() === String(sent).trim();
}
