#!/usr/bin/env node
'use strict';

/**
 * Refuses a release before anything is published (.github/workflows/publish.yml runs it first):
 *   node scripts/release-guard.js [--tag vX.Y.Z] [--repository owner/name] [--npm-version X.Y.Z]
 * Defaults: GITHUB_REF_NAME, GITHUB_REPOSITORY and `npm --version`'s answer passed by the workflow.
 *
 * Both packages (the n8n nodes at the root, the simulator in simulator/) share one version and one tag.
 * A release is refused when:
 * - the tag is not `v` + package.json's version, or the simulator's version differs;
 * - CHANGELOG.md has no non-empty section for that version (`## 0.1.0` or `## [0.1.0] - date`);
 * - a package.json has no `repository.url`, or it is not the repository the workflow runs in
 *   (npm's provenance check compares them; `repository.directory` must name the package's folder);
 * - `bugs` or `homepage` point at another GitHub repository;
 * - npm is older than 11.5.1 (the first npm that publishes through trusted publishing, OIDC).
 * Plain Node, no dependencies. Exits 1 with one line per problem.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const PACKAGES = [
	{ dir: '.', label: 'package.json' },
	{ dir: 'simulator', label: 'simulator/package.json' },
];
const MIN_NPM = '11.5.1';

function parseVersion(text) {
	const match = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(String(text || ''));
	return match ? { major: +match[1], minor: +match[2], patch: +match[3], pre: match[4] || '' } : null;
}

function atLeast(version, minimum) {
	const a = parseVersion(version);
	const b = parseVersion(minimum);
	if (!a || !b) return false;
	for (const key of ['major', 'minor', 'patch']) if (a[key] !== b[key]) return a[key] > b[key];
	return true;
}

/** The body of CHANGELOG.md's `## <version>` section (`## [0.1.0]`, `## 0.1.0 - 2026-12-07`…), or null. */
function changelogSection(changelog, version) {
	const lines = changelog.split(/\r?\n/);
	const escaped = version.replace(/[.+]/g, '\\$&');
	const heading = new RegExp(`^##\\s+\\[?v?${escaped}\\]?(?:\\s|$)`);
	const start = lines.findIndex((line) => heading.test(line));
	if (start < 0) return null;
	const rest = lines.slice(start + 1);
	const end = rest.findIndex((line) => /^##?\s/.test(line));
	return (end < 0 ? rest : rest.slice(0, end)).join('\n').trim();
}

/** `git+https://github.com/o/r.git`, `https://github.com/o/r`, `git@github.com:o/r.git`, `github:o/r` → `o/r`; else null. */
function githubRepoOf(url) {
	if (typeof url !== 'string') return null;
	const match =
		/^(?:git\+)?(?:https?|git|ssh):\/\/(?:git@)?github\.com\/([^/\s]+)\/([^/\s#?]+?)(?:\.git)?\/?(?:[#?].*)?$/.exec(url) ||
		/^git@github\.com:([^/\s]+)\/([^/\s]+?)(?:\.git)?$/.exec(url) ||
		/^github:([^/\s]+)\/([^/\s]+)$/.exec(url);
	return match ? `${match[1]}/${match[2]}` : null;
}

/** Any github.com/<owner>/<name> an URL points into (a homepage's /tree/main/…, an issues page), or null. */
function githubRepoIn(url) {
	const match = /github\.com[/:]([^/\s]+)\/([^/\s#?]+)/.exec(String(url || ''));
	return match ? `${match[1]}/${match[2].replace(/\.git$/, '')}` : null;
}

function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Every reason to refuse the release, as sentences (empty: go ahead).
 * @param {{root?: string, tag?: string, repository?: string, npmVersion?: string}} options
 */
function checkRelease({ root = ROOT, tag, repository, npmVersion } = {}) {
	const problems = [];
	const manifests = PACKAGES.map(({ dir, label }) => ({ dir, label, json: readJson(path.join(root, dir, 'package.json')) }));
	const [main] = manifests;
	const version = main.json.version;

	if (!tag) {
		problems.push('No tag given: run from a tag push (GITHUB_REF_NAME) or pass --tag vX.Y.Z.');
	} else if (tag !== `v${version}`) {
		problems.push(
			`Tag ${tag} does not match package.json's version ${version}: tag v${version}, or set "version" to ${tag.replace(/^v/, '')} in both package.json files first.`,
		);
	}
	for (const { label, json } of manifests.slice(1)) {
		if (json.version !== version) {
			problems.push(`${label} has version ${json.version}, package.json has ${version}: both packages share one version, set both to the same.`);
		}
	}

	const changelogFile = path.join(root, 'CHANGELOG.md');
	if (!fs.existsSync(changelogFile)) {
		problems.push(`CHANGELOG.md is missing: add it with a "## ${version}" section saying what users notice.`);
	} else {
		const section = changelogSection(fs.readFileSync(changelogFile, 'utf8'), version);
		if (section === null) problems.push(`CHANGELOG.md has no "## ${version}" section: add one saying what users notice in ${version}.`);
		else if (!section) problems.push(`CHANGELOG.md's "## ${version}" section is empty: say what users notice in ${version}.`);
	}

	if (!repository || !/^[^/\s]+\/[^/\s]+$/.test(repository)) {
		problems.push('No repository given: run in GitHub Actions (GITHUB_REPOSITORY) or pass --repository owner/name.');
	}
	const expected = repository ? `https://github.com/${repository}` : 'https://github.com/<owner>/<name>';
	for (const { dir, label, json } of manifests) {
		const repo = json.repository;
		const url = typeof repo === 'string' ? repo : repo && repo.url;
		const want = `{"type": "git", "url": "git+${expected}.git"${dir === '.' ? '' : `, "directory": "${dir}"`}}`;
		if (!url) {
			problems.push(`${label} has no "repository" field: npm's provenance check needs it to be this repository, set "repository": ${want}.`);
			continue;
		}
		const found = githubRepoOf(url);
		if (!found) {
			problems.push(`${label}'s repository.url "${url}" is not a GitHub repository URL: set "repository": ${want}.`);
		} else if (repository && found !== repository) {
			problems.push(
				`${label}'s repository.url "${url}" is not the repository this workflow runs in (${expected}): npm's provenance check would refuse the publish; set "repository": ${want}.`,
			);
		}
		const directory = (repo && typeof repo === 'object' && repo.directory) || '.';
		if (path.posix.normalize(directory) !== dir) {
			problems.push(`${label}'s repository.directory is "${directory}", the package lives in "${dir}".`);
		}
		for (const field of ['bugs', 'homepage']) {
			const value = json[field];
			const link = typeof value === 'string' ? value : value && value.url;
			const other = githubRepoIn(link);
			if (other && repository && other !== repository) {
				problems.push(`${label}'s ${field} "${link}" points at ${other}, not at this repository (${repository}).`);
			}
		}
	}

	if (npmVersion !== undefined && !atLeast(npmVersion, MIN_NPM)) {
		problems.push(`npm ${npmVersion} cannot publish through npm trusted publishing (OIDC): it needs npm ${MIN_NPM} or later.`);
	}
	return problems;
}

function argValue(argv, name) {
	const index = argv.indexOf(name);
	return index >= 0 ? argv[index + 1] : undefined;
}

function main(argv = process.argv.slice(2), env = process.env) {
	const tag = argValue(argv, '--tag') ?? env.GITHUB_REF_NAME;
	const repository = argValue(argv, '--repository') ?? env.GITHUB_REPOSITORY;
	const npmVersion = argValue(argv, '--npm-version');
	const problems = checkRelease({ tag, repository, npmVersion });
	if (problems.length) {
		process.stderr.write(`Release refused (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `- ${p}`).join('\n')}\n`);
		return 1;
	}
	const { version } = readJson(path.join(ROOT, 'package.json'));
	process.stdout.write(`Release guard: tag ${tag}, version ${version} of both packages, CHANGELOG entry and repository ${repository}: ok\n`);
	return 0;
}

module.exports = { checkRelease, changelogSection, githubRepoOf, atLeast };

if (require.main === module) process.exitCode = main();
