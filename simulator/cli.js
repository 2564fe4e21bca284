#!/usr/bin/env node
// @ts-check
'use strict';

const { defaultConfig } = require('./config');
const { startSimulator } = require('./index');

const USAGE = `Usage: clickpesa-clik2pay-simulator [options]   (in a clone: node simulator/cli.js)

  --port N             port (default 4010; 0 = any free port)                    env SIM_PORT
  --host ADDRESS       address to listen on (default 127.0.0.1). Only in a
                       container or a private network: e.g. 0.0.0.0 lets anyone
                       who reaches the port use the simulator and its control
                       API (no authentication)                                   env SIM_HOST
  --latency MS         added to every API response (default 0)                   env SIM_LATENCY_MS
  --rate-limit N       ClickPesa requests per minute per address (default 120,
                       0 = off)                                                  env SIM_RATE_LIMIT
  --checksum-key KEY   require ClickPesa checksums signed with KEY (default off) env SIM_CHECKSUM_KEY
  --webhook-url URL    ClickPesa webhook receiver (default none)                 env SIM_WEBHOOK_URL
  --customer-delay MS  the simulated customer answers after MS (default 3000;
                       "never" = only when told via the control API)             env SIM_CUSTOMER_DELAY_MS
  --payout-delay MS    payouts turn SUCCESS after MS (default 3000; "never")     env SIM_PAYOUT_DELAY_MS
  --payout-cooldown MS pause between payout creates (default 60000, 0 = off)     env SIM_PAYOUT_COOLDOWN_MS
  --balance TZS        starting TZS balance, as a deposit (default none)         env SIM_BALANCE_TZS
  --return-url URL     where hosted pages send the customer after paying
                       (default: the simulator's "Payment complete" page)        env SIM_RETURN_URL
  --help
`;

const LOCAL_HOST = '127.0.0.1';

/** option name → environment variable */
const OPTIONS = {
	port: 'SIM_PORT',
	host: 'SIM_HOST',
	latency: 'SIM_LATENCY_MS',
	'rate-limit': 'SIM_RATE_LIMIT',
	'checksum-key': 'SIM_CHECKSUM_KEY',
	'webhook-url': 'SIM_WEBHOOK_URL',
	'customer-delay': 'SIM_CUSTOMER_DELAY_MS',
	'payout-delay': 'SIM_PAYOUT_DELAY_MS',
	'payout-cooldown': 'SIM_PAYOUT_COOLDOWN_MS',
	balance: 'SIM_BALANCE_TZS',
	'return-url': 'SIM_RETURN_URL',
};

/**
 * @param {string[]} argv
 * @param {NodeJS.ProcessEnv} env
 * @returns {Record<string, string>} option name → raw value; command-line values win over env
 */
function readOptions(argv, env) {
	/** @type {Record<string, string>} */
	const values = {};
	for (const [name, variable] of Object.entries(OPTIONS)) {
		const value = env[variable];
		if (value !== undefined && value !== '') values[name] = value;
	}
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') {
			values.help = 'true';
			continue;
		}
		const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
		if (!match || !Object.hasOwn(OPTIONS, match[1])) throw new Error(`unknown argument: ${arg}`);
		const value = match[2] ?? argv[++i];
		if (value === undefined) throw new Error(`--${match[1]} needs a value`);
		values[match[1]] = value;
	}
	return values;
}

/**
 * @param {string} text
 * @param {string} name
 * @returns {number}
 */
function toNumber(text, name) {
	const value = Number(text);
	if (text.trim() === '' || !Number.isFinite(value)) throw new Error(`--${name} must be a number`);
	return value;
}

/**
 * @param {Record<string, string>} values
 * @returns {import('./index').SimulatorOptions}
 */
function toSimulatorOptions(values) {
	/** @type {Partial<import('./types').ClickPesaConfig>} */
	const clickpesa = {};
	if (values['rate-limit'] !== undefined) clickpesa.rateLimitPerMinute = toNumber(values['rate-limit'], 'rate-limit');
	if (values['checksum-key'] !== undefined) clickpesa.checksumKey = values['checksum-key'];
	if (values['webhook-url'] !== undefined) clickpesa.webhookUrl = values['webhook-url'];
	const delay = values['customer-delay'];
	if (delay !== undefined) {
		clickpesa.customerDelayMs = ['never', 'null', 'off'].includes(delay) ? null : toNumber(delay, 'customer-delay');
	}
	const payoutDelay = values['payout-delay'];
	if (payoutDelay !== undefined) {
		clickpesa.payoutDelayMs = ['never', 'null', 'off'].includes(payoutDelay) ? null : toNumber(payoutDelay, 'payout-delay');
	}
	if (values['payout-cooldown'] !== undefined) clickpesa.payoutCooldownMs = toNumber(values['payout-cooldown'], 'payout-cooldown');
	if (values.balance !== undefined) clickpesa.startingBalance = { TZS: toNumber(values.balance, 'balance') };
	if (values['return-url'] !== undefined) clickpesa.returnUrl = values['return-url'];
	const host = values.host ?? LOCAL_HOST;
	return {
		port: values.port === undefined ? 4010 : toNumber(values.port, 'port'),
		host,
		allowNonLocalHost: host !== LOCAL_HOST,
		latencyMs: values.latency === undefined ? 0 : toNumber(values.latency, 'latency'),
		clickpesa,
	};
}

/**
 * @param {import('./index').Simulator} simulator
 * @returns {string}
 */
function banner(simulator) {
	const config = simulator.getConfig();
	// The command line cannot change the clients, so the built-in default credentials are the ones in use.
	const clickpesaClient = defaultConfig().clickpesa.clients[0];
	const clik2payClient = defaultConfig().clik2pay.clients[0];
	const checksum = config.clickpesa.checksumKey ? 'required (the key given with --checksum-key)' : 'off';
	return [
		'ClickPesa / Clik2pay simulator (no real money moves)',
		'',
		`ClickPesa    Base URL       ${simulator.clickpesaBaseUrl}`,
		`             Client ID      ${clickpesaClient.clientId}`,
		`             API Key        ${clickpesaClient.apiKey}`,
		`             Checksum       ${checksum}`,
		`             Webhook URL    ${config.clickpesa.webhookUrl ?? '(none)'}`,
		`Clik2pay     Auth URL       ${simulator.clik2payAuthUrl}  (token: /oauth2/token)`,
		`             API base URL   ${simulator.clik2payBaseUrl}`,
		`             Username       ${clik2payClient.username}`,
		`             Password       ${clik2payClient.password}`,
		`             API Key        ${clik2payClient.apiKey}`,
		`Control page ${simulator.controlPageUrl}  (open in a browser: approve payments, faults, logs)`,
		`Control API  ${simulator.controlUrl}  (JSON, see simulator/README.md)`,
		'',
		'Ctrl+C stops the simulator.',
		'',
	].join('\n');
}

async function main() {
	let values;
	try {
		values = readOptions(process.argv.slice(2), process.env);
	} catch (error) {
		process.stderr.write(`${error instanceof Error ? error.message : error}\n\n${USAGE}`);
		process.exitCode = 2;
		return;
	}
	if (values.help) {
		process.stdout.write(USAGE);
		return;
	}
	let simulator;
	let options;
	try {
		options = toSimulatorOptions(values);
		simulator = await startSimulator(options);
	} catch (error) {
		process.stderr.write(`cannot start the simulator: ${error instanceof Error ? error.message : error}\n`);
		process.exitCode = 2;
		return;
	}
	process.stdout.write(banner(simulator));
	if (options.host !== LOCAL_HOST) {
		process.stderr.write(
			`WARNING: listening on ${options.host}, not only 127.0.0.1: anyone who can reach port ${simulator.port} can call the simulated APIs and its control API (no authentication). Use this only inside a container or a private network.\n`,
		);
	}
	const ready = {
		url: simulator.url,
		clickpesaBaseUrl: simulator.clickpesaBaseUrl,
		clik2payAuthUrl: simulator.clik2payAuthUrl,
		clik2payBaseUrl: simulator.clik2payBaseUrl,
		controlUrl: simulator.controlUrl,
		controlPageUrl: simulator.controlPageUrl,
	};

	const shutdown = async () => {
		process.off('SIGINT', shutdown);
		process.off('SIGTERM', shutdown);
		await simulator.stop();
		process.exitCode = 0;
		// Everything is closed, so the process ends by itself; this only covers a stray handle.
		setTimeout(() => process.exit(0), 1000).unref();
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
	// Announced only once the signal handlers are in place: writes to a pipe are synchronous, so a
	// parent that signals as soon as it reads this line could otherwise kill the process outright.
	process.stdout.write(`SIMULATOR_READY ${JSON.stringify(ready)}\n`);
}

main();
