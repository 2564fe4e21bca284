// @ts-check
const { SlidingWindowPacer, pacerFor, LOWERED_PACE_MS } = require('../../dist/nodes/ClickPesa/transport/account');
const { DEFAULT_ITEMS_IN_FLIGHT } = require('../../dist/nodes/shared/items');

/** A clock whose time moves only when someone sleeps on it. */
function fakeClock() {
	let now = 0;
	return {
		now: () => now,
		sleep: async (/** @type {number} */ ms) => {
			now += ms;
		},
	};
}

describe('SlidingWindowPacer', () => {
	test('lets `limit` requests through at once, then waits for the window to slide', async () => {
		const windowMs = 300;
		const clock = fakeClock();
		const pacer = new SlidingWindowPacer(3, windowMs, clock);
		const times = [];
		for (let i = 0; i < 7; i++) {
			await pacer.acquire();
			times.push(clock.now());
		}
		// Requests 4-6 need the first three to leave the window, request 7 the next three.
		expect(times.slice(0, 3)).toEqual([0, 0, 0]);
		expect(times[3]).toBeGreaterThanOrEqual(windowMs);
		expect(times[6]).toBeGreaterThanOrEqual(2 * windowMs);
		// Never more than `limit` inside any window, and no wait longer than needed.
		for (let i = 3; i < times.length; i++) expect(times[i] - times[i - 3]).toBeGreaterThanOrEqual(windowMs);
		expect(times[6]).toBeLessThanOrEqual(2 * windowMs + 2);
	});

	test('serves concurrent callers in order without exceeding the limit', async () => {
		const clock = fakeClock();
		const pacer = new SlidingWindowPacer(2, 200, clock);
		const order = [];
		await Promise.all([0, 1, 2, 3].map(async (i) => { await pacer.acquire(); order.push([i, clock.now()]); }));
		expect(order.map(([i]) => i)).toEqual([0, 1, 2, 3]);
		// Two at once, then one wait for the window to slide.
		expect(clock.now()).toBe(201);
		expect(pacer.inWindow()).toBe(2);
	});

	test('a refusal (429) halves the pace: once per burst, again a window later if refusals go on, back after quiet minutes', async () => {
		const windowMs = 1000;
		const clock = fakeClock();
		const pacer = new SlidingWindowPacer(10, windowMs, clock);
		for (let i = 0; i < 10; i++) await pacer.acquire();
		expect(pacer.capacity).toBe(10);
		pacer.refused();
		pacer.refused(); // the rest of the same burst: one signal
		expect(pacer.capacity).toBe(5);
		// The ten already sent count against the lower pace: the next five go once they left the window.
		const times = [];
		for (let i = 0; i < 6; i++) {
			await pacer.acquire();
			times.push(clock.now());
		}
		expect(times).toEqual([1001, 1001, 1001, 1001, 1001, 2002]);
		// Refusals a window after the halving: halved again.
		pacer.refused();
		expect(pacer.capacity).toBe(2);
		await clock.sleep(windowMs - 1);
		pacer.refused(); // within a window of the last halving: only counts as the latest refusal
		expect(pacer.capacity).toBe(2);
		await clock.sleep(LOWERED_PACE_MS - 1);
		expect(pacer.capacity).toBe(2);
		await clock.sleep(1);
		expect(pacer.capacity).toBe(10);
	});

	test('a refusal never lowers the pace below one request per window, nor turns pacing on', async () => {
		const clock = fakeClock();
		const one = new SlidingWindowPacer(1, 1000, clock);
		one.refused();
		expect(one.capacity).toBe(1);
		const off = new SlidingWindowPacer(0, 1000, clock);
		off.refused();
		expect(off.capacity).toBe(0);
		for (let i = 0; i < 100; i++) await off.acquire();
		expect(clock.now()).toBe(0);
	});

	test('limit 0 turns pacing off', async () => {
		const clock = fakeClock();
		const pacer = new SlidingWindowPacer(0, 60_000, clock);
		for (let i = 0; i < 1000; i++) await pacer.acquire();
		expect(pacer.inWindow()).toBe(0);
		expect(clock.now()).toBe(0);
	});
});

describe('pacerFor: one pacer per rate-limit key', () => {
	const ask = (/** @type {string} */ key, /** @type {number} */ requestsPerMinute, requester = 'cred-a', headroom = DEFAULT_ITEMS_IN_FLIGHT) =>
		pacerFor(key, { requestsPerMinute, headroom, requester });

	test('holds back a slot per item in flight for n8n’s unpaced re-sends after a 401', () => {
		const a = ask('test|a', 10);
		expect(ask('test|a', 10)).toBe(a);
		expect(ask('test|b', 10)).not.toBe(a);
		expect(a.capacity).toBe(10 - DEFAULT_ITEMS_IN_FLIGHT);
		expect(ask('test|c', 5).capacity).toBe(1);
		expect(ask('test|d', 1).capacity).toBe(1);
		expect(pacerFor('test|e', { requestsPerMinute: 120, headroom: 25, requester: 'x' }).capacity).toBe(95);
	});

	test('a credential that changes its own limit gets the new one', () => {
		expect(ask('test|own', 10).capacity).toBe(5);
		expect(ask('test|own', 120).capacity).toBe(115);
		expect(ask('test|own', 0).capacity).toBe(0);
	});

	test('two credentials on one key: the stricter limit holds, whoever asked last', () => {
		const strict = ask('test|shared', 60, 'cred-strict');
		expect(strict.capacity).toBe(55);
		const loose = ask('test|shared', 120, 'cred-loose');
		expect(loose).toBe(strict);
		expect(loose.capacity).toBe(55);
		// A credential with pacing off does not switch it off for the other.
		expect(ask('test|shared', 0, 'cred-off').capacity).toBe(55);
		// The token call asks with no headroom; the node's request with headroom still holds.
		expect(pacerFor('test|shared', { requestsPerMinute: 60, headroom: 0, requester: 'cred-strict' }).capacity).toBe(55);
	});
});
