// @ts-check
/**
 * Every operation of the action nodes, run against the simulator, in the ways that change the shape
 * of its output (options that add fields, records in other states). output-schemas.test.js checks
 * each output item against the operation's schema in `__schema__/` (docs/output-schemas.md).
 *
 * A run gets the shared fixture of its node (`f`), the node version under test and `fresh()`, which
 * starts a second simulator for runs that need an untouched account. It returns the node's outputs.
 * `outputs` names, per output index, the part of the schema its items must match: '#' is the whole
 * schema, '#/properties/payments/items' a part of it (Reconcile's Unmatched Payments are shaped like
 * the payments of an invoice). Without it every output is checked against the whole schema.
 */
const { TANQR, bank, bankParams, clickPesaFixture, initiateParams, lipaParams, mobileParams, newReference } = require('./clickpesa.helpers');
const { clik2payFixture, createParams, refundParams, sendMoneyParams, newTransactionId, scheduleParams } = require('./clik2pay.helpers');

/** @typedef {Awaited<ReturnType<typeof clickPesaFixture>>} ClickPesaFixture */
/** @typedef {Awaited<ReturnType<typeof clik2payFixture>>} Clik2payFixture */
/** @typedef {Array<Array<{ json: Record<string, any> }>>} Outputs */
/**
 * @template F
 * @typedef {{ name: string, outputs?: string[], run: (f: F, version: number, fresh: () => Promise<F>) => Promise<Outputs> }} Run
 */

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Money to pay out, no payout cooldown, payouts stay AUTHORIZED until a run completes them, and no
 * rate limit: every operation runs against one simulator, well over 120 requests a minute.
 */
const CLICKPESA_SIMULATOR = { clickpesa: { startingBalance: { TZS: 5_000_000, USD: 1000 }, payoutCooldownMs: 0, payoutDelayMs: null, rateLimitPerMinute: 0 } };

const startClickPesa = () => clickPesaFixture(CLICKPESA_SIMULATOR);
/** A merchant that has never been paid: no balance account yet. */
const startNewMerchant = () => clickPesaFixture({ clickpesa: { rateLimitPerMinute: 0 } });


/** A Dar es Salaam day, `days` after today. */
const darDay = (days) => new Date(Date.now() + 3 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** Payment Plan → Create (BillPay): 3 monthly instalments of 1000 TZS from `days` after today. */
const billPayPlan = (planReference, days = 2) => ({
	resource: 'paymentPlan',
	operation: 'createBillPay',
	planReference,
	customerName: 'Asha Said',
	customerEmail: 'asha@example.com',
	customerPhone: '',
	planDescription: 'School fees',
	totalAmount: 3000,
	instalmentAmount: 1000,
	firstDueDate: darDay(days),
	frequency: 'MONTHLY',
	every: 1,
	ends: 'count',
	instalmentCount: 3,
});

/** Payment Plan → Create (CRDB Direct Debit) of 2 monthly instalments, the decision to a callback URL. */
const mandatePlan = (extra = {}) => ({
	resource: 'paymentPlan',
	operation: 'createMandate',
	planReference: 'LOAN1',
	customerName: 'Ramona Cormier',
	customerEmail: '',
	phoneNumber: '0754712650',
	debitAccount: '0152590146100',
	totalAmount: 20000,
	instalmentAmount: 10000,
	firstDueDate: darDay(2),
	frequency: 'MONTHLY',
	ends: 'count',
	instalmentCount: 2,
	mandateCallbackUrl: 'http://127.0.0.1:9/cb',
	...extra,
});

/**
 * Two plans on a fresh simulator (its clock is moved): one paid in full, one with a late
 * instalment; Get Status as of the clock. @param {ClickPesaFixture} f @param {number} v
 */
async function plansInEveryState(f, v) {
	const plans = [];
	for (const reference of [newReference('PP'), newReference('PL')]) plans.push((await f.run(billPayPlan(reference.slice(0, 20)), [{}], undefined, v))[0][0].json);
	await f.sim.advanceClock({ to: `${plans[0].instalments[1].dueDate}T12:00:00+03:00` });
	await f.sim.advanceClock({ days: 2 });
	await f.sim.payBill(plans[0].planReference, 3000, '255712345678');
	await f.sim.payBill(plans[1].planReference, 1000, '255712345678');
	return plans;
}

/** @param {ClickPesaFixture} f @param {number} amount @param {'SUCCESS' | 'FAILED' | null} outcome */
async function paidPush(f, amount, outcome = 'SUCCESS') {
	const reference = newReference('SC');
	await f.run(initiateParams(reference, '0712 345 678', amount));
	if (outcome) await f.sim.completePayment(reference, outcome);
	return reference;
}

/**
 * The same parameters twice: the second run finds the reference used and returns the existing
 * record, marked foundByReference (in the shape of a lookup, not of a create answer).
 * @param {ClickPesaFixture} f @param {Record<string, unknown>} params @param {number} version
 */
async function sentTwice(f, params, version) {
	const [first] = await f.run(params, [{}], undefined, version);
	const [again] = await f.run(params, [{}], undefined, version);
	return [[...first, ...again]];
}

/** A paid USSD payment of 1000 TZS seeded straight into the simulator; answers its order reference. @param {ClickPesaFixture} f */
async function seededPayment(f) {
	const [reference] = await f.sim.seedPayments({ count: 1, prefix: newReference('RP'), amount: '1000', phoneNumber: '255754123456' });
	return reference;
}

/** Payment → Refund or Preview Refund of a payment, all that is left unless `extra` says otherwise. */
const refundRun = (orderReference, operation, extra = {}) => ({
	resource: 'payment',
	operation,
	orderReference,
	refundAmount: 'rest',
	reason: 'Order cancelled',
	options: { payoutSpacingSeconds: 0 },
	...extra,
});

const mobilePayout = (operation, extra = {}) => mobileParams(newReference('PO'), { operation, ...extra });
const bankPayout = (operation, extra = {}) => bankParams(newReference('PB'), { operation, ...extra });
const lipaPayout = (operation, extra = {}) => lipaParams(newReference('PL'), { operation, qrCode: TANQR, ...extra });

/**
 * Payouts of every channel (one from the USD balance) that then succeed, are reversed or refunded.
 * @param {ClickPesaFixture} f @param {number} version @returns {Promise<string[]>} their order references
 */
async function payoutsInEveryState(f, version) {
	const paid = mobilePayout('createMobileMoney');
	const reversed = bankPayout('createBank');
	const refunded = lipaPayout('createLipaNamba');
	const fromUsd = mobilePayout('createMobileMoney', { currency: 'USD' });
	for (const params of [paid, reversed, refunded, fromUsd]) await f.run(params, [{}], undefined, version);
	await f.sim.completePayout(paid.orderReference);
	await f.sim.reversePayout(reversed.orderReference);
	await f.sim.refundPayout(refunded.orderReference);
	return [paid, reversed, refunded, fromUsd].map((params) => /** @type {string} */ (params.orderReference));
}

const reconcileParams = (options = {}, currency = 'TZS') => ({
	resource: 'payment',
	operation: 'reconcile',
	orderReference: '={{ $json.ref }}',
	expectedAmount: '={{ $json.amount }}',
	currency,
	startDate: '',
	endDate: '',
	options,
});

const card = { customerMode: 'details', customerFullName: 'Asha Said', customerEmail: 'asha@example.com', customerPhone: '+255 754 000 111' };

/** @type {Record<string, Array<Run<ClickPesaFixture>>>} keyed `resource/operation` */
const clickPesaRuns = {
	'account/getBalance': [
		{ name: 'one item per currency', run: (f, v) => f.run({ resource: 'account', operation: 'getBalance' }, [{}], undefined, v) },
		{
			name: 'a new merchant without a balance account',
			run: async (_f, v, fresh) => (await fresh()).run({ resource: 'account', operation: 'getBalance' }, [{}], undefined, v),
		},
	],
	'account/getStatement': [
		{
			name: 'one item per transaction',
			run: async (f, v) => {
				await paidPush(f, 10000);
				return await f.run({ resource: 'account', operation: 'getStatement', currency: 'TZS', startDate: '', endDate: today(), output: 'transactions' }, [{}], undefined, v);
			},
		},
	],
	'billPay/createOrder': [
		{
			name: 'generated number, no fields',
			run: (f, v) => f.run({ resource: 'billPay', operation: 'createOrder', billReference: '', additionalFields: {} }, [{}], undefined, v),
		},
		{
			name: 'every field, then the same reference again (found by reference)',
			run: (f, v) =>
				sentTwice(
					f,
					{
						resource: 'billPay',
						operation: 'createOrder',
						billReference: newReference('BO'),
						additionalFields: { billAmount: 25000.5, billDescription: 'Water bill', billPaymentMode: 'EXACT', billMaxCollectionAmount: 25000.5 },
					},
					v,
				),
		},
	],
	'billPay/createCustomer': [
		{
			name: 'name, email and phone, then the same reference again (found by reference)',
			run: (f, v) =>
				sentTwice(
					f,
					{
						resource: 'billPay',
						operation: 'createCustomer',
						customerName: 'Asha Said',
						customerEmail: 'asha@example.com',
						customerPhone: '0712 345 678',
						billReference: newReference('BC'),
						additionalFields: { billAmount: 1000, billDescription: 'Membership', billMaxCollectionAmount: 5000 },
					},
					v,
				),
		},
	],
	'billPay/createMany': [
		{
			name: 'order numbers',
			run: (f, v) =>
				f.run(
					{
						resource: 'billPay',
						operation: 'createMany',
						kind: 'order',
						billReference: '={{ $json.ref }}',
						additionalFields: { billAmount: '={{ $json.amount }}', billDescription: '={{ "Invoice " + $json.ref }}' },
					},
					[
						{ ref: newReference('BM'), amount: 1000 },
						{ ref: newReference('BM'), amount: 2000 },
					],
					undefined,
					v,
				),
		},
		{
			name: 'order numbers, then the same batch again (found by reference)',
			run: async (f, v) => {
				const params = {
					resource: 'billPay',
					operation: 'createMany',
					kind: 'order',
					billReference: '={{ $json.ref }}',
					additionalFields: { billAmount: '={{ $json.amount }}', billDescription: '={{ "Invoice " + $json.ref }}' },
				};
				const items = [
					{ ref: newReference('BR'), amount: 1000 },
					{ ref: newReference('BR'), amount: 2000 },
				];
				const [first] = await f.run(params, items, undefined, v);
				const [again] = await f.run(params, items, undefined, v);
				return [[...first, ...again]];
			},
		},
		{
			name: 'customer numbers',
			run: (f, v) =>
				f.run(
					{
						resource: 'billPay',
						operation: 'createMany',
						kind: 'customer',
						customerName: '={{ $json.name }}',
						customerEmail: '={{ $json.email }}',
						customerPhone: '={{ $json.phone }}',
						billReference: '',
						additionalFields: { billAmount: 500, billPaymentMode: 'ALLOW_PARTIAL_AND_OVER_PAYMENT', billMaxCollectionAmount: 1000 },
					},
					[{ name: 'Asha Said', email: 'asha@example.com', phone: '0712 345 678' }],
					undefined,
					v,
				),
		},
	],
	'billPay/get': [
		{
			name: 'an order number with a cap, and a customer number paid into',
			run: async (f, v) => {
				const [[order]] = await f.run(
					{ resource: 'billPay', operation: 'createOrder', billReference: '', additionalFields: { billAmount: 300, billDescription: 'Fees', billMaxCollectionAmount: 600 } },
					[{}],
					undefined,
					v,
				);
				const reference = newReference('BG');
				await f.run(
					{ resource: 'billPay', operation: 'createCustomer', customerName: 'Asha Said', customerEmail: '', customerPhone: '0712 345 678', billReference: reference, additionalFields: {} },
					[{}],
					undefined,
					v,
				);
				await f.sim.payBill(reference, 700, '255754000111');
				return await f.run({ resource: 'billPay', operation: 'get', billPayNumber: '={{ $json.number }}' }, [{ number: order.json.billPayNumber }, { number: reference }], undefined, v);
			},
		},
	],
	'billPay/update': [
		{
			name: 'status, amount, description and cap',
			run: async (f, v) => {
				const reference = newReference('BU');
				await f.run({ resource: 'billPay', operation: 'createOrder', billReference: reference, additionalFields: { billAmount: 300 } }, [{}], undefined, v);
				return await f.run(
					{ resource: 'billPay', operation: 'update', billPayNumber: reference, updateFields: { billStatus: 'INACTIVE', billAmount: 450, billDescription: 'Changed', billMaxCollectionAmount: 900 } },
					[{}],
					undefined,
					v,
				);
			},
		},
	],
	'card/preview': [
		{ name: 'methods and fees', run: (f, v) => f.run({ resource: 'card', operation: 'preview', amount: 100, currency: 'USD', orderReference: newReference('CV') }, [{}], undefined, v) },
	],
	'card/initiate': [
		{
			name: 'new customer details',
			run: (f, v) => f.run({ resource: 'card', operation: 'initiate', amount: 12.5, currency: 'USD', orderReference: newReference('CI'), ...card }, [{}], undefined, v),
		},
		{
			name: 'existing customer ID',
			run: (f, v) =>
				f.run(
					{ resource: 'card', operation: 'initiate', amount: 20, currency: 'USD', orderReference: newReference('CI'), customerMode: 'id', customerId: 'CUST-1' },
					[{}],
					undefined,
					v,
				),
		},
	],
	'checkoutLink/create': [
		{
			name: 'total price with every extra',
			run: (f, v) =>
				f.run(
					{
						resource: 'checkoutLink',
						operation: 'create',
						orderReference: newReference('CL'),
						orderCurrency: 'TZS',
						amountMode: 'totalPrice',
						totalPrice: 2500,
						additionalFields: {
							customerName: 'Asha Said',
							customerEmail: 'asha@example.com',
							customerPhone: '0754 000 111',
							description: 'Uniform',
							callbackUrl: 'https://shop.example.com/cb',
						},
					},
					[{}],
					undefined,
					v,
				),
		},
		{
			name: 'order items',
			run: (f, v) =>
				f.run(
					{
						resource: 'checkoutLink',
						operation: 'create',
						orderReference: newReference('CL'),
						orderCurrency: 'USD',
						amountMode: 'orderItems',
						itemsInput: 'fields',
						orderItems: { item: [{ name: 'Shirt', price: 12.5, quantity: 2 }] },
						additionalFields: {},
					},
					[{}],
					undefined,
					v,
				),
		},
	],
	'exchangeRate/get': [{ name: 'every pair', run: (f, v) => f.run({ resource: 'exchangeRate', operation: 'get', source: '', target: '' }, [{}], undefined, v) }],
	'payment/previewUssdPush': [
		{
			name: 'with and without sender details',
			run: async (f, v) => {
				const base = { resource: 'payment', operation: 'previewUssdPush', amount: 1500, currency: 'TZS', orderReference: newReference('PV'), phoneNumber: '0712 345 678' };
				const [plain] = await f.run({ ...base, fetchSenderDetails: false }, [{}], undefined, v);
				const [sender] = await f.run({ ...base, fetchSenderDetails: true }, [{}], undefined, v);
				return [[...plain, ...sender]];
			},
		},
	],
	'payment/initiateUssdPush': [
		{ name: 'sent, then the same reference again (found by reference)', run: (f, v) => sentTwice(f, initiateParams(newReference('IU'), '0712 345 678', 1200), v) },
		{
			name: 'Wait for Result: one paid, one failed (Not Paid, Paid)',
			run: async (f, v) => {
				// The simulated customer answers 1 s after the prompt: 0712… accepts, 9999 lacks the money.
				const delayed = await f.sim.getConfig();
				await f.sim.configure({ clickpesa: { customerDelayMs: 1000 } });
				try {
					return await f.run(
						{ ...initiateParams('={{ $json.ref }}', '={{ $json.phone }}', 800), waitForResult: true, timeoutSeconds: 30 },
						[
							{ ref: newReference('IW'), phone: '0712 345 678' },
							{ ref: newReference('IW'), phone: '0712 349 999' },
						],
						undefined,
						v,
					);
				} finally {
					await f.sim.configure({ clickpesa: { customerDelayMs: delayed.clickpesa.customerDelayMs } });
				}
			},
		},
	],
	'payment/getStatus': [
		{
			name: 'a paid push and a failed one',
			run: async (f, v) => {
				const paid = await paidPush(f, 900, 'SUCCESS');
				const failed = await paidPush(f, 901, 'FAILED');
				return await f.run({ resource: 'payment', operation: 'getStatus', orderReference: '={{ $json.ref }}' }, [{ ref: paid }, { ref: failed }], undefined, v);
			},
		},
		{
			name: 'a BillPay payment, listed under its control number',
			run: async (f, v) => {
				const reference = newReference('GS');
				await f.run({ resource: 'billPay', operation: 'createOrder', billReference: reference, additionalFields: { billAmount: 4000 } }, [{}], undefined, v);
				await f.sim.payBill(reference, 4000, '255754000111');
				return await f.run({ resource: 'payment', operation: 'getStatus', orderReference: reference }, [{}], undefined, v);
			},
		},
	],
	'payment/getMany': [
		{
			name: 'recent payments, every status',
			run: async (f, v) => {
				await paidPush(f, 1000, 'SUCCESS');
				await paidPush(f, 1001, 'FAILED');
				await paidPush(f, 1002, null);
				return await f.run({ resource: 'payment', operation: 'getMany', returnAll: false, limit: 50 }, [{}], undefined, v);
			},
		},
	],
	'payment/waitForPayment': [
		{
			name: 'paid, failed, mismatched and never paid (Not Paid, Paid)',
			run: async (f, v) => {
				const paid = await paidPush(f, 500, 'SUCCESS');
				const failed = await paidPush(f, 501, 'FAILED');
				const wrongAmount = await paidPush(f, 502, 'SUCCESS');
				return await f.run(
					{
						resource: 'payment',
						operation: 'waitForPayment',
						waitMode: 'poll',
						orderReference: '={{ $json.ref }}',
						timeoutSeconds: 3,
						options: { expectedAmount: '={{ $json.amount }}', expectedCurrency: 'TZS' },
					},
					[
						{ ref: paid, amount: 500 },
						{ ref: failed, amount: 501 },
						{ ref: wrongAmount, amount: 9999 },
						{ ref: newReference('NEVER'), amount: 503 },
					],
					undefined,
					v,
				);
			},
		},
	],
	'payment/reconcile': [
		{
			name: 'paid, failed, unpaid invoices and a payment nobody billed, with fees',
			outputs: ['#', '#/properties/payments/items'],
			run: async (f, v) => {
				const paid = await paidPush(f, 1000, 'SUCCESS');
				const failed = await paidPush(f, 2000, 'FAILED');
				await paidPush(f, 700, 'SUCCESS');
				const items = [
					{ ref: paid, amount: 1000 },
					{ ref: failed, amount: 2000 },
					{ ref: newReference('UNPAID'), amount: 1500 },
				];
				return await f.run(reconcileParams({ includeFees: true, unmatched: 'all' }), items, undefined, v);
			},
		},
		{
			name: 'a USD invoice paid in TZS (not counted: note), without fees',
			outputs: ['#', '#/properties/payments/items'],
			run: async (f, v) => {
				const reference = await paidPush(f, 25000, 'SUCCESS');
				return await f.run(reconcileParams({}, 'USD'), [{ ref: reference, amount: 10 }], undefined, v);
			},
		},
		{
			name: 'a payment plan: partly paid, on track (plan fields)',
			outputs: ['#', '#/properties/payments/items'],
			run: async (f, v) => {
				const [[{ json: plan }]] = await f.run(billPayPlan(newReference('RP').slice(0, 20)), [{}], undefined, v);
				await f.sim.payBill(plan.planReference, 1000, '255712345678');
				const params = { ...reconcileParams({}), planInstalments: '={{ $json.instalments }}' };
				return await f.run(params, [{ ref: plan.planReference, amount: plan.totalAmount, instalments: plan.instalments }], undefined, v);
			},
		},
	],
	'payment/previewRefund': [
		{
			name: 'the rest after a reversed and a returned refund, and a payment refunded in full (nothing left)',
			run: async (f, v) => {
				const [part, full] = await Promise.all([seededPayment(f), seededPayment(f)]);
				await f.run(refundRun(part, 'refund', { refundAmount: 'amount', amount: 300 }), [{}], undefined, v);
				await f.sim.reversePayout(`${part}RF01`);
				await f.run(refundRun(part, 'refund', { refundAmount: 'amount', amount: 200 }), [{}], undefined, v);
				await f.sim.refundPayout(`${part}RF02`);
				await f.run(refundRun(full, 'refund'), [{}], undefined, v);
				return await f.run(refundRun('={{ $json.ref }}', 'previewRefund'), [{ ref: part }, { ref: full }], undefined, v);
			},
		},
	],
	'payment/refund': [
		{
			name: 'partial refunds ClickPesa returns and the provider reverses, the rest, then nothing left',
			run: async (f, v) => {
				const reference = await seededPayment(f);
				const [first] = await f.run(refundRun(reference, 'refund', { refundAmount: 'amount', amount: 400 }), [{}], undefined, v);
				await f.sim.refundPayout(`${reference}RF01`);
				await f.run(refundRun(reference, 'refund', { refundAmount: 'amount', amount: 300 }), [{}], undefined, v);
				await f.sim.reversePayout(`${reference}RF02`);
				const [rest] = await f.run(refundRun(reference, 'refund'), [{}], undefined, v);
				const [nothing] = await f.run(refundRun(reference, 'refund'), [{}], undefined, v);
				return [[...first, ...rest, ...nothing]];
			},
		},
	],
	'paymentPlan/createBillPay': [
		{ name: 'a plan, then the same plan again (found by reference)', run: (f, v) => sentTwice(f, billPayPlan(newReference('PC').slice(0, 20)), v) },
	],
	'paymentPlan/getPlanStatus': [
		{
			name: 'a paid plan and a late one, as of the simulator’s clock',
			run: async (f, v, fresh) => {
				const g = await fresh();
				const plans = await plansInEveryState(g, v);
				const params = { resource: 'paymentPlan', operation: 'getPlanStatus', planReference: '={{ $json.planReference }}', instalments: '={{ $json.instalments }}', createdOn: '={{ $json.createdOn }}', options: { asOf: g.sim.clock().now } };
				return await g.run(params, plans, undefined, v);
			},
		},
	],
	'paymentPlan/createMandate': [
		{ name: 'requested, then read again by its request ID', run: async (f, v) => {
			const [[first]] = await f.run(mandatePlan(), [{}], undefined, v);
			const [again] = await f.run(mandatePlan({ existingMandateRequestId: first.json.mandateRequestId }), [{}], undefined, v);
			return [[first, ...again]];
		} },
	],
	'paymentPlan/getMandate': [
		{ name: 'requested, then approved', run: async (f, v) => {
			const [[{ json: plan }]] = await f.run(mandatePlan(), [{}], undefined, v);
			const get = { resource: 'paymentPlan', operation: 'getMandate', mandateRequestId: plan.mandateRequestId };
			const [requested] = await f.run(get, [{}], undefined, v);
			await f.sim.decideMandate(plan.mandateRequestId, 'approve');
			const [approved] = await f.run(get, [{}], undefined, v);
			return [[...requested, ...approved]];
		} },
	],
	'paymentPlan/cancelMandate': [
		{ name: 'an approved mandate cancelled', run: async (f, v) => {
			const [[{ json: plan }]] = await f.run(mandatePlan(), [{}], undefined, v);
			await f.sim.decideMandate(plan.mandateRequestId, 'approve');
			return await f.run({ resource: 'paymentPlan', operation: 'cancelMandate', mandateRequestId: plan.mandateRequestId }, [{}], undefined, v);
		} },
	],
	'paymentPlan/waitForMandate': [
		{ name: 'decided before the node ran (no parking)', run: async (f, v) => {
			const [[{ json: plan }]] = await f.run(mandatePlan(), [{}], undefined, v);
			await f.sim.decideMandate(plan.mandateRequestId, 'reject');
			return await f.run({ resource: 'paymentPlan', operation: 'waitForMandate', mandateRequestId: '={{ $json.mandateRequestId }}', deadlineHours: 1 }, [plan], undefined, v);
		} },
	],
	'payout/listBanks': [{ name: 'every bank', run: (f, v) => f.run({ resource: 'payout', operation: 'listBanks' }, [{}], undefined, v) }],
	'payout/listLipaNambaProviders': [{ name: 'every provider', run: (f, v) => f.run({ resource: 'payout', operation: 'listLipaNambaProviders' }, [{}], undefined, v) }],
	'payout/previewMobileMoney': [
		{ name: 'from the TZS balance', run: (f, v) => f.run(mobilePayout('previewMobileMoney'), [{}], undefined, v) },
		{ name: 'from the USD balance (exchange)', run: (f, v) => f.run(mobilePayout('previewMobileMoney', { currency: 'USD' }), [{}], undefined, v) },
	],
	'payout/createMobileMoney': [
		{ name: 'created, then the same reference again (found by reference)', run: (f, v) => sentTwice(f, mobilePayout('createMobileMoney'), v) },
		{ name: 'from the USD balance', run: (f, v) => f.run(mobilePayout('createMobileMoney', { currency: 'USD' }), [{}], undefined, v) },
	],
	'payout/previewBank': [
		{ name: 'ACH', run: (f, v) => f.run(bankPayout('previewBank'), [{}], undefined, v) },
		{ name: 'from the USD balance', run: (f, v) => f.run(bankPayout('previewBank', { currency: 'USD', amount: 100 }), [{}], undefined, v) },
	],
	'payout/createBank': [
		{ name: 'account name given, then the same reference again (found by reference)', run: (f, v) => sentTwice(f, bankPayout('createBank'), v) },
		{ name: 'from the USD balance', run: (f, v) => f.run(bankPayout('createBank', { currency: 'USD', amount: 100 }), [{}], undefined, v) },
		{ name: 'account name from the bank', run: (f, v) => f.run(bankPayout('createBank', { fillAccountName: true, bank: bank('EQBLTZTZ', 'id'), accountNumber: '123456789' }), [{}], undefined, v) },
	],
	'payout/previewLipaNamba': [
		{ name: 'TanQR code', run: (f, v) => f.run(lipaPayout('previewLipaNamba'), [{}], undefined, v) },
		{ name: 'from the USD balance', run: (f, v) => f.run(lipaPayout('previewLipaNamba', { currency: 'USD' }), [{}], undefined, v) },
	],
	'payout/createLipaNamba': [
		{ name: 'TanQR code, then the same reference again (found by reference)', run: (f, v) => sentTwice(f, lipaPayout('createLipaNamba'), v) },
		{ name: 'from the USD balance', run: (f, v) => f.run(lipaPayout('createLipaNamba', { currency: 'USD' }), [{}], undefined, v) },
	],
	'payout/verifyBankAccount': [
		{ name: 'a known account', run: (f, v) => f.run({ resource: 'payout', operation: 'verifyBankAccount', bank: bank('EQBLTZTZ', 'id'), accountNumber: '123456789' }, [{}], undefined, v) },
	],
	'payout/get': [
		{
			name: 'paid, reversed and refunded payouts of every channel',
			run: async (f, v) => {
				const references = await payoutsInEveryState(f, v);
				return await f.run({ resource: 'payout', operation: 'get', orderReference: '={{ $json.ref }}' }, references.map((ref) => ({ ref })), undefined, v);
			},
		},
	],
	'payout/getMany': [
		{
			name: 'paid, reversed and refunded payouts of every channel, from both balances',
			run: async (f, v) => {
				await payoutsInEveryState(f, v);
				return await f.run({ resource: 'payout', operation: 'getMany', returnAll: true }, [{}], undefined, v);
			},
		},
	],
	'payoutLink/create': [
		{ name: 'amount and reference', run: (f, v) => f.run({ resource: 'payoutLink', operation: 'create', amount: 5000, orderReference: newReference('PK') }, [{}], undefined, v) },
	],
};

/** @param {Clik2payFixture} f */
async function paymentRequest(f, overrides = {}) {
	return (await f.run(createParams({ additionalFields: { merchantTransactionId: newTransactionId('S') }, ...overrides })))[0][0].json;
}

/** Every optional field of a payment request: the additional fields (delivery in a week: SCHEDULED). */
const everyField = () =>
	createParams({
		type: 'EBILL',
		deliveryMode: 'SMS',
		additionalFields: {
			merchantTransactionId: newTransactionId('C'),
			invoiceNumber: 'INV-1',
			businessUnit: 'Toronto',
			displayMessage: 'Thank you',
			deliveryDate: new Date(Date.now() + 7 * 86_400_000).toISOString(),
			dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString(),
			merchantAccountId: 'CUST-42',
			preferredLanguage: 'fr',
		},
	});

/** A FLEX request (an amount range, no amount) by email only. */
const flex = () => createParams({ type: 'FLEX', flexDetails: { minimum: 10, maximum: 50, requested: 20 }, payerMobileNumber: '', deliveryMode: 'EMAIL' });

/** @param {Clik2payFixture} f @returns {Promise<Array<Record<string, any>>>} a request with every field and a FLEX one */
async function variedRequests(f) {
	const [[withEverything]] = await f.run(everyField());
	const [[range]] = await f.run(flex());
	return [withEverything.json, range.json];
}

/** @type {Record<string, Array<Run<Clik2payFixture>>>} */
const clik2payRuns = {
	'paymentRequest/create': [
		{ name: 'EBILL with every additional field, scheduled', run: (f) => f.run(everyField()) },
		{ name: 'FLEX, by email only', run: (f) => f.run(flex()) },
		{ name: 'ECOMM, the fewest fields', run: (f) => f.run(createParams()) },
	],
	'paymentRequest/get': [
		{
			name: 'scheduled with every field, FLEX, and paid',
			run: async (f) => {
				const paid = await paymentRequest(f);
				await f.sim.clik2payPayerAction(paid.id, 'pay');
				const requests = [...(await variedRequests(f)), paid];
				return await f.run({ resource: 'paymentRequest', operation: 'get', paymentRequestId: '={{ $json.id }}' }, requests.map(({ id }) => ({ id })));
			},
		},
	],
	'paymentRequest/cancel': [
		{
			name: 'a scheduled request with every field, and a FLEX one',
			run: async (f) => {
				const requests = await variedRequests(f);
				return await f.run({ resource: 'paymentRequest', operation: 'cancel', paymentRequestId: '={{ $json.id }}' }, requests.map(({ id }) => ({ id })));
			},
		},
	],
	'paymentRequest/waitForPayment': [
		{
			name: 'paid (Paid), and failed, mismatch, still open with every field and FLEX, unknown (Not Paid)',
			run: async (f) => {
				const [paid, failed, other] = [await paymentRequest(f), await paymentRequest(f), await paymentRequest(f)];
				await f.sim.clik2payPayerAction(paid.id, 'pay');
				await f.sim.clik2payPayerAction(failed.id, 'fail');
				await f.sim.clik2payPayerAction(other.id, 'pay');
				const open = await variedRequests(f);
				const items = [paid, failed, other, ...open, { id: '00000000-0000-4000-8000-000000000000' }].map(({ id }) => ({ id, expected: id === other.id ? 99 : 0 }));
				return await f.run(
					{ resource: 'paymentRequest', operation: 'waitForPayment', paymentRequestId: '={{ $json.id }}', timeoutSeconds: 1, options: { expectedAmount: '={{ $json.expected }}' } },
					items,
				);
			},
		},
	],
	'paymentRequest/reconcile': [
		{
			name: 'paid, refunded, open for another amount (note), scheduled with every field, FLEX',
			run: async (f) => {
				const paid = await paymentRequest(f);
				const open = await paymentRequest(f);
				const refunded = await paymentRequest(f);
				await f.sim.clik2payPayerAction(paid.id, 'pay');
				await f.sim.clik2payPayerAction(refunded.id, 'pay');
				await f.sim.clik2payPayerAction(refunded.id, 'mark-refunded');
				const [withEverything, range] = await variedRequests(f);
				return await f.run(
					{ resource: 'paymentRequest', operation: 'reconcile', paymentRequestId: '={{ $json.id }}', expectedAmount: '={{ $json.expected }}' },
					[
						{ id: paid.id, expected: 25 },
						{ id: open.id, expected: 30 },
						{ id: refunded.id, expected: 0 },
						{ id: withEverything.id, expected: 0 },
						{ id: range.id, expected: 0 },
					],
				);
			},
		},
	],
	'paymentRequest/createSchedule': [
		{ name: 'three monthly EBILL requests, scheduled', run: (f) => f.run(scheduleParams(newTransactionId('SC').slice(0, 20))) },
	],
	'paymentRequest/getScheduleStatus': [
		{
			name: 'one paid, one late, one upcoming',
			run: async (f, v, fresh) => {
				const g = await fresh();
				const [[{ json: plan }]] = await g.run(scheduleParams(newTransactionId('SS').slice(0, 20)));
				await g.sim.advanceClock({ to: `${plan.instalments[1].dueDate}T15:00:00Z` });
				await g.sim.clik2payPayerAction(plan.instalments[0].paymentRequestId, 'pay');
				await g.sim.advanceClock({ days: 2 });
				return await g.run({ resource: 'paymentRequest', operation: 'getScheduleStatus', planReference: '={{ $json.planReference }}', instalments: '={{ $json.instalments }}', options: { asOf: g.sim.clock().now } }, [plan]);
			},
		},
	],
	'refund/create': [
		{
			name: 'a paid request',
			run: async (f) => {
				const paid = await paymentRequest(f);
				await f.sim.clik2payPayerAction(paid.id, 'pay');
				return await f.run(refundParams(paid.id));
			},
		},
	],
	'refund/get': [
		{
			name: 'the refund just created',
			run: async (f) => {
				const paid = await paymentRequest(f);
				await f.sim.clik2payPayerAction(paid.id, 'pay');
				const [[refund]] = await f.run(refundParams(paid.id));
				return await f.run({ resource: 'refund', operation: 'get', paymentRequestId: paid.id, refundId: refund.json.id });
			},
		},
	],
	'payment/create': [{ name: 'send money', run: (f) => f.run(sendMoneyParams({ additionalFields: { merchantTransactionId: newTransactionId('M'), message: 'Thanks' } })) }],
};

module.exports = {
	nodes: [
		{ type: 'clickPesa', folder: 'ClickPesa', start: startClickPesa, startFresh: startNewMerchant, runs: clickPesaRuns },
		{ type: 'clik2pay', folder: 'Clik2pay', start: () => clik2payFixture(), startFresh: () => clik2payFixture(), runs: clik2payRuns },
	],
};
