// @ts-check
const { TANQR, bank, bankParams, clickPesaFixture, lipaParams, mobileParams, newReference } = require('./clickpesa.helpers');
const { buildLoadOptionsContext, runNode } = require('../support/runNode');

const PAYOUT_ROUTES = {
	previewMobile: 'clickpesa POST /payouts/preview-mobile-money-payout',
	createMobile: 'clickpesa POST /payouts/create-mobile-money-payout',
	previewBank: 'clickpesa POST /payouts/preview-bank-payout',
	createBank: 'clickpesa POST /payouts/create-bank-payout',
	createLipa: 'clickpesa POST /payouts/create-lipa-namba-payout',
	verify: 'clickpesa POST /payouts/verify-bank-account',
	query: 'clickpesa GET /payouts/:orderReference',
	all: 'clickpesa GET /payouts/all',
};

const COOLDOWN_MESSAGE = 'Payout request is already in progress, please retry after 1 seconds';
const SIM_OPTIONS = { clickpesa: { startingBalance: { TZS: 5_000_000, USD: 1000 }, payoutCooldownMs: 0, payoutDelayMs: null } };

/** @param {Record<string, unknown>} [clickpesa] */
async function payoutFixture(clickpesa = {}) {
	return await clickPesaFixture({ clickpesa: { ...SIM_OPTIONS.clickpesa, ...clickpesa } });
}

describe('ClickPesa payouts against the simulator', () => {
	/** @type {Awaited<ReturnType<typeof clickPesaFixture>>} */
	let f;
	beforeEach(async () => {
		f = await payoutFixture();
	});
	afterEach(async () => {
		await f.sim.stop();
	});

	test('Preview Mobile Money Payout shows fee, total, balance and receiver, and creates nothing', async () => {
		const reference = newReference('PVM');
		const [out] = await f.run({ ...mobileParams(reference), operation: 'previewMobileMoney' });
		expect(out[0].json).toMatchObject({
			amount: 10300,
			fee: 300,
			balance: 5_000_000,
			exchanged: false,
			order: { amount: 10000, currency: 'TZS', id: reference },
			receiver: { accountNumber: '255712345678', accountCurrency: 'TZS', amount: 10000 },
		});
		expect(typeof out[0].json.receiver.accountName).toBe('string');
		const [lookup] = await f.run({ resource: 'payout', operation: 'get', orderReference: reference }, [{}], 'continueRegularOutput');
		expect(lookup[0].json.error).toBe(`No ClickPesa payout has order reference "${reference}" (item 0)`);
	});

	test('a preview from the USD balance shows the exchange', async () => {
		const [out] = await f.run({ ...mobileParams(newReference('PVU')), operation: 'previewMobileMoney', currency: 'USD' });
		expect(out[0].json.exchanged).toBe(true);
		expect(out[0].json.exchange).toMatchObject({ sourceCurrency: 'USD', targetCurrency: 'TZS' });
	});

	test('Create Mobile Money Payout sends the normalised phone and returns AUTHORIZED; Get emits the array as items', async () => {
		const reference = newReference('CM');
		const [out] = await f.run(mobileParams(reference, { phoneNumber: '+255 754 123 456' }));
		expect(out[0].json).toMatchObject({
			orderReference: reference,
			status: 'AUTHORIZED',
			paymentState: 'pending',
			channel: 'MOBILE MONEY',
			amount: '10300.00',
			fee: '300.00',
			beneficiary: { accountNumber: '255754123456' },
		});
		expect(await f.count(PAYOUT_ROUTES.createMobile)).toBe(1);
		const [found] = await f.run({ resource: 'payout', operation: 'get', orderReference: reference });
		expect(found).toHaveLength(1);
		expect(found[0].json).toMatchObject({ orderReference: reference, channel: 'MOBILE MONEY', paymentState: 'pending' });
		await f.sim.reversePayout(reference);
		const [reversed] = await f.run({ resource: 'payout', operation: 'get', orderReference: reference });
		expect(reversed[0].json).toMatchObject({ status: 'REVERSED', paymentState: 'reversed' });
	});

	test('bad input is refused before any HTTP, naming the item and the field', async () => {
		const items = [
			{ reference: newReference('R'), phone: '12345', amount: 1000 },
			{ reference: 'BAD-REF', phone: '0712345678', amount: 1000 },
			{ reference: newReference('R'), phone: '0712345678', amount: 0 },
			{ reference: newReference('R'), phone: '0712345678', amount: -5 },
		];
		const params = mobileParams('={{ $json.reference }}', { phoneNumber: '={{ $json.phone }}', amount: '={{ $json.amount }}' });
		const [out] = await f.run(params, items, 'continueRegularOutput');
		expect(out.map((item) => item.json.error)).toEqual([
			'Phone Number "12345" is not a Tanzanian mobile number (item 0)',
			'Order Reference "BAD-REF" may only contain letters and digits (item 1)',
			'Amount must be greater than 0 (got 0) (item 2)',
			'Amount must be greater than 0 (got -5) (item 3)',
		]);
		expect((await f.sim.stats()).totalRequests).toBe(0);
	});

	test('Lipa Namba: both, neither or half a recipient, and a text that is not TanQR, are refused before any HTTP', async () => {
		const cases = [
			[{ lipaNamba: '5012345', provider: { __rl: true, mode: 'list', value: '503' }, qrCode: TANQR }, 'Give either Lipa Namba and Provider, or TanQR Code, not both (item 0)'],
			[{}, 'Give either Lipa Namba and Provider, or TanQR Code (item 0)'],
			[{ lipaNamba: '5012345' }, 'Provider is empty: choose the provider of Lipa Namba "5012345" (item 0)'],
			[{ provider: { __rl: true, mode: 'id', value: '503' } }, 'Lipa Namba is empty, but a Provider is given (item 0)'],
			[{ qrCode: 'just some text' }, 'TanQR Code is not a TanQR string: it does not contain "tz.go.bot.tips" (item 0)'],
		];
		for (const [extra, message] of cases) {
			for (const operation of ['createLipaNamba', 'previewLipaNamba']) {
				const error = await f.run({ ...lipaParams(newReference('LR'), extra), operation }).catch((e) => e);
				expect(error.message).toBe(message);
			}
		}
		expect((await f.sim.stats()).totalRequests).toBe(0);
	});

	test('Bank: a BIC that is not one, a missing account name and a negative spacing are refused before any HTTP', async () => {
		const notABank = await f.run(bankParams(newReference('BR'), { bank: bank('NOT A BANK', 'id') })).catch((e) => e);
		expect(notABank.message).toBe('Bank "NOT A BANK" is not a bank BIC (item 0)');
		const noBank = await f.run({ ...bankParams(newReference('BR'), { bank: bank('') }), operation: 'verifyBankAccount' }).catch((e) => e);
		expect(noBank.message).toBe('Bank is empty (item 0)');
		const noName = await f.run(bankParams(newReference('BR'), { accountName: ' ' })).catch((e) => e);
		expect(noName.message).toBe('Account Name is empty (item 0)');
		const badSpacing = await f.run(bankParams(newReference('BR'), { fillAccountName: true, options: { payoutSpacingSeconds: -1 } })).catch((e) => e);
		expect(badSpacing.message).toBe('Payout Spacing (Seconds) must be a number of seconds, 0 or more (got -1) (item 0)');
		expect((await f.sim.stats()).totalRequests).toBe(0);
	});

	test('a reused reference (409) says to look the payout up, for creates and previews', async () => {
		const reference = newReference('DUP');
		await f.run(mobileParams(reference));
		const wording = `Order reference "${reference}" was already used — look the payout up (Payout → Get) instead of sending it again, or use a new reference (item 0)`;
		await expect(f.run({ ...mobileParams(reference), ifReferenceUsed: 'fail' })).rejects.toThrow(wording);
		await expect(f.run({ ...mobileParams(reference), operation: 'previewMobileMoney' })).rejects.toThrow(wording);
		expect(await f.count(PAYOUT_ROUTES.createMobile)).toBe(2);
		expect(await f.count(PAYOUT_ROUTES.query)).toBe(0);
	});

	test('insufficient balance fails that item alone with ClickPesa’s message; the others go on under Continue On Fail', async () => {
		const items = [{ amount: 1000 }, { amount: 9_000_000 }, { amount: 2000 }].map((item) => ({ ...item, reference: newReference('IB') }));
		const [out] = await f.run(mobileParams('={{ $json.reference }}', { amount: '={{ $json.amount }}' }), items, 'continueRegularOutput');
		expect(out[0].json.status).toBe('AUTHORIZED');
		expect(out[1].json.error).toBe('ClickPesa POST /payouts/create-mobile-money-payout failed: HTTP 400: Insufficient balance: available balance is 4998700 TZS (item 1)');
		expect(out[2].json.status).toBe('AUTHORIZED');
		expect(await f.count(PAYOUT_ROUTES.query)).toBe(0);
	});

	test('when the connection drops after the payout was created, it is found by reference and never sent again', async () => {
		const reference = newReference('LOST');
		await f.sim.addFault({ route: PAYOUT_ROUTES.createMobile, kind: 'reset', afterProcessing: true, times: 1 });
		const [out] = await f.run(mobileParams(reference));
		expect(out[0].json).toMatchObject({ orderReference: reference, channel: 'MOBILE MONEY', beneficiary: { accountNumber: '255712345678' } });
		expect(await f.count(PAYOUT_ROUTES.createMobile)).toBe(1);
		expect(await f.count(PAYOUT_ROUTES.query)).toBe(1);
		expect((await f.sim.ledger()).payouts.total).toBe(1);
	});

	test('an earlier payout under the same reference is not passed off as this request’s result', async () => {
		const reference = newReference('OTHER');
		await f.run(mobileParams(reference, { amount: 5000 }));
		await f.sim.addFault({ route: PAYOUT_ROUTES.createMobile, kind: 'status', status: 502, times: 1 });
		const error = await f.run(mobileParams(reference, { amount: 7000, phoneNumber: '0754 000 111' })).catch((e) => e);
		expect(error.message).toContain(`Order reference "${reference}" already belongs to another payout (MOBILE MONEY, amount 5300.00 TZS, to 255712345678`);
		expect(error.message).toContain('the outcome of this request is unknown');
	});

	test('a 5xx with nothing created says it is safe to run again', async () => {
		const reference = newReference('P5');
		await f.sim.addFault({ route: PAYOUT_ROUTES.createMobile, kind: 'status', status: 500, times: 1, body: { message: 'Error validating fee, try again later' } });
		const error = await f.run(mobileParams(reference)).catch((e) => e);
		expect(error.message).toContain('Error validating fee, try again later');
		expect(error.message).toContain(
			`No payout with order reference "${reference}" exists, so no money was sent; it is safe to run the item again with the same reference`,
		);
		expect(await f.count(PAYOUT_ROUTES.createMobile)).toBe(1);
		expect(await f.count(PAYOUT_ROUTES.query)).toBe(1);
	});

	test('signed with the checksum key when both sides have it', async () => {
		await f.sim.configure({ clickpesa: { checksumKey: 'shared-checksum-key' } });
		f.credentials.set('clickPesaApi', { ...f.credentials.get('clickPesaApi'), checksumSecret: 'shared-checksum-key' });
		const [out] = await f.run(mobileParams(newReference('SG')));
		expect(out[0].json.status).toBe('AUTHORIZED');
	});

	test('as an AI tool a create without an order reference is refused before any HTTP', async () => {
		const error = await runNode({
			type: 'clickPesa',
			parameters: mobileParams(''),
			items: [{}],
			credentials: f.credentials,
			credentialType: 'clickPesaApi',
			asTool: true,
		}).catch((e) => e);
		expect(error.message).toBe('Order Reference is empty (item 0)');
		expect((await f.sim.stats()).totalRequests).toBe(0);
	});
});

describe('bank payouts', () => {
	/** @type {Awaited<ReturnType<typeof clickPesaFixture>>} */
	let f;
	beforeEach(async () => {
		f = await payoutFixture();
	});
	afterEach(async () => {
		await f.sim.stop();
	});

	test('the bank list comes from GET /list/banks through the transport, with the BIC as description, searchable', async () => {
		const { nodeType, context } = buildLoadOptionsContext({ type: 'clickPesa', parameters: {}, credentials: f.credentials, credentialType: 'clickPesaApi' });
		const all = await nodeType.methods.listSearch.searchBanks.call(context);
		expect(all.results).toContainEqual({ name: 'CRDB BANK PLC', value: 'CORUTZTZ', description: 'CORUTZTZ' });
		expect(all.results).toHaveLength(5);
		const some = await nodeType.methods.listSearch.searchBanks.call(context, 'nmib');
		expect(some.results.map((result) => result.value)).toEqual(['NMIBTZTZ']);
		const providers = await nodeType.methods.listSearch.searchLipaNambaProviders.call(context, 'vodacom');
		expect(providers.results).toEqual([{ name: 'Vodacom M-Pesa', value: '503', description: 'Provider code 503' }]);
		expect(await f.count('clickpesa GET /list/banks')).toBe(2);
	});

	test('Verify Bank Account returns the holder’s name; an unknown account is a clear error', async () => {
		const params = { resource: 'payout', operation: 'verifyBankAccount', bank: bank('EQBLTZTZ', 'id'), accountNumber: '123456789' };
		const [out] = await f.run(params);
		expect(out[0].json).toEqual({ accountName: 'John Doe', accountNumber: '123456789', bic: 'EQBLTZTZ' });
		const error = await f.run({ ...params, accountNumber: '999' }).catch((e) => e);
		expect(error.message).toBe('Bank account "999" at EQBLTZTZ was not found by the bank’s name lookup: check the account number and the bank (item 0)');
	});

	test('Preview Bank Payout sends the transfer type asked for and shows the one ClickPesa applied', async () => {
		const [out] = await f.run({ ...bankParams(newReference('PB'), { transferType: 'RTGS' }), operation: 'previewBank' });
		expect(out[0].json).toMatchObject({ transferType: 'ACH', nameLookupStatus: 'RESOLVED', receiver: { accountName: 'TEMBO SHOP' } });
		expect(await f.count(PAYOUT_ROUTES.previewBank)).toBe(1);
	});

	test('Create Bank Payout with Fill Account Name From Bank verifies first and sends the bank’s name', async () => {
		const reference = newReference('CB');
		const [out] = await f.run(bankParams(reference, { bank: bank('NMIBTZTZ', 'id'), accountNumber: '20110012345', fillAccountName: true, accountName: '' }));
		expect(out[0].json).toMatchObject({
			orderReference: reference,
			channel: 'BANK TRANSFER',
			transferType: 'ACH',
			beneficiary: { accountNumber: '20110012345', accountName: 'NEEMA MUSHI' },
		});
		expect(await f.count(PAYOUT_ROUTES.verify)).toBe(1);
		expect(await f.count(PAYOUT_ROUTES.createBank)).toBe(1);
	});

	test('Fill Account Name From Bank with an unknown account sends no payout', async () => {
		const error = await f.run(bankParams(newReference('CB'), { accountNumber: '42', fillAccountName: true })).catch((e) => e);
		expect(error.message).toBe('Bank account "42" at CORUTZTZ was not found by the bank’s name lookup, so no payout was sent: check the account number and the bank (item 0)');
		expect(await f.count(PAYOUT_ROUTES.createBank)).toBe(0);
	});

	test('a large TZS payout is applied as RTGS whatever was asked; a BIC ClickPesa does not pay to is its refusal', async () => {
		await f.sim.seedBalance('TZS', 30_000_000);
		const [out] = await f.run(bankParams(newReference('RT'), { amount: 25_000_000, transferType: 'ACH' }));
		expect(out[0].json).toMatchObject({ transferType: 'RTGS', estimatedArrival: 'Instant' });
		const error = await f.run(bankParams(newReference('UB'), { bank: bank('ABCDTZTZ', 'id') })).catch((e) => e);
		expect(error.message).toBe('ClickPesa POST /payouts/create-bank-payout failed: HTTP 400: Unsupported channel provider (item 0)');
		expect(await f.count(PAYOUT_ROUTES.query)).toBe(0);
	});
});

describe('Lipa Namba payouts, Get and Get Many', () => {
	/** @type {Awaited<ReturnType<typeof clickPesaFixture>>} */
	let f;
	beforeEach(async () => {
		f = await payoutFixture();
	});
	afterEach(async () => {
		await f.sim.stop();
	});

	test('Preview by Lipa Namba and provider shows the merchant; Create by TanQR pays it', async () => {
		const [preview] = await f.run({
			...lipaParams(newReference('PL'), { lipaNamba: '5012345', provider: { __rl: true, mode: 'list', value: '503' } }),
			operation: 'previewLipaNamba',
		});
		expect(preview[0].json).toMatchObject({ channelProvider: 'Vodacom M-Pesa', receiver: { accountName: 'MAMA NTILIE RESTAURANT', accountNumber: '5012345' } });
		const reference = newReference('CL');
		const [created] = await f.run(lipaParams(reference, { qrCode: TANQR }));
		expect(created[0].json).toMatchObject({ orderReference: reference, channel: 'TIPS LIPA NAMBA', status: 'AUTHORIZED' });
	});

	test('a Lipa Namba create whose connection dropped after it was made is recovered by reference', async () => {
		const reference = newReference('LL');
		await f.sim.addFault({ route: PAYOUT_ROUTES.createLipa, kind: 'reset', afterProcessing: true, times: 1 });
		const [out] = await f.run(lipaParams(reference, { qrCode: TANQR }));
		expect(out[0].json).toMatchObject({ orderReference: reference, channel: 'TIPS LIPA NAMBA', beneficiary: { accountNumber: '5012345' } });
		expect(await f.count(PAYOUT_ROUTES.createLipa)).toBe(1);
	});

	test('Get Many: Return All pages through skip/limit, Limit stops early, filters reach ClickPesa', async () => {
		const items = Array.from({ length: 55 }, () => ({ reference: newReference('GM') }));
		await f.run(mobileParams('={{ $json.reference }}', { amount: 1000 }), items);
		await f.run(bankParams(newReference('GMB')));

		const [all] = await f.run({ resource: 'payout', operation: 'getMany', returnAll: true, filters: { channel: 'MOBILE MONEY' }, sortBy: 'createdAt', orderBy: 'ASC' });
		expect(all).toHaveLength(55);
		expect(all.map((item) => item.json.orderReference)).toEqual(items.map((item) => item.reference));
		expect(await f.count(PAYOUT_ROUTES.all)).toBe(2);

		const [some] = await f.run({ resource: 'payout', operation: 'getMany', returnAll: false, limit: 3 });
		expect(some).toHaveLength(3);
		const [banks] = await f.run({ resource: 'payout', operation: 'getMany', returnAll: true, filters: { transferType: 'ACH', status: 'PENDING' } });
		expect(banks).toHaveLength(0);
		const paths = (await f.sim.requests()).filter((entry) => entry.route === PAYOUT_ROUTES.all).map((entry) => decodeURIComponent(entry.path));
		expect(paths[0]).toMatch(/channel=MOBILE(\+| )MONEY/);
		expect(paths[0]).toMatch(/sortBy=createdAt/);
		expect(paths[3]).toMatch(/transferType=ACH/);
	});

	test('Get Many refuses an unreadable date before any HTTP', async () => {
		const error = await f.run({ resource: 'payout', operation: 'getMany', returnAll: true, filters: { endDate: 'later' } }).catch((e) => e);
		expect(error.message).toBe('End Date "later" is not a date (item 0)');
		expect((await f.sim.stats()).totalRequests).toBe(0);
	});
});

describe('the payout cooldown (one create per 60 s, scaled down)', () => {
	/** @type {Awaited<ReturnType<typeof clickPesaFixture>>} */
	let f;
	afterEach(async () => {
		await f.sim.stop();
	});

	test('with the spacing set to the cooldown, a batch of 5 creates completes and meets no cooldown refusal', async () => {
		f = await payoutFixture({ payoutCooldownMs: 300 });
		const items = Array.from({ length: 5 }, () => ({ reference: newReference('SP') }));
		const [out] = await f.run(mobileParams('={{ $json.reference }}', { options: { payoutSpacingSeconds: 0.3 } }), items);
		expect(out.map((item) => item.json.status)).toEqual(Array(5).fill('AUTHORIZED'));
		expect(out.map((item) => item.json.orderReference)).toEqual(items.map((item) => item.reference));
		expect(await f.countStatus(PAYOUT_ROUTES.createMobile, 200)).toBe(5);
		expect(await f.countStatus(PAYOUT_ROUTES.createMobile, 400)).toBe(0);
	});

	test('without spacing, the cooldown refusal is waited out and the create sent again: the batch completes', async () => {
		f = await payoutFixture({ payoutCooldownMs: 300 });
		const items = Array.from({ length: 3 }, () => ({ reference: newReference('CD') }));
		const [out] = await f.run(mobileParams('={{ $json.reference }}'), items);
		expect(out.map((item) => item.json.status)).toEqual(Array(3).fill('AUTHORIZED'));
		expect(await f.countStatus(PAYOUT_ROUTES.createMobile, 200)).toBe(3);
		expect(await f.countStatus(PAYOUT_ROUTES.createMobile, 400)).toBeGreaterThanOrEqual(1);
		expect((await f.sim.ledger()).payouts.total).toBe(3);
	});

	test('after three re-sends still refused by the cooldown, the item fails saying nothing was created', async () => {
		f = await payoutFixture();
		const reference = newReference('CX');
		await f.sim.addFault({ route: PAYOUT_ROUTES.createMobile, kind: 'status', status: 400, times: 4, body: { message: COOLDOWN_MESSAGE } });
		const error = await f.run(mobileParams(reference)).catch((e) => e);
		expect(error.message).toBe(
			`ClickPesa POST /payouts/create-mobile-money-payout failed: HTTP 400: ${COOLDOWN_MESSAGE}. ClickPesa refused payout "${reference}" 4 times because another payout was in progress, so nothing was created: run the item again later with the same order reference (item 0)`,
		);
		expect(await f.count(PAYOUT_ROUTES.createMobile)).toBe(4);
		expect(await f.count(PAYOUT_ROUTES.query)).toBe(0);
	});
});
