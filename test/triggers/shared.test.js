// @ts-check
const { RecentKeys } = require('../../dist/nodes/shared/webhooks');
const { hexDigestsEqual, secretsEqual } = require('../../dist/nodes/shared/webhooks');
const { ipAllowed, parseIpList } = require('../../dist/nodes/Clik2payTrigger/ipAllowlist');
const { readWebhookJson } = require('../../dist/nodes/shared/webhooks');
const { checkBasicAuth } = require('../../dist/nodes/Clik2payTrigger/basicAuth');

describe('RecentKeys (duplicate deliveries)', () => {
	test('a key is a repeat within the TTL and new again after it', () => {
		let now = 0;
		const keys = new RecentKeys(10, 1000, () => now);
		expect(keys.seenBefore('a')).toBe(false);
		now = 999;
		expect(keys.seenBefore('a')).toBe(true);
		now = 1000;
		expect(keys.seenBefore('a')).toBe(false);
	});

	test('holds at most maxKeys, dropping the oldest first', () => {
		const keys = new RecentKeys(3, 60_000, () => 0);
		for (const key of ['a', 'b', 'c', 'd']) keys.seenBefore(key);
		expect(keys.size).toBe(3);
		expect(keys.seenBefore('a')).toBe(false); // forgotten, so new again (and now it evicts b)
		expect(keys.seenBefore('c')).toBe(true);
		expect(keys.seenBefore('b')).toBe(false);
	});

	test('expired keys are dropped as new ones arrive, and forget() takes a key back', () => {
		let now = 0;
		const keys = new RecentKeys(100, 10, () => now);
		keys.seenBefore('old');
		now = 50;
		keys.seenBefore('new');
		expect(keys.size).toBe(1);
		keys.forget('new');
		expect(keys.seenBefore('new')).toBe(false);
	});

	test('past 10,000 keys the oldest are forgotten first', () => {
		const keys = new RecentKeys();
		for (let i = 0; i < 25_000; i++) keys.seenBefore(`key-${i}`);
		expect(keys.size).toBe(10_000);
		expect(keys.seenBefore('key-24999')).toBe(true);
		expect(keys.seenBefore('key-15000')).toBe(true);
		expect(keys.seenBefore('key-14999')).toBe(false);
	});
});

describe('constant-time comparisons', () => {
	const digest = 'a'.repeat(64);
	test('hex digests: equal only for the same hex of the same length (case-insensitive)', () => {
		expect(hexDigestsEqual(digest, digest)).toBe(true);
		expect(hexDigestsEqual(digest.toUpperCase(), digest)).toBe(true);
		expect(hexDigestsEqual('a'.repeat(63), digest)).toBe(false);
		expect(hexDigestsEqual(`${'a'.repeat(63)}g`, digest)).toBe(false);
		expect(hexDigestsEqual(undefined, digest)).toBe(false);
		expect(hexDigestsEqual(['a'.repeat(64)], digest)).toBe(false);
	});
	test('secrets of any length compare without throwing', () => {
		expect(secretsEqual('pass', 'pass')).toBe(true);
		expect(secretsEqual('pass', 'passwordlonger')).toBe(false);
		expect(secretsEqual('', 'x')).toBe(false);
	});
	test('Basic auth parsing', () => {
		const header = (text) => `Basic ${Buffer.from(text).toString('base64')}`;
		expect(checkBasicAuth(header('u:p:with:colons'), 'u', 'p:with:colons')).toBe('ok');
		expect(checkBasicAuth(header('u:p'), '', 'p')).toBe('not-configured');
		expect(checkBasicAuth(undefined, 'u', 'p')).toBe('missing');
		expect(checkBasicAuth(['Basic x'], 'u', 'p')).toBe('missing');
		expect(checkBasicAuth(header('u'), 'u', 'p')).toBe('wrong');
	});
});

describe('IP allowlist and body reading', () => {
	test('parseIpList accepts commas, spaces and new lines', () => {
		expect(parseIpList(' 1.2.3.4,5.6.7.8\n::FFFF:9.9.9.9 ; ')).toEqual(['1.2.3.4', '5.6.7.8', '9.9.9.9']);
		expect(ipAllowed(undefined, ['1.2.3.4'])).toBe(false);
		expect(ipAllowed(undefined, [])).toBe(true);
	});
	test('bodies as object, text, Buffer or rawBody; an empty parsed object falls back to rawBody', () => {
		const text = '{"a":1}';
		for (const request of [{ body: { a: 1 } }, { body: text }, { body: Buffer.from(text) }, { body: {}, rawBody: Buffer.from(text) }]) {
			expect(readWebhookJson(request)).toEqual({ ok: true, value: { a: 1 }, carriesProtoKey: false });
		}
		expect(readWebhookJson({ body: {} })).toEqual({ ok: true, value: {}, carriesProtoKey: false });
		expect(readWebhookJson({ body: '   ' })).toMatchObject({ ok: false });
		expect(readWebhookJson({ body: Array.from({ length: 100_001 }, () => 0) })).toMatchObject({ ok: false, problem: expect.stringMatching(/more than/) });
	});
});

describe('body bounds', () => {
	test('exactly 100,000 values pass; one more is refused, also as an 8-million-element array', () => {
		expect(readWebhookJson({ body: Array.from({ length: 99_999 }, () => 0) })).toMatchObject({ ok: true });
		expect(readWebhookJson({ body: `[${'0,'.repeat(8_000_000)}0]` })).toMatchObject({ ok: false, problem: expect.stringMatching(/more than 100000 values/) });
	});
	test('31 levels of nesting pass, 32 are refused (the checksum limit)', () => {
		const nested = (depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth));
		expect(readWebhookJson({ body: { a: nested(31) } })).toMatchObject({ ok: true });
		expect(readWebhookJson({ body: { a: nested(32) } })).toMatchObject({ ok: false, problem: expect.stringMatching(/deeper than 32/) });
	});
});
