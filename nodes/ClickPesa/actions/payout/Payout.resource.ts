import { MOVES_MONEY } from '../../../shared/moneyGuard';
import type { INodeProperties } from 'n8n-workflow';

import { createBank } from './createBank.operation';
import { createLipaNamba } from './createLipaNamba.operation';
import { createMobileMoney } from './createMobileMoney.operation';
import { get } from './get.operation';
import { getMany } from './getMany.operation';
import { listBanks } from './listBanks.operation';
import { listLipaNambaProviders } from './listLipaNambaProviders.operation';
import { previewBank } from './previewBank.operation';
import { previewLipaNamba } from './previewLipaNamba.operation';
import { previewMobileMoney } from './previewMobileMoney.operation';
import { verifyBankAccount } from './verifyBankAccount.operation';

export const payoutOperations = {
	previewMobileMoney,
	createMobileMoney,
	previewBank,
	createBank,
	previewLipaNamba,
	createLipaNamba,
	verifyBankAccount,
	get,
	getMany,
	listBanks,
	listLipaNambaProviders,
};

export const payoutDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payout'] } },
		options: [
			{
				name: 'Create Bank Payout',
				value: 'createBank',
				description: 'Send money from your ClickPesa balance to a bank account: money leaves the account',
				action: `Create a bank payout${MOVES_MONEY}`,
			},
			{
				name: 'Create Lipa Namba Payout',
				value: 'createLipaNamba',
				description: 'Pay a merchant by Lipa Namba or TanQR code from your ClickPesa balance: money leaves the account',
				action: `Create a lipa namba payout${MOVES_MONEY}`,
			},
			{
				name: 'Create Mobile Money Payout',
				value: 'createMobileMoney',
				description: 'Send money from your ClickPesa balance to a mobile-money number: money leaves the account',
				action: `Create a mobile money payout${MOVES_MONEY}`,
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Look a payout up by its order reference',
				action: 'Get a payout',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List payouts with filters',
				action: 'Get many payouts',
			},
			{
				name: 'List Banks',
				value: 'listBanks',
				description: 'The banks ClickPesa pays to, with the BIC a bank payout needs',
				action: 'List banks',
			},
			{
				name: 'List Lipa Namba Providers',
				value: 'listLipaNambaProviders',
				description: 'The networks and banks of Lipa Namba merchants, with the provider code a Lipa Namba payout needs',
				action: 'List lipa namba providers',
			},
			{
				name: 'Preview Bank Payout',
				value: 'previewBank',
				description: 'See the fee, the total debited, the balance and the account holder’s name, without paying',
				action: 'Preview a bank payout',
			},
			{
				name: 'Preview Lipa Namba Payout',
				value: 'previewLipaNamba',
				description: 'See the fee, the total debited, the balance and the merchant’s name, without paying',
				action: 'Preview a lipa namba payout',
			},
			{
				name: 'Preview Mobile Money Payout',
				value: 'previewMobileMoney',
				description: 'See the fee, the total debited, the balance and the receiver’s name, without paying',
				action: 'Preview a mobile money payout',
			},
			{
				name: 'Verify Bank Account',
				value: 'verifyBankAccount',
				description: 'Ask the bank for the name of an account holder',
				action: 'Verify a bank account',
			},
		],
		default: 'previewMobileMoney',
	},
	...previewMobileMoney.description,
	...createMobileMoney.description,
	...previewBank.description,
	...createBank.description,
	...previewLipaNamba.description,
	...createLipaNamba.description,
	...verifyBankAccount.description,
	...get.description,
	...getMany.description,
];
