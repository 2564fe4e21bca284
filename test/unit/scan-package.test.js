// @ts-check
/**
 * Our own check in scripts/scan-package.js (run by .ci/run and the publish workflow beside n8n's
 * scanner): the shipped JavaScript never refers to `process` (environment) or `console`.
 */
const fs = require('node:fs');
const path = require('node:path');
const { findForbiddenGlobals, checkNoEnvOrConsole } = require('../../scripts/scan-package');

const lines = (source) => findForbiddenGlobals(source).map((finding) => `${finding.line}: ${finding.text}`);

describe('scan-package: no process or console in the shipped JavaScript', () => {
	test('finds console output and environment reads, however they are spelled', () => {
		const source = [
			'"use strict";',
			'console.log("paid");',
			'const key = process.env.CLICKPESA_KEY;',
			'const { env } = process;',
			'globalThis.console.error("x");',
			"global['process'].exit(1);",
			"const p = require('node:process');",
			"const c = require('console');",
			'async function later() { return import("process"); }',
		].join('\n');
		expect(lines(source)).toEqual([
			'2: console.log',
			'3: process.env',
			'4: process',
			'5: globalThis.console',
			"6: global['process']",
			"7: require('node:process')",
			"8: require('console')",
			'9: import("process")',
		]);
	});

	test('leaves property names, own declarations and strings alone', () => {
		const source = [
			'const item = { console: 1, process: 2 };',
			'item.console = item.process;',
			'function run(process) {}',
			'const { console: screen } = item;',
			'const text = "console.log(process.env.X)";',
			'class A { process() {} }',
		].join('\n');
		expect(lines(source)).toEqual([]);
	});

	test('the built package in dist/ is clean', () => {
		const dist = path.join(__dirname, '../../dist');
		expect(fs.existsSync(path.join(dist, 'nodes'))).toBe(true);
		expect(checkNoEnvOrConsole(dist)).toEqual([]);
	});
});
