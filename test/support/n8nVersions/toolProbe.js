// @ts-check
/**
 * Child process of test/integration/money-limits-tool.test.js, run under an n8n install's own Node:
 *   node toolProbe.js <that install's node_modules>
 * It loads THAT install's n8n-core and n8n-workflow (our compiled nodes get the same copies, as in
 * n8n), runs the agent-tool scenarios of test/support/agentTool.js against a simulator on
 * 127.0.0.1, and prints what it observed as one JSON object on the last line of stdout (after
 * RESULT_MARKER: the node's logger may write lines before it), then exits (our token refresh timer
 * would keep the process alive, as it does in n8n).
 */
'use strict';

const Module = require('module');
const path = require('path');

const n8nModules = path.resolve(process.argv[2] ?? '');

// Every `require('n8n-workflow' | 'n8n-core')` outside the install resolves into it (as in probe.js).
const resolveFilename = /** @type {any} */ (Module)._resolveFilename;
/** @type {any} */ (Module)._resolveFilename = function (request, parent, ...rest) {
	if (/^n8n-(workflow|core)(\/|$)/.test(request) && !String(parent?.filename ?? '').startsWith(n8nModules)) {
		return resolveFilename.call(this, request, { ...parent, paths: [n8nModules] }, ...rest);
	}
	return resolveFilename.call(this, request, parent, ...rest);
};

const { toolScenarios } = require('../agentTool');

toolScenarios().then(
	(observed) => {
		const versions = { core: require(path.join(n8nModules, 'n8n-core/package.json')).version, n8n: require(path.join(n8nModules, 'n8n/package.json')).version };
		process.stdout.write(`\nTOOL_PROBE_RESULT ${JSON.stringify({ versions, ...observed })}\n`, () => process.exit(0));
	},
	(error) => {
		process.stderr.write(String(error?.stack ?? error));
		process.exit(1);
	},
);
