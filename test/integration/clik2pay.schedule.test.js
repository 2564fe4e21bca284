// @ts-check
const { clik2payFixture, scheduleParams, torontoDay } = require('./clik2pay.helpers');

/** Payment Request → Create Schedule and Get Schedule Status against the simulator, with its clock moved. */

const CREATE = 'clik2pay POST /payment-requests';
let counter = 0;
const planRef = () => `RENT${(Date.now() % 1e7).toString(36)}${++counter}`;

describe('Clik2pay scheduled payment requests against the simulator', () => {
	/** @type {Awaited<ReturnType<typeof clik2payFixture>>} */
	let f;
	beforeEach(async () => {
		f = await clik2payFixture();
	});
	afterEach(async () => {
		await f.sim.stop();
	});

	const status = async (plan) =>
		(await f.run({ resource: 'paymentRequest', operation: 'getScheduleStatus', planReference: '={{ $json.planReference }}', instalments: '={{ $json.instalments }}', options: { asOf: f.sim.clock().now } }, [plan]))[0][0].json;

	test('one SCHEDULED request per instalment, delivered (CREATED) on its date; Get Schedule Status after each date', async () => {
		const reference = planRef();
		const [[{ json: plan }]] = await f.run(scheduleParams(reference));
		expect(plan).toMatchObject({ planReference: reference, method: 'clik2pay', currency: 'CAD', totalAmount: 3000, instalmentCount: 3 });
		expect(plan.instalments.map((instalment) => [instalment.status, instalment.merchantTransactionId])).toEqual([
			['SCHEDULED', `${reference}-1`],
			['SCHEDULED', `${reference}-2`],
			['SCHEDULED', `${reference}-3`],
		]);
		const sent = f.sim.overview().clik2pay.paymentRequests;
		expect(sent.map((request) => [request.deliveryDate, request.amount, request.type])).toEqual(plan.instalments.map((instalment) => [instalment.dueDate, 1000, 'EBILL']));

		const [due1, due2, due3] = plan.instalments.map((instalment) => instalment.dueDate);
		await f.sim.advanceClock({ to: `${due1}T15:00:00Z` });
		let now = await status(plan);
		expect(now.instalments.map((instalment) => instalment.requestStatus)).toEqual(['CREATED', 'SCHEDULED', 'SCHEDULED']);
		expect(now).toMatchObject({ planStatus: 'on track', nextDueDate: due1, paidToDate: 0 });
		await f.sim.clik2payPayerAction(plan.instalments[0].paymentRequestId, 'pay');
		now = await status(plan);
		expect(now.instalments.map((instalment) => instalment.status)).toEqual(['paid', 'upcoming', 'upcoming']);

		await f.sim.advanceClock({ to: `${due2}T15:00:00Z` });
		await f.sim.advanceClock({ days: 2 });
		now = await status(plan);
		expect(now.instalments.map((instalment) => [instalment.status, instalment.requestStatus])).toEqual([
			['paid', 'PAID'],
			['late', 'CREATED'],
			['upcoming', 'SCHEDULED'],
		]);
		expect(now).toMatchObject({ planStatus: 'late', daysLate: 2, nextDueDate: due2, outstandingAmount: 2000 });

		await f.sim.clik2payPayerAction(plan.instalments[1].paymentRequestId, 'pay');
		await f.sim.advanceClock({ to: `${due3}T15:00:00Z` });
		await f.sim.clik2payPayerAction(plan.instalments[2].paymentRequestId, 'pay');
		now = await status(plan);
		expect(now).toMatchObject({ planStatus: 'paid', paidToDate: 3000, outstandingAmount: 0 });
	});

	test('FLEX instalments ask for a range; the same plan again is refused by its merchant transaction ids, nothing duplicated', async () => {
		const reference = planRef();
		await f.run(scheduleParams(reference, { amountType: 'FLEX', flexMinimum: 100, instalmentCount: 2, totalAmount: 2000 }));
		const sent = f.sim.overview().clik2pay.paymentRequests;
		expect(sent.map((request) => [request.type, request.amount, request.flexDetails])).toEqual([
			['FLEX', null, { minimum: 100, maximum: 1000, requested: 1000 }],
			['FLEX', null, { minimum: 100, maximum: 1000, requested: 1000 }],
		]);
		const again = await f.run(scheduleParams(reference, { amountType: 'FLEX', flexMinimum: 100, instalmentCount: 2, totalAmount: 2000 })).catch((e) => e);
		expect(again.message).toContain(`Merchant Transaction ID "${reference}-1" was already used`);
		expect(f.sim.overview().clik2pay.paymentRequests).toHaveLength(2);
	});

	test('bad schedules fail naming the field before any request: above the 10,000 CAD maximum, past dates', async () => {
		const big = await f.run(scheduleParams(planRef(), { totalAmount: 30000, instalmentAmount: 15000, instalmentCount: 2 })).catch((e) => e);
		expect(big.message).toBe('An instalment of 15000 CAD is above the maximum of 10000 CAD (item 0)');
		const past = await f.run(scheduleParams(planRef(), { firstDueDate: torontoDay(-3) })).catch((e) => e);
		expect(past.message).toMatch(/^First Due Date \S+ is in the past/);
		expect(f.count(CREATE)).toBe(0);
	});
});
