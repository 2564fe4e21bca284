// @ts-check
'use strict';

const { SimulatorError } = require('../errors');
const { randomHex } = require('../ids');
const { bookPayment, detailsView, paymentRefusal } = require('./billpay-store');
const { bookCollection } = require('./ledger');
const { PaymentStore } = require('./payment-store');
const { queryView } = require('./payment-views');
const { sendPaymentWebhook } = require('./payment-webhook');
const { accountNameFor, lookupPhone } = require('./phone');

/**
 * A customer pays into a control number (control API). The payment is recorded as a collection
 * whose `orderReference` is the control number: docs/clickpesa-api.md presumes this but does not
 * confirm it (§4.5, §7.6, §10). It is SUCCESS at once, visible through
 * `GET /payments/{orderReference}` and `/payments/all`, and fires PAYMENT RECEIVED. Refused
 * payments change nothing.
 * It is credited to the balance net of `billPayFee` (0 by default: §4.7 says BillPay is fee-free).
 * @param {{ ctx: import('../types').ProviderContext, billPay: import('./billpay-store').BillPayStore, payments: PaymentStore, ledger: import('./ledger').Ledger }} deps
 * @param {string} billPayNumber
 * @param {unknown} amountInput a number or numeric string
 * @param {unknown} phoneInput 255XXXXXXXXX of the payer
 */
async function payBill({ ctx, billPay, payments, ledger }, billPayNumber, amountInput, phoneInput) {
	const record = billPay.get(billPayNumber);
	if (!record) throw new SimulatorError(404, `BillPay number ${billPayNumber} does not exist`);
	const amount = typeof amountInput === 'string' && amountInput.trim() !== '' ? Number(amountInput) : amountInput;
	if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0.01 || Math.round(amount * 100) / 100 !== amount) {
		throw new SimulatorError(400, 'amount must be a number of at least 0.01 with at most 2 decimals');
	}
	const phone = typeof phoneInput === 'string' ? lookupPhone(phoneInput) : null;
	if (!phone?.supported) throw new SimulatorError(400, 'phoneNumber must be a supported mobile-money number, e.g. 255712345678');
	const phoneNumber = /** @type {string} */ (phoneInput);
	const refusal = paymentRefusal(record, amount);
	if (refusal) throw new SimulatorError(400, refusal);

	bookPayment(record, amount);
	// The simulator's clock: a plan's instalments are paid on the days a test moves it to.
	const now = ctx.clock.now().toISOString();
	let id = PaymentStore.newId(billPayNumber);
	while (payments.hasId(id)) id = PaymentStore.newId(billPayNumber);
	/** @type {import('./payment-store').PaymentRecord} */
	const payment = {
		id,
		orderReference: billPayNumber,
		status: 'SUCCESS',
		channel: phone.channel,
		amount: String(amount),
		currency: 'TZS',
		phoneNumber,
		paymentReference: randomHex(9),
		message: 'success',
		customerName: record.billCustomerName ?? accountNameFor(phoneNumber),
		customerEmail: record.customerEmail,
		clientId: record.clientId,
		createdAt: now,
		updatedAt: now,
	};
	payments.add(payment);
	bookCollection(ledger, payment, ctx.config().clickpesa.billPayFee);
	const webhook = await sendPaymentWebhook(ctx, payment);
	return { payment: queryView(payment), billPay: detailsView(record), webhook };
}

module.exports = { payBill };
