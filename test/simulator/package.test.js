'use strict';

/**
 * The simulator as its own npm package (simulator/package.json, `clickpesa-clik2pay-simulator`), for
 * people who install the nodes from n8n's Community Nodes panel and have no clone: pack it, install the
 * tarball into an empty folder (offline: it has no dependencies), run its bin, stop it by its pid.
 */
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { call } = require('./helpers');

const SIMULATOR_DIR = path.join(__dirname, '../../simulator');
const NAME = 'clickpesa-clik2pay-simulator';

jest.setTimeout(120_000);

/** Every `require('…')` of a simulator source file. */
function requiresOf(file) {
	return [...fs.readFileSync(file, 'utf8').matchAll(/require\('([^']+)'\)/g)].map((match) => match[1]);
}

function sourceFiles(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return entry.name.endsWith('.js') ? [full] : [];
	});
}

describe('the simulator package', () => {
	let workDir;
	const npmEnv = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
	const npm = (args, cwd) => execFileSync('npm', args, { cwd, env: npmEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

	beforeAll(() => {
		workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-package-'));
	});
	afterAll(() => {
		if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
	});

	test('is self-contained: no dependencies, every require a Node built-in or a file inside simulator/', () => {
		const manifest = JSON.parse(fs.readFileSync(path.join(SIMULATOR_DIR, 'package.json'), 'utf8'));
		expect(manifest).toMatchObject({ name: NAME, license: 'MIT', bin: { [NAME]: 'cli.js' } });
		expect(manifest.dependencies).toBeUndefined();
		expect(fs.readFileSync(path.join(SIMULATOR_DIR, 'cli.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
		for (const file of sourceFiles(SIMULATOR_DIR)) {
			for (const target of requiresOf(file)) {
				if (target.startsWith('node:')) continue;
				expect(target).toMatch(/^\.\.?\//);
				const resolved = require.resolve(path.resolve(path.dirname(file), target));
				expect(path.relative(SIMULATOR_DIR, resolved).startsWith('..')).toBe(false);
			}
		}
	});

	test('packs, installs offline into an empty folder, and its bin starts, serves and stops', async () => {
		const packDir = path.join(workDir, 'pack');
		const appDir = path.join(workDir, 'app');
		fs.mkdirSync(packDir);
		fs.mkdirSync(appDir);
		const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', packDir], SIMULATOR_DIR));
		const files = packed.files.map((file) => file.path);
		expect(files).toEqual(expect.arrayContaining(['cli.js', 'index.js', 'control-page.js', 'clickpesa/html.js', 'clik2pay/index.js', 'README.md', 'LICENSE', 'package.json']));
		expect(files.every((file) => file.endsWith('.js') || ['README.md', 'LICENSE', 'package.json'].includes(file))).toBe(true);

		fs.writeFileSync(path.join(appDir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
		npm(['install', '--offline', '--no-package-lock', path.join(packDir, packed.filename)], appDir);
		expect(fs.readdirSync(path.join(appDir, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual([NAME]);

		const bin = path.join(appDir, 'node_modules', '.bin', NAME);
		const child = spawn(bin, ['--port', '0', '--customer-delay', 'never'], { cwd: appDir, env: npmEnv, stdio: ['ignore', 'pipe', 'pipe'] });
		const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
		let output = '';
		const urls = await new Promise((resolve, reject) => {
			child.stdout.on('data', (chunk) => {
				output += chunk;
				const line = output.split('\n').find((text) => text.startsWith('SIMULATOR_READY '));
				if (line) resolve(JSON.parse(line.slice('SIMULATOR_READY '.length)));
			});
			child.on('exit', (code) => reject(new Error(`exited with ${code} before SIMULATOR_READY: ${output}`)));
		});
		try {
			expect(urls.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			const token = await call(`${urls.clickpesaBaseUrl}/generate-token`, { method: 'POST', headers: { 'client-id': 'SIMCLIENTID', 'api-key': 'sim-api-key' } });
			expect(token.status).toBe(200);
			const pageAnswer = await fetch(urls.controlPageUrl);
			expect(pageAnswer.status).toBe(200);
			expect(await pageAnswer.text()).toContain('<h1>Simulator control</h1>');
		} finally {
			process.kill(child.pid, 'SIGTERM');
		}
		expect(await exited).toEqual({ code: 0, signal: null });
	});

	test('--host 0.0.0.0 listens beyond 127.0.0.1 with a warning; the URLs still name 127.0.0.1', async () => {
		const child = spawn(process.execPath, [path.join(SIMULATOR_DIR, 'cli.js'), '--port', '0', '--host', '0.0.0.0'], { stdio: ['ignore', 'pipe', 'pipe'] });
		const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
		let output = '';
		let errors = '';
		child.stderr.on('data', (chunk) => {
			errors += chunk;
		});
		const urls = await new Promise((resolve, reject) => {
			child.stdout.on('data', (chunk) => {
				output += chunk;
				const line = output.split('\n').find((text) => text.startsWith('SIMULATOR_READY '));
				if (line) resolve(JSON.parse(line.slice('SIMULATOR_READY '.length)));
			});
			child.on('exit', (code) => reject(new Error(`exited with ${code} before SIMULATOR_READY: ${output}${errors}`)));
		});
		try {
			expect(urls.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			// stderr and stdout arrive independently: wait (bounded) for the warning.
			for (let i = 0; i < 100 && !errors.includes('WARNING: listening on 0.0.0.0'); i++) await new Promise((resolve) => setTimeout(resolve, 50));
			expect(errors).toContain('WARNING: listening on 0.0.0.0');
			expect((await call(`${urls.controlUrl}/stats`)).status).toBe(200);
		} finally {
			process.kill(child.pid, 'SIGTERM');
		}
		expect(await exited).toEqual({ code: 0, signal: null });
	});
});
