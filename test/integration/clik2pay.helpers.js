// @ts-check
const { startSimulator } = require('../../simulator');
const { CredentialStore } = require('../support/credentialStore');
const { runNode } = require('../support/runNode');

const ROUTES = {
	token: 'clik2pay POST /oauth2/token',
	create: 'clik2pay POST /payment-requests',
	get: 'clik2pay GET /payment-requests/:id',
	cancel: 'clik2pay POST /payment-requests/:id/cancellation',
	refund: 'clik2pay POST /payment-requests/:id/refunds',
	getRefund: 'clik2pay GET /payment-requests/:id/refunds/:refundId',
	sendMoney: 'clik2pay POST /payments',
};

const SECRETS = { password: 'sim-pass', apiKey: 'sim-c2p-api-key' };

let counter = 0;
/** A fresh merchant transaction id (6–32 characters). */
function newTransactionId(prefix = 'T') {
	counter++;
	return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

/** A simulator plus a `clik2payApi` credential pointing at it; `run` executes the Clik2pay node. */
async function clik2payFixture(simulatorOptions = {}) {
	const sim = await startSimulator({ port: 0, ...simulatorOptions });
	const credentials = new CredentialStore();
	credentials.set('clik2payApi', {
		environment: 'custom',
		authUrl: sim.clik2payAuthUrl,
		baseUrl: sim.clik2payBaseUrl,
		username: 'sim-user',
		password: SECRETS.password,
		apiKey: SECRETS.apiKey,
		accessToken: '',
	});
	return {
		sim,
		credentials,
		/** @param {Record<string, unknown>} parameters @param {Array<Record<string, unknown>>} [items] @param {any} [onError] */
		run: (parameters, items = [{}], onError, asTool = false) =>
			runNode({ type: 'clik2pay', parameters, items, credentials, credentialType: 'clik2payApi', onError, asTool }),
		/** @param {string} route */
		count: (route) => sim.stats().counts[route]?.total ?? 0,
		/** @param {string} route @param {number} status */
		countStatus: (route, status) => sim.stats().counts[route]?.byStatus?.[String(status)] ?? 0,
	};
}

/** Node parameters for Payment Request → Create. */
function createParams(overrides = {}) {
	return {
		resource: 'paymentRequest',
		operation: 'create',
		type: 'ECOMM',
		amount: 25,
		payerName: 'Jane Doe',
		payerEmail: 'jane@example.com',
		payerMobileNumber: '+1 (416) 555-1234',
		deliveryMode: 'NONE',
		additionalFields: {},
		...overrides,
	};
}

function refundParams(paymentRequestId, overrides = {}) {
	return {
		resource: 'refund',
		operation: 'create',
		paymentRequestId,
		amount: 10,
		recipientEmail: 'jane@example.com',
		recipientMobileNumber: '416 555 1234',
		...overrides,
	};
}

function sendMoneyParams(overrides = {}) {
	return {
		resource: 'payment',
		operation: 'create',
		amount: 15.75,
		recipientEmail: 'pat@example.com',
		recipientMobileNumber: '(250) 555-0199',
		additionalFields: {},
		...overrides,
	};
}

/** A calendar day in Toronto (UTC-5, near enough for test dates), `days` after today. */
const torontoDay = (days) => new Date(Date.now() - 5 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** Payment Request → Create Schedule: 3 monthly EBILL instalments of 1000 CAD from 5 days after today. */
function scheduleParams(planReference, extra = {}) {
	return {
		resource: 'paymentRequest',
		operation: 'createSchedule',
		planReference,
		payerName: 'Jane Doe',
		payerEmail: 'jane@example.com',
		payerMobileNumber: '',
		deliveryMode: 'EMAIL',
		amountType: 'EBILL',
		totalAmount: 3000,
		instalmentAmount: 1000,
		firstDueDate: torontoDay(5),
		frequency: 'MONTHLY',
		every: 1,
		ends: 'count',
		instalmentCount: 3,
		...extra,
	};
}


module.exports = { scheduleParams, torontoDay, clik2payFixture, createParams, refundParams, sendMoneyParams, newTransactionId, ROUTES, SECRETS };
