// @ts-check
const { noPayoutBefore, waitForPayoutTurn } = require('../../dist/nodes/ClickPesa/actions/payout/payouts');

describe('payout create schedule (one turn per account)', () => {
	test('the first create of an account goes at once; the next waits for its booked turn; other accounts do not wait', async () => {
		expect(await waitForPayoutTurn('https://sim-a|CLIENT', 40)).toBe(0);
		const waited = await waitForPayoutTurn('https://sim-a|CLIENT', 40);
		expect(waited).toBeGreaterThan(0);
		expect(waited).toBeLessThanOrEqual(40);
		expect(await waitForPayoutTurn('https://sim-a|OTHER', 40)).toBe(0);
		expect(await waitForPayoutTurn('https://sim-b|CLIENT', 40)).toBe(0);
	});

	test('turns are booked in order across concurrent callers', async () => {
		const waits = await Promise.all([0, 1, 2].map(() => waitForPayoutTurn('https://sim-c|CLIENT', 20)));
		expect(waits[0]).toBe(0);
		expect(waits[1]).toBeGreaterThan(0);
		expect(waits[2]).toBeGreaterThan(waits[1]);
	});

	test('noPayoutBefore postpones the next turn and never brings it forward', async () => {
		noPayoutBefore('https://sim-d|CLIENT', Date.now() + 30);
		noPayoutBefore('https://sim-d|CLIENT', Date.now() - 1000);
		expect(await waitForPayoutTurn('https://sim-d|CLIENT', 0)).toBeGreaterThan(0);
	});

	test('at most 200 accounts are remembered: old ones are forgotten, the newest kept', async () => {
		for (let i = 0; i < 249; i++) noPayoutBefore(`https://many|${i}`, Date.now() + 60_000);
		noPayoutBefore('https://many|newest', Date.now() + 30);
		expect(await waitForPayoutTurn('https://many|0', 0)).toBe(0);
		expect(await waitForPayoutTurn('https://many|newest', 0)).toBeGreaterThan(0);
	});
});
