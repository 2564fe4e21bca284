// @ts-check
/**
 * The results table (console) and bench/results.md: one section per pair, each saying when it was
 * measured, plus the machine and the exact settings of the latest run. A run of only some pairs
 * (BENCH_ONLY) replaces only their sections and keeps the others as they were.
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const RESULTS_FILE = path.join(__dirname, 'results.md');

/** Pair name (BENCH_ONLY) → section heading, in the order of bench/README.md. */
const PAIRS = {
	ussd: 'USSD pushes, and under a rate limit (pairs 1 and 2)',
	billpay: 'BillPay control numbers (pair 3)',
	cpu: 'CPU per item (pair 4)',
	webhooks: 'Verified webhooks (pair 5)',
	payouts: 'Payouts under the create cooldown (pair 6)',
	reconcile: 'Reconcile invoices against payments (pair 7)',
	memory: 'Memory from 1,000 to 10,000 items (pair 8)',
	queue: 'Queue mode: 2 workers behind one rate limit (pair 9)',
	plans: 'Payment plans: Get Status of 1,000 plans (pair 10)',
};

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
		`- CPU: ${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
		`- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
		`- OS: ${osName()} (${os.type()} ${os.release()}, ${os.arch()})`,
		`- Node: ${process.version}`,
		`- n8n: ${n8nVersion} (\`n8n execute\` for every pair but the webhooks and queue mode, \`n8n start\` for the webhooks; SQLite, regular mode; ` +
			'queue mode: Redis, `n8n start` and 2 × `n8n worker` on the same SQLite)',
	].join('\n');
}

/** @param {import('./scenarios/context').Row[]} rows */
function table(rows) {
	const verdict = (/** @type {import('./scenarios/context').Row} */ row) =>
		row.met === undefined ? row.target : `${row.target}: ${row.met ? 'met' : '**NOT met**'}`;
	const lines = [
		'| Measure | Our nodes | Built by hand in n8n | Ratio | Target |',
		'| --- | --- | --- | --- | --- |',
		...rows.map((row) => `| ${row.measure} | ${row.ours} | ${row.theirs} | ${row.ratio} | ${verdict(row)} |`),
	];
	return lines.join('\n');
}

const begin = (/** @type {string} */ pair) => `<!-- bench:${pair} -->`;
const end = (/** @type {string} */ pair) => `<!-- /bench:${pair} -->`;

/** The sections of an earlier results.md, by pair. @param {string} text @returns {Record<string, string>} */
function readSections(text) {
	/** @type {Record<string, string>} */
	const sections = {};
	for (const pair of Object.keys(PAIRS)) {
		const from = text.indexOf(begin(pair));
		const to = text.indexOf(end(pair));
		if (from >= 0 && to > from) sections[pair] = text.slice(from, to + end(pair).length);
	}
	return sections;
}

/**
 * @param {string} pair @param {{ rows: import('./scenarios/context').Row[], notes?: string[] }} measured
 * @param {{ date: string, n8nVersion: string, runs: number }} run
 */
function section(pair, { rows, notes = [] }, { date, n8nVersion, runs }) {
	return [
		begin(pair),
		`## ${PAIRS[/** @type {keyof typeof PAIRS} */ (pair)]}`,
		'',
		`Measured ${date}, n8n ${n8nVersion}, ${runs} run${runs === 1 ? '' : 's'} (medians unless a row says "each run").`,
		'',
		table(rows),
		...(notes.length ? ['', ...notes] : []),
		end(pair),
	].join('\n');
}

/**
 * Writes bench/results.md: the sections of the pairs measured now, the others from the earlier file.
 * @param {{ measured: Record<string, { rows: import('./scenarios/context').Row[], notes?: string[] }>, n8nVersion: string, runs: number, settingsText: string }} report
 * @returns {string} the Markdown written
 */
function writeReport({ measured, n8nVersion, runs, settingsText }) {
	const earlier = fs.existsSync(RESULTS_FILE) ? readSections(fs.readFileSync(RESULTS_FILE, 'utf8')) : {};
	const run = { date: new Date().toISOString(), n8nVersion, runs };
	const sections = Object.keys(PAIRS)
		.map((pair) => (measured[pair] ? section(pair, measured[pair], run) : earlier[pair]))
		.filter(Boolean);
	const text = [
		'# Benchmark results',
		'',
		'Written by `npm run bench` (bench/run.js); a run of only some pairs (`BENCH_ONLY`) replaces only their sections. ' +
			'Ours and theirs alternate (or rotate) within each run. Method and findings: [README.md](README.md).',
		'',
		...sections.flatMap((text) => [text, '']),
		'## Machine',
		'',
		machine(n8nVersion),
		'',
		`## Settings of the latest run (${run.date}: ${Object.keys(measured).join(', ')})`,
		'',
		settingsText,
		'',
	].join('\n');
	fs.writeFileSync(RESULTS_FILE, text);
	return text;
}

module.exports = { writeReport, table, readSections, section, PAIRS };
