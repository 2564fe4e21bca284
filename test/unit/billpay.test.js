// @ts-check
const { buildBillItem, buildBillUpdate, checkBillPayNumber } = require('../../dist/nodes/ClickPesa/actions/billPay/billItem');
const { mapBulkAnswer, BULK_LIMIT, inChunks: chunk } = require('../../dist/nodes/ClickPesa/actions/billPay/bulkAnswer');
const { InputError } = require('../../dist/nodes/shared/errors');

describe('BillPay item bodies', () => {
	test('only given fields are sent; amounts are numbers; text is trimmed', () => {
		expect(buildBillItem({}, 'order')).toEqual({});
		expect(buildBillItem({ billReference: '', billAmount: '', billDescription: '  ' }, 'order')).toEqual({});
		expect(
			buildBillItem({ billReference: ' INV1 ', billAmount: '2500.50', billDescription: ' Rent ', billPaymentMode: 'exact', billMaxCollectionAmount: 3000 }, 'order'),
		).toEqual({ billReference: 'INV1', billAmount: 2500.5, billDescription: 'Rent', billPaymentMode: 'EXACT', billMaxCollectionAmount: 3000 });
	});

	test('the default payment mode without an amount is not sent; EXACT without an amount is refused', () => {
		expect(buildBillItem({ billPaymentMode: 'ALLOW_PARTIAL_AND_OVER_PAYMENT' }, 'order')).toEqual({});
		expect(() => buildBillItem({ billPaymentMode: 'EXACT' }, 'order')).toThrow('Payment Mode EXACT needs an Amount');
	});

	test.each([
		[{ billReference: 'A-1' }, 'Bill Reference "A-1" may only contain letters and digits'],
		[{ billReference: 'A'.repeat(21) }, `Bill Reference "${'A'.repeat(21)}" is longer than 20 characters`],
		[{ billAmount: 0 }, 'Amount must be greater than 0 (got 0)'],
		[{ billAmount: 'ten' }, 'Amount "ten" is not a number'],
		[{ billAmount: 1.234 }, 'Amount 1.234 has more than 2 decimals'],
		[{ billMaxCollectionAmount: -1 }, 'Max Collection Amount must be greater than 0 (got -1)'],
		[{ billAmount: 100, billMaxCollectionAmount: 99.99 }, 'Max Collection Amount 99.99 is less than Amount 100'],
		[{ billDescription: 'x'.repeat(501) }, 'Description is 501 characters long; ClickPesa accepts at most 500'],
		[{ billPaymentMode: 'SOMETIMES', billAmount: 1 }, 'Payment Mode "SOMETIMES" is not one of ALLOW_PARTIAL_AND_OVER_PAYMENT, EXACT'],
	])('%j is refused: %s', (input, message) => {
		expect(() => buildBillItem(input, 'order')).toThrow(InputError);
		expect(() => buildBillItem(input, 'order')).toThrow(message);
	});

	test('a description of exactly 500 characters and a max equal to the amount pass', () => {
		expect(buildBillItem({ billDescription: 'x'.repeat(500), billAmount: 5, billMaxCollectionAmount: 5 }, 'order')).toMatchObject({ billMaxCollectionAmount: 5 });
	});

	test('customer kind: name plus email and/or phone; the phone is normalised; order kind ignores customer fields', () => {
		expect(buildBillItem({ customerName: ' Asha ', customerPhone: '0712 345 678' }, 'customer')).toEqual({ customerName: 'Asha', customerPhone: '255712345678' });
		expect(buildBillItem({ customerName: 'Asha', customerEmail: 'a@b.co', customerPhone: '' }, 'customer')).toEqual({ customerName: 'Asha', customerEmail: 'a@b.co' });
		expect(buildBillItem({ customerName: 'Asha', customerPhone: '0712345678' }, 'order')).toEqual({});
		expect(() => buildBillItem({ customerPhone: '0712345678' }, 'customer')).toThrow('Customer Name is empty');
		expect(() => buildBillItem({ customerName: 'Asha' }, 'customer')).toThrow('needs the customer’s email or phone number');
		expect(() => buildBillItem({ customerName: 'Asha', customerEmail: 'nope' }, 'customer')).toThrow('Customer Email "nope" is not an email address');
		expect(() => buildBillItem({ customerName: 'Asha', customerPhone: '0812345678' }, 'customer')).toThrow('Customer Phone "0812345678" is not a Tanzanian mobile number');
	});

	test('update: only set fields, at least one, status checked, empty description refused', () => {
		expect(buildBillUpdate({ billStatus: 'inactive' })).toEqual({ billStatus: 'INACTIVE' });
		expect(buildBillUpdate({ billAmount: 10, billPaymentMode: 'EXACT' })).toEqual({ billAmount: 10, billPaymentMode: 'EXACT' });
		expect(() => buildBillUpdate({})).toThrow('Nothing to update: add at least one field under Update Fields');
		expect(() => buildBillUpdate({ billStatus: 'CLOSED' })).toThrow('Status "CLOSED" is not one of ACTIVE, INACTIVE');
		expect(() => buildBillUpdate({ billDescription: '' })).toThrow('Description is empty');
		expect(() => buildBillUpdate({ billAmount: 10, billMaxCollectionAmount: 5 })).toThrow('Max Collection Amount 5 is less than Amount 10');
	});

	test('BillPay numbers in paths are letters and digits only', () => {
		expect(checkBillPayNumber(' 55042914871931 ')).toBe('55042914871931');
		expect(checkBillPayNumber(55042914871931)).toBe('55042914871931');
		expect(() => checkBillPayNumber('../x')).toThrow('BillPay Number "../x" may only contain letters and digits');
		expect(() => checkBillPayNumber('')).toThrow('BillPay Number is empty');
	});
});

describe('chunking', () => {
	test('1,000 items → 20 chunks of 50, in order; remainders last', () => {
		const items = Array.from({ length: 1000 }, (_, i) => i);
		const chunks = chunk(items, BULK_LIMIT);
		expect(chunks).toHaveLength(20);
		expect(chunks.every((part) => part.length === 50)).toBe(true);
		expect(chunks.flat()).toEqual(items);
		expect(chunk([1, 2, 3], 2)).toEqual([[1, 2], [3]]);
		expect(chunk([], 50)).toEqual([]);
		expect(() => chunk([1], 0)).toThrow(RangeError);
	});
});

describe('bulk answers → one result per sent item', () => {
	const sent = [{ billAmount: 1 }, { billReference: 'ORD002' }, { billReference: 'USED1' }, {}];

	test('errors[].index is 0-based into the sent array; created numbers go to the other items in order', () => {
		const answer = { billPayNumbers: ['55042914871931', 'ORD002', '55000000000001'], created: 3, failed: 1, errors: [{ index: 2, reason: 'Bill reference already used: Use a different reference' }] };
		expect(mapBulkAnswer(answer, sent)).toEqual([
			{ billPayNumber: '55042914871931' },
			{ billPayNumber: 'ORD002' },
			{ reason: 'Bill reference already used: Use a different reference' },
			{ billPayNumber: '55000000000001' },
		]);
	});

	test('no errors field when nothing failed', () => {
		expect(mapBulkAnswer({ billPayNumbers: ['1', 'ORD002', 'USED1', '4'], created: 4, failed: 0 }, sent).map((result) => result.billPayNumber)).toEqual(['1', 'ORD002', 'USED1', '4']);
	});

	test('indexes out of range or malformed are ignored; an integer string is an index; a reason falls back to message', () => {
		const answer = { billPayNumbers: ['A1', 'USED1'], errors: [{ index: 3, message: 'bad' }, { index: 9, reason: 'x' }, { index: ' 1 ', reason: 'y' }, { index: 1.5, reason: 'z' }, { index: '2x', reason: 'w' }, null] };
		expect(mapBulkAnswer(answer, sent)).toEqual([{ billPayNumber: 'A1' }, { reason: 'y' }, { billPayNumber: 'USED1' }, { reason: 'bad' }]);
	});

	test('an answer without a billPayNumbers list (e.g. a health payload) or with non-numeric counts: every item is unknown', () => {
		const two = [{ billReference: 'A1' }, { billAmount: 3 }];
		for (const answer of [{ name: 'clickpesa-core', status: 'ok' }, null, 'OK', { billPayNumbers: 'A1', created: 1 }, { billPayNumbers: ['A1', '9'], created: 'two', failed: 0 }, { billPayNumbers: ['A1', '9'], created: 2, failed: {} }]) {
			const results = mapBulkAnswer(answer, two);
			expect(results).toHaveLength(2);
			for (const result of results) expect(result.unknown).toMatch(/answer could not be read/);
		}
		expect(mapBulkAnswer({ billPayNumbers: ['A1', '9'], created: '2', failed: '0' }, two)).toEqual([{ billPayNumber: 'A1' }, { billPayNumber: '9' }]);
	});

	test('when the count of numbers does not match, an item with a reference is created only if its reference is listed; the others are unknown', () => {
		const three = [{ billReference: 'A1', billAmount: 1 }, { billReference: 'A2', billAmount: 2 }, { billAmount: 3 }];
		const results = mapBulkAnswer({ billPayNumbers: ['A1', '999'], created: 2, failed: 1 }, three);
		expect(results[0]).toEqual({ billPayNumber: 'A1' });
		expect(results[1].unknown).toMatch(/does not add up \(2 control numbers listed, 0 refusals, for 3 items sent\)/);
		expect(results[2].unknown).toMatch(/does not account for this item/);
		expect(mapBulkAnswer({ billPayNumbers: ['X'], errors: [] }, sent).every((result) => 'unknown' in result)).toBe(true);
	});

	test('cross-check: created + failed must match what was sent, and a listed number must be the reference of its item', () => {
		const two = [{ billReference: 'A1' }, { billReference: 'A2' }];
		// counts that do not add up: only the references listed are trusted
		expect(mapBulkAnswer({ billPayNumbers: ['A1', 'A2'], created: 1, failed: 0 }, two)).toEqual([{ billPayNumber: 'A1' }, { billPayNumber: 'A2' }]);
		const noReferences = [{ billAmount: 1 }, { billAmount: 2 }];
		expect(mapBulkAnswer({ billPayNumbers: ['1', '2'], created: 2, failed: 1 }, noReferences).every((result) => 'unknown' in result)).toBe(true);
		// numbers in another order than the items: not handed out by position
		const swapped = mapBulkAnswer({ billPayNumbers: ['A2', 'B9'], created: 2, failed: 0 }, two);
		expect(swapped[0].unknown).toBeDefined();
		expect(swapped[1]).toEqual({ billPayNumber: 'A2' });
	});
});

describe('a control number found after an unknown outcome is ours only if it matches what was sent', () => {
	const { matchesSent } = require('../../dist/nodes/ClickPesa/actions/billPay/controlNumber');
	const found = { billPayNumber: 'T2', billAmount: '450000.00', billDescription: 'Term 2 fees', billCustomerName: 'Asha Said', billPaymentMode: 'EXACT' };

	test('amounts compare as numbers; only the fields that were sent are compared', () => {
		expect(matchesSent({ billReference: 'T2', billAmount: 450000 }, found)).toBe(true);
		expect(matchesSent({ billReference: 'T2' }, found)).toBe(true);
		expect(matchesSent({ billReference: 'T2', billAmount: 450000, billDescription: 'Term 2 fees', customerName: 'Asha Said', billPaymentMode: 'EXACT' }, found)).toBe(true);
	});

	test('another amount, description, customer or payment mode, or no amount at all, is someone else\'s number', () => {
		expect(matchesSent({ billAmount: 10000 }, found)).toBe(false);
		expect(matchesSent({ billAmount: 450000.01 }, found)).toBe(false);
		expect(matchesSent({ billDescription: 'Term 1 fees' }, found)).toBe(false);
		expect(matchesSent({ customerName: 'Juma Hassan' }, found)).toBe(false);
		expect(matchesSent({ billPaymentMode: 'ALLOW_PARTIAL_AND_OVER_PAYMENT' }, found)).toBe(false);
		expect(matchesSent({ billAmount: 450000 }, { billPayNumber: 'T2', billAmount: null })).toBe(false);
		expect(matchesSent({ billDescription: 'Term 2 fees' }, { billPayNumber: 'T2' })).toBe(false);
	});
});
