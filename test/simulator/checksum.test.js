'use strict';

const {
	canonicalJson,
	canonicalChecksum,
	legacyChecksum,
	checksumProblem,
	MAX_DEPTH,
} = require('../../simulator/clickpesa/checksum');

const { CHECKSUM_VECTOR_KEY: KEY, checksumVectors } = require('../support/checksumVectors');

describe('simulator checksum (docs/clickpesa-api.md §6)', () => {
	test.each(checksumVectors.map((vector) => [vector.name, vector.payload, vector.digest]))('vector %s', (_name, payload, expected) => {
		expect(canonicalChecksum(KEY, payload)).toBe(expected);
		expect(canonicalChecksum(KEY, { ...payload, checksum: 'x', checksumMethod: 'canonical' })).toBe(expected);
	});

	test('vector 2L (legacy)', () => {
		expect(legacyChecksum(KEY, checksumVectors[1].payload)).toBe(
			checksumVectors[1].legacyDigest,
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
