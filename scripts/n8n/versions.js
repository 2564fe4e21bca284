// @ts-check
/**
 * The pinned n8n and Node.js versions, read from scripts/toolchain.sh (the one source of truth).
 * E2E_N8N_VERSIONS (comma- or space-separated, e.g. "2.41.1") restricts which n8n versions tests use.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const TOOLCHAIN = path.join(__dirname, '..', 'toolchain.sh');

/** @returns {{ n8n2: string, n8n1: string, bands: string[], node24: string, node22: string }} */
function readPinnedVersions() {
	const text = fs.readFileSync(TOOLCHAIN, 'utf8');
	/** @param {string} name */
	const read = (name) => {
		const match = text.match(new RegExp(`^${name}=([0-9][0-9.]*)`, 'm'));
		if (!match) throw new Error(`${TOOLCHAIN}: no line "${name}=<version>"`);
		return match[1];
	};
	return {
		n8n2: read('N8N2_VERSION'),
		n8n1: read('N8N1_VERSION'),
		bands: (text.match(/^N8N_BAND_VERSIONS="([0-9. ]*)"/m)?.[1] ?? '').split(' ').filter(Boolean),
		node24: read('NODE24_VERSION'),
		node22: read('NODE22_VERSION'),
	};
}

/**
 * The n8n versions to test against, newest first: both pinned ones, or those listed in
 * E2E_N8N_VERSIONS.
 * @returns {string[]}
 */
function pinnedN8nVersions() {
	const { n8n2, n8n1 } = readPinnedVersions();
	const all = [n8n2, n8n1];
	const wanted = (process.env.E2E_N8N_VERSIONS || '').split(/[\s,]+/).filter(Boolean);
	if (wanted.length === 0) return all;
	return wanted;
}

/**
 * The band versions (N8N_BAND_VERSIONS in scripts/toolchain.sh): older n8n releases a behaviour is
 * checked on briefly. With E2E_N8N_VERSIONS set, only those of them it lists.
 * @returns {string[]}
 */
function bandN8nVersions() {
	const { bands } = readPinnedVersions();
	const wanted = (process.env.E2E_N8N_VERSIONS || '').split(/[\s,]+/).filter(Boolean);
	return wanted.length === 0 ? bands : bands.filter((version) => wanted.includes(version));
}

/**
 * The Node.js version a given n8n runs on here: 22 for 1.x, 24 for 2.x and later.
 * @param {string} n8nVersion
 */
function nodeVersionFor(n8nVersion) {
	const { node24, node22 } = readPinnedVersions();
	return n8nVersion.startsWith('1.') ? node22 : node24;
}

module.exports = { readPinnedVersions, pinnedN8nVersions, bandN8nVersions, nodeVersionFor };
