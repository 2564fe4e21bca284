// @ts-check
const { reconcile, feesFromStatement, RECONCILIATIONS } = require('../../dist/nodes/ClickPesa/actions/payment/reconcile');
const { toMinorUnits: minorUnits } = require('../../dist/nodes/shared/money');

let id = 0;
const payment = (orderReference, collectedAmount, status = 'SUCCESS', collectedCurrency = 'TZS') => ({
	id: `P${++id}`,
	orderReference,
	collectedAmount,
	collectedCurrency,
	status,
	createdAt: '2026-02-01T10:00:00.000Z',
});
const invoice = (orderReference, amount, currency = 'TZS') => ({ orderReference, expectedMinor: Math.round(amount * 100), currency });
const states = (result) => result.invoices.map((item) => item.reconciliation);
const options = { simplify: true, unmatched: /** @type {'paid'} */ ('paid') };

describe('the reconcile matcher', () => {
	test('each state; sums in cents; several payments under one reference; refunds and reversals do not count as paid', () => {
		const result = reconcile(
			[invoice('A', 1000), invoice('B', 1000), invoice('C', 1000), invoice('D', 1000), invoice('E', 1000), invoice('F', 1000), invoice('G', 0.3), invoice('H', 1000)],
			[
				payment('A', 1000),
				payment('B', 400),
				payment('B', 100, 'PROCESSING'),
				payment('C', 600),
				payment('C', 600, 'SETTLED'),
				payment('E', 1000, 'FAILED'),
				payment('F', 1000, 'PENDING'),
				payment('F', 1000, 'FAILED'),
				payment('G', 0.1),
				payment('G', '0.2'),
				payment('H', 1000, 'REFUNDED'),
				payment('H', 1000, 'REVERSED'),
				payment('Z', 50),
			],
			options,
		);
		expect(states(result)).toEqual(['paid', 'partially paid', 'overpaid', 'unpaid', 'failed', 'pending', 'paid', 'unpaid']);
		expect(result.invoices[1]).toMatchObject({ amountPaid: 400, outstandingAmount: 600, pendingAmount: 100, paymentCount: 2 });
		expect(result.invoices[2]).toMatchObject({ amountPaid: 1200, overpaidAmount: 200, outstandingAmount: 0 });
		// 0.1 + 0.2 is 0.30000000000000004 in floating point; in cents it is 30.
		expect(result.invoices[6]).toMatchObject({ amountPaid: 0.3, outstandingAmount: 0, overpaidAmount: 0 });
		expect(result.invoices[7].payments.map((p) => p.paymentState)).toEqual(['refunded', 'reversed']);
		expect(result.unmatched).toEqual([expect.objectContaining({ orderReference: 'Z', amount: 50, paymentState: 'paid' })]);
		expect(RECONCILIATIONS).toEqual(['paid', 'partially paid', 'overpaid', 'unpaid', 'failed', 'pending']);
	});

	test('fees from the statement: by payment id, else by reference; unmatched: all', () => {
		const payments = [payment('A', 1000), payment('B', 500), payment('B', 500), payment('Z', 200, 'FAILED')];
		const fees = feesFromStatement([
			{ type: 'Payment', entry: 'Credit', amount: 1000, id: payments[0].id, orderReference: 'A' },
			{ type: 'Fee - Payment', entry: 'Debit', amount: 29, id: payments[0].id, orderReference: 'A' },
			{ type: 'Fee - Payment', entry: 'Debit', amount: '14.50', id: 'OTHER1', orderReference: 'B' },
			{ type: 'Fee - Payment', entry: 'Debit', amount: '14.50', id: 'OTHER2', orderReference: 'B' },
			{ type: 'Fee - Payout', entry: 'Debit', amount: 300, id: 'X', orderReference: 'A' },
		]);
		const result = reconcile([invoice('A', 1000), invoice('B', 1000)], payments, { simplify: false, unmatched: 'all', fees });
		expect(result.invoices[0]).toMatchObject({ fee: 29, netAmount: 971, payments: [expect.objectContaining({ fee: 29, collectedAmount: 1000, paymentState: 'paid' })] });
		expect(result.invoices[1]).toMatchObject({ fee: 29, netAmount: 971 });
		expect(result.unmatched).toEqual([expect.objectContaining({ orderReference: 'Z', status: 'FAILED', paymentState: 'failed', fee: 0 })]);
		expect(minorUnits('1047.10')).toBe(104710);
		expect(minorUnits('x')).toBeUndefined();
	});

	test('10,000 invoices against 10,000 payments: linear, every payment read a constant number of times (no O(n²))', () => {
		const n = 10_000;
		let reads = 0;
		const payments = [];
		for (let i = 0; i < n; i++) {
			// Half match an invoice (every other one paid short), a quarter are nobody's, a quarter are second payments.
			const reference = i < n / 2 ? `INV${i}` : i < (3 * n) / 4 ? `STRANGER${i}` : `INV${i - n / 2}`;
			const record = payment(reference, i < n / 2 && i % 2 ? 400 : 500);
			Object.defineProperty(record, 'orderReference', {
				enumerable: true,
				get: () => {
					reads++;
					return reference;
				},
			});
			payments.push(record);
		}
		const invoices = Array.from({ length: n }, (_, i) => invoice(`INV${i}`, 1000));
		const result = reconcile(invoices, payments, options);
		expect(result.invoices).toHaveLength(n);
		const counts = {};
		for (const item of result.invoices) counts[item.reconciliation] = (counts[item.reconciliation] ?? 0) + 1;
		// INV0–INV2499: two payments each (500 + 500 or 400 + 500); INV2500–INV4999: one; INV5000–: none.
		expect(counts).toEqual({ paid: 1250, 'partially paid': 3750, unpaid: 5000 });
		expect(result.unmatched).toHaveLength(n / 4);
		// A nested loop would read orderReference 100,000,000 times; this reads it 3 times per payment (group, unmatched check, output).
		expect(reads).toBe(3 * n);
	});
});

describe('Reconcile declares two outputs', () => {
	test('Invoices and Unmatched Payments, evaluated from the parameters as n8n does', () => {
		const { ClickPesa } = require('../../dist/nodes/ClickPesa/ClickPesa.node');
		const expression = new ClickPesa().description.outputs;
		const configured = new Function('$parameter', `return ${String(expression).slice(3, -2)}`);
		expect(configured({ resource: 'payment', operation: 'reconcile' })).toEqual([
			{ type: 'main', displayName: 'Invoices' },
			{ type: 'main', displayName: 'Unmatched Payments' },
		]);
		expect(configured({ resource: 'payment', operation: 'getMany' })).toEqual([{ type: 'main' }]);
	});
});
