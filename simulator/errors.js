// @ts-check
'use strict';

/** A refused control call or option: `status` is the HTTP status the control API answers with. */
class SimulatorError extends Error {
	/**
	 * @param {number} status
	 * @param {string} message
	 */
	constructor(status, message) {
		super(message);
		this.name = 'SimulatorError';
		this.status = status;
	}
}

module.exports = { SimulatorError };
