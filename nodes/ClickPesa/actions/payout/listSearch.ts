import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { toNodeError } from '../../../shared/errors';
import { ClickPesaClient } from '../../transport';

/** The editor's lists of banks and Lipa Namba providers, loaded from ClickPesa through the node's transport. */

export async function searchBanks(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	// GET /list/banks → [{ name, bic }] (docs/clickpesa-api.md §4.9)
	const banks = await listOf(this, '/list/banks');
	const results = banks.map((bank) => ({ name: String(bank.name ?? bank.bic), value: String(bank.bic), description: String(bank.bic) }));
	return { results: matching(results, filter) };
}

export async function searchLipaNambaProviders(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	// GET /payouts/lipa-namba-providers → [{ name, providerCode }] (docs/clickpesa-api.md §4.10)
	const providers = await listOf(this, '/payouts/lipa-namba-providers');
	const results = providers.map((provider) => ({
		name: String(provider.name ?? provider.providerCode),
		value: String(provider.providerCode),
		description: `Provider code ${String(provider.providerCode)}`,
	}));
	return { results: matching(results, filter) };
}

async function listOf(context: ILoadOptionsFunctions, path: string): Promise<IDataObject[]> {
	const client = await ClickPesaClient.create(context, 1);
	const answer = await client.get(path).catch((error: unknown) => {
		throw toNodeError(context.getNode(), error);
	});
	return (Array.isArray(answer) ? answer : []).filter((entry): entry is IDataObject => !!entry && typeof entry === 'object');
}

/** Entries whose name or code contains the filter, ignoring case; sorted by name. */
function matching(results: INodeListSearchItems[], filter?: string): INodeListSearchItems[] {
	const wanted = (filter ?? '').trim().toLowerCase();
	return results
		.filter((result) => !wanted || result.name.toLowerCase().includes(wanted) || String(result.value).toLowerCase().includes(wanted))
		.sort((a, b) => a.name.localeCompare(b.name));
}
