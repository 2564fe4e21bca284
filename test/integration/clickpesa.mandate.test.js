// @ts-check
const { clickPesaFixture } = require('./clickpesa.helpers');

/** Payment Plan → Create (CRDB Direct Debit), Get / Cancel Mandate and Get Status against the simulator. */

const REQUEST = 'clickpesa POST /customers/crdb-direct-debit-mandate';
const DAY_MS = 86_400_000;
const darDay = (days) => new Date(Date.now() + 3 * 3_600_000 + days * DAY_MS).toISOString().slice(0, 10);

function mandateParams(extra = {}) {
	return {
		resource: 'paymentPlan',
		operation: 'createMandate',
		planReference: 'LOAN233422',
		existingMandateRequestId: '',
		customerName: 'Ramona Cormier',
		customerEmail: 'ramona@example.com',
		phoneNumber: '0754 712 650',
		debitAccount: '0152590146100',
		billDetails: 'Loan No. 233422',
		totalAmount: 1500000,
		instalmentAmount: 500000,
		firstDueDate: darDay(3),
		frequency: 'MONTHLY',
		every: 1,
		ends: 'count',
		instalmentCount: 3,
		resumeWhenDecided: false,
		mandateCallbackUrl: 'http://127.0.0.1:9/mandates',
		...extra,
	};
}

describe('ClickPesa CRDB Direct Debit plans against the simulator', () => {
	/** @type {Awaited<ReturnType<typeof clickPesaFixture>>} */
	let f;
	beforeEach(async () => {
		f = await clickPesaFixture();
	});
	afterEach(async () => {
		await f.sim.stop();
	});

	test('request a mandate, the bank approves, instalments are debited on their dates; a failed debit shows as late', async () => {
		const [[{ json: plan }]] = await f.run(mandateParams());
		expect(plan).toMatchObject({ planReference: 'LOAN233422', method: 'crdbDirectDebit', mandateStatus: 'REQUESTED', mandateReference: null, totalAmount: 1500000, instalmentCount: 3 });
		const sent = (await f.sim.requests(20)).filter((entry) => entry.route === REQUEST);
		expect(sent).toHaveLength(1);
		const [mandate] = f.sim.mandates();
		expect(mandate.paymentPlanDetails).toMatchObject({ startDate: darDay(3), frequencyType: 'MONTHLY', frequency: 1, installmentAmount: 500000, installmentsNumber: 3, totalAmount: 1500000, billDetails: 'Loan No. 233422 (plan LOAN233422)' });
		expect(mandate.crdbAccountDetails).toMatchObject({ phoneNumber: '255754712650', debitAccount: '0152590146100' });

		const decided = await f.sim.decideMandate(plan.mandateRequestId, 'approve', [2]);
		expect(decided.callback.body).toEqual({ mandateRequestId: plan.mandateRequestId, mandateReference: decided.mandate.mandateReference, mandateStatus: 'ACTIVE' });
		const [[{ json: active }]] = await f.run({ resource: 'paymentPlan', operation: 'getMandate', mandateRequestId: '={{ $json.mandateRequestId }}' }, [plan]);
		expect(active).toMatchObject({ mandateStatus: 'ACTIVE', mandateReference: decided.mandate.mandateReference, installmentsCompleted: 0 });

		const tracked = { ...plan, mandateReference: active.mandateReference };
		const status = async () =>
			(await f.run({ resource: 'paymentPlan', operation: 'getPlanStatus', planReference: '={{ $json.mandateReference || $json.planReference }}', instalments: '={{ $json.instalments }}', createdOn: '={{ $json.createdOn }}', options: { asOf: f.sim.clock().now } }, [tracked]))[0][0].json;
		const [due1, due2, due3] = plan.instalments.map((instalment) => instalment.dueDate);
		await f.sim.advanceClock({ to: `${due1}T12:00:00+03:00` });
		expect((await status()).instalments.map((i) => i.status)).toEqual(['paid', 'upcoming', 'upcoming']);
		await f.sim.advanceClock({ to: `${due2}T12:00:00+03:00` });
		await f.sim.advanceClock({ days: 1 });
		let now = await status();
		expect(now.instalments.map((i) => i.status)).toEqual(['paid', 'late', 'upcoming']);
		expect(now).toMatchObject({ planStatus: 'late', failedPayments: 1, daysLate: 1 });
		expect(now.payments.map((p) => [p.status, p.channel])).toEqual([
			['SUCCESS', 'CRDB DIRECT DEBIT MANDATE'],
			['FAILED', 'CRDB DIRECT DEBIT MANDATE'],
		]);
		await f.sim.advanceClock({ to: `${due3}T12:00:00+03:00` });
		now = await status();
		// The third debit covers instalment 2 (in order); instalment 3 is not covered on its day yet.
		expect(now.instalments.map((i) => i.status)).toEqual(['paid', 'paid', 'upcoming']);
		expect(now).toMatchObject({ planStatus: 'on track', paidToDate: 1000000, outstandingAmount: 500000 });

		const [[{ json: cancelled }]] = await f.run({ resource: 'paymentPlan', operation: 'cancelMandate', mandateRequestId: plan.mandateRequestId });
		expect(cancelled).toMatchObject({ mandateStatus: 'CANCELLED' });
		const again = await f.run({ resource: 'paymentPlan', operation: 'cancelMandate', mandateRequestId: plan.mandateRequestId }).catch((e) => e);
		expect(again.message).toMatch(/Mandate must be ACTIVE to cancel. Current status: CANCELLED/);
	});

	test('a plan run again with its Mandate Request ID reads that mandate: never a second request', async () => {
		const [[{ json: plan }]] = await f.run(mandateParams());
		const [[{ json: again }]] = await f.run(mandateParams({ existingMandateRequestId: '={{ $json.mandateRequestId }}' }), [plan]);
		expect(again).toMatchObject({ mandateRequestId: plan.mandateRequestId, foundByReference: true, instalments: plan.instalments });
		expect(f.sim.mandates()).toHaveLength(1);
	});

	test('bad input fails naming the field before any request', async () => {
		const cases = [
			[{ mandateCallbackUrl: '' }, 'Mandate Callback URL is empty'],
			[{ totalAmount: 1000000, instalmentAmount: 0 }, 'CRDB debits the same amount every time, and this total does not split evenly'],
			[{ debitAccount: '01-52' }, 'Debit Account "01-52" is not a CRDB account number (digits only)'],
			[{ phoneNumber: '0812' }, 'SimBanking Phone Number "0812" is not a Tanzanian mobile number'],
			[{ firstDueDate: darDay(-1) }, `First Due Date ${darDay(-1)} is in the past (today is ${darDay(0)})`],
		];
		for (const [extra, message] of cases) {
			const error = await f.run(mandateParams(extra)).catch((e) => e);
			expect(error.message).toBe(`${message} (item 0)`);
		}
		expect(f.sim.mandates()).toHaveLength(0);
	});
});
