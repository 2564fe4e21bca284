// @ts-check
const { clickPesaFixture, ROUTES } = require('./clickpesa.helpers');

/**
 * Payment Plan → Create (BillPay) and Get Status against the simulator: real HTTP, the simulator's
 * clock moved over the instalment dates, BillPay's max collection amount closing the number.
 */

const CREATE = 'clickpesa POST /billpay/create-customer-control-number';
const DAY_MS = 86_400_000;

let counter = 0;
const planRef = (prefix = 'PL') => `${prefix}${(Date.now() % 1e7).toString(36).toUpperCase()}${++counter}`;

/** A calendar day in Dar es Salaam (UTC+3), `days` after today. */
const darDay = (days, from = Date.now()) => new Date(from + 3 * 3_600_000 + days * DAY_MS).toISOString().slice(0, 10);

function planParams(planReference, extra = {}) {
	return {
		resource: 'paymentPlan',
		operation: 'createBillPay',
		planReference,
		customerName: 'Asha Said',
		customerEmail: '',
		customerPhone: '0712 345 678',
		planDescription: 'School fees 2026',
		totalAmount: 300000,
		instalmentAmount: 100000,
		firstDueDate: darDay(5),
		frequency: 'MONTHLY',
		every: 1,
		ends: 'count',
		instalmentCount: 3,
		...extra,
	};
}

const statusParams = (asOf) => ({
	resource: 'paymentPlan',
	operation: 'getPlanStatus',
	planReference: '={{ $json.planReference }}',
	instalments: '={{ $json.instalments }}',
	createdOn: '={{ $json.createdOn }}',
	options: asOf ? { asOf } : {},
});

describe('ClickPesa Payment Plan (BillPay) against the simulator', () => {
	/** @type {Awaited<ReturnType<typeof clickPesaFixture>>} */
	let f;
	beforeEach(async () => {
		f = await clickPesaFixture();
	});
	afterEach(async () => {
		await f.sim.stop();
	});

	const clockNow = () => f.sim.clock().now;
	/** Moves the simulator's clock to 10:00 in Dar es Salaam on `day`. */
	const moveTo = async (day) => await f.sim.advanceClock({ to: `${day}T10:00:00+03:00` });
	const pay = async (number, amount) => await f.sim.payBill(number, amount, '255712345678');
	const status = async (plan) => (await f.run(statusParams(clockNow()), [plan]))[0][0].json;

	test('one customer control number per plan, capped at the total, the schedule in the item and the description', async () => {
		const reference = planRef();
		const [[{ json: plan }]] = await f.run(planParams(reference));
		const first = darDay(5);
		expect(plan).toMatchObject({
			planReference: reference,
			method: 'billPay',
			billPayNumber: reference,
			currency: 'TZS',
			totalAmount: 300000,
			instalmentCount: 3,
			frequency: 'MONTHLY',
			every: 1,
			firstDueDate: first,
			createdOn: darDay(0),
		});
		expect(plan.instalments.map((instalment) => instalment.amount)).toEqual([100000, 100000, 100000]);
		expect(plan.instalments[0].dueDate).toBe(first);
		const sent = (await f.sim.requests(10)).find((entry) => entry.route === CREATE);
		expect(sent).toBeDefined();
		const number = (await f.run({ resource: 'billPay', operation: 'get', billPayNumber: reference }))[0][0].json;
		expect(number).toMatchObject({
			billPayNumber: reference,
			billAmount: 100000,
			billPaymentMode: 'ALLOW_PARTIAL_AND_OVER_PAYMENT',
			billMaxCollectionAmount: 300000,
			billCustomerName: 'Asha Said',
			billStatus: 'ACTIVE',
		});
		expect(number.billDescription).toContain('School fees 2026 - Plan 300000 TZS in 3 instalments, monthly');
		expect(number.billDescription).toContain(`${first} 100000`);
	});

	test('the same plan run again returns the existing plan; never a second control number', async () => {
		const reference = planRef();
		const [[{ json: first }]] = await f.run(planParams(reference));
		const [[{ json: again }]] = await f.run(planParams(reference));
		expect(again).toMatchObject({ planReference: reference, foundByReference: true, instalments: first.instalments });
		expect(await f.count(CREATE)).toBe(2);
		expect(await f.countStatus(CREATE, 409)).toBe(1);
		// Another schedule under the same reference is not this plan: the item fails, naming both.
		const other = await f.run(planParams(reference, { totalAmount: 400000, instalmentAmount: 0, instalmentCount: 4 })).catch((error) => error);
		expect(other.message).toMatch(new RegExp(`^Bill reference "${reference}" already used.*already belongs to another control number`));
	});

	test('bad schedules fail the item naming the field, before any request', async () => {
		const reference = planRef();
		const cases = [
			[{ instalmentAmount: 90000 }, 'Instalment Amount', '3 instalment(s) of 90000 TZS make 270000 TZS, not the Total Amount 300000 TZS'],
			[{ firstDueDate: darDay(-2) }, 'First Due Date', `First Due Date ${darDay(-2)} is in the past (today is ${darDay(0)})`],
			[{ ends: 'endDate', endDate: '' }, 'End Date', 'A monthly plan needs a Number of Instalments or an End Date'],
			[{ instalmentAmount: 0, totalAmount: 0.02, instalmentCount: 3 }, 'Number of Instalments', 'An instalment of 0 TZS is below the minimum of 0.01 TZS'],
			[{ totalAmount: 0 }, 'Total Amount', 'Total Amount must be greater than 0'],
			[{ every: 0 }, 'Every', 'Every must be a whole number of at least 1 (got 0)'],
			[{ planReference: 'PLAN-1' }, 'Plan Reference', 'Plan Reference "PLAN-1" may only contain letters and digits'],
			[{ customerPhone: '', customerEmail: '' }, 'Customer Email', 'A customer control number needs the customer’s email or phone number (or both)'],
		];
		for (const [extra, , message] of cases) {
			const error = await f.run(planParams(reference, extra)).catch((e) => e);
			expect(error.message).toBe(`${message} (item 0)`);
		}
		expect(await f.count(CREATE)).toBe(0);
		expect(await f.count(ROUTES.token)).toBe(0);
		// With Continue On Fail the bad item goes out as an error and the good one is created.
		const out = await f.run(planParams('={{ $json.ref }}'), [{ ref: 'BAD-REF' }, { ref: reference }], 'continueRegularOutput');
		expect(out[0][0].json.error).toBe('Plan Reference "BAD-REF" may only contain letters and digits (item 0)');
		expect(out[0][1].json.planReference).toBe(reference);
	});

	test('an end date instead of a count; an uneven total is split with the odd cents first', async () => {
		const first = darDay(1);
		const [[{ json: plan }]] = await f.run(
			planParams(planRef(), { firstDueDate: first, frequency: 'WEEKLY', every: 2, ends: 'endDate', endDate: darDay(1 + 14 * 2), totalAmount: 100000, instalmentAmount: 0 }),
		);
		expect(plan.instalments).toEqual([
			{ number: 1, dueDate: first, amount: 33333.34 },
			{ number: 2, dueDate: darDay(15), amount: 33333.33 },
			{ number: 3, dueDate: darDay(29), amount: 33333.33 },
		]);
	});

	test('the clock moves over three instalment dates; Get Status after each', async () => {
		const reference = planRef('FEES');
		const [[{ json: plan }]] = await f.run(planParams(reference));
		const [due1, due2, due3] = plan.instalments.map((instalment) => instalment.dueDate);

		let now = await status(plan);
		expect(now).toMatchObject({ planReference: reference, planStatus: 'on track', paidToDate: 0, outstandingAmount: 300000, nextDueDate: due1, nextDueAmount: 100000, daysLate: 0 });
		expect(now.instalments.map((instalment) => instalment.status)).toEqual(['upcoming', 'upcoming', 'upcoming']);

		// Instalment 1: paid on its due date, in two parts.
		await moveTo(due1);
		await pay(reference, 40000);
		now = await status(plan);
		expect(now.instalments.map((instalment) => instalment.status)).toEqual(['partly paid', 'upcoming', 'upcoming']);
		expect(now).toMatchObject({ planStatus: 'on track', paidToDate: 40000, nextDueDate: due1, nextDueAmount: 60000 });
		await pay(reference, 60000);
		now = await status(plan);
		expect(now.instalments[0]).toMatchObject({ status: 'paid', paidAmount: 100000, paidOn: due1 });
		expect(now).toMatchObject({ planStatus: 'on track', paidToDate: 100000, outstandingAmount: 200000, nextDueDate: due2, nextDueAmount: 100000 });

		// Instalment 2: not paid; three days after its due date it is late.
		await moveTo(due2);
		await f.sim.advanceClock({ days: 3 });
		now = await status(plan);
		expect(now.instalments.map((instalment) => instalment.status)).toEqual(['paid', 'late', 'upcoming']);
		expect(now).toMatchObject({ planStatus: 'late', lateInstalments: 1, daysLate: 3, nextDueDate: due2, nextDueAmount: 100000 });
		expect(now.instalments[1].daysLate).toBe(3);

		// One payment of 200000 covers instalments 2 and 3; the number closes at the cap.
		await pay(reference, 200000);
		await moveTo(due3);
		now = await status(plan);
		expect(now.instalments.map((instalment) => instalment.status)).toEqual(['paid', 'paid', 'paid']);
		expect(now).toMatchObject({ planStatus: 'paid', paidToDate: 300000, outstandingAmount: 0, nextDueDate: null, nextDueAmount: null, daysLate: 0 });
		expect(now.payments).toHaveLength(3);
		const number = (await f.run({ resource: 'billPay', operation: 'get', billPayNumber: reference }))[0][0].json;
		expect(number).toMatchObject({ billStatus: 'INACTIVE', billRemainingCollectionAmount: 0 });
		await expect(pay(reference, 1000)).rejects.toThrow(/INACTIVE/);

		// As Of an earlier day leaves the later payments out.
		const back = (await f.run(statusParams(due1), [plan]))[0][0].json;
		expect(back).toMatchObject({ asOf: due1, paidToDate: 100000 });
	});

	test('Get Status of many plans reads the payment list once, not one lookup per plan', async () => {
		const plans = [];
		for (let index = 0; index < 4; index++) plans.push((await f.run(planParams(planRef('MANY'))))[0][0].json);
		await moveTo(plans[0].instalments[0].dueDate);
		await pay(plans[0].planReference, 100000);
		await pay(plans[1].planReference, 250000);
		await f.sim.seedPayments({ count: 30, amount: '500', status: 'SUCCESS' });
		f.sim.reset();
		const out = (await f.run(statusParams(clockNow()), plans))[0].map((item) => item.json);
		expect(out.map((item) => item.paidToDate)).toEqual([100000, 250000, 0, 0]);
		expect(out[1].instalments.map((instalment) => instalment.status)).toEqual(['paid', 'paid', 'partly paid']);
		expect(out[1].nextDueAmount).toBe(50000);
		expect(await f.count(ROUTES.all)).toBe(1);
		expect(await f.count(ROUTES.query)).toBe(0);
	});

	test('Reconcile understands a plan: an invoice that is a plan is on track, late or paid', async () => {
		const plans = [];
		for (let index = 0; index < 3; index++) plans.push((await f.run(planParams(planRef('REC'))))[0][0].json);
		const [due1, due2] = plans[0].instalments.map((instalment) => instalment.dueDate);
		await moveTo(due1);
		await pay(plans[0].planReference, 100000);
		await pay(plans[1].planReference, 100000);
		await pay(plans[2].planReference, 300000);
		await moveTo(due2);
		await f.sim.advanceClock({ days: 1 });
		await pay(plans[1].planReference, 100000);
		const endDate = f.sim.clock().now.slice(0, 10);
		const out = await f.run(
			{
				resource: 'payment',
				operation: 'reconcile',
				orderReference: '={{ $json.planReference }}',
				expectedAmount: '={{ $json.totalAmount }}',
				currency: 'TZS',
				planInstalments: '={{ $json.instalments }}',
				startDate: plans[0].createdOn,
				endDate,
				options: {},
			},
			plans,
		);
		expect(out[0].map((item) => [item.json.reconciliation, item.json.planStatus])).toEqual([
			['partially paid', 'late'],
			['partially paid', 'on track'],
			['paid', 'paid'],
		]);
		expect(out[0][0].json).toMatchObject({ nextDueDate: due2, daysLate: 1, lateInstalments: 1 });
	});
});
