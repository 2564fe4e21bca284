import type { ClickPesaOperation } from '../types';
import { listBanks as readBanks } from './directory';

export const listBanks: ClickPesaOperation = {
	description: [],

	async execute(client) {
		// Each bank becomes its own item: { name, bic }.
		return await readBanks(client);
	},
};
