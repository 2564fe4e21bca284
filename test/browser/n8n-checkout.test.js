// @ts-check
/**
 * The whole hosted checkout in a real n8n (the pinned 2.x) and a real browser: a workflow run by
 * n8n creates the checkout link, Chromium pays it by mobile money on the simulator's page, and the
 * active ClickPesa Trigger workflow runs with the checksum-verified PAYMENT RECEIVED; the link's
 * callback URL is called and the browser lands on the Return URL.
 */
const fs = require('node:fs');
const http = require('node:http');

const puppeteer = /** @type {typeof import('puppeteer-core')} */ (process.getBuiltinModule('node:module').createRequire(__filename)('puppeteer-core'));

const { startSimulator } = require('../../simulator');
const { N8nInstance, packPackage, removePackedTarballs, nodeOutput, waitFor } = require('../e2e/support/n8n');
const { readPinnedVersions } = require('../e2e/support/versions');
const { ourNode, chainWorkflow, simulatorCredentials } = require('../e2e/workflows');
const { startWebhookReceiver } = require('../simulator/helpers');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const KEY = 'browser-n8n-checksum-key';
const MINUTE = 60_000;

jest.setTimeout(15 * MINUTE);

describe('checkout link made by n8n, paid in Chromium, reported to the ClickPesa Trigger', () => {
	let sim;
	/** @type {N8nInstance} */
	let n8n;
	let browser;
	let callbacks;
	let shop;
	const visits = [];
	const orderReference = `BRN${Date.now().toString(36).toUpperCase()}`;

	beforeAll(async () => {
		if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (.ci/run installs it) or set CHROMIUM_PATH`);
		callbacks = await startWebhookReceiver();
		shop = http.createServer((req, res) => {
			visits.push(req.url ?? '');
			res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Thanks</title><h1>Thank you</h1>');
		});
		await new Promise((resolve) => shop.listen(0, '127.0.0.1', () => resolve(undefined)));
		const returnUrl = `http://127.0.0.1:${shop.address().port}/thanks`;
		sim = await startSimulator({ port: 0, clickpesa: { customerDelayMs: null, checksumKey: KEY, returnUrl } });
		n8n = await N8nInstance.create({ version: readPinnedVersions().n8n2, tarball: await packPackage() });
		await n8n.start();
		await sim.configure({ clickpesa: { webhookUrl: n8n.webhookUrl('clickpesa-browser') } });
		await n8n.importCredentials(simulatorCredentials(sim, { checksumSecret: KEY }));
		const trigger = { ...ourNode('Trigger', 'clickPesaTrigger', { path: 'clickpesa-browser', events: ['PAYMENT RECEIVED'], options: {} }), webhookId: '7b0e0000-0000-4000-8000-0000000000aa', typeVersion: 1.1 };
		const received = { id: '7b0e0000-0000-4000-8000-0000000000ab', name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [200, 0], parameters: {} };
		await n8n.importWorkflow([
			{ id: 'e2eBrowserHook', name: 'E2E browser hook', active: false, nodes: [trigger, received], connections: { Trigger: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } }, settings: { executionOrder: 'v1' }, pinData: {} },
			chainWorkflow('e2eBrowserLink', [
				{
					...ourNode('Checkout Link', 'clickPesa', {
						resource: 'checkoutLink',
						operation: 'create',
						orderReference,
						currency: 'TZS',
						amountMode: 'totalPrice',
						totalPrice: 12500,
						additionalFields: { callbackUrl: callbacks.url, description: 'Browser order' },
					}),
					typeVersion: 1.1,
				},
			]),
		]);
		await n8n.activate('e2eBrowserHook');
		await n8n.waitForWebhook('clickpesa-browser');
		browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
	}, 15 * MINUTE);

	afterAll(async () => {
		await browser?.close();
		await n8n?.destroy();
		await sim?.stop();
		await callbacks?.close();
		await new Promise((resolve) => (shop ? shop.close(() => resolve(undefined)) : resolve(undefined)));
		removePackedTarballs();
	}, 2 * MINUTE);

	test('pay the link by mobile money: verified PAYMENT RECEIVED in n8n, callback called, Return URL reached', async () => {
		const run = await n8n.execute('e2eBrowserLink');
		if (run.status !== 'success') throw new Error(JSON.stringify(run.error));
		const [{ checkoutLink }] = nodeOutput(run, 'Checkout Link');

		const page = await browser.newPage();
		await page.goto(checkoutLink);
		expect(await page.$eval('h1', (element) => element.textContent?.trim())).toBe('Pay TZS 12,500');
		await page.focus('#phoneNumber');
		await page.keyboard.type('0754 123 456');
		await Promise.all([page.waitForNavigation(), page.click('#mobile-pay')]);
		expect(page.url()).toBe(`http://127.0.0.1:${shop.address().port}/thanks?orderReference=${orderReference}&status=SUCCESS`);

		let execution;
		await waitFor(async () => {
			execution = (await n8n.executions()).find((row) => row.workflowId === 'e2eBrowserHook' && row.finished);
			return Boolean(execution);
		}, { timeoutMs: MINUTE, what: 'the trigger workflow to run' });
		expect(execution.status).toBe('success');
		const [item] = nodeOutput(await n8n.executionData(execution.id), 'Trigger');
		expect(item).toMatchObject({ event: 'PAYMENT RECEIVED', verified: true, checksumMethod: 'canonical' });
		expect(item.data).toMatchObject({ orderReference, status: 'SUCCESS' });
		await callbacks.waitFor(1, 10_000);
		expect(callbacks.received[0].body).toMatchObject({ orderReference, status: 'SUCCESS' });
	});
});
