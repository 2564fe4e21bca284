// @ts-check
/** Bridges to scripts/toolchain.sh: cached Node.js and n8n installs, Debian packages. */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { nodeVersionFor } = require('./versions');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const TOOLCHAIN = path.join(REPO_ROOT, 'scripts', 'toolchain.sh');

/**
 * Runs `source scripts/toolchain.sh && <script>` in bash and resolves with the last line of its
 * stdout (the toolchain functions print a path). Progress messages go to this process's stderr.
 * @param {string} script
 * @returns {Promise<string>}
 */
function toolchain(script) {
	return new Promise((resolve, reject) => {
		const child = execFile(
			'bash',
			['-c', `source ${JSON.stringify(TOOLCHAIN)} && ${script}`],
			// Progress lines are redrawn in place when our stderr is a terminal (bash sees only a pipe).
			{ cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, ...(process.stderr.isTTY ? { TOOLCHAIN_TTY: '1' } : {}) } },
			(error, stdout, stderr) => {
				if (error) {
					reject(new Error(`toolchain: "${script}" failed (${error.message.trim()})\n${stderr}`));
					return;
				}
				const lines = stdout.trim().split('\n');
				resolve(lines[lines.length - 1] || '');
			},
		);
		child.stderr?.on('data', (chunk) => process.stderr.write(chunk));
	});
}

/**
 * @typedef {{ version: string, home: string, bin: string, nodeBinDir: string, nodeVersion: string }} N8nInstall
 *   home: the folder holding node_modules/n8n; bin: its n8n executable; nodeBinDir: the folder of
 *   the `node` binary n8n runs on (Node 22 for 1.x, 24 for 2.x).
 */

/**
 * Ensures the cached install of n8n `version` and of its Node.js (installs once; waits on the
 * toolchain's lock while another process installs the same thing).
 * @param {string} version
 * @returns {Promise<N8nInstall>}
 */
async function n8nInstall(version) {
	if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`n8nInstall: not an exact version: ${version}`);
	const nodeVersion = nodeVersionFor(version);
	const nodeHome = await toolchain(`ensure_node ${nodeVersion}`);
	const home = await toolchain(`ensure_n8n ${version}`);
	const bin = path.join(home, 'node_modules', '.bin', 'n8n');
	const nodeBinDir = path.join(nodeHome, 'bin');
	for (const file of [bin, path.join(nodeBinDir, 'node')]) {
		if (!fs.existsSync(file)) throw new Error(`n8nInstall(${version}): ${file} is missing after install`);
	}
	return { version, home, bin, nodeBinDir, nodeVersion };
}

/**
 * Installs Debian packages that are missing (apt-get, through the toolchain).
 * @param {...string} packages
 */
async function ensureDebianPackages(...packages) {
	await toolchain(`ensure_debian_packages ${packages.join(' ')}`);
}

/**
 * Finds an executable on PATH, or installs the Debian package that provides it.
 * @param {string} command
 * @param {string} debianPackage
 */
async function ensureCommand(command, debianPackage) {
	const onPath = (process.env.PATH || '')
		.split(path.delimiter)
		.concat(['/usr/bin', '/usr/sbin', '/usr/local/bin'])
		.map((dir) => path.join(dir, command))
		.find((file) => fs.existsSync(file));
	if (onPath) return onPath;
	await ensureDebianPackages(debianPackage);
	const installed = ['/usr/bin', '/usr/sbin', '/usr/local/bin']
		.map((dir) => path.join(dir, command))
		.find((file) => fs.existsSync(file));
	if (!installed) throw new Error(`${command} not found after installing ${debianPackage}`);
	return installed;
}

module.exports = { REPO_ROOT, toolchain, n8nInstall, ensureDebianPackages, ensureCommand };
