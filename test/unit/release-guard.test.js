// @ts-check
/**
 * scripts/release-guard.js, which .github/workflows/publish.yml runs before it publishes: a tag that is
 * not the packages' version, a version without a CHANGELOG entry, or a repository URL that is not the
 * repository the workflow runs in stop the release, each with its reason.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { checkRelease, changelogSection, githubRepoOf, atLeast } = require('../../scripts/release-guard');

const REPO = 'acme/n8n-nodes-clickpesa-clik2pay';
const GOOD_URL = `git+https://github.com/${REPO}.git`;

/** A checkout with both package.json files and a changelog; `change` edits them before writing. */
function makeCheckout(change = (/** @type {any} */ files) => files) {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'release-guard-'));
	const files = change({
		main: { name: 'n8n-nodes-clickpesa-clik2pay', version: '0.2.0', repository: { type: 'git', url: GOOD_URL }, bugs: { url: `https://github.com/${REPO}/issues` } },
		simulator: { name: 'clickpesa-clik2pay-simulator', version: '0.2.0', repository: { type: 'git', url: GOOD_URL, directory: 'simulator' } },
		changelog: '# Changelog\n\n## Unreleased\n\n## [0.2.0] - 2027-01-10\n\n- Payouts can be scheduled.\n\n## 0.1.0\n\n- First release.\n',
	});
	fs.mkdirSync(path.join(root, 'simulator'));
	fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify(files.main));
	fs.writeFileSync(path.join(root, 'simulator', 'package.json'), JSON.stringify(files.simulator));
	if (files.changelog !== null) fs.writeFileSync(path.join(root, 'CHANGELOG.md'), files.changelog);
	return root;
}

const roots = [];
function check(change, options = {}) {
	const root = makeCheckout(change);
	roots.push(root);
	return checkRelease({ root, tag: 'v0.2.0', repository: REPO, npmVersion: '11.6.2', ...options });
}
afterAll(() => roots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

describe('release guard', () => {
	test('accepts a good setup: tag = version of both packages, a CHANGELOG entry, this repository', () => {
		expect(check()).toEqual([]);
	});

	test('refuses a tag that does not match package.json', () => {
		const problems = check(undefined, { tag: 'v0.2.1' });
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(/Tag v0\.2\.1 does not match package\.json's version 0\.2\.0/);
		expect(check(undefined, { tag: '0.2.0' })[0]).toMatch(/Tag 0\.2\.0 does not match/);
	});

	test('refuses a simulator version that differs from the nodes package', () => {
		const problems = check((files) => ({ ...files, simulator: { ...files.simulator, version: '0.1.9' } }));
		expect(problems).toEqual([expect.stringMatching(/simulator\/package\.json has version 0\.1\.9, package\.json has 0\.2\.0/)]);
	});

	test('refuses a missing CHANGELOG entry, an empty one, and a missing CHANGELOG.md', () => {
		const without = check((files) => ({ ...files, changelog: '# Changelog\n\n## 0.1.0\n\n- First release.\n' }));
		expect(without).toEqual([expect.stringMatching(/CHANGELOG\.md has no "## 0\.2\.0" section/)]);
		const empty = check((files) => ({ ...files, changelog: '# Changelog\n\n## 0.2.0\n\n## 0.1.0\n\n- First release.\n' }));
		expect(empty).toEqual([expect.stringMatching(/"## 0\.2\.0" section is empty/)]);
		const missing = check((files) => ({ ...files, changelog: null }));
		expect(missing).toEqual([expect.stringMatching(/CHANGELOG\.md is missing/)]);
	});

	test('refuses a repository URL that is not the repository the workflow runs in', () => {
		const foreign = check((files) => ({
			...files,
			simulator: { ...files.simulator, repository: { type: 'git', url: 'git+https://github.com/n8n-nodes-clickpesa-clik2pay/n8n-nodes-clickpesa-clik2pay.git', directory: 'simulator' } },
		}));
		expect(foreign).toEqual([expect.stringMatching(/simulator\/package\.json's repository\.url .* is not the repository this workflow runs in \(https:\/\/github\.com\/acme\/n8n-nodes-clickpesa-clik2pay\)/)]);
	});

	test('refuses a missing repository field (left for the owner to fill) and says what to write', () => {
		const problems = check((files) => ({ ...files, main: { ...files.main, repository: undefined } }));
		expect(problems).toEqual([expect.stringContaining(`package.json has no "repository" field: npm's provenance check needs it to be this repository, set "repository": {"type": "git", "url": "git+https://github.com/${REPO}.git"}`)]);
	});

	test('refuses a wrong repository.directory and bugs/homepage pointing at another repository', () => {
		const problems = check((files) => ({
			...files,
			main: { ...files.main, homepage: 'https://github.com/someone/else#readme' },
			simulator: { ...files.simulator, repository: { type: 'git', url: GOOD_URL } },
		}));
		expect(problems).toEqual([
			expect.stringMatching(/package\.json's homepage .* points at someone\/else/),
			expect.stringMatching(/simulator\/package\.json's repository\.directory is "\.", the package lives in "simulator"/),
		]);
	});

	test('refuses an npm too old for trusted publishing', () => {
		expect(check(undefined, { npmVersion: '10.9.2' })).toEqual([expect.stringMatching(/npm 10\.9\.2 cannot publish through npm trusted publishing/)]);
	});

	test('the command exits 1 with one line per reason', () => {
		const root = makeCheckout((files) => ({ ...files, main: { ...files.main, version: '0.3.0' } }));
		roots.push(root);
		expect(checkRelease({ root, tag: 'v0.3.0', repository: REPO })).toEqual([
			expect.stringMatching(/simulator\/package\.json has version 0\.2\.0/),
			expect.stringMatching(/no "## 0\.3\.0" section/),
		]);
		const script = path.join(__dirname, '../../scripts/release-guard.js');
		let failure;
		try {
			execFileSync(process.execPath, [script, '--tag', 'v99.0.0', '--repository', REPO], { encoding: 'utf8', stdio: 'pipe' });
		} catch (error) {
			failure = error;
		}
		expect(failure && failure.status).toBe(1);
		expect(failure.stderr).toMatch(/^Release refused \(\d+ problems?\):\n- Tag v99\.0\.0 does not match/);
	});

	test('helpers: changelog sections, GitHub URL forms, version comparison', () => {
		expect(changelogSection('## [1.0.0] - 2027-01-01\nText\n## 0.9.0\nOld', '1.0.0')).toBe('Text');
		expect(changelogSection('## 1.0.10\nText', '1.0.1')).toBeNull();
		for (const url of [GOOD_URL, `https://github.com/${REPO}`, `git@github.com:${REPO}.git`, `github:${REPO}`, `git://github.com/${REPO}.git`]) {
			expect(githubRepoOf(url)).toBe(REPO);
		}
		expect(githubRepoOf('https://gitlab.com/acme/x')).toBeNull();
		expect(atLeast('11.5.1', '11.5.1')).toBe(true);
		expect(atLeast('11.10.0', '11.5.1')).toBe(true);
		expect(atLeast('11.4.9', '11.5.1')).toBe(false);
	});
});
