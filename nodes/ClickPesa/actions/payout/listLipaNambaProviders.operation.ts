import type { ClickPesaOperation } from '../types';
import { listLipaNambaProviders as readProviders } from './directory';

export const listLipaNambaProviders: ClickPesaOperation = {
	description: [],

	async execute(client) {
		// Each provider becomes its own item: { name, providerCode }.
		return await readProviders(client);
	},
};
