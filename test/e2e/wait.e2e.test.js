// @ts-check
/**
 * Wait for Payment in real n8n (every pinned version). Poll: Initiate USSD Push with Wait for
 * Result sorts paid and declined pushes onto Paid and Not Paid. Resume on Callback: the execution
 * is `waiting` in n8n's database until the resume URL is called and ClickPesa's own status says
 * paid; a forged call changes nothing, a restart of n8n does not lose it, and a short deadline sends
 * it to Not Paid.
 */
'use strict';

const { startSimulator } = require('../../simulator');
const { N8nInstance, packPackage, removePackedTarballs, nodeOutput, httpRequest, waitFor } = require('./support/n8n');
const { pinnedN8nVersions } = require('./support/versions');
const { ourNode, itemsNode, orderStart, simulatorCredentials } = require('./workflows');

const MINUTE = 60_000;
const noOp = (name) => ({ id: `5a1e0000-0000-4000-8000-${name === 'Paid' ? '000000000001' : '000000000002'}`, name, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [600, 0], parameters: {} });
const unique = (prefix) => `${prefix}${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e4)}`;

/** …→ waiter; the waiter's output 0 → "Not Paid", output 1 → "Paid". */
function waitWorkflow(id, start, middle, waiter) {
	const nodes = [...start, ...middle, waiter, noOp('Not Paid'), noOp('Paid')];
	/** @type {Record<string, any>} */
	const connections = {};
	const chain = [...start, ...middle, waiter];
	for (let i = 0; i < chain.length - 1; i++) connections[chain[i].name] = { main: [[{ node: chain[i + 1].name, type: 'main', index: 0 }]] };
	connections[waiter.name] = { main: [[{ node: 'Not Paid', type: 'main', index: 0 }], [{ node: 'Paid', type: 'main', index: 0 }]] };
	return { id, name: `E2E ${id}`, active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

const manual = { id: '5a1e0000-0000-4000-8000-00000000000a', name: 'Run', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };

const push = ourNode('Push', 'clickPesa', { resource: 'payment', operation: 'initiateUssdPush', amount: 2500, currency: 'TZS', orderReference: '={{ $json.orderReference }}', phoneNumber: '0712 345 678' });
const checkout = ourNode('Checkout Link', 'clickPesa', {
	resource: 'checkoutLink',
	operation: 'create',
	orderReference: '={{ $json.orderReference }}',
	currency: 'TZS',
	amountMode: 'totalPrice',
	totalPrice: 2500,
	additionalFields: { resumeWhenPaid: true, description: 'E2E order' },
});
const waitOnCallback = (deadlineHours) =>
	ourNode('Wait', 'clickPesa', { resource: 'payment', operation: 'waitForPayment', waitMode: 'callback', orderReference: "={{ $('Resume URL').item.json.orderReference }}", deadlineHours, options: { expectedAmount: 2500 } });

/** A loan's CRDB mandate with Resume This Workflow When the Mandate Is Decided, then Wait for Mandate Decision → "Decided". */
function mandateWorkflow() {
	const start = orderStart('loan', '5a1e0000-0000-4000-8000-000000000040');
	const create = ourNode('Create Mandate', 'clickPesa', {
		resource: 'paymentPlan',
		operation: 'createMandate',
		planReference: "={{ $('Resume URL').item.json.orderReference }}",
		customerName: 'Ramona Cormier',
		phoneNumber: '0754 712 650',
		debitAccount: '0152590146100',
		totalAmount: 30000,
		instalmentAmount: 10000,
		firstDueDate: "={{ $now.plus({ days: 2 }).toFormat('yyyy-MM-dd') }}",
		frequency: 'MONTHLY',
		ends: 'count',
		instalmentCount: 3,
		resumeWhenDecided: true,
	});
	const wait = ourNode('Wait for Mandate', 'clickPesa', { resource: 'paymentPlan', operation: 'waitForMandate', mandateRequestId: '={{ $json.mandateRequestId }}', deadlineHours: 24 });
	const decided = { ...noOp('Paid'), name: 'Decided' };
	const chain = [...start, create, wait, decided];
	/** @type {Record<string, any>} */
	const connections = {};
	for (let i = 0; i < chain.length - 1; i++) connections[chain[i].name] = { main: [[{ node: chain[i + 1].name, type: 'main', index: 0 }]] };
	return { id: 'e2eWaitMandate', name: 'E2E e2eWaitMandate', active: false, nodes: chain, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

let tarball;
beforeAll(async () => {
	tarball = await packPackage();
}, 5 * MINUTE);
afterAll(() => removePackedTarballs());

describe.each(pinnedN8nVersions())('Wait for Payment in n8n %s', (version) => {
	let sim;
	/** @type {N8nInstance} */
	let n8n;

	beforeAll(async () => {
		sim = await startSimulator({ port: 0, clickpesa: { customerDelayMs: null } });
		n8n = await N8nInstance.create({ version, tarball });
		await n8n.start();
		await n8n.importCredentials(simulatorCredentials(sim));
		await n8n.importWorkflow([
			waitWorkflow(
				'e2eWaitPoll',
				[manual],
				[itemsNode('Orders', [{ ref: unique('POLLA'), phone: '0712 345 678' }, { ref: unique('POLLB'), phone: '0712 349 999' }, { ref: unique('POLLC'), phone: '0712 345 679' }])],
				ourNode('Push', 'clickPesa', { resource: 'payment', operation: 'initiateUssdPush', amount: 1000, currency: 'TZS', orderReference: '={{ $json.ref }}', phoneNumber: '={{ $json.phone }}', waitForResult: true, timeoutSeconds: 30 }),
			),
			waitWorkflow('e2eWaitCallback', orderStart('order', '5a1e0000-0000-4000-8000-000000000010'), [push], waitOnCallback(24)),
			waitWorkflow('e2eWaitDeadline', orderStart('order-deadline', '5a1e0000-0000-4000-8000-000000000020'), [push], waitOnCallback(0.002)),
			waitWorkflow('e2eWaitCheckout', orderStart('order-checkout', '5a1e0000-0000-4000-8000-000000000030'), [checkout], waitOnCallback(24)),
			mandateWorkflow(),
		]);
		await n8n.activate('e2eWaitMandate');
		await n8n.activate('e2eWaitCallback');
		await n8n.activate('e2eWaitDeadline');
		await n8n.activate('e2eWaitCheckout');
		await n8n.waitForWebhook('order');
	}, 15 * MINUTE);

	afterAll(async () => {
		await n8n?.destroy();
		await sim?.stop();
	}, 2 * MINUTE);

	test('poll: Initiate USSD Push with Wait for Result puts paid pushes on Paid and the declined one on Not Paid', async () => {
		await sim.configure({ clickpesa: { customerDelayMs: 300 } });
		try {
			const run = await n8n.execute('e2eWaitPoll', { timeoutMs: 2 * MINUTE });
			expect(run.status).toBe('success');
			const paid = nodeOutput(run.raw.data, 'Paid');
			const notPaid = nodeOutput(run.raw.data, 'Not Paid');
			expect(paid.map((item) => item.outcome)).toEqual(['paid', 'paid']);
			expect(notPaid).toEqual([expect.objectContaining({ outcome: 'failed', status: 'FAILED', message: 'Insufficient balance' })]);
		} finally {
			await sim.configure({ clickpesa: { customerDelayMs: null } });
		}
	}, 3 * MINUTE);

	/** Starts one order through the webhook and returns its waiting execution and resume URL. */
	async function startWaitingOrder(path, workflowId) {
		const orderReference = unique('CB');
		const started = await httpRequest(n8n.webhookUrl(path), { method: 'POST', body: JSON.stringify({ orderReference }), headers: { 'content-type': 'application/json' } });
		expect(started.status).toBe(200);
		let execution;
		await waitFor(async () => {
			execution = (await n8n.executions()).find((row) => row.workflowId === workflowId && row.status === 'waiting' && !row.finished);
			return Boolean(execution) && nodeOutput(await n8n.executionData(execution.id), 'Resume URL').length > 0;
		}, { timeoutMs: MINUTE, what: `a waiting execution of ${workflowId}` });
		const [{ resumeUrl }] = nodeOutput(await n8n.executionData(execution.id), 'Resume URL');
		return { orderReference, executionId: execution.id, resumeUrl };
	}

	const statusOf = async (id) => (await n8n.executions()).find((row) => row.id === id)?.status;
	const post = async (url, body = {}) => await httpRequest(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

	// n8n before 2.39 cannot resume a node onto its second output: there the mode is refused (resumeCapability.ts).
	const [major, minor] = version.split('.').map(Number);
	const resumesEveryOutput = major > 2 || (major === 2 && minor >= 39);
	const callbackTest = resumesEveryOutput ? test : test.skip;
	const refusedTest = resumesEveryOutput ? test.skip : test;

	refusedTest('callback on n8n before 2.39: refused with the reason, before anything waits', async () => {
		const orderReference = unique('CB');
		const started = await post(n8n.webhookUrl('order'), { orderReference });
		expect(started.status).toBe(200);
		let execution;
		await waitFor(async () => {
			execution = (await n8n.executions()).find((row) => row.workflowId === 'e2eWaitCallback' && row.status === 'error');
			return Boolean(execution);
		}, { timeoutMs: MINUTE, what: 'the refused execution' });
		const data = await n8n.executionData(execution.id);
		expect(data.resultData.error.message).toBe('Resume on Callback needs n8n 2.39 or later');
	}, 3 * MINUTE);

	callbackTest('callback: waiting until ClickPesa says paid; a forged call changes nothing; it survives a restart of n8n', async () => {
		const order = await startWaitingOrder('order', 'e2eWaitCallback');
		expect(order.resumeUrl).toContain(`/webhook-waiting/${order.executionId}`);

		// Forged: the payment is still PROCESSING at ClickPesa, whatever the body claims.
		const forged = await post(order.resumeUrl, { status: 'SUCCESS', orderReference: order.orderReference, collectedAmount: 2500 });
		expect(forged.status).toBe(202);
		expect(JSON.parse(forged.body).message).toMatch(/Not confirmed by ClickPesa .*still waiting/);
		expect(await statusOf(order.executionId)).toBe('waiting');

		// n8n restarts while the execution waits.
		await n8n.stop();
		await n8n.start();
		expect(await statusOf(order.executionId)).toBe('waiting');

		await sim.completePayment(order.orderReference, 'SUCCESS');
		const callback = await post(order.resumeUrl, { anything: 'the body is not trusted' });
		expect(callback.status).toBe(200);
		expect(JSON.parse(callback.body)).toEqual({ message: 'Payment confirmed by ClickPesa' });
		await waitFor(async () => (await statusOf(order.executionId)) === 'success', { timeoutMs: MINUTE, what: 'the resumed execution to finish' });
		const data = await n8n.executionData(order.executionId);
		expect(nodeOutput(data, 'Paid')).toEqual([expect.objectContaining({ outcome: 'paid', orderReference: order.orderReference, status: 'SUCCESS', collectedAmount: 2500 })]);
		expect(data.resultData.runData['Not Paid']).toBeUndefined();
	}, 5 * MINUTE);

	callbackTest('callback: at a short deadline the order leaves on Not Paid with the reason, never on Paid', async () => {
		const order = await startWaitingOrder('order-deadline', 'e2eWaitDeadline');
		// n8n looks for due waiting executions once a minute.
		await waitFor(async () => (await statusOf(order.executionId)) === 'success', { timeoutMs: 3 * MINUTE, what: 'the deadline to resume the execution' });
		const data = await n8n.executionData(order.executionId);
		// The item as it came in, plus why: ClickPesa was not asked again at the deadline.
		expect(nodeOutput(data, 'Not Paid')).toEqual([
			expect.objectContaining({ orderReference: order.orderReference, outcome: 'unknown', outcomeReason: expect.stringMatching(/^No callback confirmed by ClickPesa resumed this execution before its deadline/) }),
		]);
		expect(data.resultData.runData.Paid).toBeUndefined();
	}, 5 * MINUTE);

	callbackTest('callback from a checkout link: the customer pays on the hosted page, ClickPesa calls back, the order goes on Paid', async () => {
		const order = await startWaitingOrder('order-checkout', 'e2eWaitCheckout');
		const data = await n8n.executionData(order.executionId);
		const [{ checkoutLink }] = nodeOutput(data, 'Checkout Link');
		expect(checkoutLink).toContain('/hosted/checkout/');
		const paid = await httpRequest(`${checkoutLink}/mobile-money`, {
			method: 'POST',
			body: 'phoneNumber=0712+345+678',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
		expect([200, 303]).toContain(paid.status);
		await waitFor(async () => (await statusOf(order.executionId)) === 'success', { timeoutMs: MINUTE, what: 'the callback to resume the execution' });
		const resumed = await n8n.executionData(order.executionId);
		expect(nodeOutput(resumed, 'Paid')).toEqual([expect.objectContaining({ outcome: 'paid', orderReference: order.orderReference, status: 'SUCCESS', collectedAmount: 2500 })]);
		expect(resumed.resultData.runData['Not Paid']).toBeUndefined();
	}, 5 * MINUTE);

	// One output: n8n passes it on when it resumes the node on every version (docs/n8n-resume.md), 1.x included.
	test('mandate: the execution waits until the bank decides; a forged call changes nothing; the decision resumes it', async () => {
		const order = await startWaitingOrder('loan', 'e2eWaitMandate');
		const [created] = nodeOutput(await n8n.executionData(order.executionId), 'Create Mandate');
		expect(created).toMatchObject({ planReference: order.orderReference, method: 'crdbDirectDebit', mandateStatus: 'REQUESTED', instalmentCount: 3 });
		const [mandate] = sim.mandates().filter((row) => row.mandateRequestId === created.mandateRequestId);
		expect(mandate.mandateCallbackUrl).toBe(order.resumeUrl);

		const forged = await post(order.resumeUrl, { mandateRequestId: created.mandateRequestId, mandateStatus: 'ACTIVE' });
		expect(forged.status).toBe(202);
		expect(await statusOf(order.executionId)).toBe('waiting');

		const { callback } = await sim.decideMandate(created.mandateRequestId, 'approve');
		expect(callback.status).toBe(200);
		await waitFor(async () => (await statusOf(order.executionId)) === 'success', { timeoutMs: MINUTE, what: 'the mandate decision to resume the execution' });
		const [decided] = nodeOutput(await n8n.executionData(order.executionId), 'Decided');
		expect(decided).toMatchObject({ mandateRequestId: created.mandateRequestId, mandateStatus: 'ACTIVE', mandateReference: expect.stringMatching(/^\d{7}$/), decision: 'decided' });
	}, 5 * MINUTE);
});
