// @ts-check
/**
 * What `npm start` prints in the terminal before n8n is up (README "First start"): a busy port is
 * reported by scripts/start-ports.js before anything is installed, naming the variable to set; a
 * busy default moves on to the next free port and says so; installs show a progress line
 * (scripts/toolchain.sh run_npm) and fold npm's allowScripts notice into one line. The install is a
 * real `npm install` of a local tarball whose postinstall script waits, offline.
 */
'use strict';

const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');

const { waitFor } = require('../../scripts/n8n/process');

const ROOT = path.resolve(__dirname, '..', '..');
const MINUTE = 60_000;

jest.setTimeout(3 * MINUTE);

/**
 * Holds 127.0.0.1:port, or reports that something else already does.
 * @param {number} port 0 for any free one
 * @returns {Promise<{ port: number, close: () => Promise<void> }>}
 */
function holdPort(port) {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', (error) => {
			if (/** @type {NodeJS.ErrnoException} */ (error).code === 'EADDRINUSE' && port !== 0) resolve({ port, close: async () => {} });
			else reject(error);
		});
		server.listen(port, '127.0.0.1', () => {
			const address = /** @type {import('node:net').AddressInfo} */ (server.address());
			resolve({ port: address.port, close: () => new Promise((done) => server.close(() => done())) });
		});
	});
}

/**
 * Runs a command, collecting its output; onStderr sees stderr as it arrives.
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, onStderr?: (text: string) => void }} [options]
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
function run(command, args, { env = process.env, cwd = ROOT, onStderr } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => {
			stdout += chunk;
		});
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
			onStderr?.(stderr);
		});
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

/** The environment without the ports npm start reads. */
const envWithout = (/** @type {string[]} */ names) => Object.fromEntries(Object.entries(process.env).filter(([name]) => !names.includes(name)));

describe('npm start: ports first', () => {
	test('a port you set that is busy stops npm start at once, naming the variable, before any install', async () => {
		const busy = await holdPort(0);
		const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'start-ports-'));
		const cache = path.join(scratch, 'cache');
		const marker = path.join(scratch, 'the-command-ran');
		try {
			// The same entry point as `npm start`; an empty cache would have to be filled by any install.
			const result = await run('bash', ['scripts/run-with-node24.sh', '--start-ports', 'touch', marker], {
				env: { ...envWithout(['N8N_PORT']), SIMULATOR_PORT: String(busy.port), N8N_CLICKPESA_CACHE: cache },
			});
			expect(result.code).toBe(1);
			expect(result.stderr).toContain(
				`npm start: Port ${busy.port} (SIMULATOR_PORT, for the provider simulator) is in use: stop what listens there or set SIMULATOR_PORT to another port.`,
			);
			expect(result.stderr).not.toContain('[toolchain]');
			expect(fs.existsSync(marker)).toBe(false);
			expect(fs.existsSync(cache)).toBe(false);
		} finally {
			await busy.close();
			fs.rmSync(scratch, { recursive: true, force: true });
		}
	});

	test('a busy default port moves to the next free one, and a line says which variable chooses it', async () => {
		// 4010 is the simulator's default; if something else holds it already, it is just as busy.
		const busy = await holdPort(4010);
		try {
			const result = await run(process.execPath, ['scripts/start-ports.js'], { env: envWithout(['N8N_PORT', 'SIMULATOR_PORT']) });
			expect(result.code).toBe(0);
			const chosen = Number(/SIMULATOR_PORT=(\d+)/.exec(result.stdout)?.[1]);
			expect(chosen).toBeGreaterThan(4010);
			expect(result.stdout.trim()).toMatch(new RegExp(`^N8N_PORT=\\d+ SIMULATOR_PORT=${chosen}$`));
			expect(result.stderr).toContain(`▶ Port 4010 is in use, so the provider simulator uses port ${chosen} (set SIMULATOR_PORT to choose).`);
		} finally {
			await busy.close();
		}
	});
});

describe('installs: a progress line while npm works, its allowScripts notice folded', () => {
	/** @type {string} */
	let scratch;
	/** @type {string} */
	let tarball;

	beforeAll(() => {
		scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'run-npm-'));
		const pkg = path.join(scratch, 'pkg');
		fs.mkdirSync(pkg);
		// Its postinstall lasts until the test has seen a progress line naming it (bounded).
		const wait = 'const f=process.env.RUN_NPM_RELEASE,t=Date.now();(function w(){if(require("fs").existsSync(f)||Date.now()-t>120000)return;setTimeout(w,100)})()';
		fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'run-npm-probe', version: '1.0.0', scripts: { postinstall: `node -e '${wait}'` } }));
		tarball = path.join(pkg, execFileSync('npm', ['pack', '--silent'], { cwd: pkg, encoding: 'utf8' }).trim());
	});

	afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

	/** run_npm LABEL LOG npm-args… in a fresh project folder, as a terminal would see it. */
	function runNpm(/** @type {string} */ name, /** @type {string[]} */ npmArgs, /** @type {(text: string) => void} */ onStderr = () => {}) {
		const project = path.join(scratch, name);
		fs.mkdirSync(project);
		fs.writeFileSync(path.join(project, 'package.json'), '{"name":"probe-project","version":"1.0.0","private":true}\n');
		const log = path.join(project, 'install.log');
		const script = `source ${JSON.stringify(path.join(ROOT, 'scripts', 'toolchain.sh'))} && run_npm "installing the probe" ${JSON.stringify(log)} ${npmArgs.map((arg) => JSON.stringify(arg)).join(' ')}`;
		const release = path.join(project, 'release');
		const result = run('bash', ['-c', script], {
			cwd: project,
			env: { ...process.env, TOOLCHAIN_TTY: '1', COLUMNS: '200', RUN_NPM_RELEASE: release, npm_config_offline: 'true' },
			onStderr,
		});
		return { result, log, release };
	}

	test('while the install script runs, the line tells what npm does; afterwards one line stands for the allowScripts list', async () => {
		let seen = '';
		const { result, log, release } = runNpm('ok', ['install', tarball], (text) => {
			seen = text;
		});
		await Promise.race([
			waitFor(() => /postinstall script of run-npm-probe@1\.0\.0/.test(seen), { timeoutMs: 2 * MINUTE, what: 'a progress line naming the postinstall script', details: () => JSON.stringify(seen) }),
			result.then(({ stderr }) => {
				throw new Error(`run_npm ended before a progress line named the postinstall script:\n${JSON.stringify(stderr)}`);
			}),
		]);
		fs.writeFileSync(release, '');
		const { code, stderr } = await result;
		expect(code).toBe(0);
		// Redrawn in place on a terminal: carriage return, clear line, then elapsed time and activity.
		expect(stderr).toMatch(/\r\x1b\[K\[toolchain\] installing the probe: \dm\d\ds, \d+ fetches, postinstall script of run-npm-probe@1\.0\.0/);
		expect(stderr).toMatch(/\[toolchain\] installing the probe: done in \dm\d\ds\n/);
		// npm printed its notice into the log; the terminal gets one line instead of the list.
		expect(fs.readFileSync(log, 'utf8')).toContain('npm warn install-scripts 1 package has install scripts not yet covered by allowScripts:');
		expect(stderr).not.toContain('npm warn');
		expect(stderr).toContain(`[toolchain]   (npm's allowScripts notice about 1 package with install scripts is expected here and hidden; see ${log})`);
	});

	test('a failing install says so and shows npm\'s error lines', async () => {
		const { result, log } = runNpm('failing', ['install', path.join(scratch, 'no-such-package.tgz')]);
		const { code, stderr } = await result;
		expect(code).not.toBe(0);
		expect(stderr).toMatch(new RegExp(`\\[toolchain\\] installing the probe failed after \\d+s \\(exit ${code}\\):`));
		expect(stderr).toMatch(/^npm error /m);
		expect(stderr).toContain(`[toolchain] full log: ${log}`);
	});
});
