// @ts-check
const { buildSchedule, planStanding, dueDateOf, dayIn, calendarDay, readInstalments } = require('../../dist/nodes/shared/schedule');

const base = { totalMinor: 30000000, instalmentMinor: 10000000, firstDueDate: '2027-01-31', frequency: 'MONTHLY', interval: 1, count: 3, minimumMinor: 1, currency: 'TZS' };

describe('payment plan schedule (nodes/shared/schedule.ts)', () => {
	test('monthly due dates are counted from the first, so month ends do not drift', () => {
		expect(buildSchedule(base, '2027-01-01').map((i) => i.dueDate)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31']);
		expect(dueDateOf('2028-01-31', 'MONTHLY', 1, 1)).toBe('2028-02-29');
		expect(dueDateOf('2027-01-15', 'MONTHLY', 4, 2)).toBe('2027-09-15');
		expect(dueDateOf('2027-02-28', 'YEARLY', 1, 1)).toBe('2028-02-28');
		expect(dueDateOf('2027-01-01', 'WEEKLY', 2, 3)).toBe('2027-02-12');
		expect(dueDateOf('2027-12-30', 'DAILY', 1, 3)).toBe('2028-01-02');
	});

	test('Dar es Salaam days: 22:30 UTC is already the next day', () => {
		expect(dayIn('Africa/Dar_es_Salaam', new Date('2027-03-31T22:30:00Z'))).toBe('2027-04-01');
		expect(dayIn('Africa/Dar_es_Salaam', new Date('2027-03-31T20:59:00Z'))).toBe('2027-03-31');
		expect(calendarDay('31-01-2027')).toBe('2027-01-31');
		expect(calendarDay('2027-02-30')).toBeUndefined();
	});

	test('an end date includes every due date up to it; too many instalments are refused', () => {
		const schedule = buildSchedule({ ...base, count: undefined, endDate: '2027-04-30', instalmentMinor: undefined, totalMinor: 100 }, '2027-01-01');
		expect(schedule.map((i) => [i.dueDate, i.amountMinor])).toEqual([['2027-01-31', 25], ['2027-02-28', 25], ['2027-03-31', 25], ['2027-04-30', 25]]);
		expect(() => buildSchedule({ ...base, frequency: 'DAILY', count: undefined, endDate: '2031-01-01', instalmentMinor: undefined }, '2027-01-01')).toThrow(
			'End Date 2031-01-01 makes more than 1000 instalments',
		);
		expect(() => buildSchedule({ ...base, maximumMinor: 5000000 }, '2027-01-01')).toThrow('An instalment of 100000 TZS is above the maximum of 50000 TZS');
	});

	const instalments = [
		{ number: 1, dueDate: '2027-01-10', amountMinor: 1000 },
		{ number: 2, dueDate: '2027-02-10', amountMinor: 1000 },
		{ number: 3, dueDate: '2027-03-10', amountMinor: 1000 },
	];

	test('a payment larger than one instalment covers the next ones in order; the rest is overpaid', () => {
		const standing = planStanding(instalments, [{ amountMinor: 2500, state: 'paid', day: '2027-01-05' }], '2027-01-20');
		expect(standing.instalments.map((i) => [i.status, i.paidMinor])).toEqual([['paid', 1000], ['paid', 1000], ['partly paid', 500]]);
		expect(standing).toMatchObject({ planStatus: 'on track', paidMinor: 2500, outstandingMinor: 500, nextDue: { number: 3, dueDate: '2027-03-10', amountMinor: 500 } });
		const over = planStanding(instalments, [{ amountMinor: 3200, state: 'paid', day: '2027-01-05' }], '2027-01-20');
		expect(over).toMatchObject({ planStatus: 'paid', overpaidMinor: 200, outstandingMinor: 0 });
	});

	test('late: past due and not covered, with days late counted from the oldest; pending and failed are reported, not counted', () => {
		const standing = planStanding(
			instalments,
			[
				{ amountMinor: 1000, state: 'paid', day: '2027-01-10' },
				{ amountMinor: 300, state: 'paid', day: '2027-02-01' },
				{ amountMinor: 700, state: 'pending', day: '2027-03-01' },
				{ amountMinor: 1000, state: 'failed', day: '2027-02-10' },
			],
			'2027-03-15',
		);
		expect(standing.instalments.map((i) => [i.status, i.daysLate])).toEqual([['paid', 0], ['late', 33], ['late', 5]]);
		expect(standing).toMatchObject({ planStatus: 'late', lateInstalments: 2, daysLate: 33, pendingMinor: 700, failedPayments: 1 });
		// Due today is not late yet.
		expect(planStanding(instalments, [], '2027-01-10').instalments[0].status).toBe('upcoming');
	});

	test('stored instalments are read back (array or JSON text), in order, or the field is named', () => {
		const stored = [{ number: 1, dueDate: '2027-01-10', amount: 10.5 }, { dueDate: '2027-02-10', amount: '10.50' }];
		expect(readInstalments(stored, 'Instalments', 'TZS').map((i) => i.amountMinor)).toEqual([1050, 1050]);
		expect(readInstalments(JSON.stringify(stored), 'Instalments', 'TZS')).toHaveLength(2);
		expect(() => readInstalments('{oops', 'Instalments', 'TZS')).toThrow('Instalments is not JSON');
		expect(() => readInstalments([{ dueDate: 'soon', amount: 1 }], 'Instalments', 'TZS')).toThrow('Instalments: instalment 1 has no due date (YYYY-MM-DD)');
		expect(() => readInstalments([stored[1], stored[0]], 'Instalments', 'TZS')).toThrow('Instalments: instalment 2 is due before instalment 1');
	});
});
