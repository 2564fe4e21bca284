'use strict';

const {
	canonicalJson,
	canonicalChecksum,
	legacyChecksum,
	checksumProblem,
	MAX_DEPTH,
} = require('../../simulator/clickpesa/checksum');

const KEY = 'secret-key';

describe('simulator checksum (fact sheet §6)', () => {
	test.each([
		[
			'1 docs example',
			{
				amount: 100,
				currency: 'USD',
				reference: 'TX123',
				exchange: { fromCurrency: 'TZS', toCurrency: 'TZS', rate: '1', amount: '1000' },
				customer: { name: 'John Doe', email: 'john@example.com', phone: '+255123456789' },
			},
			'd777a80827f17cf7882f9ac5efa68416ec680e2d1ab72ad415228d00e4ac4957',
		],
		['2', { amount: 100, currency: 'USD', reference: 'TX123' }, '17c51f37dad20682e08cd556446c7f8e99840f4040b6719712f41f7549287f33'],
		[
			'3 USSD body',
			{ amount: '1000', currency: 'TZS', orderReference: 'ORDER123', phoneNumber: '255712345678' },
			'9d6548c3728f656cef3b7ecbdc781419cb3cf48662951666dc2187193d1b704f',
		],
		[
			'4 webhook',
			{
				event: 'PAYMENT RECEIVED',
				data: {
					id: 'ORD123456LCP7890',
					status: 'SUCCESS',
					paymentReference: 'abc123def456ghi789',
					orderReference: 'ORD123456',
					collectedAmount: '10000',
					collectedCurrency: 'TZS',
					message: 'success',
					channel: 'M-PESA',
					updatedAt: '2024-04-10T18:22:56.153Z',
					createdAt: '2024-04-10T18:22:16.949Z',
					customer: { customerName: 'John Doe', customerEmail: 'john@example.com', customerPhoneNumber: '255700000000' },
				},
			},
			'7c34089258f1ed0587eabd70664e500e7b9176c3c4054be72cc13fb8dfda0c0a',
		],
		[
			'5 bulk',
			{ controlNumbers: [{ billAmount: 25000, billDescription: 'Order 1' }, { billReference: 'ORD002', billAmount: 50000 }] },
			'dde2e5d078444f15afffa9f6f88aa02b1605f3dd95e0051fb569188715c7ceb2',
		],
	])('vector %s', (_name, payload, expected) => {
		expect(canonicalChecksum(KEY, payload)).toBe(expected);
		expect(canonicalChecksum(KEY, { ...payload, checksum: 'x', checksumMethod: 'canonical' })).toBe(expected);
	});

	test('vector 2L (legacy)', () => {
		expect(legacyChecksum(KEY, { amount: 100, currency: 'USD', reference: 'TX123' })).toBe(
			'85b65bf2670dcdcb8ebb8d19939e4fd59b02d5218741be2eaf9f575273b101d1',
		);
	});

	test('canonical text sorts keys at every level and keeps an own "__proto__" key', () => {
		const parsed = JSON.parse('{"b":1,"a":{"__proto__":{"x":1},"z":[{"d":1,"c":2}]}}');
		expect(canonicalJson(parsed)).toBe('{"a":{"__proto__":{"x":1},"z":[{"c":2,"d":1}]},"b":1}');
		const signed = canonicalChecksum(KEY, JSON.parse('{"data":{"amount":"1"}}'));
		expect(canonicalChecksum(KEY, JSON.parse('{"data":{"amount":"1","__proto__":{"amount":"9"}}}'))).not.toBe(signed);
	});

	test('nesting beyond the bound is refused, not a stack overflow', () => {
		let deep = {};
		for (let i = 0; i < MAX_DEPTH + 5; i++) deep = { d: deep };
		expect(() => canonicalJson(deep)).toThrow(/nested too deeply/);
		let veryDeep = '1';
		for (let i = 0; i < 100_000; i++) veryDeep = `[${veryDeep}]`;
		expect(checksumProblem(KEY, { amount: JSON.parse(veryDeep), checksum: 'ab' })).toBe('Invalid checksum');
	});

	test('checksumProblem: required, invalid, legacy accepted on requests', () => {
		const body = { amount: '1000', currency: 'TZS', orderReference: 'ORDER123', phoneNumber: '255712345678' };
		expect(checksumProblem(KEY, body)).toBe('Checksum is required');
		expect(checksumProblem(KEY, { ...body, checksum: '' })).toBe('Checksum is required');
		expect(checksumProblem(KEY, { ...body, checksum: 'abc' })).toBe('Invalid checksum');
		expect(checksumProblem(KEY, { ...body, checksum: canonicalChecksum(KEY, body) })).toBeNull();
		expect(checksumProblem(KEY, { ...body, checksum: canonicalChecksum(KEY, body).toUpperCase() })).toBe('Invalid checksum');
		expect(checksumProblem(KEY, { ...body, checksum: legacyChecksum(KEY, body), checksumMethod: 'legacy' })).toBeNull();
		expect(checksumProblem(KEY, { ...body, checksum: canonicalChecksum(KEY, body), checksumMethod: 'other' })).toBe(
			'Invalid checksum',
		);
	});
});
