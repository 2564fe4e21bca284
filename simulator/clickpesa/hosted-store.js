// @ts-check
'use strict';

const { randomHex } = require('../ids');

/**
 * A hosted page the simulator serves for one link (fact sheet §4.4 card, §4.12 checkout, §4.13
 * payout). The page is at `${publicUrl}/clickpesa/hosted/${kind}/${token}`.
 * @typedef {object} HostedLink
 * @property {string} token random, the last segment of the link
 * @property {'checkout' | 'card' | 'payout'} kind
 * @property {string} orderReference
 * @property {string} currency TZS | USD (payout links: TZS, what the recipient gets)
 * @property {number} amountCents the total to pay (checkout, card) or to pay out (payout)
 * @property {Array<{ name: string, price: string, quantity: number }> | null} items checkout order items
 * @property {{ name: string | null, email: string | null, phone: string | null, id: string | null }} customer
 * @property {string | null} description
 * @property {string | null} callbackUrl checkout links only
 * @property {string} clientId the application that created the link
 * @property {'OPEN' | 'PAID'} status PAID once paid (or, for a payout link, once the recipient confirmed)
 * @property {string} createdAt
 * @property {string | null} paidAt
 * @property {string | null} transactionId the payment or payout id, once PAID
 */

/** Every hosted link of the simulated merchant. A link is used once. */
class HostedLinkStore {
	/** @type {Map<string, HostedLink>} */
	#byToken = new Map();

	/**
	 * @param {Omit<HostedLink, 'token' | 'status' | 'createdAt' | 'paidAt' | 'transactionId'>} fields
	 * @returns {HostedLink}
	 */
	add(fields) {
		let token = randomHex(12);
		while (this.#byToken.has(token)) token = randomHex(12);
		/** @type {HostedLink} */
		const link = { ...fields, token, status: 'OPEN', createdAt: new Date().toISOString(), paidAt: null, transactionId: null };
		this.#byToken.set(token, link);
		return link;
	}

	/**
	 * @param {string} kind
	 * @param {string} token
	 * @returns {HostedLink | undefined}
	 */
	get(kind, token) {
		const link = this.#byToken.get(token);
		return link && link.kind === kind ? link : undefined;
	}

	/** @returns {HostedLink[]} oldest first */
	all() {
		return [...this.#byToken.values()];
	}

	clear() {
		this.#byToken.clear();
	}
}

/**
 * @param {HostedLink} link
 * @param {string} publicUrl
 * @returns {string} the URL of the link's page
 */
function linkUrl(link, publicUrl) {
	return `${publicUrl}/clickpesa/hosted/${link.kind}/${link.token}`;
}

module.exports = { HostedLinkStore, linkUrl };
