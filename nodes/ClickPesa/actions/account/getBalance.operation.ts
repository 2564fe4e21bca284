import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ProviderError } from '../../../shared/providerError';
import { amountOf } from '../simplify';
import type { ClickPesaOperation } from '../types';

/**
 * docs/clickpesa-api.md §4.14: a merchant without a balance account yet gets 404 "No balance
 * account is linked to this merchant yet…" (formerly "Account not found"). That is an answer, not
 * a failure: it becomes one item `{ balanceAvailable: false, message }`. Any other 404 (e.g. a wrong
 * Base URL) still fails.
 */
const NO_BALANCE_ACCOUNT = /no balance account|account not found/i;

export const getBalance: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['account'], operation: ['getBalance'] } }, []),

	async execute(client) {
		const answer = await client.get('/account/balance').catch((error: unknown) => {
			if (error instanceof ProviderError && error.status === 404 && NO_BALANCE_ACCOUNT.test(error.message)) {
				const body = error.failure.body as IDataObject | undefined;
				const message = typeof body?.message === 'string' ? body.message : 'No balance account is linked to this merchant yet';
				return { noAccount: message };
			}
			throw error;
		});
		if (answer && typeof answer === 'object' && 'noAccount' in answer) {
			return { balanceAvailable: false, message: (answer as { noAccount: string }).noAccount };
		}
		// One item per currency; `balance` as a number whatever type ClickPesa sent.
		const list = (Array.isArray(answer) ? answer : answer && typeof answer === 'object' ? [answer] : []) as IDataObject[];
		return list.map((entry) => ({ ...entry, balance: amountOf(entry.balance) ?? entry.balance, balanceAvailable: true }));
	},
};
