// @ts-check
/**
 * Every example workflow in examples/ that starts with a Manual Trigger runs successfully in a real
 * n8n against the simulator, with the credentials `npm start` imports, started as the editor's
 * "Execute workflow" starts it. An example that waits for a person in an n8n Form (Wait "On Form
 * Submitted": the refund run's approval page, the payout run's large payouts) is started the same way;
 * it stops waiting in n8n's database, and the test submits the form as the person's browser does (the
 * refund approval walked with clicks: test/browser/firstHour.js).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { startSimulator } = require('../../simulator');
const { N8nInstance, packPackage, removePackedTarballs, nodeOutput, httpRequest, waitFor } = require('./support/n8n');
const { pinnedN8nVersions } = require('./support/versions');
const { simulatorCredentials } = require('./workflows');

const MINUTE = 60_000;
const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');
const examples = fs
	.readdirSync(EXAMPLES_DIR)
	.filter((file) => file.endsWith('.json'))
	.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) }));
/** Waits for a webhook call or a form (Wait node "On Webhook Call" / "On Form Submitted"): run by the approval tests, which resume it. */
const waitsForCall = (workflow) => workflow.nodes.some((node) => node.type === 'n8n-nodes-base.wait' && ['webhook', 'form'].includes(node.parameters.resume));
const manual = examples.filter(({ workflow }) => workflow.nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger'));
/** Parks until a checkout link is paid (Wait for Payment, Resume on Callback): walked with clicks in test/browser/firstHour.js (n8n 2.39+). */
const parksUntilPaid = (workflow) => workflow.nodes.some((node) => node.parameters?.operation === 'waitForPayment' && node.parameters.waitMode === 'callback');
const runnable = manual.filter(({ workflow }) => !waitsForCall(workflow) && !parksUntilPaid(workflow));

const APPROVAL_EXAMPLE = 'refund-run-with-approval.json';
const FORM_APPROVAL_EXAMPLE = 'payout-run-form-approval.json';
/** The simulator's payout cooldown in this suite, and the example's Payout Spacing set to match (60 s in the file). */
const PAYOUT_COOLDOWN_MS = 1000;
const PAYOUT_ROUTES = { preview: 'clickpesa POST /payouts/preview-mobile-money-payout', create: 'clickpesa POST /payouts/create-mobile-money-payout' };

/** The workflow as imported: only the approval example's payout spacing is scaled down to the simulator's cooldown. */
function asImported({ file, workflow }) {
	if (file !== APPROVAL_EXAMPLE && file !== FORM_APPROVAL_EXAMPLE) return workflow;
	const copy = structuredClone(workflow);
	for (const create of copy.nodes.filter((node) => ['refund', 'createMobileMoney'].includes(node.parameters.operation))) {
		create.parameters.options = { ...create.parameters.options, payoutSpacingSeconds: PAYOUT_COOLDOWN_MS / 1000 };
	}
	return copy;
}

/**
 * Submits an n8n Form as a browser does (multipart/form-data, the fields named field-0, field-1, …).
 * @param {string} url @param {string[]} values
 */
async function submitForm(url, values) {
	const boundary = `----n8nForm${Date.now()}`;
	const body = values.map((value, index) => `--${boundary}\r\nContent-Disposition: form-data; name="field-${index}"\r\n\r\n${value}\r\n`).join('') + `--${boundary}--\r\n`;
	return await httpRequest(url, { method: 'POST', body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

/** What each example must show beyond a successful run. */
const expectations = {
	'collect-ussd-payment.json': (run) => {
		const [result] = nodeOutput(run, 'Mark Order Paid');
		expect(result).toMatchObject({ paid: true, amount: 1500, paymentReference: expect.any(String) });
		expect(run.runData['Record Not Paid']).toBeUndefined();
	},
	'list-todays-payments.json': (run, { seededOn }) => {
		const [total] = nodeOutput(run, 'Daily Total');
		// 60 payments of 1,000 seeded before the suite, plus the 1,500 collected by collect-ussd-payment.json
		// when it ran first; the example lists the UTC day it runs on, so a suite that passed midnight
		// after seeding finds only what was paid since.
		const seeded = String(run.raw.startedAt).slice(0, 10) === seededOn ? 60 : 0;
		expect([seeded, seeded + 1]).toContain(total?.count_orderReference ?? 0);
		expect(total?.sum_collectedAmount ?? 0).toBe(seeded * 1000 + ((total?.count_orderReference ?? 0) - seeded) * 1500);
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
	'clickpesa-school-fees-plan.json': (run) => {
		const plans = nodeOutput(run, 'Demo: Create Plans');
		expect(plans.map((plan) => [plan.totalAmount, plan.instalments.length])).toEqual([[300000, 3], [450000, 3], [300000, 3]]);
		const status = nodeOutput(run, 'Get Status');
		expect(status.map((plan) => [plan.planStatus, plan.paidToDate, plan.nextDueAmount])).toEqual([
			['on track', 0, 100000],
			['on track', 0, 150000],
			['on track', 0, 100000],
		]);
		const reminders = nodeOutput(run, 'Reminder (SMS Stand-In)');
		expect(reminders).toHaveLength(3);
		expect(reminders[0].message).toBe(`Next school fees instalment: TZS 100,000 due on ${plans[0].instalments[0].dueDate}. Pay to control number ${plans[0].planReference}.`);
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
	/** The UTC day the simulator's payments of "today" were seeded on. */
	let seededOn = '';
	/** @type {N8nInstance} */
	let n8n;

	beforeAll(async () => {
		sim = await startSimulator({ port: 0, clickpesa: { customerDelayMs: 1000, payoutCooldownMs: PAYOUT_COOLDOWN_MS, payoutDelayMs: null } });
		await sim.seedBalance('TZS', 1_000_000); // money to pay refunds out of
		seededOn = new Date().toISOString().slice(0, 10);
		await sim.seedPayments({ count: 60, status: 'SUCCESS', prefix: 'TODAY', amount: '1000' });
		n8n = await N8nInstance.create({ version, tarball });
		await n8n.start();
		await n8n.importCredentials(simulatorCredentials(sim));
		await n8n.importWorkflow(examples.map(asImported));
	}, 15 * MINUTE);

	afterAll(async () => {
		await n8n?.destroy();
		await sim?.stop();
	}, 2 * MINUTE);

	test.each(runnable.map(({ file, workflow }) => [file, workflow.id]))('%s runs against the simulator', async (file, id) => {
		const run = await n8n.execute(id);
		if (run.status !== 'success') throw new Error(`${file}: ${JSON.stringify(run.error ?? run.raw?.data?.resultData?.error)}`);
		expectations[file]?.(run, { seededOn });
	}, 5 * MINUTE);

	test(`${APPROVAL_EXAMPLE}: previews the refunds, waits, and refunds only after the approval call`, async () => {
		const { workflow } = examples.find(({ file }) => file === APPROVAL_EXAMPLE);
		const count = async (route) => (await sim.stats()).counts[route]?.total ?? 0;
		const statusOf = async (id) => (await n8n.executions()).find((row) => row.id === Number(id))?.status;
		/** Submits the approval page as its script does: a radio button's choice goes as a JSON list. */
		const decide = async (url, decision) => (await submitForm(url, [JSON.stringify([decision])])).status;

		/** One run up to the approval step: customers paid, refunds previewed and checked, waiting in n8n's database, nothing refunded. */
		const runUntilApproval = async () => {
			const previewsBefore = await count(PAYOUT_ROUTES.preview);
			const createsBefore = await count(PAYOUT_ROUTES.create);
			const payoutsBefore = sim.ledger().payouts.total;
			const run = await n8n.execute(workflow.id);
			expect(run.status).toBe('waiting');
			const previews = nodeOutput(run, 'Preview Refund');
			expect(previews.map((preview) => [preview.amount, preview.amountPaid, preview.refundedSoFar, preview.paymentState, preview.refundReference])).toEqual([
				[12000, 12000, 0, 'paid', `${previews[0].orderReference}RF01`],
				[7500, 7500, 0, 'paid', `${previews[1].orderReference}RF01`],
				[4250, 4250, 0, 'paid', `${previews[2].orderReference}RF01`],
			]);
			expect(previews.map((preview) => preview.phoneNumber)).toEqual(['255712345678', '255754123456', '255687654321']);
			const [check] = nodeOutput(run, 'Check Total');
			expect(check).toMatchObject({ count: 3, fees: 900, balance: expect.any(Number) });
			expect(check.total).toBe(12000 + 7500 + 4250 + check.fees);
			expect(check.balance).toBeGreaterThanOrEqual(check.total);
			// 2.x signs the address (?signature=…); 1.x does not.
			const executionId = /\/form-waiting\/(\d+)(?:[/?]|$)/.exec(check.approvalPage)?.[1];
			const page = await httpRequest(check.approvalPage);
			expect(page.status).toBe(200);
			for (const preview of previews) expect(page.body).toContain(preview.orderReference);
			expect(page.body).toContain('Approve: pay these refunds');
			expect(executionId).toBeDefined();
			expect(run.runData['Refund']).toBeUndefined();
			expect(await count(PAYOUT_ROUTES.preview)).toBe(previewsBefore + 3);
			expect(await statusOf(executionId)).toBe('waiting');
			expect(await count(PAYOUT_ROUTES.create)).toBe(createsBefore);
			expect(sim.ledger().payouts.total).toBe(payoutsBefore);
			return { check, previews, executionId, createsBefore, payoutsBefore };
		};

		// Rejected: the run ends as failed, saying so, and nothing is refunded.
		const declined = await runUntilApproval();
		expect(await decide(declined.check.approvalPage, 'Reject: pay nothing')).toBe(200);
		await waitFor(async () => (await statusOf(declined.executionId)) === 'error', { timeoutMs: MINUTE, what: 'the rejected refund run to end as failed' });
		const declinedData = (await n8n.executionData(declined.executionId)).resultData;
		expect(declinedData.runData['Refund']).toBeUndefined();
		expect(declinedData.runData['Rejected: Nothing Paid']?.[0]?.error?.message).toBe(`Rejected by the approver: none of the 3 refunds (TZS ${declined.check.total.toLocaleString('en-US')}) was paid`);
		expect(await count(PAYOUT_ROUTES.create)).toBe(declined.createsBefore);

		// Approved: each payment is refunded once, in full, after the call.
		const approved = await runUntilApproval();
		expect(await decide(approved.check.approvalPage, 'Approve: pay these refunds')).toBe(200);
		await waitFor(async () => (await statusOf(approved.executionId)) === 'success', { timeoutMs: 2 * MINUTE, what: 'the approved refund run to finish' });
		const results = nodeOutput(await n8n.executionData(approved.executionId), 'Record Result');
		expect(results.map((result) => [result.orderReference, result.refundReference, result.amount, result.status, result.paymentState, result.error])).toEqual(
			approved.previews.map((preview) => [preview.orderReference, `${preview.orderReference}RF01`, preview.amount, 'AUTHORIZED', 'refunded', '']),
		);
		expect(results.every((result) => /^PAY/.test(result.payoutId))).toBe(true);
		expect(await count(PAYOUT_ROUTES.create)).toBe(approved.createsBefore + 3); // one request each: the spacing kept them out of the cooldown
		expect(sim.ledger().payouts.total).toBe(approved.payoutsBefore + 3);
	}, 8 * MINUTE);

	test(`${FORM_APPROVAL_EXAMPLE}: the small payout is sent, each large one waits for the form; approved is sent with its code, rejected ends rejected`, async () => {
		const { workflow } = examples.find(({ file }) => file === FORM_APPROVAL_EXAMPLE);
		const createsBefore = (await sim.stats()).counts[PAYOUT_ROUTES.create]?.total ?? 0;
		const statusOf = async (id) => (await n8n.executions()).find((row) => row.id === Number(id))?.status;
		const run = await n8n.execute(workflow.id);
		expect(run.status).toBe('waiting');
		// Up to TZS 50,000 sent at once; the two larger payouts held with their code, nothing sent for them.
		expect(nodeOutput(run, 'Record Sent').map((item) => [item.orderReference, item.status, item.error])).toEqual([['SUPPLIERRUN1A', 'AUTHORIZED', '']]);
		const held = nodeOutput(run, 'Pay Out', 1);
		expect(held.map((item) => [item.status, item.reference, item.amount, item.moneyMoved])).toEqual([
			['NEEDS_APPROVAL', 'SUPPLIERRUN1B', 80000, false],
			['NEEDS_APPROVAL', 'SUPPLIERRUN1C', 120000, false],
		]);
		const [first] = nodeOutput(run, 'Ask Approver');
		expect(first).toMatchObject({ orderReference: 'SUPPLIERRUN1B', amount: 80000, approvalCode: held[0].approvalCode });
		const executionId = /\/form-waiting\/(\d+)/.exec(first.formUrl)?.[1];
		expect(executionId).toBeDefined();
		expect(sim.overview().clickpesa.payouts.map((payout) => payout.orderReference).filter((reference) => reference.startsWith('SUPPLIERRUN'))).toEqual(['SUPPLIERRUN1A']);

		// The person opens the form and approves the first; the loop then waits again for the second.
		expect((await httpRequest(first.formUrl)).status).toBe(200);
		expect((await submitForm(first.formUrl, ['Approve'])).status).toBe(200);
		let second;
		await waitFor(
			async () => {
				const runs = (await n8n.executionData(executionId)).resultData.runData['Ask Approver'] ?? [];
				second = runs.length === 2 && (await statusOf(executionId)) === 'waiting' ? nodeOutput(await n8n.executionData(executionId), 'Ask Approver', 0, 1)[0] : undefined;
				return Boolean(second);
			},
			{ timeoutMs: 2 * MINUTE, what: 'the form for the second payout' },
		);
		expect(second).toMatchObject({ orderReference: 'SUPPLIERRUN1C', amount: 120000 });
		expect((await submitForm(second.formUrl, ['Reject'])).status).toBe(200);
		await waitFor(async () => (await statusOf(executionId)) === 'success', { timeoutMs: 2 * MINUTE, what: 'the payout run to finish' });

		const data = await n8n.executionData(executionId);
		expect(nodeOutput(data, 'Record Approved')).toEqual([expect.objectContaining({ orderReference: 'SUPPLIERRUN1B', status: 'AUTHORIZED', error: '' })]);
		expect(nodeOutput(data, 'Rejected')).toEqual([expect.objectContaining({ orderReference: 'SUPPLIERRUN1C', amount: 120000, status: 'REJECTED', moneyMoved: false })]);
		// ClickPesa paid the small and the approved payout, each once; the rejected one was never sent.
		expect(sim.overview().clickpesa.payouts.map((payout) => payout.orderReference).filter((reference) => reference.startsWith('SUPPLIERRUN')).sort()).toEqual(['SUPPLIERRUN1A', 'SUPPLIERRUN1B']);
		expect(((await sim.stats()).counts[PAYOUT_ROUTES.create]?.total ?? 0) - createsBefore).toBe(2);
	}, 8 * MINUTE);
});
