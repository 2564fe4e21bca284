// @ts-check
/**
 * The simulator's own page (`/__control/page`) in a real browser: Debian's Chromium
 * (`/usr/bin/chromium`, or CHROMIUM_PATH) driven by puppeteer-core, as in hosted-pages.test.js.
 * A USSD push and a Clik2pay payment request are made through the APIs; the customer's answer and a
 * fault are given on the page with clicks and the keyboard; the APIs show the effect. Set
 * BROWSER_SCREENSHOTS=1 to keep screenshots in test/browser/screenshots/ (git-ignored).
 */
const fs = require('node:fs');
const path = require('node:path');

// See hosted-pages.test.js: puppeteer-core is an ES module, loaded past Jest's module registry.
const puppeteer = /** @type {typeof import('puppeteer-core')} */ (process.getBuiltinModule('node:module').createRequire(__filename)('puppeteer-core'));

const { startSimulator } = require('../../simulator');
const { canonicalChecksum } = require('../../simulator/clickpesa/checksum');
const { call, clickpesa, startWebhookReceiver } = require('../simulator/helpers');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHECKSUM_KEY = 'page-checksum-key';
const HOOK_PASSWORD = 'page-hook-password';
const SCREENSHOTS = path.join(__dirname, 'screenshots');

jest.setTimeout(60_000);

const basic = (/** @type {string} */ user, /** @type {string} */ password) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('the simulator page in Chromium', () => {
	/** @type {import('puppeteer-core').Browser} */
	let browser;
	/** @type {import('puppeteer-core').Page} */
	let page;
	/** @type {import('../../simulator').Simulator} */
	let sim;
	/** @type {Awaited<ReturnType<typeof startWebhookReceiver>>} */
	let webhooks;
	/** @type {ReturnType<typeof clickpesa>} */
	let api;
	/** Every secret the run used: none may ever appear on the page. */
	const secrets = ['sim-api-key', 'sim-pass', 'sim-c2p-api-key', CHECKSUM_KEY, HOOK_PASSWORD];

	beforeAll(async () => {
		if (!fs.existsSync(CHROMIUM)) {
			throw new Error(`Chromium not found at ${CHROMIUM}: the browser tests need Debian's chromium (apt-get install -y chromium) or CHROMIUM_PATH`);
		}
		webhooks = await startWebhookReceiver();
		sim = await startSimulator({
			port: 0,
			clickpesa: { customerDelayMs: null, checksumKey: CHECKSUM_KEY, webhookUrl: webhooks.url, rateLimitPerMinute: 0 },
			clik2pay: { webhookUrl: webhooks.url, webhookUsername: 'hook-user', webhookPassword: HOOK_PASSWORD },
		});
		api = clickpesa(sim);
		browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
		page = await browser.newPage();
		await page.setViewport({ width: 1200, height: 900 });
		// The page reloads itself every few seconds; a test switches that off, as a person can.
		await page.evaluateOnNewDocument(() => localStorage.setItem('simControlPageRefresh', 'off'));
	});

	afterAll(async () => {
		await browser?.close();
		await sim?.stop();
		await webhooks?.close();
	});

	const screenshot = async (/** @type {string} */ name) => {
		if (process.env.BROWSER_SCREENSHOTS !== '1') return;
		fs.mkdirSync(SCREENSHOTS, { recursive: true });
		await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
	};
	const text = (/** @type {string} */ selector) => page.$eval(selector, (element) => element.textContent?.replace(/\s+/g, ' ').trim() ?? '');
	/** Each row of a table as its cells' text joined with " | ". */
	const rowTexts = (/** @type {string} */ selector) =>
		page.$$eval(`${selector} tbody tr`, (rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim()).join(' | ')));
	const submit = (/** @type {string} */ selector) => Promise.all([page.waitForNavigation(), page.click(selector)]);
	const expectNoSecret = (/** @type {string} */ html, /** @type {string[]} */ more = []) => {
		for (const secret of [...secrets, ...more]) expect(html).not.toContain(secret);
	};

	test('GET /__control: a browser is sent to the page, scripts keep the JSON 404', async () => {
		const json = await call(sim.controlUrl);
		expect(json).toMatchObject({ status: 404, body: { error: 'no control route GET /__control' } });
		expect(sim.controlPageUrl).toBe(`${sim.controlUrl}/page`);
		await page.goto(sim.controlUrl);
		expect(page.url()).toBe(sim.controlPageUrl);
		expect(await page.title()).toBe('Simulator control · Provider simulator');
		expect(await text('h1')).toBe('Simulator control');
		expect(await text('#waiting')).toContain('No USSD push is waiting.');
	});

	test('a USSD push waits on the page; "Customer approves" makes it SUCCESS with its webhook', async () => {
		const token = await api.token();
		const orderReference = `PAGE${Date.now()}`;
		const body = { amount: '2500', currency: 'TZS', orderReference, phoneNumber: '255754123456' };
		const initiated = await api.post('/payments/initiate-ussd-push-request', { ...body, checksum: canonicalChecksum(CHECKSUM_KEY, body) }, token);
		expect(initiated).toMatchObject({ status: 200, body: { status: 'PROCESSING' } });

		await page.goto(sim.controlPageUrl);
		expect(await text('#waiting')).toContain(orderReference);
		expect(await page.$eval(`#approve-${orderReference}`, (element) => element.getAttribute('aria-label'))).toBe(`Customer approves ${orderReference}`);
		await screenshot('simulator-page-waiting');
		await submit(`#approve-${orderReference}`);

		expect(page.url()).toContain(`${sim.controlPageUrl}?notice=`);
		expect(await text('#notice')).toBe(`Payment ${orderReference} is SUCCESS; webhook PAYMENT RECEIVED answered 200.`);
		const status = await api.get(`/payments/${orderReference}`, token);
		expect(status.body[0]).toMatchObject({ orderReference, status: 'SUCCESS', collectedAmount: 2500 });
		const [webhook] = await webhooks.waitFor(1);
		expect(webhook.body).toMatchObject({ event: 'PAYMENT RECEIVED', data: { orderReference } });

		expect(await text('#waiting')).not.toContain(orderReference);
		const [paymentRow] = await rowTexts('#payments');
		expect(paymentRow).toMatch(new RegExp(`^${orderReference} \\| SUCCESS \\| TZS 2,500 \\| M-PESA \\| 255754123456 \\| success \\| `));
		const [webhookRow] = await rowTexts('#webhooks');
		expect(webhookRow).toMatch(/ \| clickpesa \| PAYMENT RECEIVED \| http:\/\/127\.0\.0\.1:\d+\/webhook \| 200 \| /);
		expect(webhookRow).toContain(orderReference); // in the body sent
		expect(await rowTexts('#balances')).toEqual(['TZS | 2,427.5 | 2,500 | 72.5 | 2']); // 2,500 less the 2.9 % collection fee
		await screenshot('simulator-page-approved');
		expectNoSecret(await page.content(), [token, token.replace(/^Bearer /, '')]);
	});

	test('a Clik2pay payment request: "Customer declines" with the keyboard fails it', async () => {
		webhooks.received.length = 0;
		const tokenAnswer = await call(`${sim.clik2payAuthUrl}/oauth2/token`, {
			method: 'POST',
			headers: { authorization: basic('sim-user', 'sim-pass') },
			form: { grant_type: 'client_credentials', scope: 'payment_request/all' },
		});
		const accessToken = tokenAnswer.body.access_token;
		const headers = { authorization: `Bearer ${accessToken}`, 'x-api-key': 'sim-c2p-api-key' };
		const created = await call(`${sim.clik2payBaseUrl}/payment-requests`, {
			method: 'POST',
			headers,
			json: { amount: 42.5, type: 'ECOMM', deliveryMode: 'NONE', payer: { name: 'Jane Doe', email: 'jane@example.com' } },
		});
		expect(created.status).toBe(201);
		const id = created.body.id;

		await page.goto(sim.controlPageUrl);
		expect(await text('#waiting')).toContain('Jane Doe');
		// Keyboard only: focus "Customer approves" of the request, Tab to "Customer declines", Enter.
		await page.focus(`#approve-${id}`);
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.id)).toBe(`decline-${id}`);
		await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);

		expect(await text('#notice')).toBe(`Payment request ${id} is FAILED; webhook PAYMENT-FAILED answered 200.`);
		const read = await call(`${sim.clik2payBaseUrl}/payment-requests/${id}`, { headers });
		expect(read.body.status).toBe('FAILED');
		const [webhook] = await webhooks.waitFor(1);
		expect(webhook.body[0]).toMatchObject({ eventType: 'PAYMENT-FAILED', resource: { id } });
		expect(await text('#payment-requests tbody')).toContain('FAILED');
		expectNoSecret(await page.content(), [accessToken]);
	});

	test('a 503 fault switched on from the page answers the next API call; "Clear all faults" ends it', async () => {
		await page.goto(sim.controlPageUrl);
		await page.select('#fault-kind', '503');
		await page.select('#fault-route', 'clickpesa GET /account/balance');
		await page.$eval('#fault-times', (input) => {
			/** @type {HTMLInputElement} */ (input).value = '0';
		});
		await screenshot('simulator-page-fault-form');
		await submit('#fault-add');
		expect(await text('#notice')).toBe('Fault 1 is on: 503 Service Unavailable, clickpesa GET /account/balance, every request.');
		expect(await text('#faults tbody')).toContain('status 503');

		const token = await api.token();
		expect(await api.get('/account/balance', token)).toMatchObject({ status: 503, body: { message: 'Service Unavailable' } });
		expect(await api.get('/account/balance', token)).toMatchObject({ status: 503 });

		await page.reload();
		const [logRow] = await rowTexts('#requests');
		expect(logRow).toContain(' | GET | /clickpesa/third-parties/account/balance | clickpesa GET /account/balance | 503 | ');

		await submit('#fault-clear');
		expect(await text('#notice')).toBe('Every fault is cleared.');
		expect(await text('#faults')).toContain('No fault is on');
		expect(sim.listFaults()).toEqual([]);
		expect((await api.get('/account/balance', token)).status).toBe(200);
		expectNoSecret(await page.content(), [token, token.replace(/^Bearer /, '')]);
	});

	test('an action that is refused shows why; a form posted from another site is refused', async () => {
		await page.goto(sim.controlPageUrl);
		await page.$eval('#fault-times', (input) => {
			/** @type {HTMLInputElement} */ (input).value = 'lots';
		});
		await submit('#fault-add');
		expect(await text('#action-error')).toBe('How many requests must be a whole number, 0 or more');
		expect(sim.listFaults()).toEqual([]);

		const forged = await fetch(`${sim.controlPageUrl}/faults`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://attacker.example' },
			body: 'kind=503&route=*&times=0',
		});
		expect(forged.status).toBe(403);
		expect(sim.listFaults()).toEqual([]);
	});

	test('Settings: the customer answers by hand or after the delay typed in, the webhook URL is edited on the page; the lists update in place without a reload', async () => {
		await page.goto(sim.controlPageUrl);
		// By hand (the suite's simulator starts so): a push stays PROCESSING until a button is clicked.
		expect(await page.$eval('#customer-by-hand', (input) => /** @type {HTMLInputElement} */ (input).checked)).toBe(true);
		await page.click('#customer-auto');
		await page.click('#customer-delay', { count: 3 });
		await page.keyboard.type('1');
		await submit('#save-settings');
		expect(await text('#notice')).toBe('Settings saved: the simulated customer answers USSD pushes by itself after 1 s.');
		expect(sim.getConfig().clickpesa.customerDelayMs).toBe(1000);

		// Switched on by a person (the suite switches it off on every page load): the page stays the same
		// document while the list of payments catches up with the customer's answer.
		await page.goto(sim.controlPageUrl);
		await page.click('#auto-refresh');
		await page.evaluate(() => Object.assign(window, { __samePage: true }));
		const token = await api.token();
		const orderReference = `SET${Date.now().toString(36).toUpperCase()}`;
		const body = { amount: '1500', currency: 'TZS', orderReference, phoneNumber: '255712345678' };
		expect((await api.post('/payments/initiate-ussd-push-request', { ...body, checksum: canonicalChecksum(CHECKSUM_KEY, body) }, token)).status).toBe(200);
		await page.mouse.move(0, 0);
		await page.waitForFunction((ref) => [...document.querySelectorAll('#payments tbody tr')].some((row) => row.textContent?.includes(ref) && row.textContent.includes('SUCCESS')), { timeout: 30_000 }, orderReference);
		expect(await page.evaluate(() => /** @type {any} */ (window).__samePage)).toBe(true);
		await page.click('#auto-refresh');

		// Back to answering by hand; the ClickPesa webhook URL changed on the page.
		await page.goto(sim.controlPageUrl);
		await page.click('#customer-by-hand');
		await page.click('#clickpesa-webhook-url', { count: 3 });
		await page.keyboard.type(`${webhooks.url}/changed`);
		await submit('#save-settings');
		expect(await text('#notice')).toBe('Settings saved: the simulated customer answers only when you click "Customer approves" or "Customer declines".');
		expect(sim.getConfig().clickpesa).toMatchObject({ customerDelayMs: null, webhookUrl: `${webhooks.url}/changed` });
		expect(await page.$eval('#clickpesa-webhook-url', (input) => /** @type {HTMLInputElement} */ (input).value)).toBe(`${webhooks.url}/changed`);
		await screenshot('simulator-page-settings');
		await sim.configure({ clickpesa: { webhookUrl: webhooks.url } });
	});

	test('the page HTML carries no key, password or token, whatever happened', async () => {
		const html = await (await fetch(sim.controlPageUrl)).text();
		expect(html).toContain('PAYMENT RECEIVED');
		expectNoSecret(html);
		expect(html).not.toMatch(/Bearer /);
		expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)="(?!data:)/i); // no external assets
	});
});
