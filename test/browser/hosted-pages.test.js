// @ts-check
/**
 * The simulator's hosted pages in a real browser: Debian's Chromium (`/usr/bin/chromium`, or
 * CHROMIUM_PATH), driven by puppeteer-core, which never downloads a browser. Links are made by the
 * ClickPesa node itself (run in-process against the simulator); a person's part is played with the
 * keyboard and clicks. Set BROWSER_SCREENSHOTS=1 to keep screenshots in test/browser/screenshots/
 * (git-ignored).
 */
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

// puppeteer-core is an ES module. Jest's own loader cannot require ES modules, so it is loaded by
// Node's native require (Node ≥ 22 loads ES modules with require); process.getBuiltinModule reaches
// it past Jest's module registry.
const puppeteer = /** @type {typeof import('puppeteer-core')} */ (process.getBuiltinModule('node:module').createRequire(__filename)('puppeteer-core'));

const { computeChecksum } = require('../../dist/nodes/ClickPesa/transport/checksum');
const { clickPesaFixture, newReference } = require('../integration/clickpesa.helpers');
const { startWebhookReceiver } = require('../simulator/helpers');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const KEY = 'browser-checksum-key';
const SCREENSHOTS = path.join(__dirname, 'screenshots');

jest.setTimeout(60_000);

/** The shop's own "thank you" page: the hosted application's Return URL. Records every visit. */
async function startShop() {
	/** @type {string[]} */
	const visits = [];
	const server = http.createServer((req, res) => {
		visits.push(req.url ?? '');
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Thanks</title><h1>Thank you for your order</h1>');
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		returnUrl: `http://127.0.0.1:${address.port}/thanks`,
		visits,
		close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
	};
}

/** A webhook body verifies when its top-level checksum is the canonical HMAC of the rest (docs/clickpesa-api.md §7.3). */
function verifiesChecksum(body) {
	return typeof body.checksum === 'string' && body.checksumMethod === 'canonical' && computeChecksum(KEY, body) === body.checksum;
}

describe('hosted pages in Chromium: checkout link, card link, payout link', () => {
	/** @type {import('puppeteer-core').Browser} */
	let browser;
	/** @type {import('puppeteer-core').Page} */
	let page;
	/** @type {Awaited<ReturnType<typeof clickPesaFixture>>} */
	let f;
	/** @type {Awaited<ReturnType<typeof startWebhookReceiver>>} */
	let webhooks;
	/** @type {Awaited<ReturnType<typeof startWebhookReceiver>>} */
	let callbacks;
	/** @type {Awaited<ReturnType<typeof startShop>>} */
	let shop;

	beforeAll(async () => {
		if (!fs.existsSync(CHROMIUM)) {
			throw new Error(
				`Chromium not found at ${CHROMIUM}: the browser tests need Debian's chromium (apt-get install -y chromium; .ci/run installs it) or CHROMIUM_PATH pointing at a Chromium binary`,
			);
		}
		webhooks = await startWebhookReceiver();
		callbacks = await startWebhookReceiver();
		shop = await startShop();
		f = await clickPesaFixture(
			{ clickpesa: { checksumKey: KEY, webhookUrl: webhooks.url, returnUrl: shop.returnUrl, payoutDelayMs: null, rateLimitPerMinute: 0 } },
			{ checksumSecret: KEY },
		);
		// Root in CI containers: Chromium's sandbox needs user namespaces it may not get.
		browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
		page = await browser.newPage();
		await page.setViewport({ width: 480, height: 900 });
	});

	afterAll(async () => {
		await browser?.close();
		await f?.sim.stop();
		await webhooks?.close();
		await callbacks?.close();
		await shop?.close();
	});

	beforeEach(() => {
		webhooks.received.length = 0;
		callbacks.received.length = 0;
	});

	const screenshot = async (name) => {
		if (process.env.BROWSER_SCREENSHOTS !== '1') return;
		fs.mkdirSync(SCREENSHOTS, { recursive: true });
		await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
	};
	const text = (selector) => page.$eval(selector, (element) => element.textContent?.trim() ?? '');
	const activeId = () => page.evaluate(() => document.activeElement?.id ?? '');
	const getStatus = async (orderReference) => {
		const [out] = await f.run({ resource: 'payment', operation: 'getStatus', orderReference }, [{}], undefined, 1.1);
		return out[0].json;
	};

	test('checkout link: pay by mobile money with the keyboard → payment, signed webhook, callback, Return URL', async () => {
		const orderReference = newReference('BRC');
		const [created] = await f.run({
			resource: 'checkoutLink',
			operation: 'create',
			orderReference,
			orderCurrency: 'TZS',
			amountMode: 'orderItems',
			itemsInput: 'fields',
			orderItems: { item: [{ name: 'School shoes', price: 25000, quantity: 1 }, { name: 'Exercise book', price: 1500, quantity: 4 }] },
			additionalFields: { customerName: 'Asha Said', description: 'Term 1 supplies', callbackUrl: callbacks.url },
		});
		const link = created[0].json.checkoutLink;

		await page.goto(link);
		expect(await page.title()).toContain(`Pay order ${orderReference}`);
		expect(await text('h1')).toBe('Pay TZS 31,000');
		expect(await text('#order-total')).toBe('TZS 31,000');
		expect(await page.$$eval('tbody tr', (rows) => rows.map((row) => row.querySelector('td')?.textContent))).toEqual(['School shoes', 'Exercise book']);
		await screenshot('checkout');

		// Keyboard only: focus the number, type it, Tab to the pay button, Enter.
		await page.focus('#phoneNumber');
		await page.keyboard.type('0754 123 456');
		await page.keyboard.press('Tab');
		expect(await activeId()).toBe('mobile-pay');
		await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);

		expect(page.url()).toBe(`${shop.returnUrl}?orderReference=${orderReference}&status=SUCCESS`);
		expect(await text('h1')).toBe('Thank you for your order');
		expect(shop.visits).toContain(`/thanks?orderReference=${orderReference}&status=SUCCESS`);

		expect(await getStatus(orderReference)).toMatchObject({ orderReference, status: 'SUCCESS', amount: 31000, currency: 'TZS', channel: 'M-PESA', customerName: 'Asha Said' });
		const [webhook] = await webhooks.waitFor(1);
		expect(webhook.body).toMatchObject({ event: 'PAYMENT RECEIVED', data: { orderReference, collectedAmount: '31000' } });
		expect(verifiesChecksum(webhook.body)).toBe(true);
		expect(verifiesChecksum({ ...webhook.body, data: { ...webhook.body.data, collectedAmount: '1' } })).toBe(false);
		const [callback] = await callbacks.waitFor(1);
		expect(callback.body).toMatchObject({ orderReference, status: 'SUCCESS', collectedAmount: 31000, channel: 'M-PESA' });

		// A second visit shows the order is paid.
		await page.goto(link);
		expect(await text('h1')).toBe('This order has been paid');
		await screenshot('checkout-paid');
	});

	test('checkout link: a declining test number shows the reason and the order can still be paid', async () => {
		const orderReference = newReference('BRD');
		const [created] = await f.run({ resource: 'checkoutLink', operation: 'create', orderReference, orderCurrency: 'TZS', amountMode: 'totalPrice', totalPrice: 5000 });
		await page.goto(created[0].json.checkoutLink);
		await page.type('#phoneNumber', '0712 349 999');
		await Promise.all([page.waitForNavigation(), page.click('#mobile-pay')]);
		expect(await text('#mobile-error')).toBe('The payment was not approved: Insufficient balance. Nothing was charged.');
		await screenshot('checkout-declined');
		const [status] = await f.run({ resource: 'payment', operation: 'getStatus', orderReference }, [{}], 'continueRegularOutput');
		expect(status[0].json.error).toMatch(/No ClickPesa payment has order reference/);
		expect(webhooks.received).toHaveLength(0);
	});

	test('Card → Initiate link: enter the card, pay → PENDING becomes SUCCESS, signed webhook, Return URL', async () => {
		const orderReference = newReference('BRK');
		const [created] = await f.run({
			resource: 'card',
			operation: 'initiate',
			amount: 49.9,
			currency: 'USD',
			orderReference,
			customerMode: 'details',
			customerFullName: 'John Doe',
			customerEmail: 'john@example.com',
			customerPhone: '0712 345 678',
		});
		expect((await getStatus(orderReference)).status).toBe('PENDING');

		await page.goto(created[0].json.cardPaymentLink);
		expect(await text('h1')).toBe('Pay USD 49.90 by card');
		expect(await page.$eval('#cardName', (input) => /** @type {HTMLInputElement} */ (input).value)).toBe('John Doe');
		await page.focus('#cardNumber');
		await page.keyboard.type('4242 4242 4242 4242');
		await page.keyboard.press('Tab');
		await page.keyboard.type('12/39');
		await page.keyboard.press('Tab');
		await page.keyboard.type('123');
		await screenshot('card');
		await Promise.all([page.waitForNavigation(), page.click('#card-pay')]);

		expect(page.url()).toBe(`${shop.returnUrl}?orderReference=${orderReference}&status=SUCCESS`);
		expect(await getStatus(orderReference)).toMatchObject({ status: 'SUCCESS', amount: 49.9, currency: 'USD', channel: 'CARD', customerEmail: 'john@example.com' });
		const [webhook] = await webhooks.waitFor(1);
		expect(webhook.body).toMatchObject({ event: 'PAYMENT RECEIVED', data: { orderReference, channel: 'CARD', collectedCurrency: 'USD' } });
		expect(verifiesChecksum(webhook.body)).toBe(true);
	});

	test('payout link: the recipient picks mobile money, reviews, confirms → the payout exists, PAYOUT INITIATED signed, Return URL', async () => {
		f.sim.seedBalance('TZS', 200000);
		const orderReference = newReference('BRP');
		const [created] = await f.run({ resource: 'payoutLink', operation: 'create', amount: 20000, orderReference });
		await page.goto(created[0].json.payoutLink);
		expect(await text('h1')).toBe('Receive TZS 20,000');
		await screenshot('payout');
		await page.type('#payoutPhone', '0754 123 456');
		await Promise.all([page.waitForNavigation(), page.click('#payout-mobile-continue')]);
		expect(await text('h1')).toBe('Confirm your payout');
		expect(await text('#review-amount')).toBe('TZS 20,000');
		await screenshot('payout-review');
		await page.focus('#payout-confirm');
		await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
		expect(page.url()).toBe(`${shop.returnUrl}?orderReference=${orderReference}&status=AUTHORIZED`);

		const token = await fetch(`${f.sim.clickpesaBaseUrl}/generate-token`, { method: 'POST', headers: { 'client-id': 'SIMCLIENTID', 'api-key': 'sim-api-key' } })
			.then((response) => response.json())
			.then((body) => body.token);
		const [payout] = await fetch(`${f.sim.clickpesaBaseUrl}/payouts/${orderReference}`, { headers: { authorization: token } }).then((response) => response.json());
		expect(payout).toMatchObject({ orderReference, status: 'AUTHORIZED', channel: 'MOBILE MONEY', beneficiary: { accountNumber: '255754123456' } });

		await f.sim.completePayout(orderReference);
		const [webhook] = await webhooks.waitFor(1);
		expect(webhook.body).toMatchObject({ event: 'PAYOUT INITIATED', data: { orderReference, status: 'SUCCESS' } });
		expect(verifiesChecksum(webhook.body)).toBe(true);

		await page.goto(created[0].json.payoutLink);
		expect(await text('h1')).toBe('This payout has already been made');
	});
});
