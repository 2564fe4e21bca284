'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');
const { call } = require('./helpers');

const CLI = path.join(__dirname, '../../simulator/cli.js');

/** Starts the CLI and resolves with the parsed SIMULATOR_READY line and everything printed so far. */
function startCli(args, env = {}) {
	const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const ready = new Promise((resolve, reject) => {
		child.stdout.on('data', (chunk) => {
			output += chunk;
			const line = output.split('\n').find((text) => text.startsWith('SIMULATOR_READY '));
			if (line) resolve({ urls: JSON.parse(line.slice('SIMULATOR_READY '.length)), output });
		});
		child.on('exit', (code) => reject(new Error(`exited with ${code} before ready: ${output}`)));
	});
	ready.catch(() => {}); // a test that expects the CLI to fail never awaits `ready`
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	return { child, ready, exited };
}

describe('simulator CLI', () => {
	test('prints the URLs and credentials, serves requests, and exits 0 on SIGTERM', async () => {
		const { child, ready, exited } = startCli(['--port', '0', '--rate-limit', '7', '--customer-delay', 'never'], {
			SIM_LATENCY_MS: '1',
		});
		const { urls, output } = await ready;
		expect(urls.clickpesaBaseUrl).toBe(`${urls.url}/clickpesa/third-parties`);
		expect(urls.controlUrl).toBe(`${urls.url}/__control`);
		expect(urls.controlPageUrl).toBe(`${urls.url}/__control/page`);
		expect(output).toContain(`Control page ${urls.controlPageUrl}`);
		for (const text of ['SIMCLIENTID', 'sim-api-key', 'sim-user', 'sim-pass', 'sim-c2p-api-key', urls.clik2payAuthUrl]) {
			expect(output).toContain(text);
		}
		const config = await call(`${urls.controlUrl}/config`);
		expect(config.body).toMatchObject({ latencyMs: 1, clickpesa: { rateLimitPerMinute: 7, customerDelayMs: null } });
		child.kill('SIGTERM');
		expect(await exited).toEqual({ code: 0, signal: null });
	});

	test('payout options: delay, cooldown and a TZS starting balance', async () => {
		const { child, ready, exited } = startCli(['--port', '0', '--payout-delay', 'never', '--balance', '250000'], { SIM_PAYOUT_COOLDOWN_MS: '0' });
		const { urls } = await ready;
		const config = await call(`${urls.controlUrl}/config`);
		expect(config.body.clickpesa).toMatchObject({ payoutDelayMs: null, payoutCooldownMs: 0, startingBalance: { TZS: 250000 } });
		const ledger = await call(`${urls.controlUrl}/clickpesa/ledger`);
		expect(ledger.body.accounts[0].accountDetails).toMatchObject({ currency: 'TZS', closingBalance: 250000 });
		child.kill('SIGTERM');
		expect(await exited).toEqual({ code: 0, signal: null });
	});

	test('exits 0 on SIGINT', async () => {
		const { child, ready, exited } = startCli(['--port=0']);
		await ready;
		child.kill('SIGINT');
		expect(await exited).toEqual({ code: 0, signal: null });
	});

	test('refuses unknown arguments with exit code 2', async () => {
		const { exited } = startCli(['--bogus']);
		expect(await exited).toEqual({ code: 2, signal: null });
	});
});
