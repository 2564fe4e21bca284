// @ts-check
const { startSimulator } = require('../../simulator');
const { CredentialStore } = require('../support/credentialStore');
const { runNode } = require('../support/runNode');

const CLIENT = { clientId: 'SIMCLIENTID', apiKey: 'sim-api-key' };

const ROUTES = {
	token: 'clickpesa POST /generate-token',
	preview: 'clickpesa POST /payments/preview-ussd-push-request',
	initiate: 'clickpesa POST /payments/initiate-ussd-push-request',
	query: 'clickpesa GET /payments/:orderReference',
	all: 'clickpesa GET /payments/all',
};

let referenceCounter = 0;
/** A fresh order reference per call, letters and digits only. */
function newReference(prefix = 'T') {
	referenceCounter++;
	return `${prefix}${Date.now().toString(36).toUpperCase()}${referenceCounter}`;
}

/** A simulator plus a credential store pointing at it; `run` executes the ClickPesa node. */
async function clickPesaFixture(simulatorOptions = {}, credentialOverrides = {}) {
	const sim = await startSimulator({
		port: 0,
		...simulatorOptions,
		clickpesa: { customerDelayMs: null, ...simulatorOptions.clickpesa },
	});
	const credentials = new CredentialStore();
	credentials.set('clickPesaApi', {
		...CLIENT,
		baseUrl: sim.clickpesaBaseUrl,
		checksumSecret: '',
		rateLimitPerMinute: 0,
		token: '',
		...credentialOverrides,
	});
	return {
		sim,
		credentials,
		/** @param {Record<string, unknown>} parameters @param {Array<Record<string, unknown>>} [items] @param {any} [onError] */
		run: (parameters, items = [{}], onError, typeVersion) =>
			runNode({ type: 'clickPesa', parameters, items, credentials, credentialType: 'clickPesaApi', onError, typeVersion }),
		/** @param {string} route */
		count: async (route) => (await sim.stats()).counts[route]?.total ?? 0,
		/** @param {string} route @param {number} status */
		countStatus: async (route, status) => (await sim.stats()).counts[route]?.byStatus?.[String(status)] ?? 0,
	};
}

function initiateParams(orderReference, phoneNumber = '0712 345 678', amount = 1000) {
	return { resource: 'payment', operation: 'initiateUssdPush', amount, currency: 'TZS', orderReference, phoneNumber };
}

/** Payout parameters: mobile money, bank and Lipa Namba creates (`extra` sets the operation for previews). */
const TANQR =
	'00020101021126360014tz.go.bot.tips0103503020750123455204581253038345802TZ5922MAMA NTILIE RESTAURANT6013DAR ES SALAAM630474E5';
/** No spacing between creates: the simulator's cooldown is off unless a test turns it on. */
const NO_SPACING = { payoutSpacingSeconds: 0 };
const bank = (bic, mode = 'list') => ({ __rl: true, mode, value: bic });

function mobileParams(orderReference, extra = {}) {
	return {
		resource: 'payout',
		operation: 'createMobileMoney',
		amount: 10000,
		currency: 'TZS',
		orderReference,
		phoneNumber: '0712 345 678',
		options: NO_SPACING,
		...extra,
	};
}

function bankParams(orderReference, extra = {}) {
	return {
		resource: 'payout',
		operation: 'createBank',
		amount: 200000,
		currency: 'TZS',
		orderReference,
		bank: bank('CORUTZTZ'),
		accountNumber: '0150123456789',
		fillAccountName: false,
		accountName: 'TEMBO SHOP',
		transferType: 'ACH',
		accountCurrency: 'TZS',
		options: NO_SPACING,
		...extra,
	};
}

function lipaParams(orderReference, extra = {}) {
	return {
		resource: 'payout',
		operation: 'createLipaNamba',
		amount: 15000,
		currency: 'TZS',
		orderReference,
		lipaNamba: '',
		provider: { __rl: true, mode: 'list', value: '' },
		qrCode: '',
		options: NO_SPACING,
		...extra,
	};
}

module.exports = { clickPesaFixture, initiateParams, newReference, ROUTES, CLIENT, NO_SPACING, TANQR, bank, mobileParams, bankParams, lipaParams };

