// @ts-check
/**
 * `npm run lint:workflows` (scripts/lint-workflows.js, part of `npm run lint`): the GitHub workflow
 * files are valid, a broken one fails, and the publish workflow keeps what n8n's verification and npm's
 * trusted publishing need.
 */
const fs = require('node:fs');
const path = require('node:path');
const { validateWorkflow } = require('@action-validator/core');
const { lintWorkflow } = require('../../scripts/lint-workflows');

const WORKFLOWS = path.join(__dirname, '../../.github/workflows');
const read = (name) => fs.readFileSync(path.join(WORKFLOWS, name), 'utf8');
const node24 = /^NODE24_VERSION=(\S+)/m.exec(fs.readFileSync(path.join(__dirname, '../../scripts/toolchain.sh'), 'utf8'))?.[1];
const lint = (text) => lintWorkflow(text, { validateWorkflow, node24 });

describe('workflow lint', () => {
	test.each(['ci.yml', 'publish.yml'])('%s is valid', (name) => {
		expect(lint(read(name))).toEqual([]);
	});

	test('a broken workflow fails: YAML syntax, an unknown key, a wrong trigger, another Node.js', () => {
		const good = read('publish.yml');
		expect(lint(good.replace('jobs:', 'jobs:\n  x: [unclosed'))).toEqual([expect.stringMatching(/^Parse Error: /)]);
		expect(lint(good.replace('    runs-on: ubuntu-24.04', '    runs_on: ubuntu-24.04'))).toEqual(
			expect.arrayContaining([expect.stringMatching(/Additional property 'runs_on' is not allowed at \/jobs\/publish/)]),
		);
		expect(lint(good.replace("      - 'v*'", '      v: 1'))).not.toEqual([]);
		expect(lint(good.replace(`node-version: '${node24}'`, "node-version: '22'"))).toEqual([
			expect.stringMatching(/node-version 22 is not NODE24_VERSION=/),
		]);
	});

	test('publish.yml: tag trigger, OIDC, the guard and the scan before both publishes with provenance', () => {
		const text = read('publish.yml');
		expect(text).toMatch(/tags:\n\s+- 'v\*'/);
		expect(text).toMatch(/id-token: write/);
		const order = ['scripts/release-guard.js', 'npm run lint', 'npm run test:fast', 'scripts/scan-package.js', 'npm publish --provenance --access public', 'working-directory: simulator'];
		const positions = order.map((needle) => text.indexOf(needle));
		expect(positions.every((position) => position >= 0)).toBe(true);
		expect([...positions].sort((a, b) => a - b)).toEqual(positions);
		expect(text.match(/npm publish --provenance --access public/g)).toHaveLength(2);
		expect(text).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN/);
	});
});
