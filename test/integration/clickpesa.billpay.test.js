// @ts-check
const { clickPesaFixture, newReference, CLIENT } = require('./clickpesa.helpers');
const { buildExecuteContext, runNode } = require('../support/runNode');
const { CredentialStore } = require('../support/credentialStore');
const { startCuttingProxy } = require('../support/cuttingProxy');

const BP = {
	createOrder: 'clickpesa POST /billpay/create-order-control-number',
	createCustomer: 'clickpesa POST /billpay/create-customer-control-number',
	bulkOrder: 'clickpesa POST /billpay/bulk-create-order-control-numbers',
	bulkCustomer: 'clickpesa POST /billpay/bulk-create-customer-control-numbers',
	get: 'clickpesa GET /billpay/:billPayNumber',
	patch: 'clickpesa PATCH /billpay/:billPayNumber',
};

const CHECKSUM_SECRET = 'billpay-checksum-secret-xyz';

/** Short references: bill references may have at most 20 characters. */
let counter = 0;
const billRef = (prefix = 'B') => `${prefix}${(Date.now() % 1e6).toString(36).toUpperCase()}${++counter}`;

describe('ClickPesa BillPay against the simulator (n8n-core request helpers, real HTTP)', () => {
	/** @type {Awaited<ReturnType<typeof clickPesaFixture>>} */
	let f;
	beforeEach(async () => {
		f = await clickPesaFixture({}, { checksumSecret: CHECKSUM_SECRET });
	});
	afterEach(async () => {
		await f.sim.stop();
	});

	/**
	 * Runs the node like f.run, and records what it handed to n8n's request helper (method, path, body).
	 * @param {Record<string, unknown>} parameters
	 * @param {Array<Record<string, unknown>>} [items]
	 * @param {any} [onError]
	 */
	async function runRecording(parameters, items = [{}], onError = 'stopWorkflow') {
		const { nodeType, context } = buildExecuteContext({
			type: 'clickPesa',
			parameters,
			items,
			credentials: f.credentials,
			credentialType: 'clickPesaApi',
			onError,
		});
		/** @type {Array<{ method: string, path: string, body: any }>} */
		const sent = [];
		const original = context.helpers.httpRequestWithAuthentication;
		context.helpers.httpRequestWithAuthentication = async function (type, options, ...rest) {
			sent.push({ method: String(options.method), path: String(options.url).replace(f.sim.clickpesaBaseUrl, ''), body: options.body });
			return await original.call(this, type, options, ...rest);
		};
		const result = await /** @type {any} */ (nodeType.execute).call(context).then(
			(/** @type {any} */ output) => ({ output }),
			(/** @type {any} */ error) => ({ error }),
		);
		return { ...result, sent };
	}

	/**
	 * Runs the node through a proxy that drops the connection in the middle of the answers it picks.
	 * @param {(method: string, path: string) => boolean} shouldCut
	 * @param {Record<string, unknown>} parameters
	 * @param {Array<Record<string, unknown>>} [items]
	 * @param {any} [onError]
	 */
	async function runCut(shouldCut, parameters, items = [{}], onError = 'stopWorkflow') {
		const proxy = await startCuttingProxy(f.sim.clickpesaBaseUrl, shouldCut);
		try {
			const credentials = new CredentialStore();
			credentials.set('clickPesaApi', { ...CLIENT, baseUrl: proxy.baseUrl, checksumSecret: CHECKSUM_SECRET, rateLimitPerMinute: 0, token: '' });
			return await runNode({ type: 'clickPesa', parameters, items, credentials, credentialType: 'clickPesaApi', onError });
		} finally {
			await proxy.stop();
		}
	}

	const getNumber = async (/** @type {string} */ billPayNumber) =>
		(await f.run({ resource: 'billPay', operation: 'get', billPayNumber }))[0][0].json;

	test('Create Order Control Number without fields: ClickPesa generates a 14-digit number; Get shows it', async () => {
		const { output, sent } = await runRecording({ resource: 'billPay', operation: 'createOrder', billReference: '', additionalFields: {} });
		const number = output[0][0].json.billPayNumber;
		expect(number).toMatch(/^[1-9]\d{13}$/);
		expect(sent).toEqual([{ method: 'POST', path: '/billpay/create-order-control-number', body: {} }]);
		expect(await getNumber(number)).toMatchObject({ billPayNumber: number, billStatus: 'ACTIVE', billAmount: null });
	});

	test('Create Order Control Number sends amounts as JSON numbers, unsigned, and the reference is the number', async () => {
		const reference = billRef('ORD');
		const { output, sent } = await runRecording({
			resource: 'billPay',
			operation: 'createOrder',
			billReference: reference,
			additionalFields: { billAmount: 25000.5, billDescription: ' Water bill ', billPaymentMode: 'EXACT', billMaxCollectionAmount: 25000.5 },
		});
		expect(sent[0].body).toEqual({
			billReference: reference,
			billAmount: 25000.5,
			billDescription: 'Water bill',
			billPaymentMode: 'EXACT',
			billMaxCollectionAmount: 25000.5,
		});
		// A checksum secret is configured, yet BillPay bodies are not signed (unconfirmed for BillPay).
		expect(sent[0].body.checksum).toBeUndefined();
		expect(output[0][0].json).toMatchObject({ billPayNumber: reference, billAmount: 25000.5, billPaymentMode: 'EXACT' });
		expect(output[0][0].pairedItem).toEqual({ item: 0 });
	});

	test('Create Customer Control Number normalises the phone; name plus email or phone is required before any request', async () => {
		const reference = billRef('CUS');
		const { output, sent } = await runRecording({
			resource: 'billPay',
			operation: 'createCustomer',
			customerName: 'Asha Said',
			customerEmail: '',
			customerPhone: '0712 345 678',
			billReference: reference,
			additionalFields: { billAmount: 1000 },
		});
		expect(sent[0].body).toEqual({ billReference: reference, billAmount: 1000, customerName: 'Asha Said', customerPhone: '255712345678' });
		expect(output[0][0].json).toMatchObject({ billPayNumber: reference, billCustomerName: 'Asha Said' });

		const missing = await f
			.run({ resource: 'billPay', operation: 'createCustomer', customerName: 'Asha', customerEmail: '', customerPhone: '', billReference: '', additionalFields: {} })
			.catch((e) => e);
		expect(missing.message).toBe('A customer control number needs the customer’s email or phone number (or both) (item 0)');
		const badPhone = await f
			.run({ resource: 'billPay', operation: 'createCustomer', customerName: 'Asha', customerPhone: '0812 000 000', billReference: '', additionalFields: {} })
			.catch((e) => e);
		expect(badPhone.message).toBe('Customer Phone "0812 000 000" is not a Tanzanian mobile number (item 0)');
		expect(await f.count(BP.createCustomer)).toBe(1);
	});

	test('validation before HTTP: reference, amount, max collection amount, description', async () => {
		const base = { resource: 'billPay', operation: 'createOrder', billReference: '', additionalFields: {} };
		const cases = [
			[{ billReference: 'INV-1' }, 'Bill Reference "INV-1" may only contain letters and digits (item 0)'],
			[{ billReference: 'A'.repeat(21) }, `Bill Reference "${'A'.repeat(21)}" is longer than 20 characters (item 0)`],
			[{ additionalFields: { billAmount: 0 } }, 'Amount must be greater than 0 (got 0) (item 0)'],
			[{ additionalFields: { billAmount: 10.005 } }, 'Amount 10.005 has more than 2 decimals (item 0)'],
			[{ additionalFields: { billAmount: 500, billMaxCollectionAmount: 400 } }, 'Max Collection Amount 400 is less than Amount 500 (item 0)'],
			[{ additionalFields: { billDescription: 'x'.repeat(501) } }, 'Description is 501 characters long; ClickPesa accepts at most 500 (item 0)'],
			[{ additionalFields: { billPaymentMode: 'EXACT' } }, 'Payment Mode EXACT needs an Amount (item 0)'],
		];
		for (const [override, message] of cases) {
			await expect(f.run({ ...base, ...override })).rejects.toThrow(message);
		}
		expect(await f.count(BP.createOrder)).toBe(0);
	});

	test('a reused bill reference: 409 → "already used — use Get"', async () => {
		const reference = billRef('DUP');
		await f.run({ resource: 'billPay', operation: 'createOrder', billReference: reference, additionalFields: {} });
		await expect(f.run({ resource: 'billPay', operation: 'createOrder', billReference: reference, additionalFields: {}, ifReferenceUsed: 'fail' })).rejects.toThrow(
			`Bill reference "${reference}" already used — use Get to see it, or a new reference (item 0)`,
		);
		expect(await f.countStatus(BP.createOrder, 409)).toBe(1);
	});

	test('a reused bill reference of a matching number (a batch run again) returns that number, marked as found; other terms fail naming both', async () => {
		const reference = billRef('AGAIN');
		const params = { resource: 'billPay', operation: 'createOrder', billReference: reference, additionalFields: { billAmount: 2500, billDescription: 'Rent May' } };
		const [[first]] = await f.run(params);
		const [[again]] = await f.run(params);
		expect(first.json.foundByReference).toBeUndefined();
		expect(again.json).toMatchObject({ billPayNumber: reference, billAmount: 2500, billDescription: 'Rent May', foundByReference: true });
		expect(await f.countStatus(BP.createOrder, 409)).toBe(1);
		expect(await f.count(BP.get)).toBe(1);
		const error = await f.run({ ...params, additionalFields: { billAmount: 2600, billDescription: 'Rent May' } }).catch((e) => e);
		expect(error.message).toBe(
			`Bill reference "${reference}" already used — use Get to see it, or a new reference. Bill reference "${reference}" already belongs to another control number (amount 2500, description "Rent May"), which is not what this item asks for (item 0)`,
		);
		expect(await getNumber(reference)).toMatchObject({ billAmount: 2500 });
	});

	test('a create with a 5xx is not re-sent: the reference is looked up (nothing created → safe to retry)', async () => {
		const reference = billRef('T5');
		await f.sim.addFault({ route: BP.createOrder, kind: 'status', status: 502, times: 1 });
		const error = await f.run({ resource: 'billPay', operation: 'createOrder', billReference: reference, additionalFields: {} }).catch((e) => e);
		expect(error.message).toContain(`No control number "${reference}" exists, so nothing was created; it is safe to run the item again with the same reference (item 0)`);
		expect(await f.count(BP.createOrder)).toBe(1);
		expect(await f.count(BP.get)).toBe(1);
	});

	test('a create whose connection drops after ClickPesa created it: found by its reference and returned, not sent twice', async () => {
		const reference = billRef('RS');
		await f.sim.addFault({ route: BP.createOrder, kind: 'reset', afterProcessing: true, times: 1 });
		const [out] = await f.run({ resource: 'billPay', operation: 'createOrder', billReference: reference, additionalFields: { billAmount: 700 } });
		expect(out[0].json).toMatchObject({ billPayNumber: reference, billAmount: 700, billStatus: 'ACTIVE' });
		expect(await f.count(BP.createOrder)).toBe(1);
	});

	test('a create whose 200 answer is cut off mid-body: found by its reference and returned, not sent twice', async () => {
		const reference = billRef('CUT');
		const [out] = await runCut((method, path) => method === 'POST' && path.endsWith('/create-order-control-number'), {
			resource: 'billPay',
			operation: 'createOrder',
			billReference: reference,
			additionalFields: { billAmount: 800 },
		});
		expect(out[0].json).toMatchObject({ billPayNumber: reference, billAmount: 800 });
		expect(await f.count(BP.createOrder)).toBe(1);
		expect(await f.count(BP.get)).toBe(1);
	});

	test('after a 5xx, a number found under the reference but created earlier with other values is not reported as this run\'s success', async () => {
		const reference = billRef('TERM');
		const [first] = await f.run({ resource: 'billPay', operation: 'createOrder', billReference: reference, additionalFields: { billAmount: 10000, billDescription: 'Term 1 fees' } });
		expect(first[0].json).toMatchObject({ billPayNumber: reference, billAmount: 10000 });
		const again = (/** @type {Record<string, unknown>} */ additionalFields) =>
			f.run({ resource: 'billPay', operation: 'createOrder', billReference: reference, additionalFields }).catch((e) => e);
		const taken = `Bill reference "${reference}" already belongs to another control number (amount 10000, description "Term 1 fees"); the outcome of this request is unknown — check with BillPay → Get before sending it again (item 0)`;
		for (const additionalFields of [{ billAmount: 450000, billDescription: 'Term 2 fees' }, { billAmount: 10000, billDescription: 'Term 2 fees' }, { billAmount: 450000 }]) {
			await f.sim.addFault({ route: BP.createOrder, kind: 'status', status: 503, times: 1 });
			const error = await again(additionalFields);
			expect(error).toBeInstanceOf(Error);
			expect(error.message).toContain(taken);
		}
		// The same values are taken as this request's number.
		await f.sim.addFault({ route: BP.createOrder, kind: 'status', status: 503, times: 1 });
		const [same] = await f.run({ resource: 'billPay', operation: 'createOrder', billReference: reference, additionalFields: { billAmount: 10000, billDescription: 'Term 1 fees' } });
		expect(same[0].json).toMatchObject({ billPayNumber: reference, billAmount: 10000 });
		expect(await f.count(BP.createOrder)).toBe(5);
		expect(await f.count(BP.get)).toBe(4);
	});

	test('after a dropped connection, a customer number is matched on the customer name too', async () => {
		const reference = billRef('CUST');
		const create = (/** @type {string} */ customerName) =>
			f.run({ resource: 'billPay', operation: 'createCustomer', customerName, customerEmail: 'asha@example.com', customerPhone: '', billReference: reference, additionalFields: { billAmount: 5000 } });
		await create('Asha Said');
		await f.sim.addFault({ route: BP.createCustomer, kind: 'reset', times: 1 });
		const error = await create('Juma Hassan').catch((e) => e);
		expect(error.message).toContain(`Bill reference "${reference}" already belongs to another control number (amount 5000, no description, customer "Asha Said")`);
		await f.sim.addFault({ route: BP.createCustomer, kind: 'reset', times: 1 });
		const [same] = await create('Asha Said');
		expect(same[0].json).toMatchObject({ billPayNumber: reference, billCustomerName: 'Asha Said' });
	});

	test('a create without a reference and an unknown outcome says to check the dashboard', async () => {
		await f.sim.addFault({ route: BP.createOrder, kind: 'status', status: 500, times: 1 });
		const error = await f.run({ resource: 'billPay', operation: 'createOrder', billReference: '', additionalFields: {} }).catch((e) => e);
		expect(error.message).toContain('may have been created; without bill references they cannot be looked up, so check the ClickPesa dashboard');
		expect(await f.count(BP.createOrder)).toBe(1);
		expect(await f.count(BP.get)).toBe(0);
	});

	test('Get: unknown number → "does not exist"; a malformed number is refused before HTTP', async () => {
		await expect(f.run({ resource: 'billPay', operation: 'get', billPayNumber: 'NOSUCH1' })).rejects.toThrow(
			'BillPay number NOSUCH1 does not exist (item 0)',
		);
		await expect(f.run({ resource: 'billPay', operation: 'get', billPayNumber: '55/../x' })).rejects.toThrow(
			'BillPay Number "55/../x" may only contain letters and digits (item 0)',
		);
		expect(await f.count(BP.get)).toBe(1);
	});

	test('Update sends only the fields that were set, and needs at least one', async () => {
		const reference = billRef('UPD');
		await f.run({
			resource: 'billPay',
			operation: 'createOrder',
			billReference: reference,
			additionalFields: { billAmount: 5000, billDescription: 'First', billPaymentMode: 'EXACT' },
		});
		const { output, sent } = await runRecording({ resource: 'billPay', operation: 'update', billPayNumber: reference, updateFields: { billDescription: 'Second' } });
		expect(sent).toEqual([{ method: 'PATCH', path: `/billpay/${reference}`, body: { billDescription: 'Second' } }]);
		expect(output[0][0].json).toMatchObject({ billPayNumber: reference, billDescription: 'Second', billAmount: 5000, billPaymentMode: 'EXACT' });
		await f.run({ resource: 'billPay', operation: 'update', billPayNumber: reference, updateFields: { billStatus: 'INACTIVE' } });
		expect(await getNumber(reference)).toMatchObject({ billStatus: 'INACTIVE', billAmount: 5000, billDescription: 'Second' });

		await expect(f.run({ resource: 'billPay', operation: 'update', billPayNumber: reference, updateFields: {} })).rejects.toThrow(
			'Nothing to update: add at least one field under Update Fields (item 0)',
		);
		await expect(f.run({ resource: 'billPay', operation: 'update', billPayNumber: 'GONE1', updateFields: { billAmount: 10 } })).rejects.toThrow(
			'BillPay number GONE1 does not exist (item 0)',
		);
		expect(await f.count(BP.patch)).toBe(3);
	});

	describe('Create Many', () => {
		const manyParams = (kind = 'order') => ({
			resource: 'billPay',
			operation: 'createMany',
			kind,
			customerName: '={{ $json.name }}',
			customerEmail: '',
			customerPhone: '={{ $json.phone }}',
			billReference: '={{ $json.ref }}',
			additionalFields: { billAmount: '={{ $json.amount }}', billDescription: '={{ "Invoice " + $json.ref }}' },
		});

		test('120 items, one invalid before HTTP and one refused by ClickPesa → 3 bulk requests, 118 created, failures on their own items', async () => {
			const taken = billRef('TAKEN');
			await f.run({ resource: 'billPay', operation: 'createOrder', billReference: taken, additionalFields: {} });
			const items = Array.from({ length: 120 }, (_, i) => ({ ref: billRef('M'), amount: 1000 + i }));
			items[7].amount = -5;
			items[60].ref = taken;
			const [out] = await f.run(manyParams(), items, 'continueErrorOutput');

			expect(out).toHaveLength(120);
			expect(out.map((item) => item.pairedItem)).toEqual(items.map((_, i) => ({ item: i })));
			expect(out[7].json).toEqual({ error: 'Amount must be greater than 0 (got -5) (item 7)' });
			expect(out[60].json).toEqual({
				error: `Bill reference "${taken}" already used — use Get to see it, or a new reference. Bill reference "${taken}" already belongs to another control number (no amount, no description), which is not what this item asks for (item 60)`,
			});
			const created = out.filter((item) => item.json.billPayNumber);
			expect(created).toHaveLength(118);
			out.forEach((item, i) => {
				if (i === 7 || i === 60) return;
				expect(item.json).toEqual({
					billPayNumber: items[i].ref,
					billReference: items[i].ref,
					billAmount: items[i].amount,
					billDescription: `Invoice ${items[i].ref}`,
				});
			});
			expect(await f.count(BP.bulkOrder)).toBe(3);
			expect(await getNumber(items[119].ref)).toMatchObject({ billAmount: 1119, billStatus: 'ACTIVE' });
		});

		test('run again after dying half-way: the numbers created before are found by reference, the rest created; nothing twice', async () => {
			const items = Array.from({ length: 120 }, (_, i) => ({ ref: billRef('R'), amount: 1000 + i }));
			const [firstRun] = await f.run(manyParams(), items.slice(0, 70));
			expect(firstRun.every((item) => item.json.foundByReference === undefined)).toBe(true);
			const bulkBefore = await f.count(BP.bulkOrder);
			// Item 100 now collides with a number someone made with other terms.
			await f.run({ resource: 'billPay', operation: 'createOrder', billReference: items[100].ref, additionalFields: { billAmount: 5 } });

			const [out] = await f.run(manyParams(), items, 'continueErrorOutput');
			expect(out).toHaveLength(120);
			expect(out.map((item) => item.pairedItem)).toEqual(items.map((_, i) => ({ item: i })));
			const found = out.filter((item) => item.json.foundByReference === true).map((item) => item.json.billPayNumber);
			expect(found).toEqual(items.slice(0, 70).map((item) => item.ref));
			expect(out[0].json).toMatchObject({ billPayNumber: items[0].ref, billReference: items[0].ref, billAmount: 1000, billDescription: `Invoice ${items[0].ref}`, foundByReference: true });
			expect(out[70].json).toEqual({ billPayNumber: items[70].ref, billReference: items[70].ref, billAmount: 1070, billDescription: `Invoice ${items[70].ref}` });
			expect(out[100].json.error).toBe(
				`Bill reference "${items[100].ref}" already used — use Get to see it, or a new reference. Bill reference "${items[100].ref}" already belongs to another control number (amount 5, no description), which is not what this item asks for (item 100)`,
			);
			expect(out.filter((item) => typeof item.json.billPayNumber === 'string' && item.json.foundByReference === undefined)).toHaveLength(49);
			expect((await f.count(BP.bulkOrder)) - bulkBefore).toBe(3);
			// One lookup per used reference: the 70 found and the one that belongs to another number.
			expect(await f.count(BP.get)).toBe(71);
			expect(await getNumber(items[100].ref)).toMatchObject({ billAmount: 5 });
		});

		test('run again with "Fail the Item": every used reference fails, without a lookup', async () => {
			const items = Array.from({ length: 3 }, (_, i) => ({ ref: billRef('F'), amount: 400 + i }));
			await f.run(manyParams(), items.slice(0, 2));
			const [out] = await f.run({ ...manyParams(), ifReferenceUsed: 'fail' }, items, 'continueRegularOutput');
			expect(out.map((item) => item.json.error ?? item.json.billPayNumber)).toEqual([
				`Bill reference "${items[0].ref}" already used — use Get to see it, or a new reference (item 0)`,
				`Bill reference "${items[1].ref}" already used — use Get to see it, or a new reference (item 1)`,
				items[2].ref,
			]);
			expect(await f.count(BP.get)).toBe(0);
		});

		test('Continue On Fail off: a run again that only finds what exists says how many this run created', async () => {
			const taken = billRef('TK');
			await f.run({ resource: 'billPay', operation: 'createOrder', billReference: taken, additionalFields: {} });
			const items = Array.from({ length: 60 }, () => ({ ref: billRef('H'), amount: 800 }));
			await f.run(manyParams(), items.slice(0, 50));
			items[55].ref = taken;
			const error = await f.run(manyParams(), items).catch((e) => e);
			expect(error.message).toMatch(/The node stopped here; 9 control numbers were created by this run/);
			expect(error.message).toMatch(/\(item 55\)$/);
		});

		test('1,000 items → exactly 20 requests; outputs in input order, one per item', async () => {
			const items = Array.from({ length: 1000 }, (_, i) => ({ amount: 100 + i }));
			const params = { ...manyParams(), billReference: '' };
			const [out] = await f.run(params, items);
			expect(out).toHaveLength(1000);
			expect(await f.count(BP.bulkOrder)).toBe(20);
			expect(out.every((item, i) => item.pairedItem.item === i && item.json.billAmount === 100 + i)).toBe(true);
			const numbers = new Set(out.map((item) => item.json.billPayNumber));
			expect(numbers.size).toBe(1000);
			// The generated numbers belong to the right items.
			expect(await getNumber(out[999].json.billPayNumber)).toMatchObject({ billAmount: 1099 });
			expect(await getNumber(out[0].json.billPayNumber)).toMatchObject({ billAmount: 100 });
		});

		test('customer kind: each item maps its own customer; the phone is normalised', async () => {
			const items = [
				{ name: 'Asha Said', phone: '0712 345 678', ref: billRef('C'), amount: 15000 },
				{ name: 'Juma Hassan', phone: '+255 754 000 111', ref: billRef('C'), amount: 20000 },
			];
			const [out] = await f.run(manyParams('customer'), items);
			expect(out.map((item) => item.json)).toEqual([
				{ billPayNumber: items[0].ref, billReference: items[0].ref, billAmount: 15000, billDescription: `Invoice ${items[0].ref}`, customerName: 'Asha Said', customerPhone: '255712345678' },
				{ billPayNumber: items[1].ref, billReference: items[1].ref, billAmount: 20000, billDescription: `Invoice ${items[1].ref}`, customerName: 'Juma Hassan', customerPhone: '255754000111' },
			]);
			expect(await f.count(BP.bulkCustomer)).toBe(1);
			expect(await getNumber(items[1].ref)).toMatchObject({ billCustomerName: 'Juma Hassan' });
		});

		test('Continue On Fail off: an invalid item stops the node before anything is sent, naming the item', async () => {
			const items = Array.from({ length: 60 }, () => ({ ref: billRef('V'), amount: 500 }));
			items[42].ref = 'BAD REF';
			const error = await f.run(manyParams(), items).catch((e) => e);
			expect(error.message).toBe('Bill Reference "BAD REF" may only contain letters and digits (item 42)');
			expect(error.context.itemIndex).toBe(42);
			expect(await f.count(BP.bulkOrder)).toBe(0);
		});

		test('Continue On Fail off: an item ClickPesa refuses stops the node after its chunk; later chunks are not sent', async () => {
			const taken = billRef('TK');
			await f.run({ resource: 'billPay', operation: 'createOrder', billReference: taken, additionalFields: {} });
			const items = Array.from({ length: 120 }, () => ({ ref: billRef('S'), amount: 700 }));
			items[55].ref = taken;
			const error = await f.run(manyParams(), items).catch((e) => e);
			expect(error.message).toMatch(
				new RegExp(`^Bill reference "${taken}" already used — use Get to see it, or a new reference\\. Bill reference "${taken}" already belongs to another control number \\(no amount, no description\\), which is not what this item asks for\\. The node stopped here; 99 control numbers were created`),
			);
			expect(error.message).toMatch(/\(item 55\)$/);
			expect(await f.count(BP.bulkOrder)).toBe(2);
		});

		test('a chunk with an unknown outcome (5xx): its items say which references to check, later chunks are not sent, nothing is re-sent', async () => {
			await f.sim.addFault({ route: BP.bulkOrder, kind: 'status', status: 500, skip: 1, times: 1 });
			const items = Array.from({ length: 130 }, () => ({ ref: billRef('U'), amount: 300 }));
			const [out] = await f.run(manyParams(), items, 'continueRegularOutput');
			expect(out).toHaveLength(130);
			expect(out.slice(0, 50).every((item) => typeof item.json.billPayNumber === 'string')).toBe(true);
			expect(out[50].json.error).toContain(`may have been created: check with BillPay → Get ("${items[50].ref}") before sending it again`);
			expect(out[50].json.error).toMatch(/\(item 50\)$/);
			expect(out[99].json.error).toContain(`("${items[99].ref}")`);
			expect(out[100].json.error).toBe(
				'Not sent because the outcome of the batch of items 50–99 is unknown: no control number was created for this item (item 100)',
			);
			expect(await f.count(BP.bulkOrder)).toBe(2);
		});

		test('a dropped connection after ClickPesa created the chunk: the items say to check, and the numbers do exist', async () => {
			await f.sim.addFault({ route: BP.bulkOrder, kind: 'reset', afterProcessing: true, times: 1 });
			const items = Array.from({ length: 3 }, () => ({ ref: billRef('D'), amount: 300 }));
			const [out] = await f.run(manyParams(), items, 'continueRegularOutput');
			expect(out.map((item) => item.json.error)).toEqual(
				items.map((item, i) => expect.stringContaining(`may have been created: check with BillPay → Get ("${item.ref}") before sending it again (item ${i})`)),
			);
			expect(await getNumber(items[2].ref)).toMatchObject({ billPayNumber: items[2].ref });
			expect(await f.count(BP.bulkOrder)).toBe(1);
		});

		test('a chunk whose 200 answer is cut off mid-body: unknown outcome, not "refused"; later chunks are not sent', async () => {
			let bulkRequests = 0;
			const cutFirstBulk = (/** @type {string} */ method, /** @type {string} */ path) => method === 'POST' && path.includes('/bulk-create-') && ++bulkRequests === 1;
			const items = Array.from({ length: 130 }, () => ({ ref: billRef('H'), amount: 300 }));
			const [out] = await runCut(cutFirstBulk, manyParams(), items, 'continueRegularOutput');
			expect(out).toHaveLength(130);
			out.slice(0, 50).forEach((item, i) => {
				expect(item.json.error).toContain(`may have been created: check with BillPay → Get ("${items[i].ref}") before sending it again (item ${i})`);
				expect(item.json.error).not.toContain('refused');
			});
			expect(out[50].json.error).toBe('Not sent because the outcome of the batch of items 0–49 is unknown: no control number was created for this item (item 50)');
			expect(await f.count(BP.bulkOrder)).toBe(1);
			// ClickPesa did create them: "refused, none created" would have been wrong.
			expect(await getNumber(items[49].ref)).toMatchObject({ billPayNumber: items[49].ref });
		});

		test('a whole-chunk 3xx answer is an unknown outcome too: only a 4xx is a refusal', async () => {
			await f.sim.addFault({ route: BP.bulkOrder, kind: 'status', status: 302, body: { message: 'Moved' }, times: 1 });
			const items = Array.from({ length: 60 }, () => ({ ref: billRef('X'), amount: 300 }));
			const [out] = await f.run(manyParams(), items, 'continueRegularOutput');
			expect(out[0].json.error).toContain(`may have been created: check with BillPay → Get ("${items[0].ref}")`);
			expect(out[59].json.error).toBe('Not sent because the outcome of the batch of items 0–49 is unknown: no control number was created for this item (item 59)');
			expect(await f.count(BP.bulkOrder)).toBe(1);
		});

		test('a 200 that is not a bulk answer (a health payload): its items are unknown, later chunks are not sent', async () => {
			await f.sim.addFault({ route: BP.bulkOrder, kind: 'status', status: 200, body: { name: 'clickpesa-core', status: 'ok' }, times: 1 });
			const items = Array.from({ length: 60 }, () => ({ ref: billRef('N'), amount: 300 }));
			const [out] = await f.run(manyParams(), items, 'continueRegularOutput');
			expect(out.filter((item) => item.json.billPayNumber)).toHaveLength(0);
			expect(out[3].json.error).toBe(
				`ClickPesa's answer could not be read (it has no list of created control numbers). This item's control number (in the batch of items 0–49) may have been created: check with BillPay → Get ("${items[3].ref}") before sending it again (item 3)`,
			);
			expect(out[50].json.error).toBe(
				"Not sent because ClickPesa's answer to the batch of items 0–49 could not be fully read: no control number was created for this item (item 50)",
			);
			expect(await f.count(BP.bulkOrder)).toBe(1);
		});

		test('an answer listing fewer numbers than it says it created: only listed references count as created', async () => {
			const items = Array.from({ length: 3 }, () => ({ ref: billRef('L'), amount: 300 }));
			await f.sim.addFault({ route: BP.bulkOrder, kind: 'status', status: 200, body: { billPayNumbers: [items[1].ref], created: 3, failed: 0 }, times: 1 });
			const [out] = await f.run(manyParams(), items, 'continueRegularOutput');
			expect(out[1].json.billPayNumber).toBe(items[1].ref);
			for (const i of [0, 2]) {
				expect(out[i].json.error).toContain('does not account for this item');
				expect(out[i].json.error).toContain(`check with BillPay → Get ("${items[i].ref}")`);
			}
		});

		test('a rate-limited chunk: nothing of it was created, the rest is not sent', async () => {
			await f.sim.addFault({ route: BP.bulkOrder, kind: 'status', status: 429, times: 1 });
			const items = Array.from({ length: 60 }, () => ({ ref: billRef('R'), amount: 300 }));
			const [out] = await f.run(manyParams(), items, 'continueRegularOutput');
			expect(out[0].json.error).toContain('ClickPesa did not accept the batch of items 0–49, so none of its control numbers was created; run these items again later (item 0)');
			expect(out[59].json.error).toBe('Not sent because ClickPesa rate-limited the batch of items 0–49: no control number was created for this item (item 59)');
			expect(await f.count(BP.bulkOrder)).toBe(1);
		});

		test('a whole-chunk 400 fails every item of that chunk; the other chunks go on', async () => {
			await f.sim.addFault({ route: BP.bulkOrder, kind: 'status', status: 400, body: { message: 'Something about the batch' }, times: 1 });
			const items = Array.from({ length: 70 }, () => ({ ref: billRef('W'), amount: 300 }));
			const [out] = await f.run(manyParams(), items, 'continueRegularOutput');
			expect(out.slice(0, 50).every((item, i) => item.json.error?.includes('Something about the batch') && item.json.error.endsWith(`(item ${i})`))).toBe(true);
			expect(out[0].json.error).toContain('ClickPesa refused the batch of items 0–49 as a whole, so none of its control numbers was created');
			expect(out.slice(50).every((item) => typeof item.json.billPayNumber === 'string')).toBe(true);
			expect(await f.count(BP.bulkOrder)).toBe(2);
		});

		test('no secrets in errors or outputs', async () => {
			await f.sim.addFault({ route: BP.bulkOrder, kind: 'status', status: 503, times: 1 });
			const [out] = await f.run(manyParams(), [{ ref: billRef('Z'), amount: 1 }], 'continueRegularOutput');
			const text = JSON.stringify(out);
			for (const secret of [CLIENT.apiKey, CHECKSUM_SECRET, 'Bearer']) expect(text).not.toContain(secret);
			const error = await f.run(manyParams(), [{ ref: 'bad-ref', amount: 1 }]).catch((e) => e);
			expect(JSON.stringify({ message: error.message, description: error.description, context: error.context })).not.toContain(CLIENT.apiKey);
		});
	});

	test('a payment into a control number is visible through Payment → Get Status', async () => {
		const reference = billRef('PAY');
		await f.run({ resource: 'billPay', operation: 'createOrder', billReference: reference, additionalFields: { billAmount: 4000 } });
		await f.sim.payBill(reference, 1500, '255754000111');
		const [status] = await f.run({ resource: 'payment', operation: 'getStatus', orderReference: reference });
		expect(status[0].json).toMatchObject({ orderReference: reference, status: 'SUCCESS', collectedAmount: 1500, channel: 'M-PESA' });
		expect(await getNumber(reference)).toMatchObject({ billStatus: 'INACTIVE' });
	});
});
