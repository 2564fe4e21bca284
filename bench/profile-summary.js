// @ts-check
/**
 * Summarises a V8 .cpuprofile (from BENCH_PROFILE_DIR): self time by function and by package, and
 * the inclusive time of the functions whose name matches a pattern.
 * Usage: node bench/profile-summary.js <file.cpuprofile> [name-regex]
 */
'use strict';

const fs = require('node:fs');

const [file, pattern] = process.argv.slice(2);
if (!file) {
	console.error('usage: node bench/profile-summary.js <file.cpuprofile> [name-regex]');
	process.exit(2);
}
/** @type {{ nodes: { id: number, callFrame: { functionName: string, url: string, lineNumber: number }, children?: number[] }[], samples: number[], timeDeltas: number[] }} */
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

/** @type {Map<number, number>} */
const selfUs = new Map();
profile.samples.forEach((id, index) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

const packageOf = (/** @type {string} */ url) =>
	/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.startsWith('node:') ? 'node core' : url ? 'other' : '(vm)');
const label = (/** @type {any} */ frame) => `${frame.functionName || '(anonymous)'} ${packageOf(frame.url)}:${frame.url.split('/').pop()}:${frame.lineNumber + 1}`;

/** @param {Map<string, number>} map @param {number} top */
const print = (map, top) =>
	[...map.entries()]
		.sort((a, b) => b[1] - a[1])
		.slice(0, top)
		.forEach(([key, us]) => console.log(`${((100 * us) / totalUs).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`));

const bySelf = new Map();
const byPackage = new Map();
for (const [id, us] of selfUs) {
	const frame = byId.get(id).callFrame;
	bySelf.set(label(frame), (bySelf.get(label(frame)) ?? 0) + us);
	byPackage.set(packageOf(frame.url), (byPackage.get(packageOf(frame.url)) ?? 0) + us);
}
console.log(`${file}: ${(totalUs / 1000).toFixed(0)} ms sampled\n\nSelf time by package:`);
print(byPackage, 15);
console.log('\nSelf time by function:');
print(bySelf, 25);

if (pattern) {
	const regex = new RegExp(pattern);
	const inclusive = new Map();
	for (const [id, us] of selfUs) {
		const seen = new Set();
		for (let current = id; current !== undefined; current = parent.get(current)) {
			const frame = byId.get(current).callFrame;
			const key = label(frame);
			if (regex.test(frame.functionName) && !seen.has(key)) {
				seen.add(key);
				inclusive.set(key, (inclusive.get(key) ?? 0) + us);
			}
		}
	}
	console.log(`\nInclusive time of functions matching /${pattern}/:`);
	print(inclusive, 30);
}
