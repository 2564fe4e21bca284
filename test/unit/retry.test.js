// @ts-check
const { backoffDelayMs } = require('../../dist/nodes/shared/retry');

describe('backoffDelayMs', () => {
	const tooManyRequests = (retryAfterMs) => ({ kind: 'http', status: 429, retryAfterMs });

	test('a Retry-After longer than the backoff wins, unless a cap is given', () => {
		expect(backoffDelayMs(1, /** @type {any} */ (tooManyRequests(120_000)))).toBe(120_000);
		expect(backoffDelayMs(1, /** @type {any} */ (tooManyRequests(120_000)), 1_000)).toBe(1_000);
	});

	test('the cap never lengthens a shorter wait', () => {
		for (let attempt = 1; attempt <= 3; attempt++) {
			const delay = backoffDelayMs(attempt, /** @type {any} */ ({ kind: 'network' }), 10_000);
			expect(delay).toBeLessThanOrEqual(500 * 2 ** (attempt - 1));
			expect(delay).toBeGreaterThanOrEqual(250 * 2 ** (attempt - 1));
		}
		expect(backoffDelayMs(5, /** @type {any} */ ({ kind: 'network' }), 1_000)).toBeLessThanOrEqual(1_000);
	});
});
