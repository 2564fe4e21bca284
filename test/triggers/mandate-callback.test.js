// @ts-check
const { startSimulator } = require('../../simulator');
const { runNode } = require('../support/runNode');
const { clickPesaTrigger } = require('./helpers');

/**
 * The ClickPesa Trigger's Mandate Status Changed event: a CRDB mandate callback carries no checksum,
 * so it is confirmed with Get Mandate before anything runs, and the item is ClickPesa's mandate.
 */
describe('ClickPesa Trigger: mandate status callbacks, confirmed with Get Mandate', () => {
	/** @type {import('../../simulator').Simulator} */
	let sim;
	beforeAll(async () => {
		sim = await startSimulator({ port: 0 });
	});
	afterAll(async () => {
		await sim.stop();
	});
	const credential = () => ({ baseUrl: sim.clickpesaBaseUrl, checksumSecret: '' });
	const events = ['MANDATE STATUS CHANGED'];

	async function requestMandate() {
		const trigger = clickPesaTrigger({}, credential());
		const day = new Date(Date.now() + 3 * 3_600_000 + 2 * 86_400_000).toISOString().slice(0, 10);
		const out = await runNode({
			type: 'clickPesa',
			parameters: {
				resource: 'paymentPlan',
				operation: 'createMandate',
				planReference: 'LOAN1',
				customerName: 'Ramona Cormier',
				phoneNumber: '0754712650',
				debitAccount: '0152590146100',
				totalAmount: 20000,
				instalmentAmount: 10000,
				firstDueDate: day,
				frequency: 'MONTHLY',
				ends: 'count',
				instalmentCount: 2,
				mandateCallbackUrl: 'http://127.0.0.1:9/cb',
			},
			items: [{}],
			credentials: trigger.credentials,
			credentialType: 'clickPesaApi',
		});
		return out[0][0].json.mandateRequestId;
	}

	test('an approved mandate: the callback is confirmed, the item carries ClickPesa’s mandate', async () => {
		const requestId = await requestMandate();
		const { callback } = await sim.decideMandate(requestId, 'approve');
		const trigger = clickPesaTrigger({ events }, credential());
		const call = await trigger.call({ body: /** @type {any} */ (callback).body });
		expect(call.items).toEqual([
			expect.objectContaining({ event: 'MANDATE STATUS CHANGED', verified: false, confirmed: true, confirmedStatus: 'ACTIVE' }),
		]);
		expect(call.items?.[0].data).toMatchObject({ mandateRequestId: requestId, mandateStatus: 'ACTIVE', mandateReference: expect.stringMatching(/^\d{7}$/) });
	});

	test('a forged or early callback starts nothing: ClickPesa says the mandate is still REQUESTED, or does not know it', async () => {
		const requestId = await requestMandate();
		const trigger = clickPesaTrigger({ events }, credential());
		const early = await trigger.call({ body: { mandateRequestId: requestId, mandateStatus: 'ACTIVE' } });
		expect(early.items ?? null).toBeNull();
		expect(early.status).toBe(202);
		const unknown = await trigger.call({ body: { mandateRequestId: 'nosuchmandate', mandateStatus: 'ACTIVE' } });
		expect(unknown.items ?? null).toBeNull();
		expect(unknown.status).toBe(503);
		// A REJECTED mandate claimed ACTIVE is emitted as ClickPesa has it.
		await sim.decideMandate(requestId, 'reject');
		const claimed = await trigger.call({ body: { mandateRequestId: requestId, mandateStatus: 'ACTIVE' } });
		expect(claimed.items?.[0]).toMatchObject({ confirmedStatus: 'REJECTED', claimedStatus: 'ACTIVE' });
	});

	test('not selected (the default events): acknowledged and ignored, no lookup', async () => {
		const requestId = await requestMandate();
		sim.reset();
		const trigger = clickPesaTrigger({}, credential());
		const call = await trigger.call({ body: { mandateRequestId: requestId, mandateStatus: 'ACTIVE' } });
		expect(call.items ?? null).toBeNull();
		expect(call.status).toBe(200);
		expect(sim.stats().counts['clickpesa GET /customers/crdb-direct-debit-mandate']).toBeUndefined();
	});
});
