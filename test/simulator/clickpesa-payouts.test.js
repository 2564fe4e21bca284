'use strict';

const { startSimulator } = require('../../simulator');
const { canonicalChecksum } = require('../../simulator/clickpesa/checksum');
const { buildTanQr } = require('../../simulator/clickpesa/payout-directory');
const { clickpesa, control, eventually, startWebhookReceiver } = require('./helpers');

const KEY = 'secret-key';
const sign = (body) => ({ ...body, checksum: canonicalChecksum(KEY, body) });
const MOBILE = { preview: '/payouts/preview-mobile-money-payout', create: '/payouts/create-mobile-money-payout' };
const BANK = { preview: '/payouts/preview-bank-payout', create: '/payouts/create-bank-payout' };
const LIPA = { preview: '/payouts/preview-lipa-namba-payout', create: '/payouts/create-lipa-namba-payout' };
const ISO = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

describe('ClickPesa simulator: payouts (docs/clickpesa-api.md §4.8–§4.11, §7.7)', () => {
	let simulator;
	let receiver;
	let api;
	let token;
	let counter = 0;
	const reference = () => `PO${Date.now()}${++counter}`;

	beforeAll(async () => {
		receiver = await startWebhookReceiver();
		simulator = await startSimulator({
			port: 0,
			clickpesa: {
				rateLimitPerMinute: 0,
				customerDelayMs: null,
				payoutDelayMs: null,
				payoutCooldownMs: 0,
				webhookUrl: receiver.url,
				checksumKey: KEY,
				startingBalance: { TZS: 1_000_000, USD: 100 },
			},
		});
		api = clickpesa(simulator);
	});
	afterAll(async () => {
		await simulator.stop();
		await receiver.close();
	});
	beforeEach(async () => {
		simulator.reset({ state: true });
		receiver.received.length = 0;
		token = await api.token();
	});

	const post = (path, body) => api.post(path, sign(body), token);
	const balance = async (currency = 'TZS') =>
		(await api.get('/account/balance', token)).body.find((account) => account.currency === currency)?.balance;
	const mobileBody = (overrides = {}) => ({ amount: 10000, phoneNumber: '255712345678', currency: 'TZS', orderReference: reference(), ...overrides });
	const bankBody = (overrides = {}) => ({
		amount: 200000,
		accountNumber: '123456789',
		currency: 'TZS',
		accountCurrency: 'TZS',
		orderReference: reference(),
		bic: 'EQBLTZTZ',
		transferType: 'RTGS',
		accountName: 'John Doe',
		...overrides,
	});
	const lipaBody = (overrides = {}) => ({ amount: 5000, currency: 'TZS', orderReference: reference(), lipaNamba: '5012345', providerCode: '503', ...overrides });

	describe('mobile money', () => {
		test('preview: total with the 1.5 % fee (min 300), balance, receiver name from the network', async () => {
			const body = mobileBody();
			const preview = await post(MOBILE.preview, body);
			expect(preview.status).toBe(200);
			expect(preview.body).toEqual({
				amount: 10300,
				balance: 1_000_000,
				channelProvider: 'TIGO PESA',
				fee: 300,
				exchanged: false,
				order: { amount: 10000, currency: 'TZS', id: body.orderReference },
				payoutFeeBearer: 'merchant',
				receiver: { accountName: expect.any(String), accountNumber: '255712345678', accountCurrency: 'TZS', amount: 10000 },
			});
			expect(preview.body.receiver.accountName).not.toBe('255712345678');
			// Preview takes no money and starts no cooldown; the reference stays free.
			expect(await balance()).toBe(1_000_000);
			expect((await post(MOBILE.create, body)).status).toBe(200);
		});

		test('preview: a number whose name the network does not give falls back to the phone number', async () => {
			const preview = await post(MOBILE.preview, mobileBody({ phoneNumber: '255754127777', amount: 100000 }));
			expect(preview.body).toMatchObject({ channelProvider: 'MPESA TANZANIA', fee: 1500, receiver: { accountName: '255754127777' } });
		});

		test('create: AUTHORIZED in the documented shape; the ledger books Payout and Fee - Payout', async () => {
			const body = mobileBody({ phoneNumber: '255742345678' });
			const created = await post(MOBILE.create, body);
			expect(created.status).toBe(200);
			expect(created.body).toEqual({
				updatedAt: ISO,
				createdAt: ISO,
				id: expect.stringMatching(/^PAY[0-9A-F]{7}$/),
				orderReference: body.orderReference,
				amount: '10300.00',
				currency: 'TZS',
				fee: '300.00',
				exchanged: false,
				status: 'AUTHORIZED',
				channel: 'MOBILE MONEY',
				channelProvider: 'MPESA TANZANIA',
				order: { amount: '10000.00', currency: 'TZS' },
				beneficiary: { accountNumber: '255742345678', accountName: expect.any(String) },
				clientId: 'SIMCLIENTID',
			});
			expect(await balance()).toBe(989_700);
			const statement = (await api.get('/account/statement?currency=TZS', token)).body;
			expect(statement.transactions.slice(-2)).toEqual([
				expect.objectContaining({ type: 'Payout', entry: 'Debit', amount: 10000, balance: 990_000, orderReference: body.orderReference, id: created.body.id }),
				expect.objectContaining({ type: 'Fee - Payout', entry: 'Debit', amount: 300, balance: 989_700, orderReference: body.orderReference }),
			]);
			expect(statement.accountDetails).toMatchObject({ totalCredits: 1_000_000, totalDebits: 10300, closingBalance: 989_700 });
		});

		test('from the USD balance: converted at the configured rate, exchange shown', async () => {
			const body = mobileBody({ currency: 'USD', amount: 25000 });
			const preview = await post(MOBILE.preview, body);
			// 25000 + 375 fee = 25375 TZS / 2500 = 10.15 USD
			expect(preview.body).toMatchObject({
				amount: 10.15,
				balance: 100,
				fee: 0.15,
				exchanged: true,
				exchange: { sourceCurrency: 'USD', targetCurrency: 'TZS', sourceAmount: 10.15, rate: 2500 },
				receiver: { amount: 25000, accountCurrency: 'TZS' },
			});
			const created = await post(MOBILE.create, body);
			expect(created.body).toMatchObject({ amount: '10.15', currency: 'USD', fee: '0.15', exchanged: true, order: { amount: '25000.00', currency: 'TZS' } });
			expect(await balance('USD')).toBe(89.85);
			expect(await balance('TZS')).toBe(1_000_000);
		});

		test('fee bearer customer / both: what the recipient gets and what the balance pays', async () => {
			simulator.configure({ clickpesa: { payoutFeeBearer: 'customer' } });
			try {
				const customer = await post(MOBILE.preview, mobileBody({ amount: 100000 }));
				expect(customer.body).toMatchObject({ amount: 100000, fee: 1500, payoutFeeBearer: 'customer', receiver: { amount: 98500 } });
				simulator.configure({ clickpesa: { payoutFeeBearer: 'both' } });
				const both = await post(MOBILE.preview, mobileBody({ amount: 100000 }));
				expect(both.body).toMatchObject({ amount: 100750, fee: 1500, payoutFeeBearer: 'both', receiver: { amount: 99250 } });
				await post(MOBILE.create, mobileBody({ amount: 100000 }));
				const last = (await api.get('/account/statement?currency=TZS', token)).body.transactions.slice(-2);
				expect(last.map(({ type, amount }) => [type, amount])).toEqual([['Payout', 99250], ['Fee - Payout', 1500]]);
			} finally {
				simulator.configure({ clickpesa: { payoutFeeBearer: 'merchant' } });
			}
		});

		test('refusals: field types (NestJS shape), reference format, unsupported number, insufficient balance', async () => {
			const types = await post(MOBILE.create, { amount: '1000', currency: 'EUR', phoneNumber: 255712345678 });
			expect(types).toMatchObject({
				status: 400,
				body: {
					statusCode: 400,
					error: 'Bad Request',
					message: [
						'amount must be a number conforming to the specified constraints',
						'currency must be one of the following values: TZS, USD',
						'orderReference must be a string',
						'phoneNumber must be a string',
					],
				},
			});
			expect((await post(MOBILE.create, mobileBody({ amount: -5 }))).body.message).toEqual(['amount must be a positive number']);
			expect(await post(MOBILE.create, mobileBody({ orderReference: 'PO-1' }))).toMatchObject({
				status: 400,
				body: { message: 'Invalid Order Reference, should only contain alphanumeric characters and cannot be blank' },
			});
			expect(await post(MOBILE.create, mobileBody({ phoneNumber: '255732345678' }))).toMatchObject({ status: 400, body: { message: 'Invalid / unsupported phone number' } });
			expect(await post(MOBILE.preview, mobileBody({ amount: 2_000_000 }))).toMatchObject({
				status: 400,
				body: { message: 'Insufficient balance: available balance is 1000000 TZS' },
			});
			expect(await post(MOBILE.create, mobileBody({ amount: 1_000_000 }))).toMatchObject({
				status: 400,
				body: { message: 'Insufficient balance: available balance is 1000000 TZS' },
			});
			expect((await api.post(MOBILE.create, mobileBody(), 'Bearer nope')).status).toBe(401);
			expect(await balance()).toBe(1_000_000);
			expect(simulator.ledger().payouts.total).toBe(0);
		});

		test('409 on a reused order reference, for preview and create', async () => {
			const body = mobileBody();
			expect((await post(MOBILE.create, body)).status).toBe(200);
			const message = `Order reference ${body.orderReference} already used: Create a different reference`;
			expect(await post(MOBILE.create, { ...body, amount: 500 })).toMatchObject({ status: 409, body: { message } });
			expect(await post(MOBILE.preview, body)).toMatchObject({ status: 409, body: { message } });
			// The namespace is shared across payout channels.
			expect((await post(LIPA.create, lipaBody({ orderReference: body.orderReference }))).status).toBe(409);
		});

		test('checksum: required and verified on payout POSTs when a key is set', async () => {
			const body = mobileBody();
			expect(await api.post(MOBILE.preview, body, token)).toMatchObject({ status: 400, body: { message: 'Checksum is required' } });
			expect(await api.post(MOBILE.create, { ...sign(body), amount: 99 }, token)).toMatchObject({ status: 400, body: { message: 'Invalid checksum' } });
			expect((await api.post(BANK.create, bankBody(), token)).body.message).toBe('Checksum is required');
			expect((await api.post(LIPA.create, lipaBody(), token)).body.message).toBe('Checksum is required');
			expect((await api.post(MOBILE.create, { ...sign(body), checksumMethod: 'canonical' }, token)).status).toBe(200);
		});
	});

	describe('cooldown', () => {
		test('a second create within payoutCooldownMs is refused with the seconds left; previews are not throttled', async () => {
			simulator.configure({ clickpesa: { payoutCooldownMs: 45_000 } });
			try {
				expect((await post(MOBILE.create, mobileBody())).status).toBe(200);
				const refused = await post(BANK.create, bankBody());
				expect(refused.status).toBe(400);
				const seconds = Number(/^Payout request is already in progress, please retry after (\d+) seconds$/.exec(refused.body.message)?.[1]);
				expect(seconds).toBeGreaterThan(40);
				expect(seconds).toBeLessThanOrEqual(45);
				expect((await post(LIPA.create, lipaBody())).status).toBe(400);
				expect((await post(MOBILE.preview, mobileBody())).status).toBe(200);
				expect(simulator.ledger().payouts.total).toBe(1);

				// The control API sets what is left of it.
				expect(await control(simulator).post('/clickpesa/payout-cooldown', { remainingMs: 2500 })).toMatchObject({ status: 200 });
				expect((await post(MOBILE.create, mobileBody())).body.message).toBe('Payout request is already in progress, please retry after 3 seconds');
				expect((await control(simulator).post('/clickpesa/payout-cooldown', { remainingMs: -1 })).status).toBe(400);
				await control(simulator).post('/clickpesa/payout-cooldown', { remainingMs: 0 });
				expect((await post(MOBILE.create, mobileBody())).status).toBe(200);
			} finally {
				simulator.configure({ clickpesa: { payoutCooldownMs: 0 } });
			}
		});

		test('a short configured cooldown runs out on its own; refused creates do not start it', async () => {
			simulator.configure({ clickpesa: { payoutCooldownMs: 150 } });
			try {
				expect((await post(MOBILE.create, mobileBody({ amount: 5_000_000 }))).status).toBe(400); // insufficient
				expect((await post(MOBILE.create, mobileBody())).status).toBe(200);
				expect((await post(MOBILE.create, mobileBody())).status).toBe(400);
				await eventually(async () => simulator.ledger().payoutCooldownRemainingMs === 0);
				expect((await post(MOBILE.create, mobileBody())).status).toBe(200);
			} finally {
				simulator.configure({ clickpesa: { payoutCooldownMs: 0 } });
			}
		});
	});

	describe('bank', () => {
		test('GET /list/banks and verify-bank-account (known accounts, 404 otherwise)', async () => {
			const banks = await api.get('/list/banks', token);
			expect(banks.status).toBe(200);
			expect(banks.body).toContainEqual({ name: 'CRDB BANK PLC', bic: 'CORUTZTZ' });
			for (const bank of banks.body) expect(Object.keys(bank)).toEqual(['name', 'bic']);
			expect(await api.post('/payouts/verify-bank-account', { accountNumber: '0150123456789', bic: 'CORUTZTZ' }, token)).toMatchObject({
				status: 200,
				body: { accountName: 'TEMBO SHOP' },
			});
			expect(await api.post('/payouts/verify-bank-account', { accountNumber: '0150123456780', bic: 'CORUTZTZ' }, token)).toMatchObject({
				status: 404,
				body: { message: 'Account not found' },
			});
			expect((await api.post('/payouts/verify-bank-account', { accountNumber: '0150123456789' }, token)).body.message).toEqual(['bic must be a string']);
		});

		test('preview: name lookup RESOLVED or UNAVAILABLE; ClickPesa applies the transfer type', async () => {
			const resolved = await post(BANK.preview, bankBody());
			expect(resolved.status).toBe(200);
			expect(resolved.body).toMatchObject({
				amount: 203000,
				fee: 3000,
				channelProvider: 'Equity Bank Tanzania Limited',
				nameLookupStatus: 'RESOLVED',
				transferType: 'ACH', // RTGS was asked; ≤ 20,000,000 TZS goes ACH
				estimatedArrival: '1-3 Working Days',
				receiver: { accountName: 'John Doe', accountNumber: '123456789', accountCurrency: 'TZS', amount: 200000 },
			});
			const unknown = await post(BANK.preview, bankBody({ accountNumber: '999999999', transferType: 'ACH', amount: 500000 }));
			expect(unknown.body.nameLookupStatus).toBe('UNAVAILABLE');
			expect(unknown.body.receiver).toEqual({ accountNumber: '999999999', accountCurrency: 'TZS', amount: 500000 });
			simulator.seedBalance('TZS', 30_000_000);
			expect((await post(BANK.preview, bankBody({ amount: 20_000_001, transferType: 'ACH' }))).body).toMatchObject({ transferType: 'RTGS', estimatedArrival: 'Instant' });
			expect((await post(BANK.preview, bankBody({ currency: 'USD', amount: 50000, transferType: 'ACH' }))).body).toMatchObject({ transferType: 'RTGS', exchanged: true });
		});

		test('create: the documented shape; refusals for missing accountName, bad transferType and unknown bank', async () => {
			const body = bankBody();
			const created = await post(BANK.create, body);
			expect(created.body).toEqual({
				updatedAt: ISO,
				createdAt: ISO,
				id: expect.stringMatching(/^PAY/),
				orderReference: body.orderReference,
				amount: '203000.00',
				currency: 'TZS',
				fee: '3000.00',
				exchanged: false,
				status: 'AUTHORIZED',
				channel: 'BANK TRANSFER',
				channelProvider: 'Equity Bank Tanzania Limited',
				transferType: 'ACH',
				estimatedArrival: '1-3 Working Days',
				order: { amount: '200000.00', currency: 'TZS' },
				beneficiary: { accountNumber: '123456789', accountName: 'John Doe' },
				clientId: 'SIMCLIENTID',
			});
			const { accountName, ...noName } = bankBody();
			expect((await post(BANK.create, noName)).body.message).toEqual(['accountName must be a string']);
			expect((await post(BANK.preview, bankBody({ transferType: 'SWIFT', accountCurrency: 'USD' }))).body.message).toEqual([
				'transferType must be one of the following values: ACH, RTGS',
				'accountCurrency must be one of the following values: TZS',
			]);
			expect(await post(BANK.create, bankBody({ bic: 'NOPETZTZ' }))).toMatchObject({ status: 400, body: { message: 'Unsupported channel provider' } });
		});
	});

	describe('Lipa Namba / TanQR', () => {
		test('providers list, payout by Lipa Namba and by TanQR', async () => {
			const providers = await api.get('/payouts/lipa-namba-providers', token);
			expect(providers.status).toBe(200);
			expect(providers.body).toContainEqual({ name: 'Vodacom M-Pesa', providerCode: '503' });

			const preview = await post(LIPA.preview, lipaBody());
			expect(preview.body).toMatchObject({ amount: 5300, fee: 300, channelProvider: 'Vodacom M-Pesa', receiver: { accountName: 'MAMA NTILIE RESTAURANT', accountNumber: '5012345' } });
			const byNumber = await post(LIPA.create, lipaBody());
			expect(byNumber.body).toMatchObject({ status: 'AUTHORIZED', channel: 'TIPS LIPA NAMBA', beneficiary: { accountNumber: '5012345', accountName: 'MAMA NTILIE RESTAURANT' } });

			const qrCode = buildTanQr('504', '6012345', 'DUKA LA JUMA');
			expect(qrCode).toContain('tz.go.bot.tips');
			const byQr = await post(LIPA.create, { amount: 2000, currency: 'TZS', orderReference: reference(), qrCode });
			expect(byQr.body).toMatchObject({ channel: 'TIPS LIPA NAMBA', channelProvider: 'Mixx by Yas', beneficiary: { accountNumber: '6012345', accountName: 'DUKA LA JUMA' } });
		});

		test('refusals: both or neither target, half a Lipa Namba, invalid TanQR, unknown provider or number', async () => {
			const rule = 'Provide either lipaNamba and providerCode, or qrCode (exactly one of them)';
			const qrCode = buildTanQr('503', '5012345', 'MAMA NTILIE RESTAURANT');
			expect(await post(LIPA.create, lipaBody({ qrCode }))).toMatchObject({ status: 400, body: { message: rule } });
			expect(await post(LIPA.create, { amount: 2000, currency: 'TZS', orderReference: reference() })).toMatchObject({ status: 400, body: { message: rule } });
			expect(await post(LIPA.create, lipaBody({ providerCode: undefined }))).toMatchObject({ status: 400, body: { message: rule } });
			for (const bad of ['not a qr', '000201010211tz.go.bot.tips', qrCode.replace('tz.go.bot.tips', 'tz.go.bot.tipx')]) {
				expect(await post(LIPA.preview, { amount: 2000, currency: 'TZS', orderReference: reference(), qrCode: bad })).toMatchObject({
					status: 400,
					body: { message: 'Invalid TanQR code' },
				});
			}
			expect(await post(LIPA.create, lipaBody({ providerCode: '999' }))).toMatchObject({ status: 400, body: { message: 'Unsupported channel provider' } });
			expect(await post(LIPA.create, lipaBody({ lipaNamba: '5000000' }))).toMatchObject({ status: 404, body: { message: 'Lipa Namba 5000000 not found' } });
			expect(simulator.ledger().payouts.total).toBe(0);
		});
	});

	describe('queries', () => {
		test('GET /payouts/{ref} answers an array; 404 when unknown', async () => {
			const body = bankBody();
			const created = await post(BANK.create, body);
			const query = await api.get(`/payouts/${body.orderReference}`, token);
			expect(query.status).toBe(200);
			expect(query.body).toEqual([
				{
					updatedAt: ISO,
					createdAt: ISO,
					id: created.body.id,
					orderReference: body.orderReference,
					amount: '203000.00',
					currency: 'TZS',
					fee: '3000.00',
					status: 'AUTHORIZED',
					channel: 'BANK TRANSFER',
					channelProvider: 'Equity Bank Tanzania Limited',
					transferType: 'ACH',
					beneficiary: { accountNumber: '123456789', accountName: 'John Doe', swiftNumber: 'EQBLTZTZ' },
					clientId: 'SIMCLIENTID',
				},
			]);
			expect(await api.get('/payouts/NOSUCHREF', token)).toMatchObject({ status: 404, body: { message: 'Invalid or missing payout: NOSUCHREF' } });
		});

		test('GET /payouts/all: filters, sort, skip/limit paging that never repeats or skips', async () => {
			const references = [];
			for (let i = 0; i < 7; i++) {
				const body = i % 2 === 0 ? mobileBody({ amount: 1000 * (i + 1) }) : bankBody({ amount: 1000 * (i + 1) });
				references.push(body.orderReference);
				expect((await post(i % 2 === 0 ? MOBILE.create : BANK.create, body)).status).toBe(200);
			}
			await simulator.completePayout(references[0]);

			const all = await api.get('/payouts/all', token);
			expect(all.body.totalCount).toBe(7);
			expect(all.body.data[0]).toMatchObject({ exchanged: false, channel: expect.any(String) });

			const seen = [];
			for (let skip = 0; skip < 7; skip += 3) {
				const page = await api.get(`/payouts/all?limit=3&skip=${skip}&sortBy=amount&orderBy=ASC`, token);
				expect(page.body.totalCount).toBe(7);
				seen.push(...page.body.data.map((item) => item.orderReference));
			}
			expect(seen).toEqual(references); // amounts grow with i; "10300.00" sorts after "2300.00"

			expect((await api.get('/payouts/all?channel=BANK%20TRANSFER', token)).body.totalCount).toBe(3);
			expect((await api.get('/payouts/all?transferType=ACH', token)).body.totalCount).toBe(3);
			expect((await api.get('/payouts/all?status=SUCCESS', token)).body.data.map((item) => item.orderReference)).toEqual([references[0]]);
			expect((await api.get(`/payouts/all?orderReference=${references[3]}`, token)).body.totalCount).toBe(1);
			expect((await api.get('/payouts/all?currency=USD', token)).body.totalCount).toBe(0);
			expect((await api.get('/payouts/all?clientId=SIMCLIENTID&sortBy=beneficiary.accountNumber', token)).body.totalCount).toBe(7);
			const today = new Date().toISOString().slice(0, 10);
			expect((await api.get(`/payouts/all?startDate=${today}&endDate=${today}`, token)).body.totalCount).toBe(7);
			expect((await api.get('/payouts/all?endDate=2000-01-01', token)).body.totalCount).toBe(0);
			expect((await api.get('/payouts/all?sortBy=nope', token)).status).toBe(400);
			expect((await api.get('/payouts/all?limit=0', token)).status).toBe(400);
			expect((await api.get('/payouts/all?limit=1000', token)).status).toBe(400);
		});
	});

	describe('lifecycle and webhooks', () => {
		const verify = (delivery) => {
			const { checksum, checksumMethod, ...event } = delivery.body;
			expect(checksumMethod).toBe('canonical');
			expect(checksum).toBe(canonicalChecksum(KEY, event));
			return event;
		};

		test('AUTHORIZED → SUCCESS after payoutDelayMs with a signed PAYOUT INITIATED', async () => {
			simulator.configure({ clickpesa: { payoutDelayMs: 30 } });
			try {
				const body = bankBody();
				const created = await post(BANK.create, body);
				const [delivery] = await receiver.waitFor(1);
				const event = verify(delivery);
				expect(event).toEqual({
					event: 'PAYOUT INITIATED',
					data: {
						updatedAt: ISO,
						createdAt: created.body.createdAt,
						id: created.body.id,
						orderReference: body.orderReference,
						amount: '203000.00',
						currency: 'TZS',
						fee: '3000.00',
						status: 'SUCCESS',
						channel: 'BANK TRANSFER',
						channelProvider: 'Equity Bank Tanzania Limited',
						transferType: 'ACH',
						beneficiary: { accountNumber: '123456789', accountName: 'John Doe', swiftNumber: 'EQBLTZTZ' },
						clientId: 'SIMCLIENTID',
					},
				});
				expect((await api.get(`/payouts/${body.orderReference}`, token)).body[0].status).toBe('SUCCESS');
				expect(simulator.webhookDeliveries().map((record) => [record.event, record.status])).toEqual([['PAYOUT INITIATED', 200]]);
			} finally {
				simulator.configure({ clickpesa: { payoutDelayMs: null } });
			}
		});

		test('REVERSED by control call: PAYOUT REVERSED, money back (fee too unless withFee is false)', async () => {
			const withFee = mobileBody();
			const withoutFee = mobileBody({ amount: 40000 });
			await post(MOBILE.create, withFee);
			await post(MOBILE.create, withoutFee);
			expect(await balance()).toBe(1_000_000 - 10300 - 40600);

			const reversed = await control(simulator).post(`/clickpesa/payouts/${withFee.orderReference}/reverse`, {});
			expect(reversed.status).toBe(200);
			expect(reversed.body.payout).toMatchObject({ status: 'REVERSED', reverse: { message: expect.any(String), reversedAt: ISO, reversedWithFee: true } });
			expect(reversed.body.webhook).toMatchObject({ event: 'PAYOUT REVERSED', status: 200 });
			await simulator.completePayout(withoutFee.orderReference);
			await simulator.reversePayout(withoutFee.orderReference, 'Wrong account', false);
			expect(await balance()).toBe(1_000_000 - 600);

			const events = (await receiver.waitFor(3)).map(verify);
			expect(events.map((event) => [event.event, event.data.status])).toEqual([
				['PAYOUT REVERSED', 'REVERSED'],
				['PAYOUT INITIATED', 'SUCCESS'],
				['PAYOUT REVERSED', 'REVERSED'],
			]);
			expect(events[2].data.reverse).toEqual({ message: 'Wrong account', reversedAt: ISO, reversedWithFee: false });
			const statement = (await api.get('/account/statement?currency=TZS', token)).body.transactions;
			expect(statement.filter((row) => row.type === 'Reversed Payout').map((row) => [row.entry, row.amount])).toEqual([
				['Credit', 10300],
				['Credit', 40000],
			]);
			expect((await api.get(`/payouts/${withoutFee.orderReference}`, token)).body[0]).toMatchObject({ status: 'REVERSED', reverse: { reversedWithFee: false } });
		});

		test('REFUNDED by control call: PAYOUT REFUNDED with the refund object; final states refuse further moves', async () => {
			const body = lipaBody();
			await post(LIPA.create, body);
			const refunded = await control(simulator).post(`/clickpesa/payouts/${body.orderReference}/refund`, { message: 'Provider unavailable' });
			expect(refunded.body.payout).toMatchObject({ status: 'REFUNDED', refund: { message: 'Provider unavailable', refundedAt: ISO } });
			const [delivery] = await receiver.waitFor(1);
			expect(verify(delivery)).toMatchObject({ event: 'PAYOUT REFUNDED', data: { status: 'REFUNDED', channel: 'TIPS LIPA NAMBA', refund: { message: 'Provider unavailable' } } });
			expect(await balance()).toBe(1_000_000);
			const statement = (await api.get('/account/statement?currency=TZS', token)).body.transactions;
			expect(statement.at(-1)).toMatchObject({ type: 'Refunded Payout', entry: 'Credit', amount: 5300, balance: 1_000_000 });

			for (const action of ['reverse', 'refund', 'complete']) {
				expect((await control(simulator).post(`/clickpesa/payouts/${body.orderReference}/${action}`, {})).status).toBe(409);
			}
			expect((await control(simulator).post('/clickpesa/payouts/NOPE/reverse', {})).status).toBe(404);
			expect((await control(simulator).post(`/clickpesa/payouts/${body.orderReference}/reverse`, { withFee: 'yes' })).status).toBe(400);
		});

		test('a reversal before the scheduled success cancels it', async () => {
			simulator.configure({ clickpesa: { payoutDelayMs: 80 } });
			try {
				const body = mobileBody();
				await post(MOBILE.create, body);
				await simulator.reversePayout(body.orderReference);
				const other = mobileBody();
				await post(MOBILE.create, other);
				// The second payout's success arrives; the reversed one never succeeds.
				await eventually(() => receiver.received.some((hook) => hook.body.data.orderReference === other.orderReference));
				expect(receiver.received.map((hook) => [hook.body.event, hook.body.data.orderReference])).toEqual([
					['PAYOUT REVERSED', body.orderReference],
					['PAYOUT INITIATED', other.orderReference],
				]);
				expect((await api.get(`/payouts/${body.orderReference}`, token)).body[0].status).toBe('REVERSED');
			} finally {
				simulator.configure({ clickpesa: { payoutDelayMs: null } });
			}
		});
	});

	describe('faults, counters and the ledger after collections and payouts', () => {
		test('reset after processing creates exactly one payout; the lookup finds it, a retry gets 409', async () => {
			const body = mobileBody();
			simulator.addFault({ route: 'clickpesa POST /payouts/create-mobile-money-payout', kind: 'reset', afterProcessing: true });
			await expect(post(MOBILE.create, body)).rejects.toThrow();
			const query = await api.get(`/payouts/${body.orderReference}`, token);
			expect(query.status).toBe(200);
			expect(query.body).toHaveLength(1);
			expect(query.body[0].status).toBe('AUTHORIZED');
			expect((await post(MOBILE.create, body)).status).toBe(409);
			expect((await api.get('/payouts/all', token)).body.totalCount).toBe(1);
			expect(await balance()).toBe(1_000_000 - 10300);
			expect(simulator.stats().counts['clickpesa POST /payouts/create-mobile-money-payout'].byStatus).toEqual({ reset: 1, 409: 1 });
		});

		test('reset before processing, 5xx, 429 and latency faults create nothing', async () => {
			const route = 'clickpesa POST /payouts/create-bank-payout';
			const body = bankBody();
			simulator.addFault({ route, kind: 'reset' });
			await expect(post(BANK.create, body)).rejects.toThrow();
			simulator.addFault({ route, kind: 'status', status: 503 });
			expect((await post(BANK.create, body)).status).toBe(503);
			simulator.addFault({ route, kind: 'status', status: 429, body: { message: 'ThrottlerException: Too Many Requests' } });
			expect(await post(BANK.create, body)).toMatchObject({ status: 429, body: { message: 'ThrottlerException: Too Many Requests' } });
			expect((await api.get(`/payouts/${body.orderReference}`, token)).status).toBe(404);
			simulator.addFault({ route, kind: 'latency', ms: 20 });
			expect((await post(BANK.create, body)).status).toBe(200);
			expect(simulator.stats().counts[route].byStatus).toEqual({ reset: 1, 503: 1, 429: 1, 200: 1 });
		});

		test('counters per route; the ledger control call shows payouts by status', async () => {
			await post(MOBILE.preview, mobileBody());
			await post(MOBILE.preview, mobileBody());
			const body = mobileBody();
			await post(MOBILE.create, body);
			await api.get('/payouts/all', token);
			const { counts } = (await control(simulator).get('/stats')).body;
			expect(counts['clickpesa POST /payouts/preview-mobile-money-payout']).toEqual({ total: 2, byStatus: { 200: 2 } });
			expect(counts['clickpesa POST /payouts/create-mobile-money-payout']).toEqual({ total: 1, byStatus: { 200: 1 } });
			expect(counts['clickpesa GET /payouts/all']).toEqual({ total: 1, byStatus: { 200: 1 } });
			await control(simulator).post(`/clickpesa/payouts/${body.orderReference}/complete`);
			const ledger = (await control(simulator).get('/clickpesa/ledger')).body;
			expect(ledger.payouts).toEqual({ total: 1, byStatus: { SUCCESS: 1 } });
			expect(ledger.accounts[0].accountDetails).toMatchObject({ currency: 'TZS', closingBalance: 989_700 });
		});

		test('balance and statement after collections, a BillPay payment, a payout and its refund', async () => {
			const fresh = await startSimulator({ port: 0, clickpesa: { rateLimitPerMinute: 0, customerDelayMs: null, payoutDelayMs: null, payoutCooldownMs: 0 } });
			try {
				const client = clickpesa(fresh);
				const freshToken = await client.token();
				// No money yet: 404 balance, and a payout is refused for want of it.
				expect((await client.get('/account/balance', freshToken)).status).toBe(404);
				expect((await client.post(MOBILE.preview, mobileBody(), freshToken)).body).toEqual({ message: 'Insufficient balance: available balance is 0 TZS' });

				const payment = { amount: '50000', currency: 'TZS', orderReference: reference(), phoneNumber: '255712345678' };
				await client.post('/payments/initiate-ussd-push-request', payment, freshToken);
				await fresh.completePayment(payment.orderReference);
				const bill = await client.post('/billpay/create-order-control-number', { billAmount: 20000 }, freshToken);
				await fresh.payBill(bill.body.billPayNumber, 20000, '255754000111');
				const payout = mobileBody({ amount: 30000 });
				await client.post(MOBILE.create, payout, freshToken);
				await fresh.refundPayout(payout.orderReference);
				const second = mobileBody({ amount: 10000 });
				await client.post(MOBILE.create, second, freshToken);

				// 50000 − 1450 (2.9 %) + 20000 (BillPay, fee-free) − 30450 + 30450 − 10300
				expect((await client.get('/account/balance', freshToken)).body).toEqual([{ currency: 'TZS', balance: 58250 }]);
				const statement = (await client.get('/account/statement?currency=TZS', freshToken)).body;
				expect(statement.transactions.map((row) => `${row.type} ${row.entry} ${row.amount} → ${row.balance}`)).toEqual([
					'Payment Credit 50000 → 50000',
					'Fee - Payment Debit 1450 → 48550',
					'Payment Credit 20000 → 68550',
					'Payout Debit 30000 → 38550',
					'Fee - Payout Debit 450 → 38100',
					'Refunded Payout Credit 30450 → 68550',
					'Payout Debit 10000 → 58550',
					'Fee - Payout Debit 300 → 58250',
				]);
				expect(statement.accountDetails).toEqual({ currency: 'TZS', openingBalance: 0, closingBalance: 58250, totalCredits: 100450, totalDebits: 42200 });
			} finally {
				await fresh.stop();
			}
		});
	});
});
