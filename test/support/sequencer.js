// @ts-check
/**
 * The order jest starts test files in when several run side by side: the longest first, so that the
 * run's wall time is not the longest file started last. On a fresh clone jest has no timings of its
 * own (it falls back to file size, which puts the small per-version files of the browser walk last),
 * so the tiers set the order: the first-hour browser walks, then the e2e suites (a real n8n each),
 * the other browser tests, and the fast tier; jest's own order within a tier.
 */
'use strict';

const Sequencer = require('@jest/test-sequencer').default;

/** @param {string} file */
function tierRank(file) {
	if (/[\\/]browser[\\/]first-hour\./.test(file)) return 0;
	if (/[\\/]e2e[\\/]/.test(file)) return 1;
	if (/[\\/]browser[\\/]/.test(file)) return 2;
	return 3;
}

class LongestFirst extends Sequencer {
	/** @param {import('@jest/test-result').Test[]} tests */
	sort(tests) {
		const jestOrder = /** @type {import('@jest/test-result').Test[]} */ (super.sort(tests));
		const position = new Map(jestOrder.map((test, index) => [test.path, index]));
		return [...jestOrder].sort((a, b) => tierRank(a.path) - tierRank(b.path) || (position.get(a.path) ?? 0) - (position.get(b.path) ?? 0));
	}
}

module.exports = LongestFirst;
