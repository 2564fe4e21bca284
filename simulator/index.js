// @ts-check
'use strict';

const { createClickPesa, CLICKPESA_BASE } = require('./clickpesa');
const { SimulatorClock } = require('./clock');
const { createClik2pay, CLIK2PAY_AUTH_BASE, CLIK2PAY_API_BASE } = require('./clik2pay');
const { defaultConfig, mergeConfig, maskConfig } = require('./config');
const { controlRoutes } = require('./control');
const { CONTROL_PAGE_PATH } = require('./control-page');
const { SimulatorError } = require('./errors');
const { FaultList } = require('./faults');
const { RequestLog } = require('./request-log');
const { SimulatorServer, CONTROL_BASE } = require('./server');
const { TimerSet } = require('./timers');
const { WebhookSender } = require('./webhooks');

/** @typedef {import('./types').SimulatorConfig} SimulatorConfig */

const HOST = '127.0.0.1';

/**
 * @typedef {object} SimulatorOptions
 * @property {number} [port] default 0 = a free port
 * @property {string} [host] default 127.0.0.1; any other address (e.g. 0.0.0.0 in a container) also
 *   needs `allowNonLocalHost: true`, since everyone who can reach it can drive the control API
 * @property {boolean} [allowNonLocalHost] the explicit opt-in for a host other than 127.0.0.1
 * @property {number} [latencyMs]
 * @property {Partial<import('./types').ClickPesaConfig>} [clickpesa]
 * @property {Partial<import('./types').Clik2payConfig>} [clik2pay]
 */

/**
 * A running provider simulator. Create it with `startSimulator()`; end it with `stop()`.
 */
class Simulator {
	/** @type {SimulatorConfig} */
	#config;
	#timers = new TimerSet();
	#clock = new SimulatorClock();
	#requestLog = new RequestLog();
	#faults = new FaultList();
	#webhooks = new WebhookSender();
	/** @type {ReturnType<typeof createClickPesa>} */
	#clickpesa;
	/** @type {ReturnType<typeof createClik2pay>} */
	#clik2pay;
	/** @type {SimulatorServer} */
	#server;
	/** @type {Promise<void> | null} */
	#stopping = null;

	/** `http://127.0.0.1:PORT` */
	url = '';
	port = 0;
	/** Base URL for the ClickPesa credential: `${url}/clickpesa/third-parties` */
	clickpesaBaseUrl = '';
	/** Clik2pay auth host; the token endpoint is `${clik2payAuthUrl}/oauth2/token` */
	clik2payAuthUrl = '';
	/** Clik2pay API base: `${url}/clik2pay/open/v1` */
	clik2payBaseUrl = '';
	/** `${url}/__control` */
	controlUrl = '';
	/** `${url}/__control/page`: the simulator's own page (HTML) */
	controlPageUrl = '';

	/**
	 * Use `startSimulator()`; the constructor alone does not listen.
	 * @param {SimulatorConfig} config
	 */
	constructor(config) {
		this.#config = config;
		/** @type {import('./types').ProviderContext} */
		const ctx = { config: () => this.#config, timers: this.#timers, webhooks: this.#webhooks, publicUrl: () => this.url, clock: this.#clock };
		this.#clickpesa = createClickPesa(ctx);
		this.#clik2pay = createClik2pay(ctx);
		this.#server = new SimulatorServer({
			providers: [this.#clickpesa.provider, this.#clik2pay.provider],
			controlRoutes: controlRoutes(this),
			requestLog: this.#requestLog,
			faults: this.#faults,
			timers: this.#timers,
			latencyMs: () => this.#config.latencyMs,
		});
	}

	/**
	 * @param {SimulatorOptions} [options]
	 * @returns {Promise<Simulator>}
	 */
	static async start(options = {}) {
		const { port = 0, host = HOST, allowNonLocalHost = false, ...rest } = options;
		if (typeof host !== 'string' || host === '') throw new SimulatorError(400, 'host must be an address such as 127.0.0.1');
		if (host !== HOST && allowNonLocalHost !== true) {
			throw new SimulatorError(400, `the simulator listens on ${HOST} only, unless allowNonLocalHost is true`);
		}
		if (!Number.isInteger(port) || port < 0 || port > 65535) {
			throw new SimulatorError(400, 'port must be an integer from 0 to 65535');
		}
		const simulator = new Simulator(mergeConfig(defaultConfig(), rest));
		const boundPort = await simulator.#server.listen(port, host);
		simulator.port = boundPort;
		// A wildcard address is reached through 127.0.0.1 on this machine (and through the published
		// port from outside a container); hosted links point there.
		const reachable = host === '0.0.0.0' || host === '::' ? HOST : host.includes(':') ? `[${host}]` : host;
		simulator.url = `http://${reachable}:${boundPort}`;
		simulator.clickpesaBaseUrl = simulator.url + CLICKPESA_BASE;
		simulator.clik2payAuthUrl = simulator.url + CLIK2PAY_AUTH_BASE;
		simulator.clik2payBaseUrl = simulator.url + CLIK2PAY_API_BASE;
		simulator.controlUrl = simulator.url + CONTROL_BASE;
		simulator.controlPageUrl = simulator.controlUrl + CONTROL_PAGE_PATH;
		return simulator;
	}

	/** The simulator's time: `{ now, offsetMs }` (offset 0 until the clock is moved). */
	clock() {
		return this.#clock.view();
	}

	/**
	 * Moves the simulator's clock forward (`{ days }`, `{ ms }` or `{ to: ISO time }`); whatever is due
	 * by then happens (mandate debits, scheduled Clik2pay requests delivered), webhooks included.
	 * @param {unknown} move
	 */
	advanceClock(move) {
		return this.#clock.advance(move);
	}

	/** Requests per route key with counts by status, since the last reset. */
	stats() {
		return this.#requestLog.stats();
	}

	/**
	 * @param {number} [limit] default 100, at most 10,000
	 * @returns {import('./request-log').RequestLogEntry[]} the newest entries, oldest first
	 */
	requests(limit = 100) {
		return this.#requestLog.recent(limit);
	}

	/**
	 * Clears counters, the request log, rate-limit windows, the payout cooldown, faults and webhook
	 * records. With `state: true` it also drops payments, payouts, hosted links, the ledger (back to
	 * `startingBalance`), payment requests and every issued token.
	 * @param {{ state?: boolean }} [options]
	 */
	reset({ state = false } = {}) {
		this.#requestLog.clear();
		this.#faults.clear();
		this.#webhooks.clearRecords();
		this.#clickpesa.clearTraffic();
		if (state) {
			this.#clock.reset();
			this.#clickpesa.clearState();
			this.#clik2pay.clearState();
		}
	}

	/** @returns {SimulatorConfig} the effective configuration, secrets masked */
	getConfig() {
		return maskConfig(this.#config);
	}

	/**
	 * Deep-merges a patch into the configuration (arrays are replaced). Turning the ClickPesa checksum
	 * on or off invalidates the issued ClickPesa tokens, as ClickPesa does.
	 * @param {unknown} patch e.g. `{ clickpesa: { rateLimitPerMinute: 600 } }`
	 * @returns {SimulatorConfig} the effective configuration, secrets masked
	 */
	configure(patch) {
		const next = mergeConfig(this.#config, patch);
		const checksumToggled = (next.clickpesa.checksumKey === null) !== (this.#config.clickpesa.checksumKey === null);
		this.#config = next;
		if (checksumToggled) this.#clickpesa.tokens.expireAll();
		return this.getConfig();
	}

	/**
	 * @param {unknown} fault `{ route, kind, ms?, status?, body?, times?, afterProcessing? }`
	 * @returns {import('./faults').Fault}
	 */
	addFault(fault) {
		return this.#faults.add(fault, this.#server.routeKeys());
	}

	/** @returns {import('./faults').Fault[]} faults still waiting to apply */
	listFaults() {
		return this.#faults.list();
	}

	clearFaults() {
		this.#faults.clear();
	}

	/**
	 * The simulated customer answers the USSD prompt now (webhook included).
	 * @param {string} orderReference
	 * @param {unknown} [outcome] 'SUCCESS' | 'FAILED'; default: what the phone number decides
	 * @param {unknown} [message] status message; default 'success' or the failure reason
	 */
	completePayment(orderReference, outcome, message) {
		return this.#clickpesa.completePayment(orderReference, outcome, message);
	}

	/**
	 * The Clik2pay payer (or settlement) acts on a payment request now; the webhook goes out for
	 * follow-link, pay and fail.
	 * @param {string} id
	 * @param {string} action 'follow-link' | 'pay' | 'fail' | 'settle'
	 * @param {unknown} [amount] for paying a FLEX request
	 */
	clik2payPayerAction(id, action, amount) {
		return this.#clik2pay.payer.act(id, action, amount);
	}

	/**
	 * A customer pays into a BillPay control number now (PAYMENT RECEIVED webhook included).
	 * Refused payments (INACTIVE, EXACT mismatch, over the max collection amount) throw a 400
	 * SimulatorError with the reason; an unknown number a 404.
	 * @param {string} billPayNumber
	 * @param {unknown} amount
	 * @param {unknown} phoneNumber 255XXXXXXXXX
	 */
	payBill(billPayNumber, amount, phoneNumber) {
		return this.#clickpesa.payBill(billPayNumber, amount, phoneNumber);
	}

	/**
	 * The customer's bank decides a CRDB Direct Debit mandate now: `approve` (ACTIVE) or `reject`
	 * (REJECTED); the decision is POSTed to the mandate's callback URL. An ACTIVE mandate then debits
	 * its instalments as the clock reaches their dates; `failInstalments` (1-based) fail.
	 * @param {string} requestId
	 * @param {unknown} decision
	 * @param {unknown} [failInstalments]
	 */
	decideMandate(requestId, decision, failInstalments) {
		return this.#clickpesa.mandates.decide(requestId, decision, failInstalments);
	}

	/** Every CRDB Direct Debit mandate as Get Mandate shows it. */
	mandates() {
		return this.#clickpesa.mandates.all();
	}

	/**
	 * Credits the ClickPesa balance of `currency` with a `Deposit` statement entry (money to pay out).
	 * @param {unknown} currency 'TZS' | 'USD'
	 * @param {unknown} amount
	 * @returns {{ id: string, currency: string, amount: number, balance: number }}
	 */
	seedBalance(currency, amount) {
		return this.#clickpesa.seedBalance(currency, amount);
	}

	/** Every ClickPesa balance account with its full statement, payout counts by status, cooldown left. */
	ledger() {
		return this.#clickpesa.ledgerView();
	}

	/**
	 * The payout succeeds now (AUTHORIZED → SUCCESS, PAYOUT INITIATED sent).
	 * @param {string} orderReference
	 */
	completePayout(orderReference) {
		return this.#clickpesa.payouts.complete(orderReference);
	}

	/**
	 * The provider returns the payout (→ REVERSED, PAYOUT REVERSED sent, money credited back).
	 * @param {string} orderReference
	 * @param {unknown} [message]
	 * @param {unknown} [withFee] whether the fee comes back too (default true)
	 */
	reversePayout(orderReference, message, withFee) {
		return this.#clickpesa.payouts.reverse(orderReference, message, withFee);
	}

	/**
	 * ClickPesa returns the payout (→ REFUNDED, PAYOUT REFUNDED sent, money and fee credited back).
	 * @param {string} orderReference
	 * @param {unknown} [message]
	 */
	refundPayout(orderReference, message) {
		return this.#clickpesa.payouts.refund(orderReference, message);
	}

	/**
	 * What is left of the payout create cooldown: 0 ends it now.
	 * @param {unknown} remainingMs
	 * @returns {{ remainingMs: number }}
	 */
	setPayoutCooldown(remainingMs) {
		return this.#clickpesa.setPayoutCooldown(remainingMs);
	}

	/** Every hosted link (checkout, card, payout) the ClickPesa API handed out, with its state. */
	hostedLinks() {
		return this.#clickpesa.hostedLinks();
	}

	/**
	 * Every issued token of the provider (both when omitted) stops working now.
	 * @param {'clickpesa' | 'clik2pay'} [provider]
	 * @returns {number} how many tokens were dropped
	 */
	expireTokens(provider) {
		let count = 0;
		if (provider === undefined || provider === 'clickpesa') count += this.#clickpesa.tokens.expireAll();
		if (provider === undefined || provider === 'clik2pay') count += this.#clik2pay.tokens.expireAll();
		return count;
	}

	/**
	 * Inserts ClickPesa payments directly (no USSD flow, no webhooks).
	 * @param {import('./clickpesa/seed').SeedOptions} options
	 * @returns {string[]} their order references
	 */
	seedPayments(options) {
		return this.#clickpesa.seedPayments(options);
	}

	/**
	 * Sends one arbitrary ClickPesa webhook (signed, unsigned, legacy, wrong key, tampered, raw) to
	 * `clickpesa.webhookUrl`; see clickpesa/webhook-send.js.
	 * @param {unknown} order
	 * @returns {Promise<import('./webhooks').WebhookDelivery>}
	 */
	sendClickPesaWebhook(order) {
		return this.#clickpesa.sendWebhook(order);
	}

	/**
	 * Sends one Clik2pay webhook call (valid, missing or wrong Basic auth; any body) to
	 * `clik2pay.webhookUrl`; see clik2pay/webhook-send.js.
	 * @param {unknown} order
	 * @returns {Promise<import('./webhooks').WebhookDelivery>}
	 */
	sendClik2payWebhook(order) {
		return this.#clik2pay.sendWebhook(order);
	}

	/**
	 * Every ClickPesa collection and payout and every Clik2pay payment request, oldest first, in
	 * the shapes the providers' query endpoints answer.
	 * @returns {{ clickpesa: { payments: Record<string, unknown>[], payouts: Record<string, unknown>[] }, clik2pay: { paymentRequests: Record<string, unknown>[] } }}
	 */
	overview() {
		return { clickpesa: this.#clickpesa.records(), clik2pay: { paymentRequests: this.#clik2pay.paymentRequests() } };
	}

	/** @returns {string[]} the key of every provider route, as faults and counters name them */
	routeKeys() {
		return this.#server.routeKeys();
	}

	/** @returns {import('./webhooks').WebhookDelivery[]} oldest first */
	webhookDeliveries() {
		return this.#webhooks.deliveries();
	}

	/** Closes the server, drops every connection and timer, and aborts webhook deliveries. */
	stop() {
		this.#stopping ??= (async () => {
			this.#clickpesa.customer.clear();
			this.#clickpesa.payouts.clear();
			this.#timers.clearAll();
			this.#webhooks.abortAll();
			await this.#server.close();
		})();
		return this.#stopping;
	}
}

/**
 * Starts a simulator on 127.0.0.1 (or, with `allowNonLocalHost`, on `host`).
 * @param {SimulatorOptions} [options]
 * @returns {Promise<Simulator>}
 */
function startSimulator(options) {
	return Simulator.start(options);
}

module.exports = { startSimulator, Simulator, SimulatorError };
