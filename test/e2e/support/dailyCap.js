// @ts-check
/**
 * The daily payout cap in a real n8n (README "Money limits and approval"): a ClickPesa credential
 * whose Money Limits set Max Payout per Day, on a simulator of its own, and what the simulator says
 * was paid out. The payouts and queue suites join these checks to the n8n they already start.
 */
'use strict';

const { startSimulator } = require('../../../simulator');

/** Max Payout per Day, TZS. Each payout of 10,000 debits 10,300 (the simulator's minimum fee): two fit, a third does not. */
const DAILY_CAP = 25_000;
const PAYOUT_AMOUNT = 10_000;
const CAPPED_CREDENTIAL = { id: 'simClickPesaCapped', name: 'ClickPesa (daily cap)' };
const CAP_REFUSAL = /above Max money out per day \(25,000 TZS, set on the ClickPesa credential "ClickPesa \(daily cap\)"\)/;

/**
 * A simulator whose payouts stay AUTHORIZED (pending: they count toward the day), with a cooldown
 * of `cooldownMs` between creates (ClickPesa's is 60 s) and the money to pay more than the cap.
 * @param {number} cooldownMs
 */
async function startCappedSimulator(cooldownMs) {
	return await startSimulator({ port: 0, clickpesa: { customerDelayMs: null, payoutCooldownMs: cooldownMs, payoutDelayMs: null, startingBalance: { TZS: 1_000_000 } } });
}

/**
 * The capped credential, as `importCredentials` takes it: the base ClickPesa credential of the
 * suite pointed at `sim`, Money Limits on with only the daily cap.
 * @param {{ data: Record<string, unknown> }} clickPesa the suite's simulator ClickPesa credential
 * @param {{ clickpesaBaseUrl: string }} sim
 */
function cappedCredential(clickPesa, sim) {
	return {
		...clickPesa,
		...CAPPED_CREDENTIAL,
		data: { ...clickPesa.data, baseUrl: sim.clickpesaBaseUrl, rateLimitPerMinute: 0, processesSharingIp: 1, moneyLimits: true, maxPerDayOut: String(DAILY_CAP) },
	};
}

/**
 * Create Mobile Money Payout of each item's `ref` and `amount` on the capped credential, spaced
 * like the simulator's cooldown; a refused item stays on the Sent output with its error, so the
 * execution finishes and every item can be read.
 * @param {(name: string, type: string, parameters: Record<string, unknown>, extra?: Record<string, unknown>) => Record<string, any>} ourNode
 * @param {number} cooldownMs
 */
function cappedPayoutNode(ourNode, cooldownMs) {
	return ourNode(
		'Pay Out',
		'clickPesa',
		{
			resource: 'payout',
			operation: 'createMobileMoney',
			amount: '={{ $json.amount }}',
			currency: 'TZS',
			orderReference: '={{ $json.ref }}',
			phoneNumber: '0712 345 678',
			options: { payoutSpacingSeconds: cooldownMs / 1000 },
		},
		{ credentials: { clickPesaApi: CAPPED_CREDENTIAL }, onError: 'continueRegularOutput' },
	);
}

/**
 * What the simulator paid out: the payouts it holds (every one pending or paid here), their total
 * debited (fee included) and what they paid (debited less fee), in TZS.
 * @param {{ overview(): { clickpesa: { payouts: Array<Record<string, any>> } } }} sim
 */
function paidOut(sim) {
	const payouts = sim.overview().clickpesa.payouts;
	return {
		references: payouts.map((payout) => String(payout.orderReference)),
		debited: payouts.reduce((sum, payout) => sum + Number(payout.amount), 0),
		ordered: payouts.reduce((sum, payout) => sum + Number(payout.amount) - Number(payout.fee), 0),
	};
}

module.exports = { DAILY_CAP, PAYOUT_AMOUNT, CAPPED_CREDENTIAL, CAP_REFUSAL, startCappedSimulator, cappedCredential, cappedPayoutNode, paidOut };
