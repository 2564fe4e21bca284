// @ts-check
const { clik2payFixture, createParams, sendMoneyParams, newTransactionId, ROUTES } = require('./clik2pay.helpers');

/**
 * The money limits on the Clik2pay credential against the simulator: Clik2pay has no list endpoint,
 * so only per-call limits exist (README "Money limits and approval"); each refusal sends nothing.
 */
const LIMITS = { moneyLimits: true, maxPerItemOut: '100', maxPerItemIn: '500', recipientAllowlist: '', outsideAllowlist: 'refuse', approvalAbove: '' };

describe('money limits on the Clik2pay credential (per call only)', () => {
	/** @type {Awaited<ReturnType<typeof clik2payFixture>>} */
	let f;
	const withLimits = (/** @type {Record<string, unknown>} */ limits = {}) => f.credentials.set('clik2payApi', { ...f.credentials.get('clik2payApi'), ...LIMITS, ...limits });
	beforeEach(async () => {
		f = await clik2payFixture();
	});
	afterEach(async () => {
		await f.sim.stop();
	});

	test('Send Money above Max per Payment or Refund: refused naming the limit and the credential; within it: sent', async () => {
		withLimits();
		const [refused] = await f.run(sendMoneyParams({ amount: 150, additionalFields: { merchantTransactionId: newTransactionId('SM') } }), [{}], 'continueRegularOutput');
		expect(refused[0].json.error).toMatch(/of 150 CAD is above Max per money out \(100 CAD, set on the Clik2pay credential "Test credential"\), so nothing was sent/);
		expect(f.count(ROUTES.sendMoney)).toBe(0);
		const [sent] = await f.run(sendMoneyParams({ amount: 99.5, additionalFields: { merchantTransactionId: newTransactionId('SM') } }));
		expect(sent[0].json.error).toBeUndefined();
		expect(f.count(ROUTES.sendMoney)).toBe(1);
	});

	test('a payment request above Max per Payment Request never reaches the payer', async () => {
		withLimits();
		const [refused] = await f.run(createParams({ amount: 2500 }), [{}], 'continueRegularOutput');
		expect(refused[0].json.error).toMatch(/of 2,500 CAD is above Max per money in \(500 CAD, set on the Clik2pay credential/);
		expect(f.count(ROUTES.create)).toBe(0);
	});

	test('above Ask for Approval Above: Needs Approval output with the approval code, nothing sent; sent with the code', async () => {
		withLimits({ approvalAbove: '50' });
		const params = { ...sendMoneyParams({ amount: 80, additionalFields: { merchantTransactionId: newTransactionId('AP') } }), needsApprovalOutput: true };
		const [sent, held] = await f.run(params);
		expect(sent).toHaveLength(0);
		expect(held[0].json).toMatchObject({ status: 'NEEDS_APPROVAL', moneyMoved: false, amount: 80, currency: 'CAD', wouldSend: { path: '/payments' } });
		expect(f.count(ROUTES.sendMoney)).toBe(0);
		const [approved] = await f.run({ ...params, moneyLimitOptions: { approvalCode: held[0].json.approvalCode } });
		expect(approved[0].json.error).toBeUndefined();
		expect(f.count(ROUTES.sendMoney)).toBe(1);
	});

	test('the allowlist needs both the email and the mobile number of an Interac recipient', async () => {
		withLimits({ recipientAllowlist: 'pat@example.com' });
		const [onlyEmail] = await f.run(sendMoneyParams({ additionalFields: { merchantTransactionId: newTransactionId('AL') } }), [{}], 'continueRegularOutput');
		expect(onlyEmail[0].json.error).toContain('is not on the Recipient Allowlist');
		expect(f.count(ROUTES.sendMoney)).toBe(0);
		withLimits({ recipientAllowlist: 'pat@example.com, 2505550199' });
		const [both] = await f.run(sendMoneyParams({ additionalFields: { merchantTransactionId: newTransactionId('AL') } }));
		expect(both[0].json.error).toBeUndefined();
		expect(f.count(ROUTES.sendMoney)).toBe(1);
	});
});
