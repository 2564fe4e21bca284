// @ts-check
const { CredentialStore } = require('../support/credentialStore');
const { webhookTrigger } = require('../support/runWebhook');

const { CHECKSUM_VECTOR_KEY: CHECKSUM_KEY, checksumVectors, paymentReceivedSample } = require('../support/checksumVectors');

const VECTOR_4_DIGEST = checksumVectors[3].digest;

/**
 * A ClickPesa Trigger with a credential in a fresh store.
 * @param {Record<string, unknown>} [parameters]
 * @param {Record<string, unknown>} [credential]
 * @param {string} [workflowId]
 */
function clickPesaTrigger(parameters = {}, credential = {}, workflowId) {
	const credentials = new CredentialStore();
	credentials.set('clickPesaApi', {
		clientId: 'SIMCLIENTID',
		apiKey: 'sim-api-key',
		checksumSecret: CHECKSUM_KEY,
		baseUrl: 'http://127.0.0.1:9/clickpesa/third-parties',
		rateLimitPerMinute: 0,
		token: '',
		...credential,
	});
	return { credentials, ...webhookTrigger({ type: 'clickPesaTrigger', parameters, credentials, credentialType: 'clickPesaApi', workflowId }) };
}

const WEBHOOK_USER = 'clik2pay-hooks';
const WEBHOOK_PASSWORD = 'correct horse battery staple';

/** @param {string} user @param {string} password */
const basic = (user, password) => `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
const GOOD_AUTH = basic(WEBHOOK_USER, WEBHOOK_PASSWORD);

/** The docs/clik2pay-api.md §8.6 sample event. */
function clik2payEvent(overrides = {}, resource = {}) {
	return {
		message: 'The payer successfully completed the transaction.',
		eventType: 'PAYMENT-COMPLETED',
		resourceType: 'payment-request',
		resource: {
			id: '8ecd810d-c0e2-40a6-8ab9-da12d72a3d6a',
			merchantTransactionId: null,
			amount: 1.0,
			type: 'EBILL',
			status: 'PAID',
			deliveryMode: 'SMS',
			merchant: { id: 'a7815ec3-72cd-4efe-b809-28f14501a5d3', name: 'Merchant name' },
			payer: { name: 'firstName lastName' },
			...resource,
		},
		...overrides,
	};
}

/**
 * @param {Record<string, unknown>} [parameters]
 * @param {Record<string, unknown>} [credential]
 * @param {string} [workflowId]
 */
function clik2payTrigger(parameters = {}, credential = {}, workflowId) {
	const credentials = new CredentialStore();
	credentials.set('clik2payApi', {
		environment: 'custom',
		authUrl: 'http://127.0.0.1:9/clik2pay/auth',
		baseUrl: 'http://127.0.0.1:9/clik2pay/open/v1',
		username: 'sim-user',
		password: 'sim-pass',
		apiKey: 'sim-c2p-api-key',
		webhookUsername: WEBHOOK_USER,
		webhookPassword: WEBHOOK_PASSWORD,
		accessToken: '',
		...credential,
	});
	return { credentials, ...webhookTrigger({ type: 'clik2payTrigger', parameters, credentials, credentialType: 'clik2payApi', workflowId }) };
}

/** Deterministic PRNG (mulberry32), so a failing fuzz case can be replayed from its seed. */
function prng(seed) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		/** @param {number} n */ int: (n) => Math.floor(next() * n),
		/** @template T @param {T[]} list @returns {T} */ pick: (list) => list[Math.floor(next() * list.length)],
	};
}

module.exports = {
	CHECKSUM_KEY,
	VECTOR_4_DIGEST,
	paymentReceivedSample,
	clickPesaTrigger,
	WEBHOOK_USER,
	WEBHOOK_PASSWORD,
	GOOD_AUTH,
	basic,
	clik2payEvent,
	clik2payTrigger,
	prng,
};
