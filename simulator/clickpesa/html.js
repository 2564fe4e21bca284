// @ts-check
'use strict';

// Plain HTML for the hosted pages: no external assets, a little inline CSS, usable with the
// keyboard alone (native forms and buttons, labels tied to inputs, visible focus, alerts announced).

/** @typedef {import('../types').SimResponse} SimResponse */

/**
 * @param {unknown} value
 * @returns {string} text safe inside HTML elements and quoted attributes
 */
function escapeHtml(value) {
	return String(value ?? '').replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f3f5f8;color:#1b2430}
main{max-width:34rem;margin:0 auto;padding:1.5rem 1rem 3rem}
.banner{background:#fff4d6;border:1px solid #e0b84c;border-radius:6px;padding:.5rem .75rem;font-size:.9rem;margin-bottom:1rem}
h1{font-size:1.5rem;margin:.25rem 0 1rem}
h2{font-size:1.15rem;margin:0 0 .75rem}
section,.card{background:#fff;border:1px solid #d5dbe3;border-radius:8px;padding:1rem 1.25rem;margin-bottom:1rem}
table{width:100%;border-collapse:collapse}
th,td{text-align:left;padding:.35rem .25rem;border-bottom:1px solid #e6e9ee}
td.num,th.num{text-align:right}
tfoot td{font-weight:700;border-bottom:0}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:0}
dt{color:#5a6675}
dd{margin:0;font-weight:600}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input,select{width:100%;font:inherit;padding:.55rem .6rem;border:1px solid #8a96a6;border-radius:6px;background:#fff}
.row{display:flex;gap:.75rem}
.row>div{flex:1}
button{margin-top:1rem;width:100%;font:inherit;font-weight:700;padding:.7rem;border:0;border-radius:6px;background:#0b5cad;color:#fff;cursor:pointer}
button.secondary{background:#5a6675}
:focus-visible{outline:3px solid #ffb400;outline-offset:2px}
.alert{background:#fde8e8;border:1px solid #c83232;border-radius:6px;padding:.6rem .75rem;margin:.5rem 0}
.ok{background:#e4f5e9;border:1px solid #2e8b57;border-radius:6px;padding:.75rem}
.hint{color:#5a6675;font-size:.9rem;margin:.25rem 0 0}
code{font-size:.9rem;background:#eef1f5;padding:0 .2rem;border-radius:3px}
`;

/**
 * @typedef {object} PageOptions
 * @property {string} [brand] names the simulator in the banner and the title (default `ClickPesa simulator`)
 * @property {string} [style] more CSS after the shared rules
 * @property {string} [script] inline JavaScript at the end of the body (the page must work without it)
 * @property {boolean} [wide] a wide layout for tables
 * @property {string} [head] more elements for the head
 */

/**
 * A whole page.
 * @param {number} status
 * @param {string} title
 * @param {string} content HTML (already escaped where needed)
 * @param {PageOptions} [options]
 * @returns {SimResponse}
 */
function page(status, title, content, options = {}) {
	const { brand = 'ClickPesa simulator', style = '', script = '', wide = false, head = '' } = options;
	const text = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(brand)}</title>
<style>${STYLE}${style}</style>
${head ? `${head}\n` : ''}</head>
<body>
<main${wide ? ' class="wide"' : ''}>
<p class="banner" role="note"><strong>${escapeHtml(brand)}</strong> — a local test page; no real money moves.</p>
${content}
</main>
${script ? `<script>${script}</script>\n` : ''}</body>
</html>
`;
	return { status, text, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } };
}

/**
 * @param {string | null | undefined} message
 * @param {string} id
 * @returns {string} an announced error box, or nothing
 */
function alertBox(message, id) {
	return message ? `<div class="alert" role="alert" id="${escapeHtml(id)}">${escapeHtml(message)}</div>` : '';
}

/**
 * @param {number} cents
 * @param {string} currency
 * @returns {string} e.g. `TZS 10,000` or `USD 12.50`
 */
function formatMoney(cents, currency) {
	const whole = Math.floor(cents / 100).toLocaleString('en-US');
	const rest = cents % 100;
	return `${currency} ${whole}${rest === 0 ? '' : `.${String(rest).padStart(2, '0')}`}`;
}

/**
 * @param {number} status 303 (See Other): the browser GETs the target after a form POST
 * @param {string} location
 * @returns {SimResponse}
 */
function redirect(status, location) {
	return { status, text: '', headers: { location, 'cache-control': 'no-store' } };
}

module.exports = { escapeHtml, page, alertBox, formatMoney, redirect };
