// @ts-check
const {
	canonicalJson,
	computeChecksum,
	computeLegacyChecksum,
	CHECKSUM_LIMITS,
} = require('../../dist/nodes/shared/checksum');

const KEY = 'secret-key';

// Fact sheet §6.4: computed with ClickPesa's published algorithm.
const vectors = [
	{
		name: '1: docs example with nested objects',
		payload: {
			amount: 100,
			currency: 'USD',
			reference: 'TX123',
			exchange: { fromCurrency: 'TZS', toCurrency: 'TZS', rate: '1', amount: '1000' },
			customer: { name: 'John Doe', email: 'john@example.com', phone: '+255123456789' },
		},
		canonical:
			'{"amount":100,"currency":"USD","customer":{"email":"john@example.com","name":"John Doe","phone":"+255123456789"},"exchange":{"amount":"1000","fromCurrency":"TZS","rate":"1","toCurrency":"TZS"},"reference":"TX123"}',
		digest: 'd777a80827f17cf7882f9ac5efa68416ec680e2d1ab72ad415228d00e4ac4957',
	},
	{
		name: '2: flat payload',
		payload: { amount: 100, currency: 'USD', reference: 'TX123' },
		canonical: '{"amount":100,"currency":"USD","reference":"TX123"}',
		digest: '17c51f37dad20682e08cd556446c7f8e99840f4040b6719712f41f7549287f33',
	},
	{
		name: '3: USSD push body',
		payload: { amount: '1000', currency: 'TZS', orderReference: 'ORDER123', phoneNumber: '255712345678' },
		canonical: '{"amount":"1000","currency":"TZS","orderReference":"ORDER123","phoneNumber":"255712345678"}',
		digest: '9d6548c3728f656cef3b7ecbdc781419cb3cf48662951666dc2187193d1b704f',
	},
	{
		name: '4: PAYMENT RECEIVED webhook',
		payload: {
			event: 'PAYMENT RECEIVED',
			data: {
				id: 'ORD123456LCP7890',
				status: 'SUCCESS',
				paymentReference: 'abc123def456ghi789',
				orderReference: 'ORD123456',
				collectedAmount: '10000',
				collectedCurrency: 'TZS',
				message: 'success',
				updatedAt: '2024-04-10T18:22:56.153Z',
				createdAt: '2024-04-10T18:22:16.949Z',
				channel: 'M-PESA',
				customer: { customerName: 'John Doe', customerPhoneNumber: '255700000000', customerEmail: 'john@example.com' },
			},
		},
		digest: '7c34089258f1ed0587eabd70664e500e7b9176c3c4054be72cc13fb8dfda0c0a',
	},
	{
		name: '5: bulk BillPay (arrays of objects)',
		payload: {
			controlNumbers: [
				{ billAmount: 25000, billDescription: 'Order 1' },
				{ billReference: 'ORD002', billAmount: 50000 },
			],
		},
		canonical:
			'{"controlNumbers":[{"billAmount":25000,"billDescription":"Order 1"},{"billAmount":50000,"billReference":"ORD002"}]}',
		digest: 'dde2e5d078444f15afffa9f6f88aa02b1605f3dd95e0051fb569188715c7ceb2',
	},
];

describe('ClickPesa canonical checksum (fact sheet §6.4 vectors)', () => {
	test.each(vectors)('vector $name', ({ payload, canonical, digest }) => {
		if (canonical) expect(canonicalJson(payload)).toBe(canonical);
		expect(computeChecksum(KEY, payload)).toBe(digest);
	});

	test('checksum and checksumMethod are not part of what is signed', () => {
		const body = { ...vectors[2].payload, checksum: 'anything', checksumMethod: 'canonical' };
		expect(computeChecksum(KEY, body)).toBe(vectors[2].digest);
	});

	test('legacy method concatenates sorted top-level values (vector 2L)', () => {
		expect(computeLegacyChecksum(KEY, vectors[1].payload)).toBe(
			'85b65bf2670dcdcb8ebb8d19939e4fd59b02d5218741be2eaf9f575273b101d1',
		);
	});

	test('a "__proto__" member received in JSON is signed, not dropped', () => {
		const signed = JSON.parse('{"event":"PAYMENT RECEIVED","data":{"id":"A1"}}');
		const tampered = JSON.parse('{"event":"PAYMENT RECEIVED","data":{"id":"A1","__proto__":{"amount":"9999999"}}}');
		expect(canonicalJson(tampered)).toContain('"__proto__":{"amount":"9999999"}');
		expect(computeChecksum(KEY, tampered)).not.toBe(computeChecksum(KEY, signed));
	});

	test('non-ASCII text is signed as raw UTF-8 like JSON.stringify', () => {
		expect(canonicalJson({ billDescription: 'Ada ya Shule – Muhula 1' })).toBe('{"billDescription":"Ada ya Shule – Muhula 1"}');
	});

	test('nesting deeper than the limit is refused instead of overflowing the stack', () => {
		let deep = {};
		for (let i = 0; i < 100_000; i++) deep = { d: deep };
		expect(() => canonicalJson(deep)).toThrow(`nested deeper than ${CHECKSUM_LIMITS.maxDepth}`);
	});

	test('payloads with too many values are refused', () => {
		const wide = { list: Array.from({ length: CHECKSUM_LIMITS.maxNodes + 1 }, () => 1) };
		expect(() => canonicalJson(wide)).toThrow('more than');
	});
});
