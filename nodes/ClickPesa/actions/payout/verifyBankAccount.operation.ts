import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { ProviderError } from '../../../shared/providerError';
import type { ClickPesaClient } from '../../transport';
import type { ClickPesaOperation } from '../types';
import { accountNumberField, bankField, readBankAccount } from './payoutFields';

const properties: INodeProperties[] = [bankField, accountNumberField];

export const verifyBankAccount: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['payout'], operation: ['verifyBankAccount'] } }, properties),

	async execute(client, itemIndex) {
		const account = readBankAccount(this, itemIndex);
		return { accountName: await verifiedAccountName(this, client, account, false), ...account };
	},
};

/**
 * The account holder's name as the bank reports it (docs/clickpesa-api.md §4.9). A lookup moves no
 * money, so it may be sent again after a transient failure. Not signed: the checksum is not
 * documented for this endpoint (§6.1).
 */
export async function verifiedAccountName(
	context: IExecuteFunctions,
	client: ClickPesaClient,
	account: { accountNumber: string; bic: string },
	beforePayout: boolean,
): Promise<string> {
	const node = context.getNode();
	const what = `Bank account "${account.accountNumber}" at ${account.bic}`;
	const answer = await client
		.request({ method: 'POST', path: '/payouts/verify-bank-account', body: account, idempotent: true })
		.catch((error: unknown) => {
			if (!(error instanceof ProviderError) || error.status !== 404) throw error;
			const outcome = beforePayout ? ', so no payout was sent' : '';
			throw error.retold(`${what} was not found by the bank’s name lookup${outcome}: check the account number and the bank`);
		});
	const accountName = (answer as { accountName?: unknown } | undefined)?.accountName;
	if (typeof accountName !== 'string' || accountName.trim() === '') {
		const outcome = beforePayout ? '; no payout was sent: give the Account Name yourself' : '';
		throw new NodeOperationError(node, `ClickPesa answered no account name for ${what}${outcome}`);
	}
	return accountName.trim();
}
