// @ts-check
'use strict';

const { SimulatorError } = require('../errors');
const { randomDigits, randomHex } = require('../ids');
const { withToken } = require('./auth');
const { bookCollection } = require('./ledger');
const { PaymentStore } = require('./payment-store');
const { queryView } = require('./payment-views');
const { sendPaymentWebhook } = require('./payment-webhook');
const { messageError, validationError } = require('./responses');

/**
 * CRDB Direct Debit mandates (docs/clickpesa-api.md §4.17): request, get, cancel; the customer's
 * bank approves or rejects (control API), the decision is POSTed to `mandateCallbackUrl`, and an
 * ACTIVE mandate debits each instalment when the simulator's clock reaches its date: a normal
 * payment (SUCCESS, or FAILED when the test asked that instalment to fail) with channel
 * `CRDB DIRECT DEBIT MANDATE` and the mandate reference as order reference, with its webhook.
 *
 * The body ClickPesa POSTs to `mandateCallbackUrl` is not documented; the simulator sends
 * `{ mandateRequestId, mandateReference, mandateStatus }` (the nodes confirm with Get Mandate).
 */

const CHANNEL = 'CRDB DIRECT DEBIT MANDATE';
const FREQUENCY_TYPES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
const NOT_FOUND = 'CRDB direct debit mandate not found';
const DAY_MS = 86_400_000;

/**
 * @typedef {object} Mandate
 * @property {string} mandateRequestId
 * @property {string | null} mandateReference set when the bank approves
 * @property {string} mandateStatus REQUESTED | ACTIVE | REJECTED | CANCELLED
 * @property {string} mandateCallbackUrl
 * @property {string | null} mandateConfirmedAt
 * @property {{ fullName: string, email?: string, phoneNumber?: string }} customer
 * @property {string} phoneNumber
 * @property {string} debitAccount
 * @property {string} startDate YYYY-MM-DD
 * @property {string} endDate YYYY-MM-DD
 * @property {string} frequencyType
 * @property {number} frequency
 * @property {number} installmentAmount
 * @property {string | null} billDetails
 * @property {string[]} dueDates
 * @property {number} debited how many due dates were debited (successfully or not)
 * @property {number} completed successful debits
 * @property {number[]} failInstalments 1-based instalments whose debit fails
 * @property {string} clientId
 */

/** @param {unknown} value */
function toDay(value) {
	if (typeof value !== 'string') return null;
	const dayFirst = /^(\d{2})-(\d{2})-(\d{4})$/.exec(value);
	const day = dayFirst ? `${dayFirst[3]}-${dayFirst[2]}-${dayFirst[1]}` : value;
	if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
	return new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day ? day : null;
}

/**
 * Every due date from start to end (months from the start, clamped to the month's last day).
 * @param {string} start @param {string} end @param {string} type @param {number} every
 */
function dueDates(start, end, type, every) {
	const dates = [];
	const [year, month, date] = start.split('-').map(Number);
	for (let index = 0; index < 5000; index++) {
		let day;
		if (type === 'DAILY' || type === 'WEEKLY') {
			day = new Date(Date.parse(`${start}T00:00:00Z`) + index * every * (type === 'DAILY' ? 1 : 7) * DAY_MS).toISOString().slice(0, 10);
		} else {
			const months = index * every * (type === 'YEARLY' ? 12 : 1);
			const target = new Date(Date.UTC(year, month - 1 + months, 1));
			const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
			target.setUTCDate(Math.min(date, last));
			day = target.toISOString().slice(0, 10);
		}
		if (day > end) break;
		dates.push(day);
	}
	return dates;
}

/**
 * @param {Record<string, any>} body
 * @returns {string[]} what is wrong (NestJS lists every field)
 */
function mandateProblems(body) {
	const problems = [];
	const customer = body.customer;
	if (!customer || typeof customer !== 'object' || typeof customer.fullName !== 'string' || customer.fullName.trim() === '') {
		problems.push('customer.fullName should not be empty');
	}
	if (typeof body.phoneNumber !== 'string' || !/^255\d{9}$/.test(body.phoneNumber)) problems.push('phoneNumber must be 12 digits starting with 255');
	if (typeof body.debitAccount !== 'string' || !/^\d{6,20}$/.test(body.debitAccount)) problems.push('debitAccount must be a CRDB account number');
	const start = toDay(body.startDate);
	const end = toDay(body.endDate);
	if (!start) problems.push('startDate must be DD-MM-YYYY or YYYY-MM-DD');
	if (!end) problems.push('endDate must be DD-MM-YYYY or YYYY-MM-DD');
	if (start && end && end < start) problems.push('endDate must not be before startDate');
	if (!FREQUENCY_TYPES.includes(body.frequencyType)) problems.push(`frequencyType must be one of the following values: ${FREQUENCY_TYPES.join(', ')}`);
	if (body.frequency !== undefined && (!Number.isInteger(body.frequency) || body.frequency < 1)) problems.push('frequency must be a positive integer');
	if (typeof body.installmentAmount !== 'number' || !(body.installmentAmount > 0)) problems.push('installmentAmount must be a positive number');
	if (typeof body.mandateCallbackUrl !== 'string' || !/^https?:\/\/\S+$/.test(body.mandateCallbackUrl)) problems.push('mandateCallbackUrl must be a URL address');
	return problems;
}

/** @param {Mandate} mandate */
function planView(mandate) {
	const total = mandate.installmentAmount * mandate.dueDates.length;
	return {
		startDate: mandate.startDate,
		endDate: mandate.endDate,
		frequencyType: mandate.frequencyType,
		frequency: mandate.frequency,
		installmentAmount: mandate.installmentAmount,
		installmentsNumber: mandate.dueDates.length,
		installmentsCompleted: mandate.completed,
		remainingAmount: total - mandate.completed * mandate.installmentAmount,
		totalAmount: total,
		billDetails: mandate.billDetails,
	};
}

/** `GET /customers/crdb-direct-debit-mandate?requestId=` answer. @param {Mandate} mandate */
function mandateView(mandate) {
	return {
		mandateRequestId: mandate.mandateRequestId,
		mandateReference: mandate.mandateReference,
		mandateStatus: mandate.mandateStatus,
		mandateCallbackUrl: mandate.mandateCallbackUrl,
		mandateConfirmedAt: mandate.mandateConfirmedAt,
		crdbAccountDetails: { phoneNumber: mandate.phoneNumber, debitAccount: mandate.debitAccount, accountName: mandate.customer.fullName },
		paymentPlanDetails: planView(mandate),
	};
}

/** The short answer of request and cancel. @param {Mandate} mandate */
function shortView(mandate) {
	return {
		mandateRequestId: mandate.mandateRequestId,
		mandateStatus: mandate.mandateStatus,
		paymentsTotalAmount: mandate.installmentAmount * mandate.dueDates.length,
		paymentsInstallments: mandate.dueDates.length,
	};
}

/**
 * @param {{ ctx: import('../types').ProviderContext, tokens: import('../token-store').TokenStore, payments: PaymentStore, ledger: import('./ledger').Ledger }} deps
 */
function createMandates({ ctx, tokens, payments, ledger }) {
	/** @type {Map<string, Mandate>} */
	const byId = new Map();

	/** @param {Mandate} mandate */
	const notify = (mandate) =>
		ctx.webhooks.deliver({
			provider: 'clickpesa',
			url: mandate.mandateCallbackUrl,
			event: `MANDATE ${mandate.mandateStatus}`,
			body: { mandateRequestId: mandate.mandateRequestId, mandateReference: mandate.mandateReference, mandateStatus: mandate.mandateStatus },
		});

	/** Debits every due instalment of every ACTIVE mandate up to the simulator's clock (Dar es Salaam days). */
	async function debitDue() {
		const now = ctx.clock.now();
		const today = new Date(now.getTime() + 3 * 3_600_000).toISOString().slice(0, 10);
		for (const mandate of byId.values()) {
			while (mandate.mandateStatus === 'ACTIVE' && mandate.debited < mandate.dueDates.length && mandate.dueDates[mandate.debited] <= today) {
				mandate.debited++;
				const failed = mandate.failInstalments.includes(mandate.debited);
				const reference = /** @type {string} */ (mandate.mandateReference);
				let id = PaymentStore.newId(reference);
				while (payments.hasId(id)) id = PaymentStore.newId(reference);
				const at = new Date(`${mandate.dueDates[mandate.debited - 1]}T06:00:00Z`).toISOString();
				/** @type {import('./payment-store').PaymentRecord} */
				const payment = {
					id,
					orderReference: reference,
					status: failed ? 'FAILED' : 'SUCCESS',
					channel: CHANNEL,
					amount: String(mandate.installmentAmount),
					currency: 'TZS',
					phoneNumber: mandate.phoneNumber,
					paymentReference: failed ? null : randomHex(9),
					message: failed ? 'Insufficient balance' : 'success',
					customerName: mandate.customer.fullName,
					customerEmail: mandate.customer.email ?? null,
					clientId: mandate.clientId,
					createdAt: at,
					updatedAt: at,
				};
				payments.add(payment);
				if (!failed) {
					mandate.completed++;
					bookCollection(ledger, payment, ctx.config().clickpesa.billPayFee);
				}
				await sendPaymentWebhook(ctx, payment);
			}
		}
	}
	ctx.clock.onAdvance(debitDue);

	/** @type {import('../types').RouteDefinition[]} */
	const routes = [
		{
			method: 'POST',
			path: '/customers/crdb-direct-debit-mandate',
			body: 'json',
			handle: withToken(tokens, (req, clientId) => {
				const body = /** @type {Record<string, any>} */ (req.body);
				const problems = mandateProblems(body);
				if (problems.length > 0) return validationError(problems);
				const startDate = /** @type {string} */ (toDay(body.startDate));
				const endDate = /** @type {string} */ (toDay(body.endDate));
				const frequency = body.frequency ?? 1;
				/** @type {Mandate} */
				const mandate = {
					mandateRequestId: randomHex(12),
					mandateReference: null,
					mandateStatus: 'REQUESTED',
					mandateCallbackUrl: body.mandateCallbackUrl,
					mandateConfirmedAt: null,
					customer: { ...body.customer },
					phoneNumber: body.phoneNumber,
					debitAccount: body.debitAccount,
					startDate,
					endDate,
					frequencyType: body.frequencyType,
					frequency,
					installmentAmount: body.installmentAmount,
					billDetails: typeof body.billDetails === 'string' ? body.billDetails : null,
					dueDates: dueDates(startDate, endDate, body.frequencyType, frequency),
					debited: 0,
					completed: 0,
					failInstalments: [],
					clientId,
				};
				byId.set(mandate.mandateRequestId, mandate);
				return { status: 200, body: shortView(mandate) };
			}),
		},
		{
			method: 'GET',
			path: '/customers/crdb-direct-debit-mandate',
			body: 'none',
			handle: withToken(tokens, (req) => {
				const mandate = byId.get(req.query.get('requestId') ?? '');
				return mandate ? { status: 200, body: mandateView(mandate) } : { status: 404, body: { error: NOT_FOUND } };
			}),
		},
		{
			method: 'POST',
			path: '/customers/crdb-direct-debit-mandate/cancel',
			body: 'json',
			handle: withToken(tokens, (req) => {
				const mandate = byId.get(String(req.body.requestId ?? ''));
				if (!mandate) return { status: 404, body: { error: NOT_FOUND } };
				if (mandate.mandateStatus !== 'ACTIVE') {
					return validationError([`Cannot cancel CRDB direct debit mandate. Mandate must be ACTIVE to cancel. Current status: ${mandate.mandateStatus}`]);
				}
				mandate.mandateStatus = 'CANCELLED';
				void notify(mandate);
				return { status: 200, body: shortView(mandate) };
			}),
		},
	];

	return {
		routes,
		/**
		 * The customer's bank approves (ACTIVE, a mandate reference is assigned) or rejects the mandate;
		 * the decision goes to its callback URL.
		 * @param {string} requestId
		 * @param {unknown} decision 'approve' | 'reject'
		 * @param {unknown} [failInstalments] 1-based instalments whose debit will fail (insufficient balance)
		 */
		async decide(requestId, decision, failInstalments = []) {
			const mandate = byId.get(requestId);
			if (!mandate) throw new SimulatorError(404, NOT_FOUND);
			if (mandate.mandateStatus !== 'REQUESTED') throw new SimulatorError(409, `mandate ${requestId} is ${mandate.mandateStatus}, not REQUESTED`);
			if (decision !== 'approve' && decision !== 'reject') throw new SimulatorError(400, 'decision must be approve or reject');
			if (!Array.isArray(failInstalments) || !failInstalments.every((n) => Number.isInteger(n) && n >= 1)) {
				throw new SimulatorError(400, 'failInstalments must be a list of instalment numbers (1-based)');
			}
			mandate.failInstalments = /** @type {number[]} */ (failInstalments);
			mandate.mandateStatus = decision === 'approve' ? 'ACTIVE' : 'REJECTED';
			mandate.mandateConfirmedAt = ctx.clock.now().toISOString();
			if (decision === 'approve') mandate.mandateReference = `${1 + (Number(randomDigits(1)) % 9)}${randomDigits(6)}`;
			const callback = await notify(mandate);
			await debitDue();
			return { mandate: mandateView(mandate), callback };
		},
		/** Every mandate as Get Mandate shows it. */
		all: () => [...byId.values()].map(mandateView),
		clear: () => byId.clear(),
		queryView,
	};
}

module.exports = { createMandates, CHANNEL };
