import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ClickPesaClient } from '../../transport';
import type { BillKind } from './billItem';
import { explainCreateFailure } from './billPayErrors';
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
	const node = context.getNode();
	// Not signed: the BillPay schemas list no checksum field and whether ClickPesa accepts one is
	// unconfirmed (fact sheet §4.7, §6.1), so we send only documented fields. Sent once: a failure
	// with an unknown outcome is explained, never retried blindly.
	return (await client
		.request({ method: 'POST', path: CREATE_PATHS[kind], body, signed: false, idempotent: false })
		.catch((error: unknown) => {
			throw explainCreateFailure(node, error, body.billReference as string | undefined);
		})) as IDataObject;
}
