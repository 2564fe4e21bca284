// @ts-check
'use strict';

/** @param {number[]} values */
function median(values) {
	return percentile(values, 50);
}

/** Nearest-rank percentile. @param {number[]} values @param {number} p */
function percentile(values, p) {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return sorted[rank - 1];
}

/** The median of one field over a list of measurements. @param {Array<Record<string, any>>} list @param {string} key */
const medianOf = (list, key) => median(list.map((entry) => entry[key]));

/** @param {number} value @param {number} [digits] */
const fixed = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

/**
 * Runs `ours` and `theirs` `runs` times, alternating which goes first so drift is shared.
 * @template T
 * @param {number} runs
 * @param {() => Promise<T>} ours
 * @param {() => Promise<T>} theirs
 * @param {(run: number, ours: T, theirs: T) => void} [onRun]
 */
async function alternating(runs, ours, theirs, onRun) {
	/** @type {{ ours: T[], theirs: T[] }} */
	const results = { ours: [], theirs: [] };
	for (let run = 0; run < runs; run++) {
		if (run % 2 === 0) {
			results.ours.push(await ours());
			results.theirs.push(await theirs());
		} else {
			results.theirs.push(await theirs());
			results.ours.push(await ours());
		}
		onRun?.(run + 1, results.ours[run], results.theirs[run]);
	}
	return results;
}

/** `list` starting at element `n` (modulo its length), the elements before it moved to the end. @template T @param {T[]} list @param {number} n */
const rotated = (list, n) => list.map((_, i) => list[(i + n) % list.length]);

/** Every run's value, not a median: one bad run must show. @param {Array<Record<string, any>>} list @param {string} key */
const perRun = (list, key) => list.map((entry) => entry[key]).join(', ');

module.exports = { median, percentile, medianOf, fixed, alternating, rotated, perRun };
