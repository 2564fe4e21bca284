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

/** @param {number} value @param {number} [digits] */
const fixed = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

module.exports = { median, percentile, fixed };
