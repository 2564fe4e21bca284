// @ts-check
/**
 * Payouts in real n8n (every pinned version), against the simulator with a scaled-down cooldown
 * (500 ms instead of 60 s) and the node's Payout Spacing set to match:
 * - Preview → Create Mobile Money Payout; the simulator's lifecycle completes the payout and sends
 *   a signed PAYOUT INITIATED, which an active ClickPesa Trigger receives as verified.
 * - A batch of 5 creates completes 5/5 and the simulator answers no create with the cooldown 400:
 *   the spacing, not the node's resend after a refusal, keeps the creates apart.
 * - An item the balance cannot pay fails alone (error output); the others are created.
 * - The credential's daily payout cap holds across two executions of one workflow: the second
 *   execution's payouts are refused because of the first's, read back from ClickPesa's list.
 */
'use strict';

const { startSimulator } = require('../../simulator');
const { N8nInstance, packPackage, removePackedTarballs, nodeOutput, waitFor } = require('./support/n8n');
const { pinnedN8nVersions } = require('./support/versions');
const { ourNode, itemsNode, chainWorkflow, simulatorCredentials } = require('./workflows');
const { DAILY_CAP, PAYOUT_AMOUNT, CAP_REFUSAL, startCappedSimulator, cappedCredential, cappedPayoutNode, paidOut } = require('./support/dailyCap');

const MINUTE = 60_000;
const CHECKSUM_KEY = 'e2e-payout-checksum-key';
const COOLDOWN_MS = 500;
const STARTING_BALANCE = 1_000_000;
const CREATE_ROUTE = 'clickpesa POST /payouts/create-mobile-money-payout';
const PREVIEW_ROUTE = 'clickpesa POST /payouts/preview-mobile-money-payout';
const TRIGGER_WEBHOOK_ID = '3f0e7a52-1c1d-4b7e-9a55-0c5e2a1b0101';
const unique = (prefix) => `${prefix}${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e4)}`;

/** The Payout fields for one item of a Code node that gives ref, phone and amount. */
const payoutParameters = (operation) => ({
	resource: 'payout',
	operation,
	amount: '={{ $json.amount }}',
	currency: 'TZS',
	orderReference: '={{ $json.ref }}',
	phoneNumber: '={{ $json.phone }}',
	...(operation.startsWith('create') ? { options: { payoutSpacingSeconds: COOLDOWN_MS / 1000 } } : {}),
});

/** ClickPesa Trigger (PAYOUT INITIATED, checksum key on its credential) → No Operation. */
function payoutTriggerWorkflow(id) {
	const trigger = { ...ourNode('Trigger', 'clickPesaTrigger', { path: 'clickpesa-payouts', events: ['PAYOUT INITIATED'], options: {} }), webhookId: TRIGGER_WEBHOOK_ID };
	const received = { id: `${TRIGGER_WEBHOOK_ID.slice(0, 30)}ffffff`, name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} };
	return {
		id,
		name: `E2E ${id}`,
		active: false,
		nodes: [trigger, received],
		connections: { Trigger: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

let tarball;
beforeAll(async () => {
	tarball = await packPackage();
}, 5 * MINUTE);
afterAll(() => removePackedTarballs());

describe.each(pinnedN8nVersions())('payouts in n8n %s', (version) => {
	let sim;
	/** The daily-cap checks' own simulator: its payouts are all the capped credential's. */
	let capSim;
	/** @type {N8nInstance} */
	let n8n;
	const refs = {
		one: unique('PO'),
		batch: Array.from({ length: 5 }, (_, i) => unique(`PB${i}`)),
		short: [unique('PSA'), unique('PSB'), unique('PSC')],
	};

	beforeAll(async () => {
		sim = await startSimulator({
			port: 0,
			clickpesa: {
				customerDelayMs: null,
				checksumKey: CHECKSUM_KEY,
				payoutCooldownMs: COOLDOWN_MS,
				payoutDelayMs: 300,
				startingBalance: { TZS: STARTING_BALANCE },
			},
		});
		capSim = await startCappedSimulator(COOLDOWN_MS);
		n8n = await N8nInstance.create({ version, tarball });
		await n8n.start();
		await sim.configure({ clickpesa: { webhookUrl: n8n.webhookUrl('clickpesa-payouts') } });
		const credentials = simulatorCredentials(sim, { checksumSecret: CHECKSUM_KEY });
		await n8n.importCredentials([...credentials, cappedCredential(credentials[0], capSim)]);
		await n8n.importWorkflow([
			payoutTriggerWorkflow('e2ePayoutHook'),
			chainWorkflow('e2ePayoutOne', [
				itemsNode('Refund', [{ ref: refs.one, phone: '0712 345 678', amount: 5000 }]),
				ourNode('Preview', 'clickPesa', payoutParameters('previewMobileMoney')),
				// Create pays what was previewed: the preview's answer names the amount, reference and number.
				ourNode('Create', 'clickPesa', { ...payoutParameters('createMobileMoney'), amount: '={{ $json.order.amount }}', orderReference: '={{ $json.order.id }}', phoneNumber: '={{ $json.receiver.accountNumber }}' }),
			]),
			chainWorkflow('e2ePayoutBatch', [
				itemsNode('Refunds', refs.batch.map((ref, i) => ({ ref, phone: `0754 12${i} 45${i}`, amount: 1000 + i * 100 }))),
				ourNode('Create', 'clickPesa', payoutParameters('createMobileMoney')),
			]),
			chainWorkflow('e2ePayoutShort', [
				itemsNode('Refunds', [
					{ ref: refs.short[0], phone: '0712 345 001', amount: 1500 },
					{ ref: refs.short[1], phone: '0712 345 002', amount: STARTING_BALANCE * 50 }, // more than the balance
					{ ref: refs.short[2], phone: '0712 345 003', amount: 2500 },
				]),
				ourNode('Create', 'clickPesa', payoutParameters('createMobileMoney'), { onError: 'continueErrorOutput' }),
			]),
			// Every execution pays 10,000 + 10,000 + 3,000 under new references: the first fits the cap, a second does not.
			chainWorkflow('e2ePayoutCap', [
				{
					...itemsNode('Payouts', []),
					parameters: {
						jsCode: `const run = Date.now().toString(36).toUpperCase();\nreturn [${PAYOUT_AMOUNT}, ${PAYOUT_AMOUNT}, 3000].map((amount, i) => ({ json: { ref: 'CAP' + run + 'N' + i, amount } }));`,
					},
				},
				cappedPayoutNode(ourNode, COOLDOWN_MS),
			]),
		]);
		await n8n.activate('e2ePayoutHook');
		await n8n.waitForWebhook('clickpesa-payouts');
	}, 15 * MINUTE);

	afterAll(async () => {
		await n8n?.destroy();
		await sim?.stop();
		await capSim?.stop();
	}, 2 * MINUTE);

	const routeCount = async (route, status) => {
		const entry = (await sim.stats()).counts[route];
		return status === undefined ? (entry?.total ?? 0) : (entry?.byStatus[String(status)] ?? 0);
	};
	/** The Trigger's item of the execution that received PAYOUT INITIATED for `ref`, once there is one. */
	const triggerItemFor = async (ref) => {
		let found;
		await waitFor(async () => {
			for (const row of (await n8n.executions()).filter((r) => r.workflowId === 'e2ePayoutHook' && r.status === 'success')) {
				const [item] = nodeOutput(await n8n.executionData(row.id), 'Trigger');
				if (item?.data?.orderReference === ref) found = { item, row };
			}
			return Boolean(found);
		}, { timeoutMs: MINUTE, what: `PAYOUT INITIATED for ${ref} in the trigger workflow` });
		return found;
	};

	test('preview, create, and the PAYOUT INITIATED webhook reaches the active trigger, verified', async () => {
		sim.reset();
		const run = await n8n.execute('e2ePayoutOne', { timeoutMs: 2 * MINUTE });
		if (run.status !== 'success') throw new Error(`e2ePayoutOne: ${JSON.stringify(run.error ?? run.raw?.data?.resultData?.error)}`);
		const [preview] = nodeOutput(run.raw.data, 'Preview');
		expect(preview).toMatchObject({ amount: 5300, fee: 300, balance: STARTING_BALANCE, order: { amount: 5000, id: refs.one } });
		const [created] = nodeOutput(run.raw.data, 'Create');
		expect(created).toMatchObject({ orderReference: refs.one, status: 'AUTHORIZED', channel: 'MOBILE MONEY', beneficiary: { accountNumber: '255712345678' } });
		expect(await routeCount(PREVIEW_ROUTE)).toBe(1);
		expect(await routeCount(CREATE_ROUTE)).toBe(1);

		const { item, row } = await triggerItemFor(refs.one);
		expect(row.mode).toBe('webhook');
		expect(item).toMatchObject({ event: 'PAYOUT INITIATED', verified: true });
		expect(item.data).toMatchObject({ orderReference: refs.one, status: 'SUCCESS', channel: 'MOBILE MONEY' });
		const delivery = sim.webhookDeliveries().find((d) => d.event === 'PAYOUT INITIATED' && d.body?.data?.orderReference === refs.one);
		expect(delivery).toMatchObject({ status: 200 });
	}, 4 * MINUTE);

	test('a batch of 5 creates under the cooldown: 5/5 created, no cooldown refusal from ClickPesa', async () => {
		sim.reset(); // also ends the cooldown the previous test started
		const payoutsBefore = sim.ledger().payouts.total;
		const run = await n8n.execute('e2ePayoutBatch', { timeoutMs: 2 * MINUTE });
		expect(run.status).toBe('success');
		const out = nodeOutput(run.raw.data, 'Create');
		expect(out.map((json) => json.orderReference)).toEqual(refs.batch);
		expect(out.every((json) => json.status === 'AUTHORIZED' && json.error === undefined)).toBe(true);
		// Exactly one request per payout: none refused with "Payout request is already in progress".
		expect(await routeCount(CREATE_ROUTE)).toBe(5);
		expect(await routeCount(CREATE_ROUTE, 200)).toBe(5);
		expect(await routeCount(CREATE_ROUTE, 400)).toBe(0);
		expect(sim.ledger().payouts.total).toBe(payoutsBefore + 5);
	}, 4 * MINUTE);

	test('an item the balance cannot pay fails alone on the error output; the others are created', async () => {
		sim.reset();
		const payoutsBefore = sim.ledger().payouts.total;
		const run = await n8n.execute('e2ePayoutShort', { timeoutMs: 2 * MINUTE });
		expect(run.status).toBe('success');
		const created = nodeOutput(run.raw.data, 'Create', 0);
		const failed = nodeOutput(run.raw.data, 'Create', 1);
		expect(created.map((json) => [json.orderReference, json.status])).toEqual([
			[refs.short[0], 'AUTHORIZED'],
			[refs.short[2], 'AUTHORIZED'],
		]);
		expect(failed).toHaveLength(1);
		expect(failed[0].error).toMatch(/Insufficient balance: available balance is [\d.]+ TZS/);
		// Three requests: the refused one is ClickPesa's 400 for the balance, no create met the cooldown.
		expect(await routeCount(CREATE_ROUTE)).toBe(3);
		expect(await routeCount(CREATE_ROUTE, 400)).toBe(1);
		expect(sim.ledger().payouts.total).toBe(payoutsBefore + 2);
		await expect(sim.completePayout(refs.short[1])).rejects.toThrow(/no ClickPesa payout/); // nothing was created for it
	}, 4 * MINUTE);

	test('the daily payout cap holds across two executions: the second is refused by what the first paid, read from ClickPesa', async () => {
		const first = await n8n.execute('e2ePayoutCap', { timeoutMs: 2 * MINUTE });
		expect(first.status).toBe('success');
		const firstItems = nodeOutput(first.raw.data, 'Pay Out');
		expect(firstItems.map((json) => [json.status, json.error])).toEqual([
			['AUTHORIZED', undefined],
			['AUTHORIZED', undefined],
			['AUTHORIZED', undefined],
		]);
		const afterFirst = paidOut(capSim);
		// 10,300 + 10,300 + 3,300 debited (fees included): under the cap.
		expect(afterFirst.debited).toBe(23_900);

		const second = await n8n.execute('e2ePayoutCap', { timeoutMs: 2 * MINUTE });
		expect(second.status).toBe('success');
		const secondItems = nodeOutput(second.raw.data, 'Pay Out');
		expect(secondItems).toHaveLength(3);
		// Each refusal names the limit, where it is set and the total the first execution left.
		for (const item of secondItems) {
			expect(item.error).toMatch(CAP_REFUSAL);
			expect(item.error).toContain('23,900 TZS so far today');
		}
		expect(secondItems.map((item) => item.status)).toEqual([undefined, undefined, undefined]);

		// The simulator paid the first execution's three payouts and nothing else: never above the cap.
		const after = paidOut(capSim);
		expect(after.references.sort()).toEqual(firstItems.map((json) => json.orderReference).sort());
		expect(after.debited).toBeLessThanOrEqual(DAILY_CAP);
		expect(capSim.stats().counts['clickpesa POST /payouts/create-mobile-money-payout'].total).toBe(3);
	}, 4 * MINUTE);
});
