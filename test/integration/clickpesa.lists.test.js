// @ts-check
const { clickPesaFixture } = require('./clickpesa.helpers');

/** Payment → Get Many's search, Client ID and Sort By, and Payout → List Banks / List Lipa Namba Providers, against the simulator. */
const ALL = 'clickpesa GET /payments/all';

describe('ClickPesa lists against the simulator', () => {
	/** @type {Awaited<ReturnType<typeof clickPesaFixture>>} */
	let f;
	beforeEach(async () => {
		f = await clickPesaFixture();
	});
	afterEach(async () => {
		await f.sim.stop();
	});

	const getMany = (extra = {}) => ({ resource: 'payment', operation: 'getMany', returnAll: true, ...extra });
	const lastQuery = async () => new URL(`http://x${(await f.sim.requests()).filter((entry) => entry.route === ALL).at(-1).path}`).searchParams;

	test('Search sends field=keyword pairs and finds what matches; Sort By sorts; Client ID filters; none of them is sent unless set', async () => {
		await f.sim.seedPayments({ count: 3, prefix: 'LSA', amount: '3000', phoneNumber: '255754123456' });
		await f.sim.seedPayments({ count: 2, prefix: 'LSB', amount: '1000', phoneNumber: '255712345678' });
		const [plain] = await f.run(getMany());
		expect(plain).toHaveLength(5);
		const query = await lastQuery();
		expect([query.has('search'), query.has('sortBy'), query.has('clientId')]).toEqual([false, false, false]);

		const search = { terms: [{ field: 'orderReference', keyword: 'LSA' }, { field: 'collectedAmount', keyword: '3000' }] };
		const [found] = await f.run(getMany({ search }));
		expect(found.map((item) => item.json.orderReference).sort()).toEqual(['LSA1', 'LSA2', 'LSA3']);
		expect((await lastQuery()).get('search')).toBe('orderReference=LSA,collectedAmount=3000');

		const [sorted] = await f.run(getMany({ sortBy: 'collectedAmount', orderBy: 'ASC' }));
		expect(sorted.map((item) => item.json.amount ?? item.json.collectedAmount)).toEqual([1000, 1000, 3000, 3000, 3000]);
		expect((await lastQuery()).get('sortBy')).toBe('collectedAmount');

		const [ours] = await f.run(getMany({ filters: { clientId: 'SIMCLIENTID' } }));
		expect(ours).toHaveLength(5);
		expect((await lastQuery()).get('clientId')).toBe('SIMCLIENTID');
		const [nobody] = await f.run(getMany({ filters: { clientId: 'OTHERCLIENT' } }));
		expect(nobody).toHaveLength(0);
	});

	test('a search term with "," or "=" is refused naming the field and item, before any request', async () => {
		const before = await f.count(ALL);
		const [out] = await f.run(getMany({ search: { terms: [{ field: 'customer.customerName', keyword: 'a,b' }] } }), [{}], 'continueErrorOutput');
		expect(out[0].json.error).toBe('Search term "a,b" may not contain "," or "=" (item 0)');
		expect(await f.count(ALL)).toBe(before);
	});

	test('List Banks and List Lipa Namba Providers: one item per entry, with the code a payout takes', async () => {
		const [banks] = await f.run({ resource: 'payout', operation: 'listBanks' });
		expect(banks.length).toBeGreaterThan(1);
		expect(banks[0].json).toEqual({ name: expect.any(String), bic: expect.stringMatching(/^[A-Z0-9]{8,11}$/) });
		expect(banks.map((item) => item.json.bic)).toContain('CORUTZTZ');
		const [providers] = await f.run({ resource: 'payout', operation: 'listLipaNambaProviders' });
		expect(providers.length).toBeGreaterThan(0);
		expect(providers[0].json).toEqual({ name: expect.any(String), providerCode: expect.any(String) });
	});
});
