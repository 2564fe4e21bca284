// @ts-check
'use strict';

/**
 * Every timer the simulator starts goes through here, so `stop()` can clear them all. Timers are
 * unref'd: a pending customer action or latency delay never keeps the process alive.
 */
class TimerSet {
	/** @type {Set<NodeJS.Timeout>} */
	#handles = new Set();

	/**
	 * @param {() => void} callback
	 * @param {number} ms
	 * @returns {NodeJS.Timeout}
	 */
	schedule(callback, ms) {
		const handle = setTimeout(() => {
			this.#handles.delete(handle);
			callback();
		}, ms);
		handle.unref();
		this.#handles.add(handle);
		return handle;
	}

	/** @param {NodeJS.Timeout} handle */
	cancel(handle) {
		clearTimeout(handle);
		this.#handles.delete(handle);
	}

	/**
	 * Resolves after `ms`; never resolves when the set is cleared first.
	 * @param {number} ms
	 * @returns {Promise<void>}
	 */
	sleep(ms) {
		return new Promise((resolve) => {
			this.schedule(resolve, ms);
		});
	}

	clearAll() {
		for (const handle of this.#handles) clearTimeout(handle);
		this.#handles.clear();
	}
}

module.exports = { TimerSet };
