// @ts-check
/**
 * ClickPesa Payment → Refund and Clik2pay Payment Request → Wait for Payment in real n8n (every
 * pinned version), against the simulator. (Preview Refund and Refund behind an approval step run in
 * examples.e2e.test.js.)
 */
'use strict';

const { startSimulator } = require('../../simulator');
const { N8nInstance, packPackage, removePackedTarballs, nodeOutput } = require('./support/n8n');
const { pinnedN8nVersions } = require('./support/versions');
const { ourNode, itemsNode, chainWorkflow, simulatorCredentials } = require('./workflows');
const { createParams } = require('../integration/clik2pay.helpers');

const MINUTE = 60_000;
const CREATE_PAYOUT = 'clickpesa POST /payouts/create-mobile-money-payout';
const PREVIEW_PAYOUT = 'clickpesa POST /payouts/preview-mobile-money-payout';

/** @type {string} */
let tarball;
beforeAll(async () => {
	tarball = await packPackage();
}, 5 * MINUTE);
afterAll(() => removePackedTarballs());

/** Manual Trigger → Create → Wait for Payment, whose Not Paid and Paid outputs each lead to a node of their own. */
function waitWorkflow(id, merchantTransactionId) {
	const workflow = chainWorkflow(id, [
		ourNode('Create', 'clik2pay', createParams({ additionalFields: { merchantTransactionId } })),
		ourNode('Wait', 'clik2pay', { resource: 'paymentRequest', operation: 'waitForPayment', paymentRequestId: '={{ $json.id }}', timeoutSeconds: 30, options: { expectedAmount: 25 } }),
	]);
	const endNode = (name) => ({ id: `7e2e1111-0000-4000-8000-00000000000${name === 'Paid' ? 1 : 2}`, name, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} });
	workflow.nodes.push(endNode('Not Paid'), endNode('Paid'));
	workflow.connections.Wait = { main: [[{ node: 'Not Paid', type: 'main', index: 0 }], [{ node: 'Paid', type: 'main', index: 0 }]] };
	return workflow;
}

describe.each(pinnedN8nVersions())('ClickPesa Refund and Clik2pay Wait for Payment in n8n %s', (version) => {
	let sim;
	/** @type {N8nInstance} */
	let n8n;
	const run = Date.now().toString(36).toUpperCase();
	let paid = '';
	let failed = '';

	beforeAll(async () => {
		sim = await startSimulator({ port: 0, clickpesa: { customerDelayMs: null, payoutCooldownMs: 0, payoutDelayMs: null } });
		await sim.seedBalance('TZS', 1_000_000); // money to pay refunds out of, fees included
		[paid] = await sim.seedPayments({ count: 1, prefix: `RFP${run}`, amount: '3000', phoneNumber: '255754123456' });
		[failed] = await sim.seedPayments({ count: 1, prefix: `RFF${run}`, amount: '3000', status: 'FAILED' });
		n8n = await N8nInstance.create({ version, tarball });
		await n8n.start();
		await n8n.importCredentials(simulatorCredentials(sim));
		const refund = (extra = {}) => ({ resource: 'payment', operation: 'refund', orderReference: '={{ $json.ref }}', refundAmount: 'rest', reason: '={{ $json.reason }}', options: { payoutSpacingSeconds: 0 }, ...extra });
		await n8n.importWorkflow([
			chainWorkflow('e2eRefundPart', [
				itemsNode('Refunds', [{ ref: paid, reason: 'One item out of stock', amount: 1000 }]),
				ourNode('Refund', 'clickPesa', refund({ refundAmount: 'amount', amount: '={{ $json.amount }}' })),
			]),
			chainWorkflow('e2eRefundRest', [
				itemsNode('Refunds', [
					{ ref: failed, reason: 'Order cancelled' },
					{ ref: paid, reason: 'Order cancelled' },
				]),
				ourNode('Refund', 'clickPesa', refund(), { onError: 'continueErrorOutput' }),
			]),
			waitWorkflow('e2eC2pWaitPaid', `E2EWP${run}`),
			waitWorkflow('e2eC2pWaitFail', `E2EWF${run}`),
		]);
	}, 15 * MINUTE);

	afterAll(async () => {
		await n8n?.destroy();
		await sim?.stop();
	}, 2 * MINUTE);

	const count = async (route) => (await sim.stats()).counts[route]?.total ?? 0;

	test('Refund: part, then the rest; run again it refunds nothing and says so; a failed payment goes to the error output before any money call', async () => {
		const part = await n8n.execute('e2eRefundPart');
		if (part.status !== 'success') throw new Error(JSON.stringify(part.error));
		expect(nodeOutput(part, 'Refund')[0]).toMatchObject({
			refundReference: `${paid}RF01`,
			amount: 1000,
			refundedSoFar: 1000,
			leftToRefund: 2000,
			paymentState: 'paid',
			refund: { status: 'AUTHORIZED', beneficiary: { accountNumber: '255754123456' } },
		});

		const rest = await n8n.execute('e2eRefundRest');
		expect(rest.status).toBe('success');
		const [refunded] = nodeOutput(rest, 'Refund', 0);
		expect(refunded).toMatchObject({ refundReference: `${paid}RF02`, amount: 2000, refundedSoFar: 3000, leftToRefund: 0, paymentState: 'refunded' });
		const [refused] = nodeOutput(rest, 'Refund', 1);
		expect(refused.error).toBe(`Payment "${failed}" is FAILED, so nothing was refunded: only a payment that is SUCCESS or SETTLED can be refunded (item 0)`);
		expect(await count(CREATE_PAYOUT)).toBe(2);

		const previews = await count(PREVIEW_PAYOUT);
		const again = await n8n.execute('e2eRefundRest');
		expect(again.status).toBe('success');
		const [nothing] = nodeOutput(again, 'Refund', 0);
		expect(nothing).toMatchObject({ refundReference: null, amount: 0, refund: null, refundedSoFar: 3000, paymentState: 'refunded' });
		expect(nothing.message).toBe(`Nothing was refunded: payment "${paid}" (3000 TZS) is already refunded in full (3000 TZS in 2 refunds)`);
		expect(await count(CREATE_PAYOUT)).toBe(2);
		expect(await count(PREVIEW_PAYOUT)).toBe(previews);
	}, 5 * MINUTE);

	/** Acts as the payer of the request with this merchant transaction ID once it exists (while the workflow waits). */
	const payerActs = async (merchantTransactionId, actions) => {
		for (let tries = 0; tries < 200; tries++) {
			const request = sim.overview().clik2pay.paymentRequests.find((candidate) => candidate.merchantTransactionId === merchantTransactionId);
			if (request) {
				for (const action of actions) await sim.clik2payPayerAction(request.id, action);
				return;
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		throw new Error(`no payment request ${merchantTransactionId} appeared`);
	};

	test('Clik2pay Wait for Payment: a request paid while the workflow waits leaves on Paid; a failed one on Not Paid', async () => {
		const [paidRun] = await Promise.all([n8n.execute('e2eC2pWaitPaid'), payerActs(`E2EWP${run}`, ['follow-link', 'pay'])]);
		if (paidRun.status !== 'success') throw new Error(JSON.stringify(paidRun.error));
		expect(nodeOutput(paidRun, 'Wait', 1)).toEqual([expect.objectContaining({ outcome: 'paid', status: 'PAID', paymentState: 'paid', amount: 25 })]);
		expect(nodeOutput(paidRun, 'Wait', 0)).toEqual([]);
		expect(nodeOutput(paidRun, 'Paid')).toHaveLength(1);

		const [failedRun] = await Promise.all([n8n.execute('e2eC2pWaitFail'), payerActs(`E2EWF${run}`, ['fail'])]);
		expect(failedRun.status).toBe('success');
		expect(nodeOutput(failedRun, 'Wait', 0)).toEqual([
			expect.objectContaining({ outcome: 'failed', status: 'FAILED', paymentState: 'failed', outcomeReason: 'Clik2pay reports the payment request FAILED' }),
		]);
		expect(nodeOutput(failedRun, 'Not Paid')).toHaveLength(1);
		expect(failedRun.runData.Paid).toBeUndefined();
	}, 5 * MINUTE);
});
