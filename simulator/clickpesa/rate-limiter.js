// @ts-check
'use strict';

const WINDOW_MS = 60_000;

/**
 * A sliding 60-second window per remote address. Only admitted requests enter the window, so a
 * throttled client gets through again once its oldest admitted request is a minute old.
 */
class SlidingWindowLimiter {
	/** @type {Map<string, number[]>} */
	#admitted = new Map();

	/**
	 * @param {string} address
	 * @param {number} limitPerMinute 0 = no limit
	 * @returns {boolean} true when the request may go on (and is counted)
	 */
	admit(address, limitPerMinute) {
		if (limitPerMinute === 0) return true;
		const now = Date.now();
		let times = this.#admitted.get(address);
		if (!times) {
			times = [];
			this.#admitted.set(address, times);
		}
		while (times.length > 0 && times[0] <= now - WINDOW_MS) times.shift();
		if (times.length >= limitPerMinute) return false;
		times.push(now);
		return true;
	}

	clear() {
		this.#admitted.clear();
	}
}

module.exports = { SlidingWindowLimiter };
