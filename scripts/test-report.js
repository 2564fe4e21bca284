// @ts-check
/**
 * The end of a test run (scripts/test.sh): each test file's time, longest first, so growth shows; the
 * n8n processes and package installs the run cost (lines of N8N_PROCESS_LOG, written by
 * scripts/n8n/instance.js); and jest's totals as a plain "N passed, N failed, N skipped" line.
 * Usage: node scripts/test-report.js <jest --json output> <process log>
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const [summaryFile, processLog] = process.argv.slice(2);
const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
const root = path.resolve(__dirname, '..');

const files = summary.testResults
	.map((/** @type {any} */ result) => ({
		file: path.relative(root, result.name),
		seconds: ((result.endTime ?? result.perfStats?.end) - (result.startTime ?? result.perfStats?.start)) / 1000 || 0,
		failed: result.numFailingTests ?? 0,
		status: result.status,
	}))
	.sort((/** @type {any} */ a, /** @type {any} */ b) => b.seconds - a.seconds);
const total = files.reduce((sum, /** @type {any} */ file) => sum + file.seconds, 0);
const width = Math.max(...files.map((/** @type {any} */ file) => file.file.length), 10);
console.log(`\nTest files by time (${files.length} files, ${total.toFixed(0)} s in all):`);
for (const file of files) {
	const mark = file.status === 'failed' ? `  FAILED${file.failed ? ` (${file.failed})` : ''}` : '';
	console.log(`  ${file.file.padEnd(width)}  ${file.seconds.toFixed(1).padStart(6)} s${mark}`);
}

const lines = processLog && fs.existsSync(processLog) ? fs.readFileSync(processLog, 'utf8').split('\n').filter(Boolean) : [];
if (lines.length > 0) {
	/** @type {Record<string, number>} */
	const counts = {};
	for (const line of lines) counts[line] = (counts[line] ?? 0) + 1;
	const n8nStarts = lines.filter((line) => !line.startsWith('npm-install')).length;
	const installs = lines.length - n8nStarts;
	console.log(`\nn8n processes started: ${n8nStarts}; package installs (npm install of the tarball): ${installs}`);
	for (const [what, count] of Object.entries(counts).sort()) console.log(`  ${String(count).padStart(3)} × ${what}`);
}

console.log(`\njest: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${summary.numPendingTests} skipped`);
