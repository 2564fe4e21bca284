// @ts-check
const { SlidingWindowPacer, pacerFor } = require('../../dist/nodes/shared/pacing');
const { ITEMS_IN_FLIGHT } = require('../../dist/nodes/shared/runPerItem');

describe('SlidingWindowPacer', () => {
	test('lets `limit` requests through at once, then waits for the window to slide', async () => {
		const windowMs = 300;
		const pacer = new SlidingWindowPacer(3, windowMs);
		const started = Date.now();
		const times = [];
		for (let i = 0; i < 7; i++) {
			await pacer.acquire();
			times.push(Date.now() - started);
		}
		// Requests 4-6 need the first three to leave the window, request 7 the next three.
		expect(times.slice(0, 3).every((t) => t < windowMs)).toBe(true);
		expect(times[3]).toBeGreaterThanOrEqual(windowMs);
		expect(times[6]).toBeGreaterThanOrEqual(2 * windowMs);
		// Never more than `limit` inside any window.
		for (let i = 3; i < times.length; i++) expect(times[i] - times[i - 3]).toBeGreaterThanOrEqual(windowMs);
	});

	test('serves concurrent callers in order without exceeding the limit', async () => {
		const pacer = new SlidingWindowPacer(2, 200);
		const order = [];
		await Promise.all([0, 1, 2, 3].map(async (i) => { await pacer.acquire(); order.push(i); }));
		expect(order).toEqual([0, 1, 2, 3]);
		expect(pacer.inWindow()).toBeLessThanOrEqual(2);
	});

	test('limit 0 turns pacing off', async () => {
		const pacer = new SlidingWindowPacer(0, 60_000);
		for (let i = 0; i < 1000; i++) await pacer.acquire();
		expect(pacer.inWindow()).toBe(0);
	});

	test('one pacer per key, holding back a slot per item in flight for n8n’s unpaced re-sends after a 401', () => {
		const a = pacerFor('test|a', 10);
		expect(pacerFor('test|a', 10)).toBe(a);
		expect(pacerFor('test|b', 10)).not.toBe(a);
		expect(a.capacity).toBe(10 - ITEMS_IN_FLIGHT);
		expect(pacerFor('test|a', 120).capacity).toBe(120 - ITEMS_IN_FLIGHT);
		expect(pacerFor('test|a', 5).capacity).toBe(1);
		expect(pacerFor('test|a', 0).capacity).toBe(0);
		expect(pacerFor('test|c', 1).capacity).toBe(1);
	});
});
