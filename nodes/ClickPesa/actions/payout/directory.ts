import type { IDataObject } from 'n8n-workflow';

import type { ClickPesaClient } from '../../transport';

/**
 * Who ClickPesa pays to: its banks and Lipa Namba providers, read by the editor's lists
 * (listSearch.ts) and by Payout → List Banks and List Lipa Namba Providers.
 */

/** GET /list/banks → [{ name, bic }] (docs/clickpesa-api.md §4.9). */
export async function listBanks(client: ClickPesaClient): Promise<IDataObject[]> {
	return await listOf(client, '/list/banks');
}

/** GET /payouts/lipa-namba-providers → [{ name, providerCode }] (docs/clickpesa-api.md §4.10). */
export async function listLipaNambaProviders(client: ClickPesaClient): Promise<IDataObject[]> {
	return await listOf(client, '/payouts/lipa-namba-providers');
}

async function listOf(client: ClickPesaClient, path: string): Promise<IDataObject[]> {
	const answer = await client.get(path);
	return (Array.isArray(answer) ? answer : []).filter((entry): entry is IDataObject => !!entry && typeof entry === 'object');
}
