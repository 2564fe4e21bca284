// @ts-check
/**
 * The ClickPesa node in a real n8n, for every pinned version: the npm-pack tarball installed the
 * way users install it, credentials and workflows imported into the running n8n, runs started as the
 * editor's "Execute workflow" starts them, HTTP to the provider simulator on 127.0.0.1. (Our node on a
 * queue-mode worker: queue.e2e.test.js.)
 */
'use strict';

const { startSimulator } = require('../../simulator');
const { N8nInstance, packPackage, removePackedTarballs, nodeOutput } = require('./support/n8n');
const { pinnedN8nVersions } = require('./support/versions');
const { ourNode, itemsNode, chainWorkflow, simulatorCredentials } = require('./workflows');
const { tokenServer } = require('../support/tokenServer');

const MINUTE = 60_000;
const ROUTES = {
	token: 'clickpesa POST /generate-token',
	preview: 'clickpesa POST /payments/preview-ussd-push-request',
	initiate: 'clickpesa POST /payments/initiate-ussd-push-request',
	query: 'clickpesa GET /payments/:orderReference',
	all: 'clickpesa GET /payments/all',
};
const versions = pinnedN8nVersions();
/** A ClickPesa credential pointing at the token-timing stand-in (test/support/tokenServer.js). */
const TOKEN_TIMING_CREDENTIAL = { id: 'e2eTokenTiming01', name: 'ClickPesa (token timing)' };

/** @type {string} */
let tarball;
beforeAll(async () => {
	tarball = await packPackage();
}, 5 * MINUTE);
afterAll(() => removePackedTarballs());

const uniqueReference = (prefix) => `${prefix}${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e6)}`;

describe.each(versions)('ClickPesa node in n8n %s', (version) => {
	/** @type {import('../../simulator').Simulator} */
	let sim;
	/** @type {N8nInstance} */
	let n8n;
	const count = async (route, status) => {
		const entry = (await sim.stats()).counts[route];
		return status === undefined ? (entry?.total ?? 0) : (entry?.byStatus?.[String(status)] ?? 0);
	};

	const reference = uniqueReference('E2E');
	const workflows = {
		ussd: chainWorkflow('e2eUssd', [
			ourNode('Preview', 'clickPesa', {
				resource: 'payment',
				operation: 'previewUssdPush',
				amount: 2500,
				orderReference: reference,
				phoneNumber: '+255 754 000 111',
				fetchSenderDetails: true,
			}),
			ourNode('Initiate', 'clickPesa', {
				resource: 'payment',
				operation: 'initiateUssdPush',
				amount: 2500,
				orderReference: reference,
				phoneNumber: '0754 000 111',
			}),
			ourNode('Status', 'clickPesa', { resource: 'payment', operation: 'getStatus', orderReference: reference }),
		]),
		list: chainWorkflow('e2eList', [
			ourNode('List', 'clickPesa', { resource: 'payment', operation: 'getMany', returnAll: true, filters: { status: 'SUCCESS' } }),
		]),
		badPhone: chainWorkflow('e2eBadPhone', [
			itemsNode('Customers', [
				{ ref: uniqueReference('CF'), phone: '0712345678' },
				{ ref: uniqueReference('CF'), phone: '0812 00' },
				{ ref: uniqueReference('CF'), phone: '+255 687 111 222' },
			]),
			ourNode(
				'Charge',
				'clickPesa',
				{
					resource: 'payment',
					operation: 'initiateUssdPush',
					amount: 1000,
					orderReference: '={{ $json.ref }}',
					phoneNumber: '={{ $json.phone }}',
				},
				{ onError: 'continueErrorOutput' },
			),
		]),
		status: chainWorkflow('e2eStatus', [
			ourNode('Status', 'clickPesa', { resource: 'payment', operation: 'getStatus', orderReference: reference }),
		]),
		tokenTiming: chainWorkflow('e2eTokenTiming', [
			itemsNode('Orders', Array.from({ length: 20 }, (_, i) => ({ ref: `TOKENTIMING${i}` }))),
			ourNode(
				'Push',
				'clickPesa',
				{ resource: 'payment', operation: 'initiateUssdPush', amount: 1000, orderReference: '={{ $json.ref }}', phoneNumber: '0712 345 678' },
				{ credentials: { clickPesaApi: TOKEN_TIMING_CREDENTIAL } },
			),
		]),
	};
	/** @type {Awaited<ReturnType<typeof tokenServer>>} */
	let revokingServer;

	beforeAll(async () => {
		sim = await startSimulator({ port: 0, clickpesa: { customerDelayMs: null, rateLimitPerMinute: 1000 } });
		revokingServer = await tokenServer({ revokeAfter: 8 });
		n8n = await N8nInstance.create({ version, tarball });
		await n8n.start();
		const [clickPesa] = simulatorCredentials(sim);
		await n8n.importCredentials([
			...simulatorCredentials(sim),
			{ ...clickPesa, ...TOKEN_TIMING_CREDENTIAL, data: { ...clickPesa.data, baseUrl: revokingServer.baseUrl, rateLimitPerMinute: 120 } },
		]);
		await n8n.importWorkflow(Object.values(workflows));
	}, 15 * MINUTE);

	afterAll(async () => {
		await n8n?.destroy();
		await sim?.stop();
		await revokingServer?.close();
	}, 2 * MINUTE);

	test('20 pushes, 5 in flight, the token revoked after 8 requests and the 401s coming back spread out: 2 token calls; the next execution needs none', async () => {
		const first = await n8n.execute('e2eTokenTiming');
		expect(first.status).toBe('success');
		expect(nodeOutput(first, 'Push')).toHaveLength(20);
		expect(revokingServer.state.initiates).toBe(20);
		expect(revokingServer.state.unauthorized).toBeGreaterThanOrEqual(1);
		expect(revokingServer.state.tokenCalls).toBe(2);

		const unauthorizedBefore = revokingServer.state.unauthorized;
		const second = await n8n.execute('e2eTokenTiming');
		expect(second.status).toBe('success');
		expect(revokingServer.state.initiates).toBe(40);
		// The token saved with the credential in the first execution is used as it is.
		expect(revokingServer.state.tokenCalls).toBe(2);
		expect(revokingServer.state.unauthorized).toBe(unauthorizedBefore);
	}, 5 * MINUTE);

	test('n8n discovers both nodes’ credentials and the node from the installed tarball', async () => {
		const types = await n8n.exportNodeTypes();
		expect(types).toContain('n8n-nodes-clickpesa-clik2pay.clickPesa');
	}, 5 * MINUTE);

	test('preview + initiate a USSD push, then get its status; the token is fetched once', async () => {
		await sim.reset();
		const run = await n8n.execute('e2eUssd');
		expect(run.status).toBe('success');
		const [preview] = nodeOutput(run, 'Preview');
		expect(preview.activeMethods.find((method) => method.status === 'AVAILABLE')?.name).toBe('M-PESA');
		expect(preview.sender.accountNumber).toBe('255754000111');
		const [initiated] = nodeOutput(run, 'Initiate');
		expect(initiated).toMatchObject({ orderReference: reference, status: 'PROCESSING', channel: 'M-PESA' });
		const [status] = nodeOutput(run, 'Status');
		expect(status).toMatchObject({ orderReference: reference, paymentPhoneNumber: '255754000111' });
		expect(await count(ROUTES.token)).toBe(1);
		expect(await count(ROUTES.initiate)).toBe(1);
	}, 5 * MINUTE);

	test('the next execution reuses the saved token: still exactly 1 token call', async () => {
		await sim.completePayment(reference, 'SUCCESS');
		const run = await n8n.execute('e2eStatus');
		expect(run.status).toBe('success');
		expect(nodeOutput(run, 'Status')[0].status).toBe('SUCCESS');
		expect(await count(ROUTES.token)).toBe(1);
	}, 5 * MINUTE);

	test('a token that expired between executions is refreshed transparently', async () => {
		await sim.expireTokens('clickpesa');
		const run = await n8n.execute('e2eStatus');
		expect(run.status).toBe('success');
		expect(nodeOutput(run, 'Status')[0].orderReference).toBe(reference);
		expect(await count(ROUTES.token)).toBe(2);
		expect(await count(ROUTES.query, 401)).toBe(1);
	}, 5 * MINUTE);

	test('Get Many with Return All pages through more than one page', async () => {
		await sim.seedPayments({ count: 130, status: 'SUCCESS', prefix: 'LIST' });
		const before = await count(ROUTES.all);
		const run = await n8n.execute('e2eList');
		expect(run.status).toBe('success');
		const payments = nodeOutput(run, 'List');
		expect(payments.length).toBeGreaterThanOrEqual(131);
		expect(new Set(payments.map((payment) => payment.id)).size).toBe(payments.length);
		expect((await count(ROUTES.all)) - before).toBe(Math.ceil(payments.length / 50) + (payments.length % 50 === 0 ? 1 : 0));
	}, 5 * MINUTE);

	test('an invalid phone number with Continue On Fail goes to the error output; the others are charged', async () => {
		const before = await count(ROUTES.initiate);
		const run = await n8n.execute('e2eBadPhone');
		expect(run.status).toBe('success');
		const charged = nodeOutput(run, 'Charge', 0);
		const failed = nodeOutput(run, 'Charge', 1);
		expect(charged.map((item) => item.status)).toEqual(['PROCESSING', 'PROCESSING']);
		expect(failed).toHaveLength(1);
		expect(failed[0].error).toBe('Phone Number "0812 00" is not a Tanzanian mobile number (item 1)');
		expect((await count(ROUTES.initiate)) - before).toBe(2);
		const pairing = run.runData.Charge[0].data.main.map((output) => output.map((item) => item.pairedItem.item));
		expect(pairing).toEqual([[0, 2], [1]]);
	}, 5 * MINUTE);

	test('no secret appears in the run output or n8n’s logs', async () => {
		const run = await n8n.execute('e2eStatus');
		expect(run.status).toBe('success');
		const text = run.stdout + run.stderr;
		expect(text).toContain(reference);
		expect(text).not.toContain('sim-api-key');
		expect(text).not.toMatch(/Bearer [A-Za-z0-9]/);
	}, 5 * MINUTE);
});
