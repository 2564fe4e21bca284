// @ts-check
'use strict';

/** Expired tokens are swept when the store grows past this, so a long benchmark cannot grow it without end. */
const SWEEP_THRESHOLD = 10_000;

/**
 * Issued access tokens of one provider with their expiry. Both providers use it; each decides how
 * its tokens look and how they are presented.
 */
class TokenStore {
	/** @type {Map<string, { subject: string, expiresAt: number }>} */
	#tokens = new Map();

	/**
	 * @param {string} token
	 * @param {string} subject the client the token was issued to
	 * @param {number} ttlMs
	 */
	issue(token, subject, ttlMs) {
		if (this.#tokens.size >= SWEEP_THRESHOLD) this.#sweepExpired();
		this.#tokens.set(token, { subject, expiresAt: Date.now() + ttlMs });
	}

	/**
	 * @param {string | undefined} token
	 * @returns {{ subject: string } | null} null when unknown or expired
	 */
	validate(token) {
		if (token === undefined) return null;
		const entry = this.#tokens.get(token);
		if (!entry) return null;
		if (entry.expiresAt <= Date.now()) {
			this.#tokens.delete(token);
			return null;
		}
		return { subject: entry.subject };
	}

	/** @param {string} token */
	invalidate(token) {
		this.#tokens.delete(token);
	}

	/** @returns {number} how many tokens were live or pending expiry */
	expireAll() {
		const count = this.#tokens.size;
		this.#tokens.clear();
		return count;
	}

	#sweepExpired() {
		const now = Date.now();
		for (const [token, entry] of this.#tokens) {
			if (entry.expiresAt <= now) this.#tokens.delete(token);
		}
	}
}

module.exports = { TokenStore };
