import type { IDataObject } from 'n8n-workflow';

import { ProviderError } from '../../../shared/providerError';
import type { ClickPesaClient } from '../../transport';

/**
 * GET /payouts/{orderReference}: ClickPesa answers with an array; 404 means no such payout
 * (undefined) (docs/clickpesa-api.md §3.6, §4.11).
 */
export async function findPayouts(client: ClickPesaClient, orderReference: string): Promise<IDataObject[] | undefined> {
	const answer = await client
		.get(`/payouts/${encodeURIComponent(orderReference)}`)
		.catch((error: unknown) => (error instanceof ProviderError && error.status === 404 ? undefined : Promise.reject(error)));
	if (answer === undefined) return undefined;
	if (Array.isArray(answer)) return answer as IDataObject[];
	return answer && typeof answer === 'object' ? [answer as IDataObject] : [];
}

/**
 * The transfer type ClickPesa applied to a bank payout: it decides it itself (docs/clickpesa-api.md
 * §4.9, §9 item 13), and older versions call it `settlementType` (§4.11).
 */
export function withAppliedTransferType(payout: IDataObject): IDataObject {
	const applied = payout.transferType ?? payout.settlementType;
	return applied === undefined ? payout : { ...payout, transferType: applied };
}
