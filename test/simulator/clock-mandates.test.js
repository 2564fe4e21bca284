// @ts-check
const { startSimulator } = require('../../simulator');
const { clickpesa, control, startWebhookReceiver } = require('./helpers');

/** The simulator's clock and CRDB Direct Debit mandates, over HTTP (provider API and control API). */
describe('simulator clock and CRDB mandates', () => {
	/** @type {import('../../simulator').Simulator} */
	let sim;
	beforeEach(async () => {
		sim = await startSimulator({ port: 0 });
	});
	afterEach(async () => {
		await sim.stop();
	});

	const mandateBody = (callbackUrl, extra = {}) => ({
		customer: { fullName: 'Ramona Cormier', email: 'ramona@example.com' },
		phoneNumber: '255754712650',
		debitAccount: '0152590146100',
		startDate: '10-01-2030',
		endDate: '2030-03-10',
		frequencyType: 'MONTHLY',
		frequency: 1,
		installmentAmount: 2500,
		mandateCallbackUrl: callbackUrl,
		billDetails: 'Loan No. 1',
		...extra,
	});

	test('the clock moves forward only, by days, ms or to a time; a state reset sets it back', async () => {
		const before = Date.parse((await control(sim).get('/clock')).body.now);
		const moved = await control(sim).post('/clock', { days: 2 });
		expect(moved.status).toBe(200);
		expect(Date.parse(moved.body.now) - before).toBeGreaterThanOrEqual(2 * 86_400_000);
		expect((await control(sim).post('/clock', { to: '2001-01-01T00:00:00Z' })).body).toEqual({ error: 'the clock only moves forward' });
		expect((await control(sim).post('/clock', { days: -1 })).status).toBe(400);
		expect((await control(sim).post('/clock', { hours: 1 })).body.error).toBe('unknown clock field(s): hours');
		sim.reset({ state: true });
		expect(sim.clock().offsetMs).toBe(0);
	});

	test('request (validated), get, decide on the control API with a callback, debits on the clock, cancel', async () => {
		const receiver = await startWebhookReceiver();
		try {
			const api = clickpesa(sim);
			const token = await api.token();
			const bad = await api.post('/customers/crdb-direct-debit-mandate', mandateBody(receiver.url, { frequencyType: 'HOURLY', installmentAmount: -1 }), token);
			expect(bad.status).toBe(400);
			expect(bad.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
			expect(bad.body.message).toEqual(['frequencyType must be one of the following values: DAILY, WEEKLY, MONTHLY, YEARLY', 'installmentAmount must be a positive number']);

			const created = await api.post('/customers/crdb-direct-debit-mandate', mandateBody(receiver.url), token);
			expect(created.body).toEqual({ mandateRequestId: expect.any(String), mandateStatus: 'REQUESTED', paymentsTotalAmount: 7500, paymentsInstallments: 3 });
			const id = created.body.mandateRequestId;
			const early = await api.post('/customers/crdb-direct-debit-mandate/cancel', { requestId: id }, token);
			expect(early.body.message).toEqual(['Cannot cancel CRDB direct debit mandate. Mandate must be ACTIVE to cancel. Current status: REQUESTED']);

			const decided = await control(sim).post(`/clickpesa/mandates/${id}/decide`, { decision: 'approve', failInstalments: [2] });
			expect(decided.status).toBe(200);
			const reference = decided.body.mandate.mandateReference;
			expect((await receiver.waitFor(1)).at(-1).body).toEqual({ mandateRequestId: id, mandateReference: reference, mandateStatus: 'ACTIVE' });

			await control(sim).post('/clock', { to: '2030-02-10T09:00:00+03:00' });
			const got = await api.get(`/customers/crdb-direct-debit-mandate?requestId=${id}`, token);
			expect(got.body).toMatchObject({ mandateStatus: 'ACTIVE', mandateReference: reference, paymentPlanDetails: { installmentsNumber: 3, installmentsCompleted: 1, remainingAmount: 5000, startDate: '2030-01-10' } });
			const debits = (await api.get(`/payments/${reference}`, token)).body;
			expect(debits.map((payment) => [payment.status, payment.channel, payment.createdAt.slice(0, 10)])).toEqual([
				['SUCCESS', 'CRDB DIRECT DEBIT MANDATE', '2030-01-10'],
				['FAILED', 'CRDB DIRECT DEBIT MANDATE', '2030-02-10'],
			]);
			const cancelled = await api.post('/customers/crdb-direct-debit-mandate/cancel', { requestId: id }, token);
			expect(cancelled.body).toMatchObject({ mandateRequestId: id, mandateStatus: 'CANCELLED' });
			await control(sim).post('/clock', { days: 40 });
			expect((await api.get(`/payments/${reference}`, token)).body).toHaveLength(2);
			expect((await api.get('/customers/crdb-direct-debit-mandate?requestId=nope', token)).status).toBe(404);
		} finally {
			await receiver.close();
		}
	});
});
