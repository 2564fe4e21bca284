// @ts-check
const { pollPayments } = require('../../dist/nodes/ClickPesa/actions/payment/pollPayments');
const { checkPayment, outcomeItem } = require('../../dist/nodes/ClickPesa/actions/payment/paymentCheck');

/** A clock whose time moves only when the poller sleeps. */
function fakeClock() {
	let now = 0;
	return { now: () => now, sleep: async (/** @type {number} */ ms) => void (now += ms) };
}

/**
 * A ClickPesa stand-in: each reference has a script of answers by time (ms since start); the
 * last answer at or before "now" is returned. Records every lookup with its time.
 */
function scriptedLookUp(clock, scripts) {
	const calls = [];
	const lookUp = async (reference) => {
		calls.push({ reference, at: clock.now() });
		const script = scripts[reference] ?? [];
		const answer = [...script].reverse().find((step) => step.from <= clock.now());
		if (!answer) return undefined;
		if (answer.throws) throw new Error(answer.throws);
		return answer.records;
	};
	return { lookUp, calls };
}

const record = (status, extra = {}) => ({ id: `ID-${status}`, status, collectedAmount: 1000, collectedCurrency: 'TZS', ...extra });

describe('checkPayment: only ClickPesa’s own status says paid', () => {
	const expected = { orderReference: 'INV1', amount: 1000, currency: 'TZS' };
	test.each([
		['SUCCESS', 'paid'],
		['SETTLED', 'paid'],
		['PROCESSING', 'pending'],
		['PENDING', 'pending'],
		['FAILED', 'failed'],
	])('%s → %s', (status, outcome) => {
		expect(checkPayment([record(status)], expected).outcome).toBe(outcome);
	});

	test('no record yet is pending; a paid record with another amount or currency is a mismatch, not paid', () => {
		expect(checkPayment(undefined, expected)).toMatchObject({ outcome: 'pending', reason: expect.stringMatching(/no payment/) });
		expect(checkPayment([record('SUCCESS', { collectedAmount: 999.99 })], expected)).toMatchObject({ outcome: 'mismatch', reason: 'paid 999.99 instead of the expected 1000' });
		expect(checkPayment([record('SUCCESS', { collectedCurrency: 'USD' })], expected)).toMatchObject({ outcome: 'mismatch', reason: 'paid in USD instead of the expected TZS' });
		// Amounts compare in minor units: 0.1 + 0.2 is 0.3.
		expect(checkPayment([record('SUCCESS', { collectedAmount: 0.1 + 0.2 })], { orderReference: 'X', amount: 0.3 }).outcome).toBe('paid');
		expect(checkPayment([record('SUCCESS', { collectedAmount: '1000' })], expected).outcome).toBe('paid');
	});

	test('the output item carries ClickPesa’s record and a plain outcome', () => {
		const check = checkPayment([record('FAILED', { message: 'Insufficient balance' })], expected);
		expect(outcomeItem(expected, check)).toEqual({
			outcome: 'failed',
			orderReference: 'INV1',
			id: 'ID-FAILED',
			status: 'FAILED',
			paymentState: 'failed',
			message: 'Insufficient balance',
			collectedAmount: 1000,
			collectedCurrency: 'TZS',
			outcomeReason: 'ClickPesa reports the payment FAILED: Insufficient balance',
		});
	});
});

describe('pollPayments', () => {
	test('paid, declined and never answered: each final item is checked no more, the rest until the deadline', async () => {
		const clock = fakeClock();
		const { lookUp, calls } = scriptedLookUp(clock, {
			PAID: [{ from: 0, records: [record('PROCESSING')] }, { from: 5_000, records: [record('SUCCESS')] }],
			DECLINED: [{ from: 0, records: [record('PROCESSING')] }, { from: 2_000, records: [record('FAILED')] }],
			SILENT: [{ from: 0, records: [record('PROCESSING')] }],
		});
		const expected = ['PAID', 'DECLINED', 'SILENT'].map((orderReference) => ({ orderReference }));
		const checks = await pollPayments(expected, { timeoutMs: 30_000, lookUp, clock });
		expect(checks.map((check) => check.outcome)).toEqual(['paid', 'failed', 'pending']);
		const times = (reference) => calls.filter((call) => call.reference === reference).map((call) => call.at);
		// Rounds at 2 s, then pauses growing by half (3 s, 4.5 s, 6.75 s, …), the last one at the deadline.
		expect(times('DECLINED')).toEqual([2_000]);
		expect(times('PAID')).toEqual([2_000, 5_000]);
		expect(times('SILENT')).toEqual([2_000, 5_000, 9_500, 16_250, 26_375, 30_000]);
		expect(clock.now()).toBe(30_000);
	});

	test('everything final early: no more lookups and no waiting until the deadline', async () => {
		const clock = fakeClock();
		const { lookUp, calls } = scriptedLookUp(clock, { A: [{ from: 0, records: [record('SUCCESS')] }] });
		const checks = await pollPayments([{ orderReference: 'A' }], { timeoutMs: 120_000, lookUp, clock });
		expect(checks[0].outcome).toBe('paid');
		expect(calls).toHaveLength(1);
		expect(clock.now()).toBe(2_000);
	});

	test('a lookup that fails is retried in the next round; one still failing at the deadline is unknown', async () => {
		const clock = fakeClock();
		const { lookUp, calls } = scriptedLookUp(clock, {
			FLAKY: [{ from: 0, throws: 'ClickPesa GET /payments/FLAKY failed: HTTP 503' }, { from: 4_000, records: [record('SUCCESS')] }],
			DOWN: [{ from: 0, throws: 'ClickPesa GET /payments/DOWN failed: HTTP 503' }],
		});
		const checks = await pollPayments([{ orderReference: 'FLAKY' }, { orderReference: 'DOWN' }], { timeoutMs: 10_000, lookUp, clock });
		expect(checks[0].outcome).toBe('paid');
		expect(checks[1]).toMatchObject({ outcome: 'unknown', reason: 'the status lookup failed: ClickPesa GET /payments/DOWN failed: HTTP 503' });
		expect(calls.filter((call) => call.reference === 'FLAKY')).toHaveLength(2);
	});

	test('50 items: one lookup per open item per round, in order of rounds', async () => {
		const clock = fakeClock();
		const scripts = Object.fromEntries(
			Array.from({ length: 50 }, (_, i) => [`R${i}`, [{ from: 0, records: [record('PROCESSING')] }, { from: (i % 5) * 3_000, records: [record(i % 7 === 0 ? 'FAILED' : 'SUCCESS')] }]]),
		);
		const { lookUp, calls } = scriptedLookUp(clock, scripts);
		const rounds = [];
		const checks = await pollPayments(
			Array.from({ length: 50 }, (_, i) => ({ orderReference: `R${i}` })),
			{ timeoutMs: 60_000, lookUp, clock, onRound: (round, pending) => rounds.push([round, pending]) },
		);
		expect(checks.every((check) => check.outcome === 'paid' || check.outcome === 'failed')).toBe(true);
		for (const [reference, script] of Object.entries(scripts)) {
			const at = calls.filter((call) => call.reference === reference).map((call) => call.at);
			expect(new Set(at).size).toBe(at.length);
			// The last lookup is the first one at or after the payment became final.
			expect(at[at.length - 1]).toBeGreaterThanOrEqual(script[1].from);
			expect(at.slice(0, -1).every((time) => time < script[1].from)).toBe(true);
		}
		expect(rounds[rounds.length - 1][1]).toBe(0);
	});
});
