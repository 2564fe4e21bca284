#!/usr/bin/env node
'use strict';

/**
 * `npm run lint:workflows` (part of `npm run lint`): every file in .github/workflows/ must be a valid
 * GitHub Actions workflow (YAML syntax and GitHub's workflow schema, checked offline by
 * @action-validator/core, a WebAssembly build of action-validator), and each `node-version:` in them
 * must be the Node.js 24 that scripts/toolchain.sh pins (NODE24_VERSION).
 * Exits 1 with the findings, file by file.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const WORKFLOWS = path.join(ROOT, '.github', 'workflows');

function pinnedNode24() {
	const match = /^NODE24_VERSION=(\S+)/m.exec(fs.readFileSync(path.join(ROOT, 'scripts', 'toolchain.sh'), 'utf8'));
	return match && match[1];
}

/**
 * The schema's errors, with each "one of these shapes" error replaced by the errors of the shape it
 * came closest to (for a job: a job with steps rather than a call of a reusable workflow).
 */
function explain(errors) {
	return errors.flatMap((error) => {
		if (error.code !== 'one_of' || !Array.isArray(error.states) || !error.states.length) return [error];
		const closest = error.states.reduce((best, state) => ((state.errors || []).length < (best.errors || []).length ? state : best));
		const inner = explain(closest.errors || []);
		return inner.length ? inner : [error];
	});
}

/** Findings for one workflow's text, as sentences. */
function lintWorkflow(text, { validateWorkflow, node24 }) {
	const findings = [];
	for (const error of explain(validateWorkflow(text).errors || [])) {
		const where = error.path ? ` at ${error.path}` : '';
		const prefix = /parse/i.test(error.title || '') ? `${error.title}: ` : '';
		findings.push(`${prefix}${error.detail || error.title || error.code || JSON.stringify(error)}${where}`);
	}
	for (const [index, line] of text.split('\n').entries()) {
		const match = /^\s*node-version:\s*['"]?([^'"\s#]+)/.exec(line);
		if (match && node24 && match[1] !== node24) {
			findings.push(`line ${index + 1}: node-version ${match[1]} is not NODE24_VERSION=${node24} of scripts/toolchain.sh`);
		}
	}
	return findings;
}

function main() {
	const started = Date.now();
	const { validateWorkflow } = require('@action-validator/core');
	const node24 = pinnedNode24();
	const files = fs.existsSync(WORKFLOWS) ? fs.readdirSync(WORKFLOWS).filter((name) => /\.ya?ml$/.test(name)).sort() : [];
	if (!files.length) {
		process.stderr.write('lint:workflows: no workflow files in .github/workflows/\n');
		return 1;
	}
	let failed = 0;
	for (const name of files) {
		const findings = lintWorkflow(fs.readFileSync(path.join(WORKFLOWS, name), 'utf8'), { validateWorkflow, node24 });
		if (findings.length) {
			failed++;
			process.stderr.write(`.github/workflows/${name}:\n${findings.map((finding) => `  ${finding}`).join('\n')}\n`);
		}
	}
	const summary = `lint:workflows: ${files.length} workflow file${files.length === 1 ? '' : 's'} (${files.join(', ')}), ${failed ? `${failed} with findings` : 'valid'} (${Date.now() - started} ms)\n`;
	(failed ? process.stderr : process.stdout).write(summary);
	return failed ? 1 : 0;
}

module.exports = { lintWorkflow };

if (require.main === module) process.exitCode = main();
