// @ts-check
const { localDay, judgeMovement, readMoneyLimits, tightenLimits, recipientAllowed, parseAllowlist, requestCode, filledByAi } = require('../../dist/nodes/shared/moneyLimits');
const { clickPesaDay, totalOfDay, dayQuery } = require('../../dist/nodes/ClickPesa/transport/limits');

/** A fake clock: instants are given, never read from the machine. */
const at = (iso) => Date.parse(iso);

describe('the account day is Dar es Salaam’s (UTC+3), not UTC', () => {
	test('midnight in Dar es Salaam is 21:00 UTC the day before', () => {
		expect(clickPesaDay(at('2026-03-10T20:59:59.999Z')).date).toBe('2026-03-10');
		expect(clickPesaDay(at('2026-03-10T21:00:00.000Z')).date).toBe('2026-03-11');
		// UTC midnight is 03:00 in Dar es Salaam: still the same account day.
		expect(clickPesaDay(at('2026-03-11T00:00:00.000Z')).date).toBe('2026-03-11');
		const day = clickPesaDay(at('2026-03-11T12:00:00Z'));
		expect(new Date(day.start).toISOString()).toBe('2026-03-10T21:00:00.000Z');
		expect(new Date(day.end).toISOString()).toBe('2026-03-11T21:00:00.000Z');
		// The list query spans both UTC dates the day touches, whichever zone ClickPesa reads them in.
		expect(dayQuery(day)).toEqual({ startDate: '2026-03-10', endDate: '2026-03-11' });
	});

	test('another offset (no daylight saving) works the same way', () => {
		expect(localDay(at('2026-01-01T04:59:00Z'), -300).date).toBe('2025-12-31');
		expect(localDay(at('2026-01-01T05:00:00Z'), -300).date).toBe('2026-01-01');
	});

	test('today’s total counts payouts created since Dar es Salaam midnight that are on their way or paid, plus this run’s unlisted sends', () => {
		const day = clickPesaDay(at('2026-03-11T06:00:00Z'));
		const records = [
			{ orderReference: 'A', amount: '10300.00', currency: 'TZS', status: 'SUCCESS', createdAt: '2026-03-10T21:00:00.000Z' },
			{ orderReference: 'B', amount: '5000.00', currency: 'TZS', status: 'AUTHORIZED', createdAt: '2026-03-11T05:00:00.000Z' },
			// 23:59 in Dar es Salaam the day before: yesterday.
			{ orderReference: 'C', amount: '99999', currency: 'TZS', status: 'SUCCESS', createdAt: '2026-03-10T20:59:00.000Z' },
			{ orderReference: 'D', amount: '7000', currency: 'TZS', status: 'FAILED', createdAt: '2026-03-11T01:00:00.000Z' },
			{ orderReference: 'E', amount: '7000', currency: 'TZS', status: 'REVERSED', createdAt: '2026-03-11T01:00:00.000Z' },
			{ orderReference: 'F', amount: '30', currency: 'USD', status: 'SUCCESS', createdAt: '2026-03-11T01:00:00.000Z' },
		];
		const sent = new Map([
			['B', 500000],
			['G', 200000],
		]);
		expect(totalOfDay(records, 'out', day, sent)).toBe(1030000 + 500000 + 200000);
	});
});

describe('judging one movement', () => {
	const credentials = {
		moneyLimits: true,
		maxPerItemOut: '50,000',
		maxPerDayOut: '100000',
		maxPerItemIn: '20000',
		maxPerDayIn: '',
		recipientAllowlist: '0712 345 678\nCORUTZTZ/*, LIPA:5012345',
		outsideAllowlist: 'refuse',
		approvalAbove: '30000',
	};
	const limits = readMoneyLimits(credentials, 'TZS');
	const payout = (amount, recipientNames = ['255712345678', '+255712345678', '0712345678']) => ({
		direction: /** @type {const} */ ('out'),
		noun: 'payout',
		amount,
		currency: 'TZS',
		reference: 'P1',
		recipientNames,
		recipientLabel: 'mobile number 255712345678',
	});
	const input = { credentialLabel: 'ClickPesa credential "Shop"', date: '2026-03-11' };

	test('no limits set: everything is sent', () => {
		expect(judgeMovement(readMoneyLimits({}, 'TZS'), payout(10 ** 9), input)).toEqual({ verdict: 'send' });
		expect(judgeMovement(readMoneyLimits({ moneyLimits: false, maxPerItemOut: '1' }, 'TZS'), payout(10), input)).toEqual({ verdict: 'send' });
	});

	test('above the per-item maximum: refused, naming the limit, the amount and where it is set', () => {
		const verdict = judgeMovement(limits, payout(50000.01), { ...input, todaySoFar: 0 });
		expect(verdict).toEqual({
			verdict: 'refuse',
			limit: 'maxPerItemOut',
			message: 'The payout "P1" of 50,000.01 TZS is above Max per money out (50,000 TZS, set on the ClickPesa credential "Shop"), so nothing was sent',
		});
	});

	test('the daily cap counts the total so far', () => {
		expect(judgeMovement(limits, payout(20000), { ...input, todaySoFar: 8000000 }).verdict).toBe('send');
		const verdict = judgeMovement(limits, payout(20000), { ...input, todaySoFar: 8000001 });
		expect(verdict).toMatchObject({ verdict: 'refuse', limit: 'maxPerDayOut' });
		expect(/** @type {any} */ (verdict).message).toBe(
			'The payout "P1" of 20,000 TZS would bring today\'s total (2026-03-11, Africa/Dar_es_Salaam) to 100,000.01 TZS, above Max money out per day (100,000 TZS, set on the ClickPesa credential "Shop"): 80,000.01 TZS so far today, so nothing was sent',
		);
	});

	test('above the approval threshold: asked, unless this very request was approved', () => {
		expect(judgeMovement(limits, payout(30000.5), { ...input, todaySoFar: 0 })).toMatchObject({ verdict: 'ask' });
		expect(judgeMovement(limits, payout(30000.5), { ...input, todaySoFar: 0, approved: true })).toEqual({ verdict: 'send' });
		// An approval never lifts a hard limit.
		expect(judgeMovement(limits, payout(60000), { ...input, todaySoFar: 0, approved: true }).verdict).toBe('refuse');
	});

	test('allowlist: exact entries in any phone form, prefixes with *, refuse or ask', () => {
		expect(parseAllowlist(credentials.recipientAllowlist)).toEqual(['0712345678', 'CORUTZTZ/*', 'LIPA:5012345']);
		expect(recipientAllowed(limits.allowlist, ['CORUTZTZ/0150123456789'])).toBe(true);
		expect(recipientAllowed(limits.allowlist, ['NMIBTZTZ/0150123456789'])).toBe(false);
		expect(recipientAllowed(limits.allowlist, [])).toBe(false);
		const stranger = payout(100, ['255754000000', '+255754000000', '0754000000']);
		expect(judgeMovement(limits, stranger, { ...input, todaySoFar: 0 })).toMatchObject({ verdict: 'refuse', limit: 'recipientAllowlist' });
		const asking = readMoneyLimits({ ...credentials, outsideAllowlist: 'ask' }, 'TZS');
		expect(judgeMovement(asking, stranger, { ...input, todaySoFar: 0 })).toMatchObject({ verdict: 'ask' });
		expect(judgeMovement(asking, stranger, { ...input, todaySoFar: 0, approved: true })).toEqual({ verdict: 'send' });
	});

	test('money in: its own per-item cap; the allowlist does not apply', () => {
		const push = { direction: /** @type {const} */ ('in'), noun: 'USSD push payment', amount: 2000000, currency: 'TZS', reference: 'X' };
		expect(judgeMovement(limits, push, input)).toMatchObject({ verdict: 'refuse', limit: 'maxPerItemIn' });
		expect(judgeMovement(limits, { ...push, amount: 20000 }, input)).toEqual({ verdict: 'send' });
	});

	test('another currency than the limits’ cannot be checked: refused', () => {
		expect(judgeMovement(limits, { ...payout(1), currency: 'USD' }, input)).toMatchObject({ verdict: 'refuse', limit: 'currency' });
	});

	test('the node can tighten, never loosen, and says so', () => {
		const tighter = tightenLimits(limits, { maxPerItemOut: '1000', approvalAbove: '999999' });
		expect(tighter.maxPerItemOut).toBe(100000);
		expect(tighter.approvalAbove).toBe(3000000);
		expect(/** @type {any} */ (judgeMovement(tighter, payout(2000), { ...input, todaySoFar: 0 })).message).toContain('set on this node (Money Limits)');
	});

	test('a limit that is no amount fails closed', () => {
		expect(() => readMoneyLimits({ moneyLimits: true, maxPerDayOut: '10k' }, 'TZS')).toThrow('Max money out per day on the credential is "10k", which is no amount');
	});

	test('codes are derived from the request, differ by purpose, and change with the amount', () => {
		const body = { amount: 100, phoneNumber: '255712345678', orderReference: 'R1', currency: 'TZS' };
		const approve = requestCode('APPROVE', '/payouts/create-mobile-money-payout', body);
		expect(approve).toMatch(/^APPROVE-[0-9A-F]{12}$/);
		expect(requestCode('APPROVE', '/payouts/create-mobile-money-payout', { ...body, checksum: 'x' })).toBe(approve);
		expect(requestCode('APPROVE', '/payouts/create-mobile-money-payout', { ...body, amount: 101 })).not.toBe(approve);
		expect(requestCode('CONFIRM', '/payouts/create-mobile-money-payout', body).slice(8)).not.toBe(approve.slice(8));
		expect(filledByAi("={{ $fromAI('approvalCode') }}")).toBe(true);
		expect(filledByAi('={{ $json.approvalCode }}')).toBe(false);
	});
});
