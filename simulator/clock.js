// @ts-check
'use strict';

const { SimulatorError } = require('./errors');

const DAY_MS = 86_400_000;

/**
 * The simulator's own clock: real time plus an offset that the control API moves forward (never
 * back), so months of a payment plan pass in a test. What happens on a date (a CRDB mandate's
 * debits, a Clik2pay request scheduled for a delivery date) happens when the clock reaches it:
 * the providers register `onAdvance` listeners that catch up to the new time.
 */
class SimulatorClock {
	#offsetMs = 0;
	/** @type {Array<(now: Date) => Promise<void> | void>} */
	#listeners = [];

	/** @returns {Date} */
	now() {
		return new Date(Date.now() + this.#offsetMs);
	}

	/** @param {(now: Date) => Promise<void> | void} listener */
	onAdvance(listener) {
		this.#listeners.push(listener);
	}

	/**
	 * Moves the clock forward by `days` and/or `ms`, or to the time `to`; then lets every listener catch up.
	 * @param {unknown} move `{ days?, ms?, to? }`
	 */
	async advance(move) {
		const { days = 0, ms = 0, to, ...rest } = /** @type {Record<string, unknown>} */ (move && typeof move === 'object' ? move : {});
		if (Object.keys(rest).length > 0) throw new SimulatorError(400, `unknown clock field(s): ${Object.keys(rest).join(', ')}`);
		if (typeof days !== 'number' || !Number.isFinite(days) || days < 0) throw new SimulatorError(400, 'days must be a number >= 0');
		if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new SimulatorError(400, 'ms must be a number >= 0');
		let target = this.now().getTime() + days * DAY_MS + ms;
		if (to !== undefined) {
			const at = typeof to === 'string' ? Date.parse(to) : NaN;
			if (Number.isNaN(at)) throw new SimulatorError(400, 'to must be an ISO date or date-time');
			if (at < this.now().getTime()) throw new SimulatorError(400, 'the clock only moves forward');
			target = at;
		}
		this.#offsetMs = target - Date.now();
		for (const listener of this.#listeners) await listener(this.now());
		return this.view();
	}

	view() {
		return { now: this.now().toISOString(), offsetMs: this.#offsetMs };
	}

	reset() {
		this.#offsetMs = 0;
	}
}

module.exports = { SimulatorClock, DAY_MS };
