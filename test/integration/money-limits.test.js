// @ts-check
const { clickPesaFixture, mobileParams, newReference, initiateParams, ROUTES } = require('./clickpesa.helpers');

/**
 * The credential's money limits against the simulator: each refusal sends no money call, the daily
 * total is read from ClickPesa's list (so it holds across runs), an unreadable total sends nothing,
 * and items to approve leave on Needs Approval and are sent later with their approval code.
 */

const CREATE = 'clickpesa POST /payouts/create-mobile-money-payout';
const LIST = 'clickpesa GET /payouts/all';
const LIMITS = { moneyLimits: true, maxPerItemOut: '50000', maxPerDayOut: '25000', maxPerItemIn: '', maxPerDayIn: '', recipientAllowlist: '', outsideAllowlist: 'refuse', approvalAbove: '' };

async function fixture(limits = {}, simulator = {}) {
	return await clickPesaFixture(
		{ clickpesa: { startingBalance: { TZS: 5_000_000 }, payoutCooldownMs: 0, payoutDelayMs: null, ...simulator } },
		{ ...LIMITS, ...limits },
	);
}

describe('money limits on the ClickPesa credential', () => {
	/** @type {Awaited<ReturnType<typeof clickPesaFixture>>} */
	let f;
	afterEach(async () => {
		await f.sim.stop();
	});

	test('above Max per Payout: refused before any money call, naming the limit, the amount and the credential', async () => {
		f = await fixture();
		const [out] = await f.run(mobileParams(newReference('MX'), { amount: 60000 }), [{}], 'continueRegularOutput');
		expect(out[0].json.error).toBe('The payout "' + out[0].json.error.split('"')[1] + '" of 60,000 TZS is above Max per money out (50,000 TZS, set on the ClickPesa credential "Test credential"), so nothing was sent (item 0)');
		expect(await f.count(CREATE)).toBe(0);
	});

	test('the daily cap is read from ClickPesa, so it holds across runs (each run a new client, nothing remembered)', async () => {
		f = await fixture();
		const [first] = await f.run(mobileParams(newReference('D1'), { amount: 10000 }));
		expect(first[0].json.paymentState).toBe('pending');
		// Each payout is weighed with its fee, as ClickPesa's list counts it: 10,300 + 10,300 ≤ 25,000;
		// then 4,300 is 4,600 with the fee, and 20,600 + 4,600 is not (without the fee it would fit).
		const [second] = await f.run(mobileParams(newReference('D2'), { amount: 10000 }));
		expect(second[0].json.paymentState).toBe('pending');
		const [third] = await f.run(mobileParams(newReference('D3'), { amount: 4300 }), [{}], 'continueRegularOutput');
		expect(third[0].json.error).toMatch(
			/^The payout "D3\w+" of 4,300 TZS \(4,600 TZS with the fee\) would bring today's total \(\d{4}-\d\d-\d\d, Africa\/Dar_es_Salaam\) to 25,200 TZS, above Max money out per day \(25,000 TZS, set on the ClickPesa credential "Test credential"\): 20,600 TZS so far today, so nothing was sent/,
		);
		expect(await f.count(CREATE)).toBe(2);
		expect(await f.count(LIST)).toBeGreaterThanOrEqual(3);
	});

	test('several items in one run: this run’s payouts count even before ClickPesa lists them', async () => {
		f = await fixture({ maxPerDayOut: '15000' });
		const [out] = await f.run({ ...mobileParams('', { amount: 10000 }), orderReference: '={{ $json.reference }}' }, [{ reference: newReference('M1') }, { reference: newReference('M2') }], 'continueRegularOutput');
		expect(out[0].json.paymentState).toBe('pending');
		expect(out[1].json.error).toContain('above Max money out per day');
		expect(await f.count(CREATE)).toBe(1);
	});

	test('fail closed: when today’s payouts cannot be read, nothing is sent and the item says why', async () => {
		f = await fixture();
		await f.sim.addFault({ route: LIST, kind: 'status', status: 500, times: 10 });
		const [out] = await f.run(mobileParams(newReference('FC'), { amount: 1000 }), [{}], 'continueRegularOutput');
		expect(out[0].json.error).toMatch(/^Today's money out could not be read from the provider \(.+\), so the daily limit on the ClickPesa credential "Test credential" cannot be checked and nothing was sent/);
		expect(await f.count(CREATE)).toBe(0);
	});

	test('a recipient off the allowlist is refused ("refuse") or held for approval ("ask")', async () => {
		f = await fixture({ maxPerDayOut: '', recipientAllowlist: '0754*' });
		const [refused] = await f.run(mobileParams(newReference('AL'), { amount: 1000 }), [{}], 'continueRegularOutput');
		expect(refused[0].json.error).toContain('goes to mobile number 255712345678, who is not on the Recipient Allowlist (set on the ClickPesa credential "Test credential"), so nothing was sent');
		const [allowed] = await f.run(mobileParams(newReference('AL'), { amount: 1000, phoneNumber: '0754 123 456' }));
		expect(allowed[0].json.paymentState).toBe('pending');
		f.credentials.set('clickPesaApi', { ...f.credentials.get('clickPesaApi'), outsideAllowlist: 'ask' });
		const outputs = await f.run({ ...mobileParams(newReference('AL'), { amount: 1000 }), needsApprovalOutput: true });
		expect(outputs[0]).toHaveLength(0);
		expect(outputs[1][0].json).toMatchObject({ status: 'NEEDS_APPROVAL', moneyMoved: false, recipient: 'mobile number 255712345678' });
		expect(await f.count(CREATE)).toBe(1);
	});

	test('above the approval threshold: Needs Approval with the preview and a code; sent later with that code, exactly once', async () => {
		f = await fixture({ maxPerDayOut: '', approvalAbove: '20000' });
		const reference = newReference('AP');
		const params = { ...mobileParams(reference, { amount: 30000 }), needsApprovalOutput: true };
		const [sent, held] = await f.run(params);
		expect(sent).toHaveLength(0);
		expect(held[0].json).toMatchObject({
			status: 'NEEDS_APPROVAL',
			moneyMoved: false,
			reference,
			amount: 30000,
			currency: 'TZS',
			wouldSend: { path: '/payouts/create-mobile-money-payout', body: { orderReference: reference, amount: 30000, phoneNumber: '255712345678' } },
			preview: { fee: expect.anything(), receiver: expect.objectContaining({ amount: 30000 }) },
		});
		expect(held[0].json.reason).toBe('30,000 TZS is above Ask for Approval Above (20,000 TZS, set on the ClickPesa credential "Test credential")');
		expect(held[0].pairedItem).toEqual({ item: 0 });
		expect(await f.count(CREATE)).toBe(0);
		const { approvalCode } = held[0].json;
		// An approval holds for this request only: another amount is held again.
		const [, other] = await f.run({ ...params, amount: 31000, moneyLimitOptions: { approvalCode } });
		expect(other[0].json.status).toBe('NEEDS_APPROVAL');
		const [approved] = await f.run({ ...params, moneyLimitOptions: { approvalCode } });
		expect(approved[0].json).toMatchObject({ orderReference: reference, paymentState: 'pending' });
		// Sent again (a second click on Approve): the reference-reuse rules return the payout, no second one.
		const [again] = await f.run({ ...params, moneyLimitOptions: { approvalCode } });
		expect(again[0].json).toMatchObject({ orderReference: reference, foundByReference: true });
		expect(await f.count(CREATE)).toBe(2);
		expect(await f.countStatus(CREATE, 201) + (await f.countStatus(CREATE, 200))).toBe(1);
	});

	test('without the Needs Approval Output switch the node keeps one output: an item to approve fails, nothing sent', async () => {
		f = await fixture({ maxPerDayOut: '', approvalAbove: '20000' });
		const reference = newReference('NS');
		const outputs = await f.run(mobileParams(reference, { amount: 30000 }), [{}], 'continueRegularOutput');
		expect(outputs).toHaveLength(1);
		expect(outputs[0][0].json.error).toBe(
			`The payout "${reference}" needs a person's approval (30,000 TZS is above Ask for Approval Above (20,000 TZS, set on the ClickPesa credential "Test credential")), so nothing was sent: turn on Needs Approval Output on this node to send such items to a person instead (item 0)`,
		);
		expect(await f.count(CREATE)).toBe(0);
	});

	test('the node tightens the credential’s limits but cannot loosen them; an AI-filled approval code is ignored', async () => {
		f = await fixture({ maxPerDayOut: '', approvalAbove: '20000' });
		const [tight] = await f.run({ ...mobileParams(newReference('NT'), { amount: 6000 }), moneyLimitOptions: { maxAmount: '5000' } }, [{}], 'continueRegularOutput');
		expect(tight[0].json.error).toContain('above Max per money out (5,000 TZS, set on this node (Money Limits), tighter than the credential\'s)');
		const [loose] = await f.run({ ...mobileParams(newReference('NL'), { amount: 60000 }), moneyLimitOptions: { maxAmount: '100000' } }, [{}], 'continueRegularOutput');
		expect(loose[0].json.error).toContain('above Max per money out (50,000 TZS, set on the ClickPesa credential');
		const reference = newReference('NA');
		const [, held] = await f.run({ ...mobileParams(reference, { amount: 30000 }), needsApprovalOutput: true });
		const code = held[0].json.approvalCode;
		const [, stillHeld] = await f.run({ ...mobileParams(reference, { amount: 30000 }), needsApprovalOutput: true, moneyLimitOptions: { approvalCode: `={{ $fromAI('approvalCode', '', 'string') || '${code}' }}` } });
		expect(stillHeld[0].json.status).toBe('NEEDS_APPROVAL');
		expect(await f.count(CREATE)).toBe(0);
	});

	test('money in: Max per Payment Request refuses a USSD push of 100× before the customer is asked', async () => {
		f = await fixture({ maxPerDayOut: '', maxPerItemIn: '100000' });
		const [out] = await f.run(initiateParams(newReference('IN'), '0712 345 678', 5_000_000), [{}], 'continueRegularOutput');
		expect(out[0].json.error).toContain('The USSD push payment');
		expect(out[0].json.error).toContain('of 5,000,000 TZS is above Max per money in (100,000 TZS');
		expect(await f.count(ROUTES.initiate)).toBe(0);
	});

	test('the remaining race is bounded by ClickPesa’s payout cooldown: two runs at once cannot both pass the cap', async () => {
		// Both runs read the total before either payout exists. ClickPesa accepts one create per
		// cooldown; the other is refused, waits it out, and is judged again against the new total.
		f = await fixture({ maxPerDayOut: '15000' }, { payoutCooldownMs: 1500 });
		const runs = await Promise.all(
			['R1', 'R2'].map(async (prefix) => await f.run(mobileParams(newReference(prefix), { amount: 10000 }), [{}], 'continueRegularOutput')),
		);
		const outcomes = runs.map(([out]) => (out[0].json.error ? 'refused' : 'sent')).sort();
		expect(outcomes).toEqual(['refused', 'sent']);
		const refused = runs.map(([out]) => out[0].json.error).find(Boolean);
		expect(refused).toContain('above Max money out per day (15,000 TZS');
		// One create accepted, one refused by the cooldown; the re-send never happened.
		expect(await f.count(CREATE)).toBe(2);
		expect(await f.countStatus(CREATE, 400)).toBe(1);
	});

	test('a create refused by the cooldown and sent again does not count against itself: two runs that both fit are both sent', async () => {
		// 10,300 + 10,300 debited ≤ 25,000: the run whose create met the cooldown is judged again
		// against the other's payout only, not also against its own refused attempt.
		f = await fixture({}, { payoutCooldownMs: 1500 });
		const runs = await Promise.all(['W1', 'W2'].map(async (prefix) => await f.run(mobileParams(newReference(prefix), { amount: 10000 }), [{}], 'continueRegularOutput')));
		expect(runs.map(([out]) => out[0].json.error)).toEqual([undefined, undefined]);
		expect(runs.map(([out]) => out[0].json.paymentState)).toEqual(['pending', 'pending']);
		expect(await f.countStatus(CREATE, 400)).toBe(1);
		expect(await f.count(CREATE)).toBe(3);
	});
});
