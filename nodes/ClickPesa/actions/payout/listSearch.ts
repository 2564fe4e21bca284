import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { toNodeError } from '../../../shared/errors';
import { ClickPesaClient } from '../../transport';
import { listBanks, listLipaNambaProviders } from './directory';

/** The editor's lists of banks and Lipa Namba providers, loaded from ClickPesa through the node's transport. */

export async function searchBanks(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const banks = await listBanks(await ClickPesaClient.create(this, 1)).catch((error: unknown) => {
		throw toNodeError(this.getNode(), error);
	});
	const results = banks.map((bank) => ({ name: String(bank.name ?? bank.bic), value: String(bank.bic), description: String(bank.bic) }));
	return { results: matching(results, filter) };
}

export async function searchLipaNambaProviders(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const providers = await listLipaNambaProviders(await ClickPesaClient.create(this, 1)).catch((error: unknown) => {
		throw toNodeError(this.getNode(), error);
	});
	const results = providers.map((provider) => ({
		name: String(provider.name ?? provider.providerCode),
		value: String(provider.providerCode),
		description: `Provider code ${String(provider.providerCode)}`,
	}));
	return { results: matching(results, filter) };
}

/** Entries whose name or code contains the filter, ignoring case; sorted by name. */
function matching(results: INodeListSearchItems[], filter?: string): INodeListSearchItems[] {
	const wanted = (filter ?? '').trim().toLowerCase();
	return results
		.filter((result) => !wanted || result.name.toLowerCase().includes(wanted) || String(result.value).toLowerCase().includes(wanted))
		.sort((a, b) => a.name.localeCompare(b.name));
}
