// @ts-check
const { clickPesaFixture, initiateParams, newReference, ROUTES } = require('./clickpesa.helpers');

const CHECKOUT = 'clickpesa POST /checkout-link/generate-checkout-url';
const PAYOUT_LINK = 'clickpesa POST /payout-link/generate-payout-url';
const CARD_PREVIEW = 'clickpesa POST /payments/preview-card-payment';
const CARD_INITIATE = 'clickpesa POST /payments/initiate-card-payment';
const KEY = 'hosted-integration-key';

/** Every request the simulator saw except the control API (which is never counted). */
const apiRequests = async (f) => (await f.sim.stats()).totalRequests;

describe('ClickPesa node: checkout links, payout links, card, account, exchange rates (against the simulator)', () => {
	/** @type {Awaited<ReturnType<typeof clickPesaFixture>>} */
	let f;
	beforeEach(async () => {
		f = await clickPesaFixture({ clickpesa: { checksumKey: KEY, payoutDelayMs: null } }, { checksumSecret: KEY });
	});
	afterEach(async () => {
		await f.sim.stop();
	});

	const checkoutParams = (orderReference, extra = {}) => ({
		resource: 'checkoutLink',
		operation: 'create',
		orderReference,
		orderCurrency: 'TZS',
		amountMode: 'totalPrice',
		totalPrice: 2500,
		...extra,
	});

	describe('Checkout Link → Create', () => {
		test('total price: the signed documented body (totalPrice a string) → the link and what was sent', async () => {
			const reference = newReference('CL');
			const [out] = await f.run(
				checkoutParams(reference, {
					additionalFields: {
						customerName: ' Asha Said ',
						customerEmail: 'asha@example.com',
						customerPhone: '0754 000 111',
						description: 'Uniform',
						callbackUrl: 'https://shop.example.com/cb',
					},
				}),
			);
			expect(out).toHaveLength(1);
			expect(out[0].json.checkoutLink).toMatch(/\/clickpesa\/hosted\/checkout\/[0-9a-f]+$/);
			expect(out[0].json).toMatchObject({ orderReference: reference, total: 2500, currency: 'TZS', clientId: 'SIMCLIENTID' });
			expect(out[0].json.sent).toEqual({
				orderReference: reference,
				orderCurrency: 'TZS',
				totalPrice: '2500',
				customerName: 'Asha Said',
				customerEmail: 'asha@example.com',
				customerPhone: '255754000111',
				description: 'Uniform',
				callbackUrl: 'https://shop.example.com/cb',
			});
			expect(f.sim.hostedLinks()).toEqual([expect.objectContaining({ orderReference: reference, amount: '2500.00', callbackUrl: 'https://shop.example.com/cb' })]);
		});

		test('order items typed in, or mapped from JSON text or an array: prices sent as strings, quantities as numbers', async () => {
			const typed = newReference('CI');
			const [one] = await f.run(
				checkoutParams(typed, {
					amountMode: 'orderItems',
					itemsInput: 'fields',
					orderItems: { item: [{ name: 'Sabuni', price: 1500, quantity: 2 }, { name: 'Mafuta', price: 4000.5, quantity: 1 }] },
				}),
			);
			expect(one[0].json.sent.orderItems).toEqual([
				{ name: 'Sabuni', price: '1500', quantity: 2 },
				{ name: 'Mafuta', price: '4000.5', quantity: 1 },
			]);
			expect(one[0].json.sent.totalPrice).toBeUndefined();
			expect(one[0].json.total).toBe(7000.5);

			const lines = [{ name: 'Daftari', price: '500', quantity: '3' }];
			const [fromJson] = await f.run(
				checkoutParams('={{ $json.ref }}', { amountMode: 'orderItems', itemsInput: 'json', orderItemsJson: '={{ $json.lines }}' }),
				[{ ref: newReference('CJ'), lines }],
			);
			expect(fromJson[0].json.sent.orderItems).toEqual([{ name: 'Daftari', price: '500', quantity: 3 }]);
			const [fromText] = await f.run(
				checkoutParams(newReference('CT'), { amountMode: 'orderItems', itemsInput: 'json', orderItemsJson: JSON.stringify(lines) }),
			);
			expect(fromText[0].json.total).toBe(1500);
			expect(f.sim.hostedLinks().map((link) => link.amount)).toEqual(['7000.50', '1500.00', '1500.00']);
		});

		test('bad input is refused before any HTTP call', async () => {
			const cases = [
				[checkoutParams('INV-1'), /Order Reference "INV-1" may only contain letters and digits/],
				[checkoutParams(newReference(), { totalPrice: 0 }), /Total Price must be greater than 0/],
				[checkoutParams(newReference(), { additionalFields: { callbackUrl: 'ftp://shop' } }), /Callback URL "ftp:\/\/shop" is not an http or https URL/],
				[checkoutParams(newReference(), { additionalFields: { customerEmail: 'asha@' } }), /Customer Email "asha@" is not an e-mail address/],
				[checkoutParams(newReference(), { additionalFields: { customerPhone: '12345' } }), /Customer Phone "12345" is not a Tanzanian mobile number/],
				[checkoutParams(newReference(), { amountMode: 'orderItems', itemsInput: 'fields', orderItems: {} }), /Order Items is empty/],
				[checkoutParams(newReference(), { amountMode: 'orderItems', itemsInput: 'json', orderItemsJson: '[{"price": 10, "quantity": 1}]' }), /Order Items item 1 has no name/],
				[checkoutParams(newReference(), { amountMode: 'orderItems', itemsInput: 'json', orderItemsJson: '[{"name": "A", "price": 10, "quantity": 0}]' }), /Order Items item 1 quantity "0" is not a whole number/],
				[checkoutParams(newReference(), { amountMode: 'orderItems', itemsInput: 'json', orderItemsJson: '[{"name": "A", "price": 1.234, "quantity": 1}]' }), /more than 2 decimals/],
				[checkoutParams(newReference(), { amountMode: 'orderItems', itemsInput: 'json', orderItemsJson: '[{name: A}]' }), /Order Items is not valid JSON/],
				[checkoutParams(newReference(), { amountMode: 'orderItems', itemsInput: 'json', orderItemsJson: '{"name": "A"}' }), /Order Items must be an array of items/],
			];
			for (const [parameters, message] of cases) {
				const [out] = await f.run(parameters, [{}], 'continueRegularOutput');
				expect(out[0].json.error).toMatch(message);
			}
			expect(await apiRequests(f)).toBe(0);
		});

		test('a used reference (409) says the link exists and is not duplicated', async () => {
			const reference = newReference('CD');
			await f.run(checkoutParams(reference));
			await expect(f.run(checkoutParams(reference))).rejects.toThrow(
				`Order reference "${reference}" was already used — a checkout link or payment with this reference exists, and ClickPesa will not create a second one. Send the link you already have, or use a new order reference (item 0)`,
			);
			expect(await f.count(CHECKOUT)).toBe(2);
			expect(f.sim.hostedLinks()).toHaveLength(1);
		});

		test('an unknown outcome is not re-sent: the error says the link may exist; running again gets 409, never a second link', async () => {
			const reference = newReference('CU');
			await f.sim.addFault({ route: CHECKOUT, kind: 'reset', afterProcessing: true });
			const error = await f.run(checkoutParams(reference)).catch((e) => e);
			expect(error.message).toMatch(/The checkout link may have been created, and links cannot be looked up/);
			expect(await f.count(CHECKOUT)).toBe(1);
			await expect(f.run(checkoutParams(reference))).rejects.toThrow(/was already used — a checkout link or payment/);
			expect(f.sim.hostedLinks()).toHaveLength(1);
		});

		test('the provider’s own refusals pass through with ClickPesa’s message', async () => {
			const reference = newReference('CP');
			await f.run(initiateParams(reference));
			// The reference is taken by a USSD payment: one namespace (§3.1).
			await expect(f.run(checkoutParams(reference))).rejects.toThrow(/was already used/);
			f.credentials.set('clickPesaApi', { ...f.credentials.get('clickPesaApi'), checksumSecret: '' });
			await expect(f.run(checkoutParams(newReference('CK')))).rejects.toThrow(/HTTP 400: Checksum is required/);
		});
	});

	describe('Payout Link → Create', () => {
		test('amount sent as a string (§4.13) → the link; a used reference → 409 explained', async () => {
			const reference = newReference('PL');
			const params = { resource: 'payoutLink', operation: 'create', amount: 5000, orderReference: reference };
			const [out] = await f.run(params);
			expect(out[0].json).toMatchObject({ orderReference: reference, sent: { amount: '5000', orderReference: reference } });
			expect(out[0].json.payoutLink).toMatch(/\/clickpesa\/hosted\/payout\/[0-9a-f]+$/);
			await expect(f.run(params)).rejects.toThrow(/a payout link or payout with this reference exists/);
			const [bad] = await f.run({ ...params, amount: -1, orderReference: newReference() }, [{}], 'continueRegularOutput');
			expect(bad[0].json.error).toMatch(/Amount must be greater than 0/);
			expect(await f.count(PAYOUT_LINK)).toBe(2);
		});
	});

	describe('Card', () => {
		const customer = { customerMode: 'details', customerFullName: 'Asha Said', customerEmail: 'asha@example.com', customerPhone: '+255 754 000 111' };
		const initiate = (orderReference, extra = {}) => ({ resource: 'card', operation: 'initiate', amount: 12.5, currency: 'USD', orderReference, ...customer, ...extra });

		test('Preview lists the card methods and charges nothing', async () => {
			const reference = newReference('CV');
			const [out] = await f.run({ resource: 'card', operation: 'preview', amount: 100, currency: 'USD', orderReference: reference });
			expect(out[0].json.activeMethods.map((method) => method.name)).toEqual(['VISA', 'MASTER CARD']);
			const [status] = await f.run({ resource: 'payment', operation: 'getStatus', orderReference: reference }, [{}], 'continueRegularOutput');
			expect(status[0].json.error).toMatch(/No ClickPesa payment has order reference/);
		});

		test('Initiate sends the documented body and returns cardPaymentLink; the payment is PENDING until the customer pays', async () => {
			const reference = newReference('CN');
			const [out] = await f.run(initiate(reference));
			expect(out[0].json.cardPaymentLink).toMatch(/\/clickpesa\/hosted\/card\/[0-9a-f]+$/);
			expect(out[0].json.sent).toEqual({
				amount: '12.5',
				currency: 'USD',
				orderReference: reference,
				customer: { fullName: 'Asha Said', email: 'asha@example.com', phoneNumber: '255754000111' },
			});
			const [status] = await f.run({ resource: 'payment', operation: 'getStatus', orderReference: reference });
			expect(status[0].json).toMatchObject({ status: 'PENDING', channel: 'CARD', collectedCurrency: 'USD' });
			const [byId] = await f.run(initiate(newReference('CID'), { customerMode: 'id', customerId: 'CUST42' }));
			expect(byId[0].json.sent.customer).toEqual({ id: 'CUST42' });
			await expect(f.run(initiate(reference))).rejects.toThrow(`Order reference "${reference}" was already used — query its status (Payment → Get Status)`);
		});

		test('the customer needs an id, or full name + e-mail + phone: refused before HTTP', async () => {
			const cases = [
				[initiate(newReference(), { customerFullName: '  ' }), /Full Name is empty/],
				[initiate(newReference(), { customerEmail: 'not-an-email' }), /Email "not-an-email" is not an e-mail address/],
				[initiate(newReference(), { customerPhone: '' }), /Phone Number "" is not a Tanzanian mobile number/],
				[initiate(newReference(), { customerMode: 'id', customerId: '' }), /Customer ID is empty/],
				[initiate(newReference(), { amount: 'ten' }), /Amount "ten" is not a number/],
			];
			for (const [parameters, message] of cases) {
				const [out] = await f.run(parameters, [{}], 'continueRegularOutput');
				expect(out[0].json.error).toMatch(message);
			}
			expect(await apiRequests(f)).toBe(0);
		});

		test('before KYC ClickPesa refuses cards: the refusal is passed on and explained, for preview and initiate', async () => {
			f.sim.configure({ clickpesa: { kycApproved: false } });
			const explained = /KYC verification is not approved yet\. ClickPesa accepts card payments only once the account's KYC is approved \(docs\/clickpesa-api\.md §1\.4\).*Nothing was charged/;
			await expect(f.run({ resource: 'card', operation: 'preview', amount: 5, currency: 'USD', orderReference: newReference() })).rejects.toThrow(explained);
			await expect(f.run(initiate(newReference()))).rejects.toThrow(explained);
			expect(await f.count(CARD_INITIATE)).toBe(1);
			expect(await f.count(ROUTES.query)).toBe(0);
		});

		test('an unknown outcome is resolved by looking the reference up; the lost link is reported, never re-sent', async () => {
			const reference = newReference('CO');
			await f.sim.addFault({ route: CARD_INITIATE, kind: 'reset', afterProcessing: true });
			const error = await f.run(initiate(reference)).catch((e) => e);
			expect(error.message).toMatch(new RegExp(`The card payment "${reference}" was started \\(ClickPesa reports status PENDING\\), but its card payment link was lost`));
			expect(await f.count(CARD_INITIATE)).toBe(1);
			expect(await f.count(ROUTES.query)).toBe(1);

			const other = newReference('CZ');
			await f.sim.addFault({ route: CARD_INITIATE, kind: 'reset' });
			const notSent = await f.run(initiate(other)).catch((e) => e);
			expect(notSent.message).toMatch(/No card payment with order reference .* exists, so no card payment was started; it is safe to run the item again/);
			expect(await f.count(CARD_PREVIEW)).toBe(0);
		});
	});

	describe('Account', () => {
		test('Get Balance: a new merchant gets one clear item, not a failure; then one item per currency', async () => {
			const [none] = await f.run({ resource: 'account', operation: 'getBalance' });
			expect(none).toEqual([
				{
					json: {
						balanceAvailable: false,
						message: 'No balance account is linked to this merchant yet. Balance becomes available after the first successful payment or deposit.',
					},
					pairedItem: { item: 0 },
				},
			]);
			f.sim.seedBalance('TZS', 150000);
			f.sim.seedBalance('USD', 40);
			const [out] = await f.run({ resource: 'account', operation: 'getBalance' });
			expect(out.map((item) => item.json)).toEqual([
				{ currency: 'TZS', balance: 150000, balanceAvailable: true },
				{ currency: 'USD', balance: 40, balanceAvailable: true },
			]);
		});

		test('Get Balance: any other 404 (e.g. a wrong path) still fails', async () => {
			await f.sim.addFault({ route: 'clickpesa GET /account/balance', kind: 'status', status: 404, body: { message: 'Cannot GET /x' } });
			await expect(f.run({ resource: 'account', operation: 'getBalance' })).rejects.toThrow(/HTTP 404: Cannot GET \/x/);
		});

		test('Get Statement: one item per transaction (simplified or raw), or one summary item', async () => {
			f.sim.seedBalance('TZS', 100000);
			const reference = newReference('ST');
			await f.run(initiateParams(reference, '0712 345 678', 10000));
			await f.sim.completePayment(reference, 'SUCCESS');
			const today = new Date().toISOString().slice(0, 10);
			const base = { resource: 'account', operation: 'getStatement', currency: 'TZS', startDate: `${today}T00:00:00`, endDate: today };

			const [lines] = await f.run({ ...base, output: 'transactions' });
			expect(lines.map((item) => item.json.type)).toEqual(['Deposit', 'Payment', 'Fee - Payment']);
			expect(lines[1].json).toEqual({
				date: expect.any(String),
				orderReference: reference,
				type: 'Payment',
				entry: 'Credit',
				amount: 10000,
				currency: 'TZS',
				balance: 110000,
				description: expect.any(String),
			});
			const [raw] = await f.run({ ...base, output: 'transactions', simple: false });
			expect(raw[1].json.id).toEqual(expect.any(String));

			const [summary] = await f.run({ ...base, output: 'summary' });
			expect(summary).toHaveLength(1);
			expect(summary[0].json).toEqual({
				currency: 'TZS',
				startDate: today,
				endDate: today,
				openingBalance: 0,
				closingBalance: 109710,
				totalCredits: 110000,
				totalDebits: 290,
				transactionCount: 3,
			});
			const [fullSummary] = await f.run({ ...base, output: 'summary', simple: false });
			expect(Object.keys(fullSummary[0].json).sort()).toEqual(['accountDetails', 'transactions']);
			const sent = (await f.sim.requests()).filter((entry) => entry.route === 'clickpesa GET /account/statement').map((entry) => entry.path);
			expect(sent[0]).toBe(`/clickpesa/third-parties/account/statement?currency=TZS&startDate=${today}&endDate=${today}`);
		});

		test('Get Statement: dates in the wrong order are refused before HTTP', async () => {
			const [out] = await f.run(
				{ resource: 'account', operation: 'getStatement', currency: 'TZS', startDate: '2026-03-02', endDate: '2026-03-01' },
				[{}],
				'continueRegularOutput',
			);
			expect(out[0].json.error).toMatch(/End Date 2026-03-01 is before Start Date 2026-03-02/);
			expect(await apiRequests(f)).toBe(0);
		});
	});

	test('Exchange Rate → Get: every pair, or filtered by source/target', async () => {
		const [all] = await f.run({ resource: 'exchangeRate', operation: 'get', source: '', target: '' });
		expect(all.map((item) => `${item.json.source}>${item.json.target}`)).toEqual(['USD>TZS', 'TZS>USD']);
		const [usd] = await f.run({ resource: 'exchangeRate', operation: 'get', source: 'USD', target: '' });
		expect(usd.map((item) => item.json)).toEqual([{ source: 'USD', target: 'TZS', rate: 2500, date: expect.any(String) }]);
		const sent = (await f.sim.requests()).filter((entry) => entry.route === 'clickpesa GET /exchange-rates/all').map((entry) => entry.path);
		expect(sent).toEqual(['/clickpesa/third-parties/exchange-rates/all', '/clickpesa/third-parties/exchange-rates/all?source=USD']);
	});

	describe('Simplify on Payment → Get Status and Get Many (node version 1.1)', () => {
		let reference;
		beforeEach(async () => {
			reference = newReference('SP');
			await f.run(initiateParams(reference, '0712 345 678', 2500));
			await f.sim.completePayment(reference, 'SUCCESS');
		});

		test('version 1.1: on by default, the fields a billing team reads, flat; off: the full record', async () => {
			const simplified = {
				orderReference: reference,
				amount: 2500,
				currency: 'TZS',
				status: 'SUCCESS',
				paymentState: 'paid',
				channel: 'TIGO-PESA',
				customerName: expect.any(String),
				customerPhone: '255712345678',
				customerEmail: null,
				paymentReference: expect.any(String),
				message: 'success',
				createdAt: expect.any(String),
				updatedAt: expect.any(String),
			};
			const [status] = await f.run({ resource: 'payment', operation: 'getStatus', orderReference: reference }, [{}], undefined, 1.1);
			expect(status[0].json).toEqual(simplified);
			const [many] = await f.run({ resource: 'payment', operation: 'getMany', returnAll: true }, [{}], undefined, 1.1);
			expect(many.map((item) => item.json)).toEqual([simplified]);
			const [raw] = await f.run({ resource: 'payment', operation: 'getStatus', orderReference: reference, simple: false }, [{}], undefined, 1.1);
			expect(raw[0].json).toMatchObject({ status: 'SUCCESS', paymentState: 'paid', collectedAmount: 2500, collectedCurrency: 'TZS', clientId: 'SIMCLIENTID', customer: expect.any(Object) });
		});

		test('version 1 (workflows saved before Simplify existed) keeps the raw answer', async () => {
			const [status] = await f.run({ resource: 'payment', operation: 'getStatus', orderReference: reference, simple: true });
			expect(status[0].json).toMatchObject({ collectedAmount: 2500, paymentPhoneNumber: '255712345678', clientId: 'SIMCLIENTID' });
		});
	});
});
