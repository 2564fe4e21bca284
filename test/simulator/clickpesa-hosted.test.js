'use strict';

const { startSimulator } = require('../../simulator');
const { canonicalChecksum } = require('../../simulator/clickpesa/checksum');
const { clickpesa, control, startWebhookReceiver } = require('./helpers');

const KEY = 'hosted-checksum-key';

/** A form POST as a browser sends it; redirects are not followed so the 303 can be checked. */
async function submit(url, fields) {
	const response = await fetch(url, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields).toString(),
	});
	return { status: response.status, location: response.headers.get('location'), html: await response.text(), type: response.headers.get('content-type') };
}

async function open(url) {
	const response = await fetch(url);
	return { status: response.status, html: await response.text(), type: response.headers.get('content-type') };
}

const signed = (body) => ({ ...body, checksum: canonicalChecksum(KEY, body), checksumMethod: 'canonical' });

describe('ClickPesa simulator: hosted checkout, card and payout links (§4.3, §4.4, §4.12, §4.13) and their pages', () => {
	let simulator;
	let api;
	let token;
	let receiver;
	let callback;
	let counter = 0;
	const reference = (prefix = 'HOST') => `${prefix}${Date.now()}${++counter}`;
	const returnUrl = 'http://127.0.0.1:9/shop/thanks';

	beforeAll(async () => {
		receiver = await startWebhookReceiver();
		callback = await startWebhookReceiver();
		simulator = await startSimulator({
			port: 0,
			clickpesa: { rateLimitPerMinute: 0, customerDelayMs: null, payoutDelayMs: null, webhookUrl: receiver.url, checksumKey: KEY },
		});
		api = clickpesa(simulator);
	});
	afterAll(async () => {
		await simulator.stop();
		await receiver.close();
		await callback.close();
	});
	beforeEach(async () => {
		simulator.reset({ state: true });
		simulator.configure({ clickpesa: { returnUrl, kycApproved: true, checksumKey: KEY } });
		receiver.received.length = 0;
		callback.received.length = 0;
		token = await api.token();
	});

	const checkout = (body) => api.post('/checkout-link/generate-checkout-url', signed(body), token);

	describe('POST /checkout-link/generate-checkout-url', () => {
		test('refuses what §4.12 documents, in order: types, checksum, reference, amount', async () => {
			expect(await checkout({ orderReference: 'A1', orderCurrency: 'KES', totalPrice: '10' })).toMatchObject({
				status: 400,
				body: { message: ['orderCurrency must be one of the following values: TZS, USD'] },
			});
			expect(await checkout({ orderReference: 'A1', orderCurrency: 'TZS', totalPrice: '10', callbackUrl: 'ftp://x' })).toMatchObject({
				status: 400,
				body: { message: ['callbackUrl must be a URL address'] },
			});
			const unsigned = await api.post('/checkout-link/generate-checkout-url', { orderReference: 'A1', orderCurrency: 'TZS', totalPrice: '10' }, token);
			expect(unsigned).toMatchObject({ status: 400, body: { message: 'Checksum is required' } });
			expect(await checkout({ orderCurrency: 'TZS', totalPrice: '10' })).toMatchObject({ status: 400, body: { message: 'Order reference is required' } });
			expect(await checkout({ orderReference: 'A-1', orderCurrency: 'TZS', totalPrice: '10' })).toMatchObject({
				status: 400,
				body: { message: 'Invalid Order Reference, should only contain alphanumeric characters and cannot be blank' },
			});
			expect(await checkout({ orderReference: 'A1', orderCurrency: 'TZS' })).toMatchObject({ status: 400, body: { message: 'Total Price is required' } });
			for (const [item, message] of [
				[{ price: '10', quantity: 1 }, 'All items must have a name'],
				[{ name: 'Soap', price: 10, quantity: 1 }, 'All items must have a price'],
				[{ name: 'Soap', price: '10' }, 'All items must have a quantity'],
			]) {
				expect(await checkout({ orderReference: 'A1', orderCurrency: 'TZS', orderItems: [item] })).toMatchObject({ status: 400, body: { message } });
			}
			expect(await checkout({ orderReference: 'A1', orderCurrency: 'TZS', totalPrice: '10', customerPhone: '12345' })).toMatchObject({
				status: 400,
				body: { message: 'Invalid / unsupported phone number' },
			});
			expect(simulator.hostedLinks()).toEqual([]);
		});

		test('answers {checkoutLink, clientId}; the reference is then used, for links and USSD pushes alike (409)', async () => {
			const orderReference = reference();
			const created = await checkout({ orderReference, orderCurrency: 'TZS', totalPrice: '2500' });
			expect(created.status).toBe(200);
			expect(Object.keys(created.body).sort()).toEqual(['checkoutLink', 'clientId']);
			expect(created.body.checkoutLink).toMatch(new RegExp(`^${simulator.url}/clickpesa/hosted/checkout/[0-9a-f]{24}$`));
			const conflict = `Order reference ${orderReference} already used: Create a different reference`;
			expect(await checkout({ orderReference, orderCurrency: 'TZS', totalPrice: '2500' })).toMatchObject({ status: 409, body: { message: conflict } });
			const push = await api.post('/payments/initiate-ussd-push-request', signed({ amount: '2500', currency: 'TZS', orderReference, phoneNumber: '255712345678' }), token);
			expect(push).toMatchObject({ status: 409, body: { message: conflict } });
			// Nothing is paid yet: the payment query knows no payment.
			expect((await api.get(`/payments/${orderReference}`, token)).status).toBe(404);
		});
	});

	describe('the checkout page', () => {
		test('shows the items and the total, both payment forms with labels, and the test values', async () => {
			const orderReference = reference();
			const { body } = await checkout({
				orderReference,
				orderCurrency: 'TZS',
				orderItems: [
					{ name: 'Sabuni <b>', price: '1500', quantity: 2 },
					{ name: 'Mafuta', price: '4000.50', quantity: 1 },
				],
				customerName: 'Asha Said',
				customerPhone: '255754000111',
				description: 'School uniform',
			});
			const page = await open(body.checkoutLink);
			expect(page.status).toBe(200);
			expect(page.type).toBe('text/html; charset=utf-8');
			expect(page.html).toContain('<html lang="en">');
			expect(page.html).toContain('Sabuni &#60;b&#62;');
			expect(page.html).toContain('TZS 7,000.50');
			expect(page.html).toContain('School uniform');
			expect(page.html).toContain('<label for="phoneNumber">Mobile-money number</label>');
			expect(page.html).toContain('value="0754000111"');
			expect(page.html).toContain('<label for="cardNumber">Card number</label>');
			expect(page.html).toMatch(/9999.*declined/s);
			expect(page.html).toContain('4000 0000 0000 0002');
			expect(page.html).not.toMatch(/<script src|<link /);
		});

		test('mobile money: the payment is recorded, credited, signed webhook + callback sent, then 303 to the Return URL; a link is paid once', async () => {
			const orderReference = reference();
			const { body } = await checkout({
				orderReference,
				orderCurrency: 'TZS',
				totalPrice: '10000',
				callbackUrl: callback.url,
				customerEmail: 'asha@example.com',
			});
			const paid = await submit(`${body.checkoutLink}/mobile-money`, { phoneNumber: '0754 123 456' });
			expect(paid.status).toBe(303);
			expect(paid.location).toBe(`${returnUrl}?orderReference=${orderReference}&status=SUCCESS`);

			const [payment] = (await api.get(`/payments/${orderReference}`, token)).body;
			expect(payment).toMatchObject({
				orderReference,
				status: 'SUCCESS',
				channel: 'M-PESA',
				collectedAmount: 10000,
				collectedCurrency: 'TZS',
				paymentPhoneNumber: '255754123456',
				customer: { customerEmail: 'asha@example.com' },
			});
			expect((await api.get('/account/balance', token)).body).toEqual([{ currency: 'TZS', balance: 9710 }]);

			const [webhook] = await receiver.waitFor(1);
			expect(webhook.body).toMatchObject({ event: 'PAYMENT RECEIVED', data: { orderReference, id: payment.id, collectedAmount: '10000' } });
			expect(webhook.body.checksum).toBe(canonicalChecksum(KEY, webhook.body));
			const [posted] = await callback.waitFor(1);
			expect(posted.body).toEqual(payment);

			const again = await open(body.checkoutLink);
			expect(again.status).toBe(200);
			expect(again.html).toContain('This order has been paid');
			const twice = await submit(`${body.checkoutLink}/mobile-money`, { phoneNumber: '0754123456' });
			expect(twice.status).toBe(409);
			expect((await api.get(`/payments/${orderReference}`, token)).body).toHaveLength(1);
			expect(simulator.hostedLinks()).toEqual([expect.objectContaining({ kind: 'checkout', status: 'PAID', transactionId: payment.id })]);
		});

		test('a declining test number or a bad number shows the reason; nothing is recorded and the link stays open', async () => {
			const orderReference = reference();
			const { body } = await checkout({ orderReference, orderCurrency: 'TZS', totalPrice: '5000' });
			const declined = await submit(`${body.checkoutLink}/mobile-money`, { phoneNumber: '0712349999' });
			expect(declined.status).toBe(422);
			expect(declined.html).toMatch(/role="alert"[^>]*>The payment was not approved: Insufficient balance/);
			const bad = await submit(`${body.checkoutLink}/mobile-money`, { phoneNumber: '12' });
			expect(bad.status).toBe(422);
			expect(bad.html).toContain('Enter a Tanzanian mobile-money number');
			expect((await api.get(`/payments/${orderReference}`, token)).status).toBe(404);
			expect(receiver.received).toHaveLength(0);
			expect((await submit(`${body.checkoutLink}/mobile-money`, { phoneNumber: '0712345678' })).status).toBe(303);
		});

		test('card on the checkout page: a declined test card changes nothing; a good one pays with channel CARD in the order currency', async () => {
			const orderReference = reference();
			const { body } = await checkout({ orderReference, orderCurrency: 'USD', totalPrice: '20' });
			const card = { expiry: '12/39', cvc: '123', cardName: 'Asha Said' };
			const declined = await submit(`${body.checkoutLink}/card`, { ...card, cardNumber: '4000 0000 0000 0002' });
			expect(declined.status).toBe(422);
			expect(declined.html).toContain('The card was declined: Card declined');
			expect((await submit(`${body.checkoutLink}/card`, { ...card, cardNumber: '4242 4242 4242 4241' })).html).toContain('Enter a valid card number');
			expect((await submit(`${body.checkoutLink}/card`, { ...card, expiry: '01/20', cardNumber: '4242424242424242' })).html).toContain('The card has expired');
			const paid = await submit(`${body.checkoutLink}/card`, { ...card, cardNumber: '4242 4242 4242 4242' });
			expect(paid.status).toBe(303);
			const [payment] = (await api.get(`/payments/${orderReference}`, token)).body;
			expect(payment).toMatchObject({ status: 'SUCCESS', channel: 'CARD', collectedCurrency: 'USD', collectedAmount: 20, paymentPhoneNumber: null });
			expect((await api.get('/account/balance', token)).body).toEqual([{ currency: 'USD', balance: 19.42 }]);
		});

		test('without clickpesa.returnUrl the browser lands on the simulator’s “Payment complete” page', async () => {
			simulator.configure({ clickpesa: { returnUrl: null } });
			const orderReference = reference();
			const { body } = await checkout({ orderReference, orderCurrency: 'TZS', totalPrice: '1000' });
			const paid = await submit(`${body.checkoutLink}/mobile-money`, { phoneNumber: '0712345678' });
			expect(paid.location).toBe(`${simulator.url}/clickpesa/hosted/complete?orderReference=${orderReference}&status=SUCCESS`);
			const landing = await open(paid.location);
			expect(landing.html).toContain('<h1>Payment complete</h1>');
			expect(landing.html).toContain(orderReference);
		});

		test('pages are not counted against the API rate limit; an unknown link is a 404 page', async () => {
			simulator.configure({ clickpesa: { rateLimitPerMinute: 2 } });
			const { body } = await checkout({ orderReference: reference(), orderCurrency: 'TZS', totalPrice: '1000' });
			for (let i = 0; i < 4; i++) expect((await open(body.checkoutLink)).status).toBe(200);
			const missing = await open(`${simulator.url}/clickpesa/hosted/checkout/0000`);
			expect(missing.status).toBe(404);
			expect(missing.html).toContain('Link not found');
			simulator.configure({ clickpesa: { rateLimitPerMinute: 0 } });
		});
	});

	describe('card payments (§4.3, §4.4)', () => {
		const customer = { fullName: 'Asha Said', email: 'asha@example.com', phoneNumber: '255754000111' };
		const initiate = (body) => api.post('/payments/initiate-card-payment', signed(body), token);

		test('preview lists the card methods with the fee; USD only; 409 for a used reference', async () => {
			const orderReference = reference();
			const preview = await api.post('/payments/preview-card-payment', signed({ amount: '100', currency: 'USD', orderReference }), token);
			expect(preview).toMatchObject({ status: 200, body: { activeMethods: [{ name: 'VISA', status: 'AVAILABLE', fee: 2.9 }, { name: 'MASTER CARD', status: 'AVAILABLE', fee: 2.9 }] } });
			const tzs = await api.post('/payments/preview-card-payment', signed({ amount: '100', currency: 'TZS', orderReference }), token);
			expect(tzs).toMatchObject({ status: 400, body: { message: ['currency must be one of the following values: USD'] } });
			await initiate({ amount: '100', currency: 'USD', orderReference, customer });
			const used = await api.post('/payments/preview-card-payment', signed({ amount: '100', currency: 'USD', orderReference }), token);
			expect(used.status).toBe(409);
		});

		test('initiate needs {id} or all of fullName, email, phoneNumber; the amount is a string', async () => {
			const bad = await initiate({ amount: 100, currency: 'USD', orderReference: reference(), customer: { fullName: 'Asha Said', email: 'asha@example' } });
			expect(bad).toMatchObject({
				status: 400,
				body: { message: ['amount must be a string', 'customer.phoneNumber should not be empty', 'customer.email must be an email'] },
			});
			expect((await initiate({ amount: '5', currency: 'USD', orderReference: reference() })).body.message).toEqual(['customer must be an object']);
			const byId = await initiate({ amount: '5', currency: 'USD', orderReference: reference(), customer: { id: 'CUST123' } });
			expect(byId.status).toBe(200);
		});

		test('before KYC (kycApproved: false) preview and initiate are refused', async () => {
			simulator.configure({ clickpesa: { kycApproved: false } });
			const refusal = { status: 400, body: { message: 'Card payments are not available for this merchant: KYC verification is not approved yet' } };
			expect(await api.post('/payments/preview-card-payment', signed({ amount: '5', currency: 'USD', orderReference: reference() }), token)).toMatchObject(refusal);
			expect(await initiate({ amount: '5', currency: 'USD', orderReference: reference(), customer })).toMatchObject(refusal);
		});

		test('initiate records a PENDING payment and answers cardPaymentLink; the card page completes it (name must match)', async () => {
			const orderReference = reference();
			const created = await initiate({ amount: '12.50', currency: 'USD', orderReference, customer });
			expect(created.status).toBe(200);
			expect(Object.keys(created.body).sort()).toEqual(['cardPaymentLink', 'clientId']);
			const [pending] = (await api.get(`/payments/${orderReference}`, token)).body;
			expect(pending).toMatchObject({ status: 'PENDING', channel: 'CARD', collectedAmount: 12.5, collectedCurrency: 'USD', customer: { customerName: 'Asha Said' } });

			const page = await open(created.body.cardPaymentLink);
			expect(page.html).toContain('USD 12.50');
			expect(page.html).toContain('value="Asha Said"');
			const card = { cardNumber: '5555 5555 5555 4444', expiry: '10/38', cvc: '999' };
			const wrongName = await submit(created.body.cardPaymentLink, { ...card, cardName: 'Someone Else' });
			expect(wrongName.status).toBe(422);
			expect(wrongName.html).toContain('does not match');
			const paid = await submit(created.body.cardPaymentLink, { ...card, cardName: ' asha  SAID ' });
			expect(paid.status).toBe(303);
			expect(paid.location).toContain(`orderReference=${orderReference}`);
			const payments = (await api.get(`/payments/${orderReference}`, token)).body;
			expect(payments).toHaveLength(1);
			expect(payments[0]).toMatchObject({ id: pending.id, status: 'SUCCESS', customer: { customerPhoneNumber: '255754000111', customerEmail: 'asha@example.com' } });
			const [webhook] = await receiver.waitFor(1);
			expect(webhook.body).toMatchObject({ event: 'PAYMENT RECEIVED', data: { orderReference, channel: 'CARD', collectedCurrency: 'USD' } });
			expect((await open(created.body.cardPaymentLink)).html).toContain('This order has been paid');
		});
	});

	describe('payout links (§4.13)', () => {
		const payoutLink = (body) => api.post('/payout-link/generate-payout-url', signed(body), token);

		test('amount must be a string; the reference is in the payout namespace (409 for links and payouts)', async () => {
			expect(await payoutLink({ amount: 5000, orderReference: reference() })).toMatchObject({ status: 400, body: { message: ['amount must be a string'] } });
			const orderReference = reference();
			const created = await payoutLink({ amount: '5000', orderReference });
			expect(created.status).toBe(200);
			expect(Object.keys(created.body).sort()).toEqual(['clientId', 'payoutLink']);
			expect((await payoutLink({ amount: '5000', orderReference })).status).toBe(409);
			await control(simulator).post('/clickpesa/balance/deposit', { currency: 'TZS', amount: 100000 });
			const payout = await api.post('/payouts/create-mobile-money-payout', signed({ amount: 1000, currency: 'TZS', orderReference, phoneNumber: '255754123456' }), token);
			expect(payout.status).toBe(409);
		});

		test('the recipient picks mobile money, reviews, confirms: the payout follows the ledger and lifecycle', async () => {
			simulator.seedBalance('TZS', 100000);
			const orderReference = reference();
			const { body } = await payoutLink({ amount: '20000', orderReference });
			const page = await open(body.payoutLink);
			expect(page.html).toContain('Receive TZS 20,000');
			expect(page.html).toContain('<label for="payoutPhone">Mobile-money number</label>');
			expect(page.html).toContain('<label for="bic">Bank</label>');
			const review = await submit(`${body.payoutLink}/review`, { method: 'mobile', phoneNumber: '0754 123 456' });
			expect(review.status).toBe(200);
			expect(review.html).toContain('Confirm your payout');
			expect(review.html).toContain('TZS 20,000');
			expect(review.html).toContain('MPESA TANZANIA');
			const confirmed = await submit(`${body.payoutLink}/confirm`, { method: 'mobile', phoneNumber: '255754123456' });
			expect(confirmed.status).toBe(303);
			expect(confirmed.location).toBe(`${returnUrl}?orderReference=${orderReference}&status=AUTHORIZED`);
			const [payout] = (await api.get(`/payouts/${orderReference}`, token)).body;
			expect(payout).toMatchObject({ status: 'AUTHORIZED', channel: 'MOBILE MONEY', amount: '20300.00', fee: '300.00', beneficiary: { accountNumber: '255754123456' } });
			expect((await api.get('/account/balance', token)).body).toEqual([{ currency: 'TZS', balance: 79700 }]);
			await simulator.completePayout(orderReference);
			const [webhook] = await receiver.waitFor(1);
			expect(webhook.body).toMatchObject({ event: 'PAYOUT INITIATED', data: { orderReference, status: 'SUCCESS' } });
			expect((await open(body.payoutLink)).html).toContain('This payout has already been made');
			expect((await submit(`${body.payoutLink}/confirm`, { method: 'mobile', phoneNumber: '255754123456' })).status).toBe(409);
		});

		test('bank: a known account gives its name; an unknown one needs the holder’s name; no balance → the reason, nothing created', async () => {
			const orderReference = reference();
			const { body } = await payoutLink({ amount: '50000', orderReference });
			const poor = await submit(`${body.payoutLink}/review`, { method: 'bank', bic: 'CORUTZTZ', accountNumber: '0150123456789' });
			expect(poor.status).toBe(422);
			expect(poor.html).toContain('The payout cannot be made right now: Insufficient balance: available balance is 0 TZS');
			simulator.seedBalance('TZS', 100000);
			const unknown = await submit(`${body.payoutLink}/review`, { method: 'bank', bic: 'CORUTZTZ', accountNumber: '999' });
			expect(unknown.html).toContain('enter the account holder’s name');
			const review = await submit(`${body.payoutLink}/review`, { method: 'bank', bic: 'CORUTZTZ', accountNumber: '0150123456789' });
			expect(review.html).toContain('TEMBO SHOP');
			const confirmed = await submit(`${body.payoutLink}/confirm`, { method: 'bank', bic: 'CORUTZTZ', accountNumber: '0150123456789' });
			expect(confirmed.status).toBe(303);
			const [payout] = (await api.get(`/payouts/${orderReference}`, token)).body;
			expect(payout).toMatchObject({ channel: 'BANK TRANSFER', channelProvider: 'CRDB BANK PLC', transferType: 'ACH', beneficiary: { accountName: 'TEMBO SHOP', swiftNumber: 'CORUTZTZ' } });
		});
	});

	test('the control API lists hosted links', async () => {
		await checkout({ orderReference: reference(), orderCurrency: 'TZS', totalPrice: '1000' });
		const listed = await control(simulator).get('/clickpesa/hosted-links');
		expect(listed.status).toBe(200);
		expect(listed.body).toEqual([expect.objectContaining({ kind: 'checkout', status: 'OPEN', amount: '1000.00', currency: 'TZS' })]);
	});
});
