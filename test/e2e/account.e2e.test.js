// @ts-check
/**
 * Account → Get Balance and Get Statement, and Exchange Rate → Get, in real n8n (every pinned
 * version), after the simulator has collected a payment and paid one out.
 */
'use strict';

const { startSimulator } = require('../../simulator');
const { N8nInstance, packPackage, removePackedTarballs, nodeOutput } = require('./support/n8n');
const { pinnedN8nVersions } = require('./support/versions');
const { ourNode, chainWorkflow, simulatorCredentials } = require('./workflows');

const MINUTE = 60_000;
const unique = (prefix) => `${prefix}${Date.now().toString(36).toUpperCase()}`;

let tarball;
beforeAll(async () => {
	tarball = await packPackage();
}, 5 * MINUTE);
afterAll(() => removePackedTarballs());

describe.each(pinnedN8nVersions())('account and exchange rates in n8n %s', (version) => {
	let sim;
	/** @type {N8nInstance} */
	let n8n;
	const collected = unique('ACCIN');
	const paidOut = unique('ACCOUT');

	beforeAll(async () => {
		sim = await startSimulator({ port: 0, clickpesa: { customerDelayMs: null, payoutCooldownMs: 0, payoutDelayMs: 100 } });
		n8n = await N8nInstance.create({ version, tarball });
		await n8n.start();
		await n8n.importCredentials(simulatorCredentials(sim));
		const today = new Date().toISOString().slice(0, 10);
		await n8n.importWorkflow([
			chainWorkflow('e2eAccountIn', [ourNode('Push', 'clickPesa', { resource: 'payment', operation: 'initiateUssdPush', amount: 100000, currency: 'TZS', orderReference: collected, phoneNumber: '0712 345 678' })]),
			chainWorkflow('e2eAccountOut', [ourNode('Payout', 'clickPesa', { resource: 'payout', operation: 'createMobileMoney', amount: 20000, currency: 'TZS', orderReference: paidOut, phoneNumber: '0754 123 456', options: { payoutSpacingSeconds: 0 } })]),
			chainWorkflow('e2eAccountRead', [
				ourNode('Balance', 'clickPesa', { resource: 'account', operation: 'getBalance' }),
				{ ...ourNode('Statement', 'clickPesa', { resource: 'account', operation: 'getStatement', currency: 'TZS', startDate: today, endDate: today, output: 'summary' }), executeOnce: true },
				{ ...ourNode('Rates', 'clickPesa', { resource: 'exchangeRate', operation: 'get', source: 'USD', target: 'TZS' }), executeOnce: true },
			]),
		]);
	}, 15 * MINUTE);

	afterAll(async () => {
		await n8n?.destroy();
		await sim?.stop();
	}, 2 * MINUTE);

	test('balance, statement summary and exchange rate after a collection and a payout', async () => {
		expect((await n8n.execute('e2eAccountIn')).status).toBe('success');
		await sim.completePayment(collected, 'SUCCESS');
		const payout = await n8n.execute('e2eAccountOut');
		if (payout.status !== 'success') throw new Error(JSON.stringify(payout.error));
		const run = await n8n.execute('e2eAccountRead');
		if (run.status !== 'success') throw new Error(JSON.stringify(run.error));
		const ledger = await sim.ledger();
		const account = ledger.accounts.find((entry) => entry.accountDetails?.currency === 'TZS' || entry.currency === 'TZS');
		const [balance] = nodeOutput(run.raw.data, 'Balance').filter((item) => item.currency === 'TZS');
		expect(balance.balance).toBe(account.accountDetails?.closingBalance ?? account.closingBalance);
		expect(balance.balance).toBeGreaterThan(0);
		expect(balance.balance).toBeLessThan(100000 - 20000);
		const [summary] = nodeOutput(run.raw.data, 'Statement');
		expect(summary).toMatchObject({ currency: 'TZS', closingBalance: balance.balance });
		expect(summary.totalCredits).toBeGreaterThanOrEqual(100000 - 10000);
		expect(summary.totalDebits).toBeGreaterThanOrEqual(20000);
		expect(nodeOutput(run.raw.data, 'Rates')).toEqual([expect.objectContaining({ source: 'USD', target: 'TZS', rate: 2500 })]);
	}, 5 * MINUTE);
});
