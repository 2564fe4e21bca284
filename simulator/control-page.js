// @ts-check
'use strict';

const { alertBox, escapeHtml, page, redirect } = require('./clickpesa/html');
const { SimulatorError } = require('./errors');
const { CONTROL_BASE } = require('./server');

/** @typedef {import('./types').SimRequest} SimRequest */
/** @typedef {import('./types').SimResponse} SimResponse */
/** @typedef {import('./types').RouteDefinition} RouteDefinition */

/** The simulator's own page, under the control base. */
const CONTROL_PAGE_PATH = '/page';
const PAGE_URL = CONTROL_BASE + CONTROL_PAGE_PATH;
const RECENT_ROWS = 20;
const LOG_ROWS = 50;
const REFRESH_SECONDS = 5;
/** Keeps the browser from asking for /favicon.ico, which would show up in the request log. */
const NO_FAVICON = '<link rel="icon" href="data:,">';

/** Statuses in which the simulated Clik2pay payer can still act on a payment request. */
const OPEN_REQUEST = ['CREATED', 'SCHEDULED', 'ACTIVE'];

/**
 * The fault switches the page offers, in this order: form value, label, fault spec (route and
 * times come from the form).
 * @type {Array<[string, string, Record<string, unknown>]>}
 */
const FAULT_KINDS = [
	['503', '503 Service Unavailable', { kind: 'status', status: 503 }],
	['500', '500 Internal Server Error', { kind: 'status', status: 500 }],
	['502', '502 Bad Gateway', { kind: 'status', status: 502 }],
	['429', '429 Too Many Requests', { kind: 'status', status: 429 }],
	['latency', 'Slow answers (latency, ms below)', { kind: 'latency' }],
	['reset', 'Connection reset before processing', { kind: 'reset' }],
	['reset-after', 'Connection reset after processing (the request takes effect)', { kind: 'reset', afterProcessing: true }],
	['expire-token', 'Token expiry (the presented token stops working: 401)', { kind: 'expire-token' }],
];

/**
 * `GET /__control/page` and the forms it posts to. Every form POSTs (urlencoded), calls the same
 * simulator method as the JSON control route, and redirects (303) back to the page with a notice,
 * so the page works without JavaScript. `GET /__control` from a browser (Accept: text/html) is sent
 * to the page; other clients keep the JSON 404.
 * @param {import('./index').Simulator} simulator
 * @returns {RouteDefinition[]}
 */
function controlPageRoutes(simulator) {
	/** @type {(path: string, act: (req: SimRequest) => string | Promise<string>) => RouteDefinition} */
	const action = (path, act) => ({ method: 'POST', path: CONTROL_PAGE_PATH + path, body: 'form', handle: (req) => runAction(req, act) });
	/** @type {(webhook: import('./webhooks').WebhookDelivery | null) => string} */
	const sent = (webhook) => (webhook ? `; webhook ${webhook.event} answered ${webhook.status ?? webhook.error}` : '; no webhook URL set');
	return [
		{
			method: 'GET',
			path: '',
			body: 'none',
			handle: (req) => {
				if (acceptsHtml(req.headers.accept)) return redirect(303, PAGE_URL);
				throw new SimulatorError(404, `no control route GET ${req.path}`);
			},
		},
		{ method: 'GET', path: CONTROL_PAGE_PATH, body: 'none', handle: (req) => renderPage(simulator, req.query) },
		action('/clickpesa/payments/:orderReference/approve', async (req) => {
			const { payment, webhook } = await simulator.completePayment(req.params.orderReference, 'SUCCESS');
			return `Payment ${payment.orderReference} is ${payment.status}${sent(webhook)}.`;
		}),
		action('/clickpesa/payments/:orderReference/decline', async (req) => {
			const { payment, webhook } = await simulator.completePayment(req.params.orderReference, 'FAILED', 'User cancelled');
			return `Payment ${payment.orderReference} is ${payment.status}${sent(webhook)}.`;
		}),
		action('/clik2pay/payment-requests/:id/approve', async (req) => {
			const { paymentRequest, webhook } = await simulator.clik2payPayerAction(req.params.id, 'pay');
			return `Payment request ${paymentRequest.id} is ${paymentRequest.status}${sent(webhook)}.`;
		}),
		action('/clik2pay/payment-requests/:id/decline', async (req) => {
			const { paymentRequest, webhook } = await simulator.clik2payPayerAction(req.params.id, 'fail');
			return `Payment request ${paymentRequest.id} is ${paymentRequest.status}${sent(webhook)}.`;
		}),
		action('/clickpesa/payouts/:orderReference/complete', async (req) => {
			const { payout, webhook } = await simulator.completePayout(req.params.orderReference);
			return `Payout ${payout.orderReference} is ${payout.status}${sent(webhook)}.`;
		}),
		action('/clickpesa/payouts/:orderReference/reverse', async (req) => {
			const { payout, webhook } = await simulator.reversePayout(req.params.orderReference);
			return `Payout ${payout.orderReference} is ${payout.status}${sent(webhook)}.`;
		}),
		action('/clickpesa/payouts/:orderReference/refund', async (req) => {
			const { payout, webhook } = await simulator.refundPayout(req.params.orderReference);
			return `Payout ${payout.orderReference} is ${payout.status}${sent(webhook)}.`;
		}),
		action('/faults', (req) => {
			const choice = FAULT_KINDS.find(([value]) => value === req.body.kind);
			if (!choice) throw new SimulatorError(400, 'Choose what goes wrong');
			const [, label, faultSpec] = choice;
			const times = wholeNumber(req.body.times, 'How many requests');
			/** @type {Record<string, unknown>} */
			const spec = { ...faultSpec, route: req.body.route || '*', times };
			if (spec.kind === 'latency') spec.ms = wholeNumber(req.body.ms, 'Latency');
			const fault = simulator.addFault(spec);
			return `Fault ${fault.id} is on: ${label}, ${fault.route === '*' ? 'every provider route' : fault.route}, ${fault.times === 0 ? 'every request' : `next ${fault.times} request(s)`}.`;
		}),
		action('/faults/clear', () => {
			simulator.clearFaults();
			return 'Every fault is cleared.';
		}),
		action('/latency', (req) => {
			const latencyMs = wholeNumber(req.body.latencyMs, 'Latency on every answer');
			simulator.configure({ latencyMs });
			return `Every API answer now waits ${latencyMs} ms.`;
		}),
		action('/settings', (req) => {
			const current = simulator.getConfig();
			// A URL with a password is shown masked: sent back unchanged, it keeps the URL it stands for.
			const url = (/** @type {unknown} */ text, /** @type {string | null} */ was) =>
				typeof text !== 'string' || text.trim() === '' ? null : was && text.trim() === maskUrl(was) ? was : text.trim();
			const byHand = req.body.customerAnswers === 'by-hand';
			simulator.configure({
				clickpesa: {
					webhookUrl: url(req.body.clickpesaWebhookUrl, current.clickpesa.webhookUrl),
					customerDelayMs: byHand ? null : wholeNumber(req.body.customerDelaySeconds, 'The customer answers after (seconds)') * 1000,
					payoutDelayMs: req.body.payoutsByHand === 'on' ? null : wholeNumber(req.body.payoutDelaySeconds, 'Payouts succeed after (seconds)') * 1000,
				},
				clik2pay: { webhookUrl: url(req.body.clik2payWebhookUrl, current.clik2pay.webhookUrl) },
			});
			const config = simulator.getConfig().clickpesa;
			return `Settings saved: the simulated customer answers ${config.customerDelayMs === null ? 'only when you click "Customer approves" or "Customer declines"' : `USSD pushes by itself after ${config.customerDelayMs / 1000} s`}.`;
		}),
		action('/expire-tokens', (req) => {
			const provider = req.body.provider;
			if (provider !== 'clickpesa' && provider !== 'clik2pay') throw new SimulatorError(400, 'provider must be clickpesa or clik2pay');
			const count = simulator.expireTokens(provider);
			return `${count} ${provider === 'clickpesa' ? 'ClickPesa' : 'Clik2pay'} token(s) stopped working.`;
		}),
	];
}

/**
 * @param {string | string[] | undefined} accept
 * @returns {boolean}
 */
function acceptsHtml(accept) {
	return typeof accept === 'string' && accept.toLowerCase().includes('text/html');
}

/**
 * @param {unknown} text
 * @param {string} label
 * @returns {number}
 */
function wholeNumber(text, label) {
	const value = Number(text);
	if (typeof text !== 'string' || text.trim() === '' || !Number.isInteger(value) || value < 0) {
		throw new SimulatorError(400, `${label} must be a whole number, 0 or more`);
	}
	return value;
}

/**
 * Forms from other sites must not drive the simulator (a page elsewhere could post to 127.0.0.1):
 * a browser sends `Origin` (and `Sec-Fetch-Site`) with form posts, so those must name this host.
 * @param {SimRequest} req
 * @returns {boolean}
 */
function fromOtherSite(req) {
	if (req.headers['sec-fetch-site'] === 'cross-site') return true;
	const origin = req.headers.origin;
	return typeof origin === 'string' && origin !== `http://${req.headers.host}`;
}

/**
 * @param {SimRequest} req
 * @param {(req: SimRequest) => string | Promise<string>} act
 * @returns {Promise<SimResponse>}
 */
async function runAction(req, act) {
	if (fromOtherSite(req)) {
		return page(403, 'Refused', '<h1>Refused</h1><p>This form was sent from another site. Use the simulator page itself.</p>', { brand: 'Provider simulator' });
	}
	try {
		const notice = await act(req);
		return redirect(303, `${PAGE_URL}?notice=${encodeURIComponent(notice)}`);
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		return redirect(303, `${PAGE_URL}?error=${encodeURIComponent(message)}`);
	}
}

// ---------------------------------------------------------------------------------------------
// The page

const STYLE = `
main.wide{max-width:76rem}
h3{font-size:1rem;margin:1rem 0 .25rem}
nav ul{list-style:none;padding:0;margin:0 0 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
table{font-size:.9rem}
td{vertical-align:top}
td.actions{white-space:nowrap}
form.inline{display:inline}
button.small{width:auto;margin:0 .35rem .25rem 0;padding:.35rem .7rem;font-size:.9rem}
button.danger{background:#a4262c}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:0 1rem;align-items:end}
.grid button{width:auto}
.empty{color:#5a6675;font-style:italic;margin:.25rem 0}
.status-SUCCESS,.status-PAID,.status-SETTLED{color:#1d6b3f;font-weight:700}
.status-FAILED,.status-REVERSED,.status-REFUNDED,.status-CANCELLED{color:#a4262c;font-weight:700}
.status-PROCESSING,.status-AUTHORIZED,.status-PENDING,.status-CREATED,.status-ACTIVE,.status-SCHEDULED{color:#8a5a00;font-weight:700}
pre{white-space:pre-wrap;word-break:break-all;font-size:.8rem;background:#eef1f5;padding:.5rem;border-radius:4px;max-height:20rem;overflow:auto}
.checkbox{display:flex;gap:.5rem;align-items:center;font-weight:400}
.checkbox input{width:auto}
`;

// Brings the lists up to date every few seconds without reloading the page, unless switched off
// (remembered in this browser): each list section is replaced by its new version, except one the
// pointer is over or that holds the focus, and nothing while a key or click was in the last few
// seconds, so a button is never swapped under a person's click. Settings and faults (forms a person
// fills in) are never replaced.
const LIVE_SECTIONS = ['waiting', 'balances', 'payments', 'payouts', 'payment-requests', 'webhooks', 'requests'];
const SCRIPT = `(function(){var box=document.getElementById('auto-refresh');if(!box)return;var key='simControlPageRefresh';
try{box.checked=localStorage.getItem(key)!=='off';}catch(e){}
box.addEventListener('change',function(){try{localStorage.setItem(key,box.checked?'on':'off');}catch(e){}});
var last=Date.now();['keydown','pointerdown','focusin','input'].forEach(function(t){document.addEventListener(t,function(){last=Date.now();},true);});
var ids=${JSON.stringify(LIVE_SECTIONS)};
setInterval(function(){if(!box.checked||document.hidden||Date.now()-last<${REFRESH_SECONDS * 1000})return;
fetch(location.pathname,{headers:{accept:'text/html'}}).then(function(r){return r.text();}).then(function(html){
var fresh=new DOMParser().parseFromString(html,'text/html');ids.forEach(function(id){var old=document.getElementById(id),next=fresh.getElementById(id);
if(!old||!next||old.matches(':hover')||old.contains(document.activeElement)||Date.now()-last<${REFRESH_SECONDS * 1000})return;
if(old.innerHTML!==next.innerHTML)old.innerHTML=next.innerHTML;});}).catch(function(){});},${REFRESH_SECONDS * 1000});})();`;

/**
 * @param {import('./index').Simulator} simulator
 * @param {URLSearchParams} query
 * @returns {SimResponse}
 */
function renderPage(simulator, query) {
	const { clickpesa, clik2pay } = simulator.overview();
	const notice = query.get('notice');
	const error = query.get('error');
	const sections = [
		['waiting', 'Waiting for the customer'],
		['balances', 'Balances'],
		['payments', 'Recent payments'],
		['payouts', 'Recent payouts'],
		['payment-requests', 'Clik2pay payment requests'],
		['webhooks', 'Webhooks sent'],
		['faults', 'Faults'],
		['requests', 'Request log'],
		['settings', 'Settings'],
	];
	const nav = `<nav aria-label="Sections"><ul>${sections.map(([id, title]) => `<li><a href="#${id}-heading">${escapeHtml(title)}</a></li>`).join('')}</ul></nav>`;
	const content = [
		'<h1>Simulator control</h1>',
		nav,
		notice ? `<div class="ok" role="status" id="notice">${escapeHtml(notice)}</div>` : '',
		alertBox(error, 'action-error'),
		waitingSection(clickpesa.payments, clik2pay.paymentRequests, simulator.hostedLinks()),
		balancesSection(simulator.ledger()),
		paymentsSection(clickpesa.payments),
		payoutsSection(clickpesa.payouts),
		paymentRequestsSection(clik2pay.paymentRequests),
		webhooksSection(simulator.webhookDeliveries(), simulator.getConfig()),
		faultsSection(simulator.listFaults(), simulator.routeKeys(), simulator.getConfig().latencyMs),
		requestsSection(simulator.requests(LOG_ROWS)),
		settingsSection(simulator.getConfig()),
		`<p class="hint"><label class="checkbox" for="auto-refresh"><input type="checkbox" id="auto-refresh" checked> Keep the lists up to date every ${REFRESH_SECONDS} seconds, without reloading the page (it waits while you use it; needs JavaScript)</label></p>
<p class="hint">Scripts: the same actions as JSON under <code>${CONTROL_BASE}</code> (see simulator/README.md, "Control API"). This page never shows API keys, passwords, checksum keys or tokens.</p>`,
	].join('\n');
	return page(200, 'Simulator control', content, { brand: 'Provider simulator', style: STYLE, script: SCRIPT, wide: true, head: NO_FAVICON });
}

/**
 * @param {string} id
 * @param {string} title
 * @param {string} body
 * @returns {string}
 */
function section(id, title, body) {
	return `<section aria-labelledby="${id}-heading" id="${id}"><h2 id="${id}-heading">${escapeHtml(title)}</h2>\n${body}\n</section>`;
}

/**
 * @param {string} caption
 * @param {string[]} headings
 * @param {string[]} rows already built `<tr>` elements
 * @param {string} emptyText
 * @returns {string}
 */
function table(caption, headings, rows, emptyText) {
	if (rows.length === 0) return `<p class="empty">${escapeHtml(emptyText)}</p>`;
	return `<table><caption class="hint" style="text-align:left">${escapeHtml(caption)}</caption>
<thead><tr>${headings.map((text) => `<th scope="col">${escapeHtml(text)}</th>`).join('')}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
}

/**
 * @param {unknown[]} cells HTML of each cell; plain values are escaped
 * @returns {string}
 */
function row(cells) {
	return `<tr>${cells.map((cell) => (cell instanceof Html ? `<td${cell.className ? ` class="${cell.className}"` : ''}>${cell.html}</td>` : `<td>${escapeHtml(cell)}</td>`)).join('')}</tr>`;
}

/** Cell content that is already HTML. */
class Html {
	/**
	 * @param {string} html
	 * @param {string} [className]
	 */
	constructor(html, className = '') {
		this.html = html;
		this.className = className;
	}
}

/** @param {unknown} status */
function statusCell(status) {
	const text = String(status ?? '');
	return new Html(`<span class="status-${escapeHtml(text.replace(/[^A-Z]/g, ''))}">${escapeHtml(text)}</span>`);
}

/**
 * A button in its own small form.
 * @param {string} path under the page URL
 * @param {string} label visible text
 * @param {string} name accessible name (contains the visible text)
 * @param {string} id
 * @param {string} [className]
 * @returns {string}
 */
function button(path, label, name, id, className = '') {
	return `<form class="inline" method="post" action="${escapeHtml(PAGE_URL + path)}"><button type="submit" class="small ${className}" id="${escapeHtml(id)}" aria-label="${escapeHtml(name)}">${escapeHtml(label)}</button></form>`;
}

/**
 * @param {unknown} amount
 * @param {unknown} currency
 * @returns {string}
 */
function money(amount, currency) {
	if (amount === null || amount === undefined || amount === '') return '';
	const value = Number(amount);
	const text = Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(amount);
	return currency ? `${currency} ${text}` : text;
}

/** @param {unknown} iso */
function time(iso) {
	return typeof iso === 'string' ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '';
}

/**
 * @param {string} text
 * @returns {string} safe in an id attribute
 */
function idPart(text) {
	return text.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * A URL with any user name and password replaced (a receiver may carry credentials in the URL).
 * @param {unknown} url
 * @returns {string}
 */
function maskUrl(url) {
	if (typeof url !== 'string') return '';
	try {
		const parsed = new URL(url);
		if (parsed.username || parsed.password) {
			parsed.username = '***';
			parsed.password = '';
		}
		return parsed.toString();
	} catch {
		return url;
	}
}

/**
 * @param {Record<string, any>[]} payments
 * @param {Record<string, any>[]} paymentRequests
 * @param {Record<string, any>[]} hostedLinks
 */
function waitingSection(payments, paymentRequests, hostedLinks) {
	const pushes = payments
		.filter((payment) => payment.status === 'PROCESSING')
		.map((payment) => {
			const ref = String(payment.orderReference);
			const path = `/clickpesa/payments/${encodeURIComponent(ref)}`;
			return row([
				ref,
				money(payment.collectedAmount, payment.collectedCurrency),
				payment.paymentPhoneNumber ?? '',
				payment.channel ?? '',
				time(payment.createdAt),
				new Html(
					button(`${path}/approve`, 'Customer approves', `Customer approves ${ref}`, `approve-${idPart(ref)}`) +
						button(`${path}/decline`, 'Customer declines', `Customer declines ${ref}`, `decline-${idPart(ref)}`, 'danger'),
					'actions',
				),
			]);
		});
	const requests = paymentRequests
		.filter((request) => OPEN_REQUEST.includes(request.status))
		.map((request) => {
			const id = String(request.id);
			const path = `/clik2pay/payment-requests/${encodeURIComponent(id)}`;
			return row([
				id,
				request.type,
				request.amount === null ? flexRange(request.flexDetails) : money(request.amount, 'CAD'),
				request.payer?.name ?? '',
				statusCell(request.status),
				new Html(
					button(`${path}/approve`, 'Customer approves', `Customer approves ${id}`, `approve-${idPart(id)}`) +
						button(`${path}/decline`, 'Customer declines', `Customer declines ${id}`, `decline-${idPart(id)}`, 'danger'),
					'actions',
				),
			]);
		});
	// Checkout and card links not paid yet: a person pays one on its page, as the customer would.
	const links = hostedLinks
		.filter((link) => link.status === 'OPEN' && link.kind !== 'payout')
		.reverse()
		.map((link) => {
			const ref = String(link.orderReference);
			return row([
				ref,
				link.kind,
				money(link.amount, link.currency),
				time(link.createdAt),
				new Html(`<a href="${escapeHtml(link.url)}" id="open-${escapeHtml(idPart(ref))}" aria-label="Open the checkout page of ${escapeHtml(ref)}">Open the checkout page</a>`, 'actions'),
			]);
		});
	return section(
		'waiting',
		'Waiting for the customer',
		`<h3>ClickPesa checkout links (not paid yet)</h3>
<p class="hint">The page the customer gets from the link: pay it there by mobile money or card, as the customer would (PAYMENT RECEIVED, and the link's callback).</p>
${table('Checkout links waiting for the customer, newest first', ['Order reference', 'Kind', 'Amount', 'Created (UTC)', 'Customer'], links, 'No checkout link is waiting.')}
<h3>ClickPesa USSD pushes (PROCESSING)</h3>
<p class="hint">"Customer approves" answers the prompt as if the PIN was entered (SUCCESS, PAYMENT RECEIVED); "Customer declines" as if it was cancelled (FAILED, PAYMENT FAILED).</p>
${table('USSD pushes waiting for the customer', ['Order reference', 'Amount', 'Phone', 'Channel', 'Created (UTC)', 'Customer'], pushes, 'No USSD push is waiting.')}
<h3>Clik2pay payment requests (open)</h3>
<p class="hint">"Customer approves" pays the request (PAID, PAYMENT-COMPLETED); "Customer declines" fails it (FAILED, PAYMENT-FAILED).</p>
${table('Open Clik2pay payment requests', ['Id', 'Type', 'Amount', 'Payer', 'Status', 'Customer'], requests, 'No payment request is open.')}`,
	);
}

/** @param {any} flexDetails */
function flexRange(flexDetails) {
	if (!flexDetails) return 'flexible';
	const parts = [];
	if (flexDetails.minimum != null) parts.push(`from ${money(flexDetails.minimum, 'CAD')}`);
	if (flexDetails.maximum != null) parts.push(`up to ${money(flexDetails.maximum, 'CAD')}`);
	return `flexible ${parts.join(' ')}`.trim();
}

/** @param {ReturnType<import('./index').Simulator['ledger']>} ledger */
function balancesSection(ledger) {
	const rows = ledger.accounts.map((/** @type {any} */ account) =>
		row([
			account.accountDetails.currency,
			money(account.accountDetails.closingBalance, ''),
			money(account.accountDetails.totalCredits, ''),
			money(account.accountDetails.totalDebits, ''),
			account.transactions.length,
		]),
	);
	const byStatus = Object.entries(ledger.payouts.byStatus)
		.map(([status, count]) => `${status} ${count}`)
		.join(', ');
	const cooldown = ledger.payoutCooldownRemainingMs > 0 ? `${Math.ceil(ledger.payoutCooldownRemainingMs / 1000)} s left` : 'none';
	return section(
		'balances',
		'Balances',
		`${table('ClickPesa balance accounts (from the ledger)', ['Currency', 'Balance', 'Credits', 'Debits', 'Statement entries'], rows, 'No balance account yet: a successful collection or a deposit opens one.')}
<dl><dt>Payouts</dt><dd>${escapeHtml(ledger.payouts.total)}${byStatus ? ` (${escapeHtml(byStatus)})` : ''}</dd><dt>Payout cooldown</dt><dd>${escapeHtml(cooldown)}</dd></dl>`,
	);
}

/** @param {Record<string, any>[]} payments */
function paymentsSection(payments) {
	const rows = payments
		.slice(-RECENT_ROWS)
		.reverse()
		.map((payment) =>
			row([
				payment.orderReference,
				statusCell(payment.status),
				money(payment.collectedAmount, payment.collectedCurrency),
				payment.channel ?? '',
				payment.paymentPhoneNumber ?? '',
				payment.message ?? '',
				time(payment.updatedAt),
			]),
		);
	return section(
		'payments',
		'Recent payments',
		table(`ClickPesa collections, newest first (last ${RECENT_ROWS})`, ['Order reference', 'Status', 'Amount', 'Channel', 'Phone', 'Message', 'Updated (UTC)'], rows, 'No payment yet.'),
	);
}

/** @param {Record<string, any>[]} payouts */
function payoutsSection(payouts) {
	const rows = payouts
		.slice(-RECENT_ROWS)
		.reverse()
		.map((payout) => {
			const ref = String(payout.orderReference);
			const path = `/clickpesa/payouts/${encodeURIComponent(ref)}`;
			const open = payout.status === 'AUTHORIZED' || payout.status === 'SUCCESS';
			const actions = [
				payout.status === 'AUTHORIZED' ? button(`${path}/complete`, 'Complete now', `Complete payout ${ref} now`, `complete-${idPart(ref)}`) : '',
				open ? button(`${path}/reverse`, 'Reverse', `Reverse payout ${ref}`, `reverse-${idPart(ref)}`, 'secondary') : '',
				open ? button(`${path}/refund`, 'Refund', `Refund payout ${ref}`, `refund-${idPart(ref)}`, 'secondary') : '',
			].join('');
			return row([
				ref,
				statusCell(payout.status),
				money(payout.amount, payout.currency),
				money(payout.fee, payout.currency),
				`${payout.channel} · ${payout.channelProvider}`,
				[payout.beneficiary?.accountName, payout.beneficiary?.accountNumber].filter(Boolean).join(' · '),
				time(payout.updatedAt),
				new Html(actions, 'actions'),
			]);
		});
	return section(
		'payouts',
		'Recent payouts',
		`<p class="hint">Reverse: the provider returns the money (PAYOUT REVERSED, fee credited back too). Refund: ClickPesa returns it (PAYOUT REFUNDED).</p>
${table(`ClickPesa payouts, newest first (last ${RECENT_ROWS})`, ['Order reference', 'Status', 'Amount (total)', 'Fee', 'Channel', 'Beneficiary', 'Updated (UTC)', 'Actions'], rows, 'No payout yet.')}`,
	);
}

/** @param {Record<string, any>[]} paymentRequests */
function paymentRequestsSection(paymentRequests) {
	const rows = paymentRequests
		.slice(-RECENT_ROWS)
		.reverse()
		.map((request) =>
			row([
				request.id,
				statusCell(request.status),
				request.type,
				request.amount === null ? flexRange(request.flexDetails) : money(request.amount, 'CAD'),
				request.merchantTransactionId ?? '',
				request.payer?.name ?? '',
				time(request.updatedAt),
			]),
		);
	return section(
		'payment-requests',
		'Clik2pay payment requests',
		table(`Newest first (last ${RECENT_ROWS})`, ['Id', 'Status', 'Type', 'Amount', 'Merchant transaction id', 'Payer', 'Updated (UTC)'], rows, 'No payment request yet.'),
	);
}

/**
 * @param {import('./webhooks').WebhookDelivery[]} deliveries
 * @param {ReturnType<import('./index').Simulator['getConfig']>} config
 */
function webhooksSection(deliveries, config) {
	const rows = deliveries
		.slice(-RECENT_ROWS)
		.reverse()
		.map((delivery, index) =>
			row([
				time(delivery.time),
				delivery.provider,
				delivery.event,
				maskUrl(delivery.url),
				delivery.status === null ? new Html(`<span class="status-FAILED">${escapeHtml(delivery.error ?? 'no answer')}</span>`) : statusCell(delivery.status),
				`${delivery.durationMs} ms`,
				new Html(`<details id="webhook-body-${index}"><summary>Body</summary><pre>${escapeHtml(JSON.stringify(delivery.body, null, 2))}</pre></details>`),
			]),
		);
	return section(
		'webhooks',
		'Webhooks sent',
		`<p class="hint">One attempt each, as the simulator sends them; "Answer" is the receiver's HTTP status, or why none came.</p>
${table(`Newest first (last ${RECENT_ROWS})`, ['Time (UTC)', 'Provider', 'Event', 'URL', 'Answer', 'Took', 'Sent'], rows, config.clickpesa.webhookUrl || config.clik2pay.webhookUrl ? 'No webhook sent yet.' : 'No webhook sent yet: no webhook URL is set (Settings below).')}`,
	);
}

/**
 * @param {import('./faults').Fault[]} faults
 * @param {string[]} routeKeys
 * @param {number} latencyMs
 */
function faultsSection(faults, routeKeys, latencyMs) {
	const rows = faults.map((fault) =>
		row([
			fault.id,
			fault.route === '*' ? 'every provider route' : fault.route,
			fault.kind === 'status' ? `status ${fault.status}` : fault.kind === 'latency' ? `latency ${fault.ms} ms` : fault.afterProcessing ? 'reset after processing' : fault.kind,
			fault.times === 0 ? `every request (${fault.hits} so far)` : `${fault.times - fault.hits} of ${fault.times} left`,
		]),
	);
	const kinds = FAULT_KINDS.map(([value, label]) => `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`).join('');
	const routes = ['<option value="*">Every provider route</option>', ...routeKeys.map((key) => `<option value="${escapeHtml(key)}">${escapeHtml(key)}</option>`)].join('');
	return section(
		'faults',
		'Faults',
		`${table('Faults waiting to apply', ['Id', 'Route', 'What', 'Requests'], rows, 'No fault is on: the APIs answer normally.')}
<form method="post" action="${PAGE_URL}/faults" id="fault-form">
<div class="grid">
<div><label for="fault-kind">What goes wrong</label><select id="fault-kind" name="kind">${kinds}</select></div>
<div><label for="fault-route">On which route</label><select id="fault-route" name="route">${routes}</select></div>
<div><label for="fault-times">How many requests (0 = every request until cleared)</label><input id="fault-times" name="times" inputmode="numeric" value="1" required></div>
<div><label for="fault-ms">Latency (ms, for slow answers)</label><input id="fault-ms" name="ms" inputmode="numeric" value="2000"></div>
</div>
<button type="submit" id="fault-add">Switch the fault on</button>
</form>
<form method="post" action="${PAGE_URL}/faults/clear"><button type="submit" class="secondary" id="fault-clear">Clear all faults</button></form>
<h3>Tokens and latency</h3>
<div class="grid">
<form method="post" action="${PAGE_URL}/expire-tokens"><input type="hidden" name="provider" value="clickpesa"><button type="submit" class="secondary" id="expire-clickpesa">Expire every ClickPesa token now</button></form>
<form method="post" action="${PAGE_URL}/expire-tokens"><input type="hidden" name="provider" value="clik2pay"><button type="submit" class="secondary" id="expire-clik2pay">Expire every Clik2pay token now</button></form>
</div>
<form method="post" action="${PAGE_URL}/latency" id="latency-form">
<label for="latency-ms">Latency added to every API answer (ms, 0 = none)</label>
<input id="latency-ms" name="latencyMs" inputmode="numeric" value="${escapeHtml(latencyMs)}" required>
<button type="submit" class="secondary" id="latency-set">Set latency</button>
</form>`,
	);
}

/** @param {import('./request-log').RequestLogEntry[]} entries */
function requestsSection(entries) {
	const rows = entries
		.slice()
		.reverse()
		.map((entry) =>
			row([
				time(entry.time),
				entry.method,
				entry.path,
				entry.route,
				entry.status === null ? statusCell(entry.outcome === 'reset' ? 'RESET' : 'CLIENT CLOSED') : statusCell(entry.status),
				`${entry.durationMs} ms`,
			]),
		);
	return section(
		'requests',
		'Request log',
		`<p class="hint">Provider API and hosted-page requests, newest first (last ${LOG_ROWS}). Headers are never recorded, so no key or token can show here.</p>
${table('Requests', ['Time (UTC)', 'Method', 'Path', 'Route', 'Status', 'Took'], rows, 'No request yet.')}`,
	);
}

/** @param {import('./types').SimulatorConfig} config */
function settingsSection(config) {
	const cp = config.clickpesa;
	const c2p = config.clik2pay;
	const byHand = cp.customerDelayMs === null;
	const seconds = (/** @type {number | null} */ ms, /** @type {number} */ fallback) => String(ms === null ? fallback : Math.round(ms / 1000));
	const items = [
		['ClickPesa checksum', cp.checksumKey ? 'required' : 'off'],
		['ClickPesa rate limit', cp.rateLimitPerMinute === 0 ? 'off' : `${cp.rateLimitPerMinute} requests per minute`],
		['Payout cooldown', `${cp.payoutCooldownMs} ms`],
		['Clik2pay webhook auth', c2p.webhookUsername ? 'Basic' : 'none'],
	];
	const field = (/** @type {string} */ id, /** @type {string} */ label, /** @type {string} */ input) => `<div><label for="${id}">${escapeHtml(label)}</label>${input}</div>`;
	return section(
		'settings',
		'Settings',
		`<form method="post" action="${escapeHtml(`${PAGE_URL}/settings`)}" id="settings-form">
<fieldset><legend>The simulated customer (USSD pushes)</legend>
<label class="checkbox" for="customer-auto"><input type="radio" name="customerAnswers" value="auto" id="customer-auto"${byHand ? '' : ' checked'}> Answers by itself (approves) after
<input type="number" min="0" step="1" name="customerDelaySeconds" id="customer-delay" value="${seconds(cp.customerDelayMs, 3)}" style="width:5rem" aria-label="Seconds before the customer answers"> seconds</label>
<label class="checkbox" for="customer-by-hand"><input type="radio" name="customerAnswers" value="by-hand" id="customer-by-hand"${byHand ? ' checked' : ''}> Answers only when I click "Customer approves" or "Customer declines"</label>
</fieldset>
<div class="grid">
${field('payout-delay', 'Payouts succeed after (seconds)', `<input type="number" min="0" step="1" name="payoutDelaySeconds" id="payout-delay" value="${seconds(cp.payoutDelayMs, 0)}">`)}
<div><label class="checkbox" for="payouts-by-hand"><input type="checkbox" name="payoutsByHand" id="payouts-by-hand"${cp.payoutDelayMs === null ? ' checked' : ''}> Payouts wait for the buttons under Recent payouts</label></div>
</div>
${field('clickpesa-webhook-url', 'ClickPesa webhook URL (empty: none)', `<input type="url" name="clickpesaWebhookUrl" id="clickpesa-webhook-url" value="${escapeHtml(cp.webhookUrl ? maskUrl(cp.webhookUrl) : '')}" placeholder="http://127.0.0.1:5678/webhook/clickpesa">`)}
${field('clik2pay-webhook-url', 'Clik2pay webhook URL (empty: none)', `<input type="url" name="clik2payWebhookUrl" id="clik2pay-webhook-url" value="${escapeHtml(c2p.webhookUrl ? maskUrl(c2p.webhookUrl) : '')}" placeholder="http://127.0.0.1:5678/webhook/clik2pay">`)}
<button type="submit" class="small" id="save-settings">Save settings</button>
</form>
<dl>${items.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>
<p class="hint">Also with <code>POST ${CONTROL_BASE}/config</code> or the command-line options.</p>`,
	);
}

module.exports = { controlPageRoutes, CONTROL_PAGE_PATH };
