#!/usr/bin/env node
'use strict';

/**
 * n8n's verification scan, run here before n8n runs it (`.ci/run` and the publish workflow call it
 * after `npm run build`):
 *   node scripts/scan-package.js
 * 1. `npm pack` the package into a temporary folder and unpack the tarball (what users install);
 * 2. our own check: no JavaScript file in the tarball refers to `process` (so none reads `process.env`)
 *    or `console` (so none writes to the console). n8n's scanner let a `console.log` injected into
 *    dist/ through when we tried it, so this check does not rely on it;
 * 3. `@n8n/scan-community-package`'s `analyzePackage` on the unpacked tarball with the patterns of its
 *    tarball leg (`**\/*.js`, `package.json`), and on this checkout with its source leg's patterns
 *    (`package.json`, `nodes/**`, `credentials/**`): the two legs n8n's gate runs once a version is
 *    published with provenance (the provenance check and the download are left out: nothing is
 *    published yet, and nothing here talks to the internet).
 * Prints the tarball's files and each step's time; exits 1 on any finding.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const FORBIDDEN_GLOBALS = ['process', 'console'];
const FORBIDDEN_MODULES = ['process', 'node:process', 'console', 'node:console'];

/**
 * Where a JavaScript source refers to `process` or `console`: as a free identifier (`process.env.X`,
 * `console.log(…)`, `const { env } = process`), through `globalThis`/`global`/`window`/`self`
 * (`globalThis.console`, `global['process']`), or by requiring the `process`/`console` modules.
 * Property names (`item.console`), declarations of the same name and strings are not findings.
 * @returns {{line: number, text: string}[]}
 */
function findForbiddenGlobals(source, fileName = 'file.js') {
	const ts = require('typescript');
	const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
	const findings = [];
	const report = (node) => {
		const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
		findings.push({ line: line + 1, text: node.getText(file).split('\n')[0].slice(0, 120) });
	};
	const isGlobalObject = (node) => ts.isIdentifier(node) && ['globalThis', 'global', 'window', 'self'].includes(node.text);
	const declaresName = (node) => {
		const parent = node.parent;
		if (!parent) return false;
		if (ts.isPropertyAccessExpression(parent) && parent.name === node) return true;
		if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) && parent.name === node) return true;
		if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isFunctionDeclaration(parent) || ts.isClassDeclaration(parent)) && parent.name === node) return true;
		if (ts.isBindingElement(parent) && (parent.name === node || parent.propertyName === node)) return true;
		return false;
	};
	const visit = (node) => {
		if (ts.isIdentifier(node) && FORBIDDEN_GLOBALS.includes(node.text) && !declaresName(node)) {
			report(ts.isPropertyAccessExpression(node.parent) ? node.parent : node);
		} else if (ts.isPropertyAccessExpression(node) && isGlobalObject(node.expression) && FORBIDDEN_GLOBALS.includes(node.name.text)) {
			report(node);
		} else if (
			ts.isElementAccessExpression(node) &&
			isGlobalObject(node.expression) &&
			ts.isStringLiteralLike(node.argumentExpression) &&
			FORBIDDEN_GLOBALS.includes(node.argumentExpression.text)
		) {
			report(node);
		} else if (
			ts.isCallExpression(node) &&
			((ts.isIdentifier(node.expression) && node.expression.text === 'require') || node.expression.kind === ts.SyntaxKind.ImportKeyword) &&
			node.arguments.length === 1 &&
			ts.isStringLiteralLike(node.arguments[0]) &&
			FORBIDDEN_MODULES.includes(node.arguments[0].text)
		) {
			report(node);
		} else if (ts.isImportDeclaration(node) && ts.isStringLiteralLike(node.moduleSpecifier) && FORBIDDEN_MODULES.includes(node.moduleSpecifier.text)) {
			report(node);
		}
		ts.forEachChild(node, visit);
	};
	visit(file);
	return findings;
}

function jsFiles(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : jsFiles(full);
		return /\.(c|m)?js$/.test(entry.name) ? [full] : [];
	});
}

/** Our own check over every JavaScript file under `dir`: `relative path:line: text` per finding. */
function checkNoEnvOrConsole(dir) {
	return jsFiles(dir).flatMap((file) =>
		findForbiddenGlobals(fs.readFileSync(file, 'utf8'), file).map(
			(finding) => `${path.relative(dir, file)}:${finding.line}: ${finding.text}`,
		),
	);
}

async function timed(label, work) {
	const started = Date.now();
	const result = await work();
	process.stdout.write(`[scan] ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
	return result;
}

async function main() {
	const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const declared = [...manifest.n8n.nodes, ...manifest.n8n.credentials];
	const missing = declared.filter((file) => !fs.existsSync(path.join(ROOT, file)));
	if (missing.length) {
		process.stderr.write(`[scan] dist/ lacks ${missing.join(', ')}: run \`npm run build\` first.\n`);
		return 1;
	}

	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-package-'));
	try {
		const unpacked = path.join(work, 'package');
		const packed = await timed('npm pack and unpack', () => {
			const [info] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
			fs.mkdirSync(unpacked);
			execFileSync('tar', ['-xzf', path.join(work, info.filename), '-C', unpacked, '--strip-components=1']);
			return info;
		});
		process.stdout.write(`[scan] ${packed.filename}: ${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} kB packed, ${(packed.unpackedSize / 1024).toFixed(0)} kB unpacked\n`);

		const own = await timed('no process / console in the shipped JavaScript', () => checkNoEnvOrConsole(unpacked));

		// The scanner is an ES module; it makes a temporary folder of its own when loaded.
		const scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');
		const tarballLeg = await timed('n8n scanner, tarball leg', () => scanner.analyzePackage(unpacked, ['**/*.js', 'package.json']));
		const sourceLeg = await timed('n8n scanner, source leg', () => scanner.analyzePackage(ROOT, scanner.SOURCE_FILE_PATTERNS));

		let failed = false;
		if (own.length) {
			failed = true;
			process.stderr.write(`[scan] The shipped JavaScript refers to process or console (n8n's verification forbids environment access; the package must not write to the console):\n${own.map((line) => `  ${line}`).join('\n')}\n`);
		}
		for (const [label, result] of [['tarball', tarballLeg], ['source', sourceLeg]]) {
			if (result.passed) continue;
			failed = true;
			process.stderr.write(`[scan] n8n's scanner (${label} leg): ${result.message}\n${result.details || ''}\n`);
		}
		if (failed) return 1;
		process.stdout.write(`[scan] ${manifest.name}@${manifest.version}: n8n's scanner (tarball and source legs) and our process/console check passed\n`);
		return 0;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

module.exports = { findForbiddenGlobals, checkNoEnvOrConsole };

if (require.main === module) {
	const started = Date.now();
	main().then(
		(code) => {
			process.stdout.write(`[scan] done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
			process.exitCode = code;
		},
		(error) => {
			process.stderr.write(`[scan] failed: ${error.stack || error}\n`);
			process.exitCode = 1;
		},
	);
}
