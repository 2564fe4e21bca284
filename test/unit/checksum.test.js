// @ts-check
const {
	canonicalJson,
	computeChecksum,
	computeLegacyChecksum,
	CHECKSUM_LIMITS,
} = require('../../dist/nodes/ClickPesa/transport/checksum');

const { CHECKSUM_VECTOR_KEY: KEY, checksumVectors: vectors } = require('../support/checksumVectors');

describe('ClickPesa canonical checksum (docs/clickpesa-api.md §6.4 vectors)', () => {
	test.each(vectors)('vector $name', ({ payload, canonical, digest }) => {
		if (canonical) expect(canonicalJson(payload)).toBe(canonical);
		expect(computeChecksum(KEY, payload)).toBe(digest);
	});

	test('checksum and checksumMethod are not part of what is signed', () => {
		const body = { ...vectors[2].payload, checksum: 'anything', checksumMethod: 'canonical' };
		expect(computeChecksum(KEY, body)).toBe(vectors[2].digest);
	});

	test('legacy method concatenates sorted top-level values (vector 2L)', () => {
		expect(computeLegacyChecksum(KEY, vectors[1].payload)).toBe(vectors[1].legacyDigest);
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
