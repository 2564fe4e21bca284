import type { IDataObject } from 'n8n-workflow';

import type { ClickPesaClient } from '../../transport';

/**
 * GET /payments/{orderReference} through the one find-by-reference (ClickPesaClient.findByReference).
 * Kept only for resumeOnCallback.ts, which is being changed in parallel (issue #24); call
 * client.findByReference('payments', …) instead, and remove this file once that change has landed.
 */
export async function findPayments(client: ClickPesaClient, orderReference: string): Promise<IDataObject[] | undefined> {
	return await client.findByReference('payments', orderReference);
}
