// @ts-check
/**
 * Every example workflow in examples/ that starts with a Manual Trigger runs successfully in a real
 * n8n against the simulator, with the credentials `npm start` imports.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { startSimulator } = require('../../simulator');
const { N8nInstance, packPackage, removePackedTarballs, nodeOutput } = require('./support/n8n');
const { pinnedN8nVersions } = require('./support/versions');
const { simulatorCredentials } = require('./workflows');

const MINUTE = 60_000;
const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');
const examples = fs
	.readdirSync(EXAMPLES_DIR)
	.filter((file) => file.endsWith('.json'))
	.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) }));
const runnable = examples.filter(({ workflow }) => workflow.nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger'));

/** What each example must show beyond a successful run. */
const expectations = {
	'collect-ussd-payment.json': (run) => {
		const [result] = nodeOutput(run, 'Mark Order Paid');
		expect(result).toMatchObject({ paid: true, amount: 1500, paymentReference: expect.any(String) });
		expect(run.runData['Record Not Paid']).toBeUndefined();
	},
	'list-todays-payments.json': (run) => {
		const [total] = nodeOutput(run, 'Daily Total');
		// 60 seeded payments of 1,000, plus the 1,500 collected by collect-ussd-payment.json when it ran first.
		expect([60, 61]).toContain(total.count_orderReference);
		expect(total.sum_collectedAmount).toBe(60 * 1000 + (total.count_orderReference - 60) * 1500);
	},
	'send-checkout-link-mark-paid.json': (run) => {
		const [message] = nodeOutput(run, 'Send Link to Customer');
		expect(message).toMatchObject({ to: '255754000111', checkoutLink: expect.stringMatching(/\/clickpesa\/hosted\/checkout\//) });
		expect(message.message).toContain('TZS 31,000');
	},
	'daily-balance-statement.json': (run) => {
		const [summary] = nodeOutput(run, "Today's Statement");
		expect(summary).toMatchObject({ currency: 'TZS', closingBalance: expect.any(Number), transactionCount: expect.any(Number) });
	},
	'nightly-reconciliation.json': (run) => {
		const invoices = nodeOutput(run, 'Reconcile');
		expect(invoices.map((item) => item.reconciliation)).toEqual(['paid', 'partially paid', 'failed', 'unpaid']);
		expect(invoices[0]).toMatchObject({ amountPaid: 1000, fee: 29, netAmount: 971, payments: [expect.objectContaining({ paymentState: 'paid' })] });
		expect(invoices[1]).toMatchObject({ amountPaid: 600, outstandingAmount: 400 });
		const [summary] = nodeOutput(run, 'Summary');
		expect(summary.invoices).toBe(4);
		expect(summary.perState).toEqual({
			paid: { count: 1, expected: 1000, paid: 1000, outstanding: 0 },
			'partially paid': { count: 1, expected: 1000, paid: 600, outstanding: 400 },
			failed: { count: 1, expected: 1500, paid: 0, outstanding: 1500 },
			unpaid: { count: 1, expected: 2000, paid: 0, outstanding: 2000 },
		});
		expect(summary.exceptions.map((exception) => exception.invoiceNo)).toEqual(['INV2002', 'INV2003', 'INV2004']);
		// The 60 payments seeded for list-todays-payments.json (and those of the examples before) nobody billed here.
		expect(summary.unmatchedPayments).toBeGreaterThanOrEqual(60);
		const [nobody] = nodeOutput(run, 'Money Nobody Billed');
		expect(nobody.count).toBe(summary.unmatchedPayments);
		expect(nobody.total).toBe(summary.unmatchedTotal);
	},
	'unpaid-control-numbers-dunning.json': (run) => {
		expect(nodeOutput(run, 'Reconcile').map((item) => item.reconciliation)).toEqual(['unpaid', 'unpaid']);
		const reminders = nodeOutput(run, 'Send Reminder (SMS Stand-In)');
		expect(reminders.map((reminder) => [reminder.customerName, reminder.reminderNumber])).toEqual([
			['Asha Said', 3],
			['Juma Hassan', 1],
		]);
		expect(reminders[0].message).toContain('TZS 15,000 is still open on control number');
		const [deactivated] = nodeOutput(run, 'Deactivate Control Number');
		expect(deactivated).toMatchObject({ billPayNumber: reminders[0].billPayNumber, billStatus: 'INACTIVE' });
		expect(nodeOutput(run, 'Deactivate Control Number')).toHaveLength(1);
	},
	'clik2pay-open-requests.json': (run) => {
		expect(nodeOutput(run, 'Reconcile').map((item) => [item.reconciliation, item.paymentState, item.outstandingAmount])).toEqual([
			['open', 'pending', 25],
			['open', 'pending', 40],
		]);
		const cancelled = nodeOutput(run, 'Cancel');
		expect(cancelled).toEqual([expect.objectContaining({ status: 'CANCELLED', paymentState: 'cancelled', invoiceNumber: 'INV-3001' })]);
	},
};

/** @type {string} */
let tarball;
beforeAll(async () => {
	tarball = await packPackage();
}, 5 * MINUTE);
afterAll(() => removePackedTarballs());

test('every example is a workflow with an id of at most 21 characters and is listed in examples/README.md', () => {
	const readme = fs.readFileSync(path.join(EXAMPLES_DIR, 'README.md'), 'utf8');
	for (const { file, workflow } of examples) {
		expect(workflow.id.length).toBeLessThanOrEqual(21);
		expect(readme).toContain(`\`${file}\``);
	}
});

describe.each(pinnedN8nVersions())('examples in n8n %s', (version) => {
	let sim;
	/** @type {N8nInstance} */
	let n8n;

	beforeAll(async () => {
		sim = await startSimulator({ port: 0, clickpesa: { customerDelayMs: 1000 } });
		await sim.seedPayments({ count: 60, status: 'SUCCESS', prefix: 'TODAY', amount: '1000' });
		n8n = await N8nInstance.create({ version, tarball });
		await n8n.importCredentials(simulatorCredentials(sim));
		await n8n.importWorkflow(examples.map(({ workflow }) => workflow));
	}, 15 * MINUTE);

	afterAll(async () => {
		await n8n?.destroy();
		await sim?.stop();
	}, 2 * MINUTE);

	test.each(runnable.map(({ file, workflow }) => [file, workflow.id]))('%s runs against the simulator', async (file, id) => {
		const run = await n8n.execute(id);
		if (run.status !== 'success') throw new Error(`${file}: ${JSON.stringify(run.error ?? run.raw?.data?.resultData?.error)}`);
		expectations[file]?.(run);
	}, 5 * MINUTE);
});
