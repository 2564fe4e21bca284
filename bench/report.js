// @ts-check
/** The results table (console and bench/results.md) with the machine and the exact settings. */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** @returns {string} */
function osName() {
	try {
		const release = fs.readFileSync('/etc/os-release', 'utf8');
		return /^PRETTY_NAME="?([^"\n]+)"?/m.exec(release)?.[1] ?? os.type();
	} catch {
		return os.type();
	}
}

/** @param {string} n8nVersion */
function machine(n8nVersion) {
	const cpus = os.cpus();
	return [
		`- Date: ${new Date().toISOString()}`,
		`- CPU: ${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
		`- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
		`- OS: ${osName()} (${os.type()} ${os.release()}, ${os.arch()})`,
		`- Node: ${process.version}`,
		`- n8n: ${n8nVersion} (\`n8n execute\` for pairs 1, 2, 4 and 5, \`n8n start\` for pair 3; SQLite, regular mode)`,
	].join('\n');
}

/** @param {import('./scenarios/context').Row[]} rows */
function table(rows) {
	const verdict = (/** @type {import('./scenarios/context').Row} */ row) =>
		row.met === undefined ? row.target : `${row.target}: ${row.met ? 'met' : '**NOT met**'}`;
	const lines = [
		'| Measure | Our nodes | HTTP Request / Webhook node | Ratio | Target |',
		'| --- | --- | --- | --- | --- |',
		...rows.map((row) => `| ${row.measure} | ${row.ours} | ${row.theirs} | ${row.ratio} | ${verdict(row)} |`),
	];
	return lines.join('\n');
}

/**
 * @param {{ rows: import('./scenarios/context').Row[], n8nVersion: string, settings: Record<string, unknown>, settingsText: string, notes: string }} report
 * @returns {string} the Markdown written
 */
function writeReport({ rows, n8nVersion, settingsText, notes }) {
	const text = [
		'# Benchmark results',
		'',
		'Written by `npm run bench` (bench/run.js). Medians over the runs; ours and theirs alternate within each run.',
		'',
		table(rows),
		'',
		'## Machine',
		'',
		machine(n8nVersion),
		'',
		'## Settings',
		'',
		settingsText,
		'',
		notes,
		'',
	].join('\n');
	fs.writeFileSync(path.join(__dirname, 'results.md'), text);
	return text;
}

module.exports = { writeReport, table };
