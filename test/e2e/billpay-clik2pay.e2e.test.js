// @ts-check
/**
 * BillPay Create Many and the Clik2pay node in real n8n (every pinned version), against the simulator.
 */
'use strict';

const { startSimulator } = require('../../simulator');
const { N8nInstance, packPackage, removePackedTarballs, nodeOutput } = require('./support/n8n');
const { pinnedN8nVersions } = require('./support/versions');
const { ourNode, itemsNode, chainWorkflow, simulatorCredentials } = require('./workflows');

const MINUTE = 60_000;
const BULK = 'clickpesa POST /billpay/bulk-create-order-control-numbers';

/** @type {string} */
let tarball;
beforeAll(async () => {
	tarball = await packPackage();
}, 5 * MINUTE);
afterAll(() => removePackedTarballs());

describe.each(pinnedN8nVersions())('BillPay and Clik2pay in n8n %s', (version) => {
	let sim;
	/** @type {N8nInstance} */
	let n8n;
	const run = Date.now().toString(36).toUpperCase();
	// 120 invoices: item 7 has an invalid reference (refused before any request), item 60 reuses item 59's
	// reference (refused by ClickPesa inside its chunk).
	const invoices = Array.from({ length: 120 }, (_, i) => ({ ref: `INV${run}${i}`, amount: 1000 + i }));
	invoices[7].ref = 'INV-WITH-DASH';
	invoices[60].ref = invoices[59].ref;

	beforeAll(async () => {
		sim = await startSimulator({ port: 0, clickpesa: { customerDelayMs: null, rateLimitPerMinute: 1000 } });
		n8n = await N8nInstance.create({ version, tarball });
		await n8n.start();
		await n8n.importCredentials(simulatorCredentials(sim));
		await n8n.importWorkflow([
			chainWorkflow('e2eBillPayMany', [
				itemsNode('Invoices', invoices),
				ourNode(
					'Control Numbers',
					'clickPesa',
					{
						resource: 'billPay',
						operation: 'createMany',
						kind: 'order',
						billReference: '={{ $json.ref }}',
						additionalFields: { billAmount: '={{ $json.amount }}', billDescription: '={{ "Invoice " + $json.ref }}' },
					},
					{ onError: 'continueErrorOutput' },
				),
			]),
			chainWorkflow('e2eClik2pay', [
				ourNode('Create', 'clik2pay', {
					resource: 'paymentRequest',
					operation: 'create',
					type: 'ECOMM',
					amount: 42.5,
					payerName: 'Jane Doe',
					payerEmail: 'jane@example.com',
					payerMobileNumber: '+1 (416) 555-1234',
					deliveryMode: 'NONE',
					additionalFields: { merchantTransactionId: `E2E${run}`, invoiceNumber: 'INV-1' },
				}),
				ourNode('Get', 'clik2pay', { resource: 'paymentRequest', operation: 'get', paymentRequestId: '={{ $json.id }}' }),
				ourNode('Cancel', 'clik2pay', { resource: 'paymentRequest', operation: 'cancel', paymentRequestId: '={{ $json.id }}' }),
				ourNode(
					'Refund',
					'clik2pay',
					{
						resource: 'refund',
						operation: 'create',
						paymentRequestId: "={{ $('Create').item.json.id }}",
						amount: 10,
						recipientEmail: 'jane@example.com',
						recipientMobileNumber: '4165551234',
					},
					{ onError: 'continueErrorOutput' },
				),
			]),
		]);
	}, 15 * MINUTE);

	afterAll(async () => {
		await n8n?.destroy();
		await sim?.stop();
	}, 2 * MINUTE);

	test('Create Many: 120 control numbers in exactly 3 requests; the 2 bad invoices fail on their own items', async () => {
		const result = await n8n.execute('e2eBillPayMany');
		expect(result.status).toBe('success');
		const created = nodeOutput(result, 'Control Numbers', 0);
		const failed = nodeOutput(result, 'Control Numbers', 1);
		expect(created).toHaveLength(118);
		expect(failed).toHaveLength(2);
		expect(failed[0].error).toMatch(/Bill Reference "INV-WITH-DASH" may only contain letters and digits \(item 7\)/);
		expect(failed[1].error).toMatch(/already used.*\(item 60\)/);
		const [main, errors] = result.runData['Control Numbers'][0].data.main;
		expect(errors.map((item) => item.pairedItem.item)).toEqual([7, 60]);
		expect(main.map((item) => item.pairedItem.item)).toEqual(invoices.map((_, i) => i).filter((i) => i !== 7 && i !== 60));
		expect(created[0].billPayNumber).toBe(invoices[0].ref);
		expect((await sim.stats()).counts[BULK].total).toBe(3);
	}, 5 * MINUTE);

	test('Clik2pay: create, get and cancel a payment request; a refund of an unpaid request is refused with the reason', async () => {
		const result = await n8n.execute('e2eClik2pay');
		expect(result.status).toBe('success');
		const [created] = nodeOutput(result, 'Create');
		expect(created).toMatchObject({ status: 'CREATED', amount: 42.5, merchantTransactionId: `E2E${run}` });
		expect(created.paymentLink).toEqual(expect.any(String));
		expect(nodeOutput(result, 'Get')[0]).toMatchObject({ id: created.id, status: 'CREATED' });
		expect(JSON.stringify(nodeOutput(result, 'Cancel')[0])).toContain('CANCELLED');
		const [refused] = nodeOutput(result, 'Refund', 1);
		expect(refused.error).toMatch(/PAID or SETTLED/);
		expect((await sim.stats()).counts['clik2pay POST /oauth2/token'].total).toBe(1);
	}, 5 * MINUTE);
});
