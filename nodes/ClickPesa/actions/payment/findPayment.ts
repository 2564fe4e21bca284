import type { IDataObject } from 'n8n-workflow';

import { ProviderError } from '../../../shared/providerError';
import type { ClickPesaClient } from '../../transport';

/** GET /payments/{orderReference}: ClickPesa answers with an array; 404 means no such payment (undefined). */
export async function findPayments(client: ClickPesaClient, orderReference: string): Promise<IDataObject[] | undefined> {
	const answer = await client
		.get(`/payments/${encodeURIComponent(orderReference)}`)
		.catch((error: unknown) => (error instanceof ProviderError && error.status === 404 ? undefined : Promise.reject(error)));
	if (answer === undefined) return undefined;
	if (Array.isArray(answer)) return answer as IDataObject[];
	return answer && typeof answer === 'object' ? [answer as IDataObject] : [];
}
