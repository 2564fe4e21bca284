import type { IDataObject } from 'n8n-workflow';

import type { ClickPesaClient } from '../../transport';
import { explainPayoutReferenceConflict } from './payoutErrors';
import type { PayoutBody } from './payoutFields';

/**
 * A payout preview: what ClickPesa would take and pay (fee, total debited, balance, receiver,
 * exchange from USD). It moves no money and starts no cooldown (docs/clickpesa-api.md §8.4), so it
 * may be sent again after a transient failure. A used reference is refused here too (§3.1).
 */
export async function previewPayout(client: ClickPesaClient, path: string, body: PayoutBody): Promise<IDataObject> {
	return (await client.request({ method: 'POST', path, body, signed: true, idempotent: true }).catch((error: unknown) => {
		throw explainPayoutReferenceConflict(error, body.orderReference);
	})) as IDataObject;
}
