// @ts-check
'use strict';

const { randomHex } = require('../ids');
const { customerDecision } = require('./customer');
const { alertBox, escapeHtml, formatMoney, page, redirect } = require('./html');
const { bookCollection } = require('./ledger');
const { centsText, fromCents } = require('./money');
const { BANKS } = require('./payout-directory');
const { appliedTransferType, bookPayout, quotePayout, resolveRecipient } = require('./payouts');
const { PaymentStore } = require('./payment-store');
const { queryView } = require('./payment-views');
const { sendPaymentWebhook } = require('./payment-webhook');
const { accountNameFor, lookupPhone } = require('./phone');

/** @typedef {import('../types').SimRequest} SimRequest */
/** @typedef {import('../types').SimResponse} SimResponse */
/** @typedef {import('../types').RouteDefinition} RouteDefinition */
/** @typedef {import('./hosted-store').HostedLink} HostedLink */
/** @typedef {import('./payment-store').PaymentRecord} PaymentRecord */

/** Where the pages live, under the provider root `/clickpesa` (real ClickPesa: checkout.clickpesa.com). */
const HOSTED_PREFIX = '/hosted';

/**
 * Test cards (made up for the simulator; any other number that passes the Luhn check succeeds).
 * @type {Record<string, string>}
 */
const DECLINED_CARDS = { '4000000000000002': 'Card declined', '4000000000009995': 'Insufficient funds' };

/**
 * @typedef {object} HostedPageDeps
 * @property {import('../types').ProviderContext} ctx
 * @property {PaymentStore} payments
 * @property {import('./payout-store').PayoutStore} payouts
 * @property {import('./ledger').Ledger} ledger
 * @property {import('./payout-lifecycle').PayoutLifecycle} lifecycle
 * @property {import('./hosted-store').HostedLinkStore} links
 */

/**
 * The pages behind `checkoutLink` (§4.12), `cardPaymentLink` (§4.4) and `payoutLink` (§4.13), and
 * the default Return URL page. Forms are `application/x-www-form-urlencoded`; after a payment the
 * browser is sent (303) to the Return URL.
 * @param {HostedPageDeps} deps
 * @returns {RouteDefinition[]}
 */
function hostedPageRoutes(deps) {
	/** @type {(method: string, path: string, handle: (req: SimRequest) => SimResponse | Promise<SimResponse>) => RouteDefinition} */
	const route = (method, path, handle) => ({ method, path: HOSTED_PREFIX + path, body: method === 'POST' ? 'form' : 'none', handle });
	/** @type {(kind: HostedLink['kind'], handler: (link: HostedLink, req: SimRequest) => SimResponse | Promise<SimResponse>) => (req: SimRequest) => SimResponse | Promise<SimResponse>} */
	const withLink = (kind, handler) => (req) => {
		const link = deps.links.get(kind, req.params.token);
		if (!link) return page(404, 'Link not found', '<h1>Link not found</h1><p>This link does not exist or has been removed.</p>');
		if (link.status !== 'OPEN') return usedPage(link, req.method === 'GET' ? 200 : 409);
		return handler(link, req);
	};
	return [
		route('GET', '/checkout/:token', withLink('checkout', (link) => checkoutPage(link, {}))),
		route('POST', '/checkout/:token/mobile-money', withLink('checkout', (link, req) => payByMobileMoney(deps, link, req.body))),
		route('POST', '/checkout/:token/card', withLink('checkout', (link, req) => payByCard(deps, link, req.body))),
		route('GET', '/card/:token', withLink('card', (link) => cardPage(link, {}))),
		route('POST', '/card/:token', withLink('card', (link, req) => payByCard(deps, link, req.body))),
		route('GET', '/payout/:token', withLink('payout', (link) => payoutPage(link, {}))),
		route('POST', '/payout/:token/review', withLink('payout', (link, req) => reviewPayout(deps, link, req.body))),
		route('POST', '/payout/:token/confirm', withLink('payout', (link, req) => confirmPayout(deps, link, req.body))),
		route('GET', '/complete', (req) => completePage(req.query)),
	];
}

// ---------------------------------------------------------------------------------------------
// Collections: checkout link and card link

/**
 * @param {HostedLink} link
 * @returns {string}
 */
function orderSummary(link) {
	const total = formatMoney(link.amountCents, link.currency);
	const description = link.description ? `<p>${escapeHtml(link.description)}</p>` : '';
	if (!link.items) {
		return `<section aria-labelledby="order-heading"><h2 id="order-heading">Order ${escapeHtml(link.orderReference)}</h2>${description}
<dl><dt>Total</dt><dd id="order-total">${escapeHtml(total)}</dd></dl></section>`;
	}
	const rows = link.items
		.map((item) => {
			const priceCents = Math.round(Number(item.price) * 100);
			return `<tr><td>${escapeHtml(item.name)}</td><td class="num">${item.quantity}</td><td class="num">${escapeHtml(formatMoney(priceCents, link.currency))}</td><td class="num">${escapeHtml(formatMoney(priceCents * item.quantity, link.currency))}</td></tr>`;
		})
		.join('');
	return `<section aria-labelledby="order-heading"><h2 id="order-heading">Order ${escapeHtml(link.orderReference)}</h2>${description}
<table><caption class="hint" style="text-align:left">Items in this order</caption>
<thead><tr><th scope="col">Item</th><th scope="col" class="num">Qty</th><th scope="col" class="num">Price</th><th scope="col" class="num">Amount</th></tr></thead>
<tbody>${rows}</tbody>
<tfoot><tr><td colspan="3">Total</td><td class="num" id="order-total">${escapeHtml(total)}</td></tr></tfoot></table></section>`;
}

/**
 * @param {string} action
 * @param {string} payLabel
 * @param {{ name?: string, error?: string }} state
 * @param {string} [heading]
 * @returns {string}
 */
function cardForm(action, payLabel, state, heading = 'Pay by card') {
	return `<section aria-labelledby="card-heading"><h2 id="card-heading">${escapeHtml(heading)}</h2>
${alertBox(state.error, 'card-error')}
<form method="post" action="${escapeHtml(action)}" id="card-form">
<label for="cardNumber">Card number</label>
<input id="cardNumber" name="cardNumber" inputmode="numeric" autocomplete="cc-number" required placeholder="4242 4242 4242 4242">
<div class="row"><div><label for="expiry">Expiry (MM/YY)</label>
<input id="expiry" name="expiry" inputmode="numeric" autocomplete="cc-exp" required placeholder="12/30"></div>
<div><label for="cvc">Security code (CVC)</label>
<input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" required placeholder="123"></div></div>
<label for="cardName">Name on card</label>
<input id="cardName" name="cardName" autocomplete="cc-name" required value="${escapeHtml(state.name ?? '')}">
<button type="submit" id="card-pay">${escapeHtml(payLabel)}</button>
</form>
<p class="hint">Test cards: <code>4242 4242 4242 4242</code> and <code>5555 5555 5555 4444</code> succeed;
<code>4000 0000 0000 0002</code> is declined, <code>4000 0000 0000 9995</code> has insufficient funds. Any future expiry, any 3 digits.</p>
</section>`;
}

/**
 * @param {HostedLink} link
 * @param {{ phone?: string, mobileError?: string, cardName?: string, cardError?: string }} state
 * @param {number} [status]
 * @returns {SimResponse}
 */
function checkoutPage(link, state, status = 200) {
	const base = `/clickpesa${HOSTED_PREFIX}/checkout/${link.token}`;
	const total = formatMoney(link.amountCents, link.currency);
	const phone = state.phone ?? (link.customer.phone ? `0${link.customer.phone.slice(3)}` : '');
	const mobile = `<section aria-labelledby="mobile-heading"><h2 id="mobile-heading">Pay with mobile money</h2>
${alertBox(state.mobileError, 'mobile-error')}
<form method="post" action="${escapeHtml(base)}/mobile-money" id="mobile-form">
<label for="phoneNumber">Mobile-money number</label>
<input id="phoneNumber" name="phoneNumber" type="tel" autocomplete="tel" required placeholder="0712 345 678" value="${escapeHtml(phone)}" aria-describedby="phone-hint">
<p class="hint" id="phone-hint">M-Pesa, Tigo Pesa, Airtel Money or HaloPesa. Test numbers ending in <code>9999</code> are declined (insufficient balance), in <code>8888</code> cancelled; any other number approves.</p>
<button type="submit" id="mobile-pay">Pay ${escapeHtml(total)}</button>
</form></section>`;
	const card = cardForm(`${base}/card`, `Pay ${total} by card`, { name: state.cardName ?? link.customer.name ?? '', error: state.cardError });
	const greeting = link.customer.name ? `<p>Hello ${escapeHtml(link.customer.name)}.</p>` : '';
	return page(status, `Pay order ${link.orderReference}`, `<h1>Pay ${escapeHtml(total)}</h1>${greeting}${orderSummary(link)}${mobile}${card}`);
}

/**
 * @param {HostedLink} link
 * @param {{ cardName?: string, cardError?: string }} state
 * @param {number} [status]
 * @returns {SimResponse}
 */
function cardPage(link, state, status = 200) {
	const total = formatMoney(link.amountCents, link.currency);
	const who = link.customer.name ? `<dt>Customer</dt><dd>${escapeHtml(link.customer.name)}</dd>` : '';
	const summary = `<section aria-labelledby="order-heading"><h2 id="order-heading">Order ${escapeHtml(link.orderReference)}</h2>
<dl><dt>Amount</dt><dd id="order-total">${escapeHtml(total)}</dd>${who}</dl></section>`;
	const form = cardForm(`/clickpesa${HOSTED_PREFIX}/card/${link.token}`, `Pay ${total}`, { name: state.cardName ?? link.customer.name ?? '', error: state.cardError }, 'Card details');
	return page(status, `Card payment ${link.orderReference}`, `<h1>Pay ${escapeHtml(total)} by card</h1>${summary}${form}`);
}

/**
 * What a person types as a phone number → `255XXXXXXXXX`, or null.
 * @param {unknown} value
 * @returns {string | null}
 */
function typedPhone(value) {
	const digits = String(value ?? '').replace(/[\s\-().]/g, '');
	const match = /^(?:\+?255|0)?([67]\d{8})$/.exec(digits);
	return match ? `255${match[1]}` : null;
}

/**
 * @param {HostedPageDeps} deps
 * @param {HostedLink} link
 * @param {Record<string, string>} form
 * @returns {Promise<SimResponse>}
 */
async function payByMobileMoney(deps, link, form) {
	const phoneNumber = typedPhone(form.phoneNumber);
	const phone = phoneNumber ? lookupPhone(phoneNumber) : null;
	if (!phoneNumber || !phone?.supported) {
		return checkoutPage(link, { phone: form.phoneNumber, mobileError: 'Enter a Tanzanian mobile-money number such as 0712 345 678.' }, 422);
	}
	const decision = customerDecision(phoneNumber);
	if (decision.outcome === 'FAILED') {
		return checkoutPage(link, { phone: form.phoneNumber, mobileError: `The payment was not approved: ${decision.message}. Nothing was charged.` }, 422);
	}
	const customerName = link.customer.name ?? accountNameFor(phoneNumber);
	return await collect(deps, link, { channel: phone.channel, phoneNumber, customerName, customerPhone: null });
}

/**
 * @param {HostedPageDeps} deps
 * @param {HostedLink} link
 * @param {Record<string, string>} form
 * @returns {Promise<SimResponse>}
 */
async function payByCard(deps, link, form) {
	const again = (/** @type {string} */ message) =>
		link.kind === 'card' ? cardPage(link, { cardName: form.cardName, cardError: message }, 422) : checkoutPage(link, { cardName: form.cardName, cardError: message }, 422);
	const problem = cardProblem(form);
	if (problem) return again(problem);
	const number = String(form.cardNumber).replace(/[\s-]/g, '');
	const declined = DECLINED_CARDS[number];
	if (declined) return again(`The card was declined: ${declined}. Nothing was charged.`);
	const name = String(form.cardName).trim();
	// §4.4: the customer's full name must match the name on the card.
	if (link.kind === 'card' && link.customer.name && normaliseName(link.customer.name) !== normaliseName(name)) {
		return again('The name on the card does not match the customer’s full name.');
	}
	return await collect(deps, link, { channel: 'CARD', phoneNumber: null, customerName: link.customer.name ?? name, customerPhone: link.customer.phone });
}

/** @param {string} name */
function normaliseName(name) {
	return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * @param {Record<string, string>} form
 * @returns {string | null}
 */
function cardProblem(form) {
	const number = String(form.cardNumber ?? '').replace(/[\s-]/g, '');
	if (!/^\d{12,19}$/.test(number) || !luhn(number)) return 'Enter a valid card number.';
	const expiry = /^(\d{1,2})\s*\/\s*(\d{2}|\d{4})$/.exec(String(form.expiry ?? '').trim());
	const month = expiry ? Number(expiry[1]) : 0;
	if (!expiry || month < 1 || month > 12) return 'Enter the expiry date as MM/YY.';
	const year = expiry[2].length === 2 ? 2000 + Number(expiry[2]) : Number(expiry[2]);
	if (Date.UTC(year, month, 1) <= Date.now()) return 'The card has expired.';
	if (!/^\d{3,4}$/.test(String(form.cvc ?? '').trim())) return 'Enter the 3 or 4 digit security code.';
	if (String(form.cardName ?? '').trim() === '') return 'Enter the name on the card.';
	return null;
}

/** @param {string} digits */
function luhn(digits) {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let digit = Number(digits[digits.length - 1 - i]);
		if (i % 2 === 1) {
			digit *= 2;
			if (digit > 9) digit -= 9;
		}
		sum += digit;
	}
	return sum % 10 === 0;
}

/**
 * The payment succeeded: record it under the link's order reference (a checkout link creates the
 * collection now; a card link completes its PENDING one), credit the ledger net of the collection
 * fee, send PAYMENT RECEIVED and, for a checkout link with a `callbackUrl`, POST the payment record
 * (the `GET /payments/{ref}` element; the real payload is unconfirmed, §4.12) there. Both
 * deliveries finish before the browser is redirected to the Return URL.
 * @param {HostedPageDeps} deps
 * @param {HostedLink} link
 * @param {{ channel: string, phoneNumber: string | null, customerName: string | null, customerPhone: string | null }} paid
 * @returns {Promise<SimResponse>}
 */
async function collect(deps, link, paid) {
	const { ctx } = deps;
	const now = new Date().toISOString();
	/** @type {PaymentRecord | undefined} */
	let record = link.kind === 'card' ? deps.payments.get(link.orderReference) : undefined;
	if (!record) {
		let id = PaymentStore.newId(link.orderReference);
		while (deps.payments.hasId(id)) id = PaymentStore.newId(link.orderReference);
		record = {
			id,
			orderReference: link.orderReference,
			status: 'PROCESSING',
			channel: paid.channel,
			amount: String(fromCents(link.amountCents)),
			currency: link.currency,
			phoneNumber: paid.phoneNumber,
			paymentReference: null,
			message: null,
			customerName: null,
			customerEmail: link.customer.email,
			customerPhone: paid.customerPhone,
			clientId: link.clientId,
			createdAt: now,
			updatedAt: now,
		};
		deps.payments.add(record);
	}
	record.status = 'SUCCESS';
	record.channel = paid.channel;
	record.message = 'success';
	record.paymentReference = randomHex(9);
	record.customerName = paid.customerName;
	record.updatedAt = now;
	link.status = 'PAID';
	link.paidAt = now;
	link.transactionId = record.id;
	bookCollection(deps.ledger, record, ctx.config().clickpesa.collectionFee);

	const callbackUrl = link.callbackUrl;
	await Promise.all([
		sendPaymentWebhook(ctx, record),
		callbackUrl
			? ctx.webhooks.deliver({ provider: 'clickpesa', url: callbackUrl, event: 'CHECKOUT CALLBACK', body: queryView(record) })
			: Promise.resolve(null),
	]);
	return redirect(303, returnUrl(deps, link.orderReference, record.status));
}

/**
 * The hosted application's Return URL (`clickpesa.returnUrl`, else the simulator's own page) with
 * `orderReference` and `status` added. What ClickPesa appends is unconfirmed (§4.12): this is the
 * simulator's choice.
 * @param {HostedPageDeps} deps
 * @param {string} orderReference
 * @param {string} status
 */
function returnUrl(deps, orderReference, status) {
	const configured = deps.ctx.config().clickpesa.returnUrl;
	const url = new URL(configured ?? `${deps.ctx.publicUrl()}/clickpesa${HOSTED_PREFIX}/complete`);
	url.searchParams.set('orderReference', orderReference);
	url.searchParams.set('status', status);
	return url.toString();
}

/**
 * @param {HostedLink} link
 * @param {number} status
 * @returns {SimResponse}
 */
function usedPage(link, status) {
	if (link.kind === 'payout') {
		return page(status, 'Payout already made', `<h1>This payout has already been made</h1>
<div class="ok" role="status">The payout for order <strong>${escapeHtml(link.orderReference)}</strong> was confirmed on ${escapeHtml(link.paidAt)}. A payout link can be used once.</div>`);
	}
	return page(status, 'Already paid', `<h1>This order has been paid</h1>
<div class="ok" role="status">Order <strong>${escapeHtml(link.orderReference)}</strong> (${escapeHtml(formatMoney(link.amountCents, link.currency))}) was paid on ${escapeHtml(link.paidAt)}. A link can be paid once; nothing more is due.</div>`);
}

/**
 * The default Return URL page.
 * @param {URLSearchParams} query
 * @returns {SimResponse}
 */
function completePage(query) {
	const reference = query.get('orderReference');
	const isPayout = query.get('status') === 'AUTHORIZED';
	const title = isPayout ? 'Payout confirmed' : 'Payment complete';
	const detail = reference ? ` for order <strong id="complete-reference">${escapeHtml(reference)}</strong>` : '';
	const text = isPayout ? `Your payout${detail} is on its way.` : `Thank you: your payment${detail} was received.`;
	return page(200, title, `<h1>${title}</h1><div class="ok" role="status">${text}</div>
<p class="hint">This is the simulator's default Return URL page; set <code>clickpesa.returnUrl</code> to send customers to your own page.</p>`);
}

// ---------------------------------------------------------------------------------------------
// Payout link

/**
 * @param {HostedLink} link
 * @param {{ error?: string, phone?: string, bic?: string, accountNumber?: string, accountName?: string }} state
 * @param {number} [status]
 * @returns {SimResponse}
 */
function payoutPage(link, state, status = 200) {
	const action = `/clickpesa${HOSTED_PREFIX}/payout/${link.token}/review`;
	const amount = formatMoney(link.amountCents, 'TZS');
	const options = BANKS.map(
		(bank) => `<option value="${escapeHtml(bank.bic)}"${state.bic === bank.bic ? ' selected' : ''}>${escapeHtml(bank.name)}</option>`,
	).join('');
	return page(status, `Receive ${amount}`, `<h1>Receive ${escapeHtml(amount)}</h1>
<p>Choose where the money for order <strong>${escapeHtml(link.orderReference)}</strong> should go. You can check the details before confirming.</p>
${alertBox(state.error, 'payout-error')}
<section aria-labelledby="mobile-heading"><h2 id="mobile-heading">To mobile money</h2>
<form method="post" action="${escapeHtml(action)}" id="payout-mobile-form">
<input type="hidden" name="method" value="mobile">
<label for="payoutPhone">Mobile-money number</label>
<input id="payoutPhone" name="phoneNumber" type="tel" autocomplete="tel" required placeholder="0754 123 456" value="${escapeHtml(state.phone ?? '')}">
<button type="submit" id="payout-mobile-continue">Continue with mobile money</button>
</form></section>
<section aria-labelledby="bank-heading"><h2 id="bank-heading">To a bank account</h2>
<form method="post" action="${escapeHtml(action)}" id="payout-bank-form">
<input type="hidden" name="method" value="bank">
<label for="bic">Bank</label>
<select id="bic" name="bic" required>${options}</select>
<label for="accountNumber">Account number</label>
<input id="accountNumber" name="accountNumber" inputmode="numeric" required value="${escapeHtml(state.accountNumber ?? '')}">
<label for="accountName">Account holder’s name</label>
<input id="accountName" name="accountName" autocomplete="name" value="${escapeHtml(state.accountName ?? '')}" aria-describedby="account-hint">
<p class="hint" id="account-hint">Leave empty to use the name the bank reports. Test account: <code>0150123456789</code> at CRDB BANK PLC (TEMBO SHOP).</p>
<button type="submit" id="payout-bank-continue">Continue with bank transfer</button>
</form></section>`);
}

/**
 * Resolves the recipient and quotes the payout, as the API's create would (payouts.js).
 * @param {HostedPageDeps} deps
 * @param {HostedLink} link
 * @param {Record<string, string>} form
 * @returns {{ error: string } | { kind: 'mobile' | 'bank', body: Record<string, any>, recipient: any, quote: any }}
 */
function preparePayout(deps, link, form) {
	/** @type {Record<string, any>} */
	let body;
	/** @type {'mobile' | 'bank'} */
	let kind;
	if (form.method === 'bank') {
		kind = 'bank';
		body = { bic: String(form.bic ?? ''), accountNumber: String(form.accountNumber ?? '').replace(/\s/g, '') };
		if (String(form.accountName ?? '').trim()) body.accountName = String(form.accountName).trim();
		if (!body.accountNumber) return { error: 'Enter the account number.' };
	} else {
		kind = 'mobile';
		const phoneNumber = typedPhone(form.phoneNumber);
		if (!phoneNumber) return { error: 'Enter a Tanzanian mobile-money number such as 0754 123 456.' };
		body = { phoneNumber };
	}
	const recipient = resolveRecipient(kind, body);
	if ('error' in recipient) return { error: `This recipient cannot be paid: ${/** @type {any} */ (recipient.error.body).message}.` };
	if (kind === 'bank' && !recipient.beneficiaryName) return { error: 'The bank could not confirm the account name: enter the account holder’s name.' };
	const quote = quotePayout(deps.ctx.config().clickpesa, deps.ledger, link.amountCents, 'TZS');
	if ('error' in quote) return { error: `The payout cannot be made right now: ${/** @type {any} */ (quote.error.body).message}.` };
	return { kind, body, recipient, quote };
}

/**
 * @param {HostedPageDeps} deps
 * @param {HostedLink} link
 * @param {Record<string, string>} form
 * @returns {SimResponse}
 */
function reviewPayout(deps, link, form) {
	const prepared = preparePayout(deps, link, form);
	if ('error' in prepared) {
		return payoutPage(link, { error: prepared.error, phone: form.phoneNumber, bic: form.bic, accountNumber: form.accountNumber, accountName: form.accountName }, 422);
	}
	const { kind, body, recipient, quote } = prepared;
	const hidden = Object.entries({ method: kind, ...body })
		.map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
		.join('');
	const received = formatMoney(quote.receiverCents, 'TZS');
	return page(200, 'Confirm payout', `<h1>Confirm your payout</h1>
<section aria-labelledby="review-heading"><h2 id="review-heading">Payout details</h2>
<dl>
<dt>You receive</dt><dd id="review-amount">${escapeHtml(received)}</dd>
<dt>To</dt><dd id="review-name">${escapeHtml(recipient.beneficiaryName)}</dd>
<dt>${kind === 'bank' ? 'Account' : 'Number'}</dt><dd>${escapeHtml(recipient.accountNumber)}</dd>
<dt>Via</dt><dd>${escapeHtml(recipient.channelProvider)}</dd>
<dt>Order</dt><dd>${escapeHtml(link.orderReference)}</dd>
</dl>
<form method="post" action="/clickpesa${HOSTED_PREFIX}/payout/${escapeHtml(link.token)}/confirm" id="payout-confirm-form">${hidden}
<button type="submit" id="payout-confirm">Confirm payout</button>
</form>
<p><a href="/clickpesa${HOSTED_PREFIX}/payout/${escapeHtml(link.token)}">Change the details</a></p>
</section>`);
}

/**
 * The recipient confirmed: the payout is created as `POST /payouts/create-…-payout` would create
 * it (ledger debit, AUTHORIZED, then the usual lifecycle and PAYOUT INITIATED). The API's create
 * cooldown (§8.4) is neither checked nor started by a hosted payout (inferred: it guards API
 * creates). The browser then goes to the Return URL.
 * @param {HostedPageDeps} deps
 * @param {HostedLink} link
 * @param {Record<string, string>} form
 * @returns {SimResponse}
 */
function confirmPayout(deps, link, form) {
	const prepared = preparePayout(deps, link, form);
	if ('error' in prepared) return payoutPage(link, { error: prepared.error }, 422);
	const { recipient, quote } = prepared;
	const transferType = recipient.bank ? appliedTransferType('TZS', link.amountCents) : null;
	const now = new Date().toISOString();
	/** @type {import('./payout-store').PayoutRecord} */
	const record = {
		id: deps.payouts.newId(),
		orderReference: link.orderReference,
		status: 'AUTHORIZED',
		channel: recipient.channel,
		channelProvider: recipient.channelProvider,
		transferType,
		estimatedArrival: transferType === null ? null : transferType === 'RTGS' ? 'Instant' : '1-3 Working Days',
		currency: 'TZS',
		amountCents: quote.debitCents,
		feeCents: quote.feeCents,
		orderAmountCents: link.amountCents,
		exchanged: false,
		exchange: null,
		beneficiary: { accountNumber: recipient.accountNumber, accountName: recipient.beneficiaryName, ...recipient.extraBeneficiary },
		clientId: link.clientId,
		createdAt: now,
		updatedAt: now,
		refund: null,
		reverse: null,
	};
	deps.payouts.add(record);
	bookPayout(deps.ledger, record);
	deps.lifecycle.created(record);
	link.status = 'PAID';
	link.paidAt = now;
	link.transactionId = record.id;
	return redirect(303, returnUrl(deps, link.orderReference, record.status));
}

/**
 * A link as the control API lists it.
 * @param {HostedLink} link
 * @param {string} publicUrl
 */
function hostedLinkView(link, publicUrl) {
	return {
		kind: link.kind,
		url: `${publicUrl}/clickpesa${HOSTED_PREFIX}/${link.kind}/${link.token}`,
		orderReference: link.orderReference,
		amount: centsText(link.amountCents),
		currency: link.currency,
		items: link.items,
		status: link.status,
		callbackUrl: link.callbackUrl,
		createdAt: link.createdAt,
		paidAt: link.paidAt,
		transactionId: link.transactionId,
	};
}

module.exports = { hostedPageRoutes, hostedLinkView, HOSTED_PREFIX, DECLINED_CARDS };
