// @ts-check
'use strict';

const { listItemView } = require('./payment-views');

// `GET /payments/all` (docs/clickpesa-api.md §4.6): query parsing, filters, sorting and paging.
// `GET /payouts/all` (§4.11) reuses the same machinery with its own fields (see payout-queries.js).

/** @typedef {ReturnType<typeof listItemView>} ListItem */

/**
 * @typedef {object} ListQuery
 * @property {number | null} from inclusive start, ms since epoch (UTC day start)
 * @property {number | null} to inclusive end, ms since epoch (UTC day end)
 * @property {Array<[string, string]>} equals field → exact value
 * @property {Array<[string, string]>} search field → case-insensitive substring
 * @property {string} sortBy
 * @property {1 | -1} direction
 * @property {number} skip
 * @property {number} limit
 */

/**
 * What one list endpoint filters and sorts by.
 * @typedef {object} ListSpec
 * @property {string[]} exactFilters query parameters that must equal the item's field
 * @property {string[]} itemFields fields `sortBy` (and `search`, where supported) may name
 * @property {boolean} search whether the endpoint takes `search=field=keyword,…`
 */

const EXACT_FILTERS = ['id', 'status', 'collectedCurrency', 'channel', 'orderReference', 'clientId'];

/** Fields of a list item that `sortBy` and `search` may name. */
const ITEM_FIELDS = [
	'id',
	'status',
	'paymentReference',
	'paymentPhoneNumber',
	'orderReference',
	'collectedAmount',
	'collectedCurrency',
	'channel',
	'message',
	'createdAt',
	'updatedAt',
	'clientId',
	'customer.customerName',
	'customer.customerPhoneNumber',
	'customer.customerEmail',
];

/** @type {ListSpec} */
const PAYMENT_LIST = { exactFilters: EXACT_FILTERS, itemFields: ITEM_FIELDS, search: true };

/**
 * @param {URLSearchParams} params
 * @param {number} maxPageSize
 * @param {ListSpec} [spec] default: `/payments/all`
 * @returns {{ query: ListQuery } | { error: string }}
 */
function parseListQuery(params, maxPageSize, spec = PAYMENT_LIST) {
	const from = parseDay(params.get('startDate'), 'startDate');
	if (typeof from === 'string') return { error: from };
	const toStart = parseDay(params.get('endDate'), 'endDate');
	if (typeof toStart === 'string') return { error: toStart };

	const sortBy = params.get('sortBy') ?? 'createdAt';
	if (!spec.itemFields.includes(sortBy)) return { error: `sortBy must be one of: ${spec.itemFields.join(', ')}` };
	const orderBy = (params.get('orderBy') ?? 'DESC').toUpperCase();
	if (orderBy !== 'ASC' && orderBy !== 'DESC') return { error: 'orderBy must be one of the following values: ASC, DESC' };

	const skip = parseInteger(params.get('skip'), 'skip', 0, 0);
	if (typeof skip === 'string') return { error: skip };
	const limit = parseInteger(params.get('limit'), 'limit', 20, 1);
	if (typeof limit === 'string') return { error: limit };
	if (limit > maxPageSize) return { error: `limit must not be greater than ${maxPageSize}` };

	const search = spec.search ? parseSearch(params.get('search'), spec.itemFields) : [];
	if (typeof search === 'string') return { error: search };

	/** @type {Array<[string, string]>} */
	const equals = [];
	for (const field of spec.exactFilters) {
		const value = params.get(field);
		if (value !== null && value !== '') equals.push([field, value]);
	}
	return {
		query: {
			from,
			to: toStart === null ? null : toStart + 86_400_000 - 1,
			equals,
			search,
			sortBy,
			direction: orderBy === 'ASC' ? 1 : -1,
			skip,
			limit,
		},
	};
}

/**
 * `YYYY-MM-DD` or `DD-MM-YYYY`, a real calendar day, read as UTC.
 * @param {string | null} text
 * @param {string} name
 * @returns {number | null | string} ms at the day's start, null when absent, or an error message
 */
function parseDay(text, name) {
	if (text === null || text === '') return null;
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) ?? /^(\d{2})-(\d{2})-(\d{4})$/.exec(text);
	if (match) {
		const [year, month, day] = match[1].length === 4 ? [match[1], match[2], match[3]] : [match[3], match[2], match[1]];
		const time = Date.UTC(Number(year), Number(month) - 1, Number(day));
		const date = new Date(time);
		if (date.getUTCDate() === Number(day) && date.getUTCMonth() === Number(month) - 1) return time;
	}
	return `${name} must be a valid date in YYYY-MM-DD or DD-MM-YYYY format`;
}

/**
 * @param {string | null} text
 * @param {string} name
 * @param {number} fallback
 * @param {number} min
 * @returns {number | string} the value or an error message
 */
function parseInteger(text, name, fallback, min) {
	if (text === null || text === '') return fallback;
	if (!/^-?\d+$/.test(text)) return `${name} must be an integer number`;
	const value = Number(text);
	if (!Number.isSafeInteger(value)) return `${name} must be an integer number`;
	if (value < min) return `${name} must not be less than ${min}`;
	return value;
}

/**
 * `search=field=keyword,field2=keyword2`
 * @param {string | null} text
 * @param {string[]} itemFields
 * @returns {Array<[string, string]> | string} the pairs or an error message
 */
function parseSearch(text, itemFields) {
	if (text === null || text === '') return [];
	/** @type {Array<[string, string]>} */
	const pairs = [];
	for (const part of text.split(',')) {
		const separator = part.indexOf('=');
		const field = separator === -1 ? part : part.slice(0, separator);
		if (separator === -1 || !itemFields.includes(field)) {
			return `search must be field=keyword pairs separated by commas, with field one of: ${itemFields.join(', ')}`;
		}
		pairs.push([field, part.slice(separator + 1).toLowerCase()]);
	}
	return pairs;
}

/**
 * @param {object} item
 * @param {string} field possibly dotted, e.g. `customer.customerName`
 * @returns {unknown}
 */
function fieldValue(item, field) {
	/** @type {any} */
	let value = item;
	for (const part of field.split('.')) value = value == null ? undefined : value[part];
	return value;
}

/**
 * Nulls sort first (ascending); numbers numerically; everything else as text.
 * @param {unknown} a
 * @param {unknown} b
 * @returns {number}
 */
function compareValues(a, b) {
	if (a === b) return 0;
	if (a === null || a === undefined) return -1;
	if (b === null || b === undefined) return 1;
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	const textA = String(a);
	const textB = String(b);
	return textA < textB ? -1 : textA > textB ? 1 : 0;
}

/**
 * @param {import('./payment-store').PaymentRecord[]} records
 * @param {ListQuery} query
 * @returns {{ data: ListItem[], totalCount: number }}
 */
function listPayments(records, query) {
	const fields = [query.sortBy, ...query.equals.map(([field]) => field), ...query.search.map(([field]) => field)];
	if (fields.every((field) => FIELDS_AS_RECORDED.has(field))) {
		// The same filters and order applied to the records, and only the page's items built: a page
		// of a 10,000-payment list no longer builds 10,000 items to send 50.
		const { data, totalCount } = listItems(records, query);
		return { data: data.map(listItemView), totalCount };
	}
	return listItems(records.map(listItemView), query);
}

/** Fields a list item carries exactly as its payment record holds them (see queryView). */
const FIELDS_AS_RECORDED = new Set(['id', 'status', 'paymentReference', 'orderReference', 'channel', 'message', 'updatedAt', 'createdAt', 'clientId']);

/**
 * Filters, sorts and pages list items that have `id` and `createdAt`.
 * @template {{ id: string, createdAt: string }} T
 * @param {T[]} items
 * @param {ListQuery} query
 * @param {string[]} [numericFields] fields held as text that sort as numbers (payout amounts)
 * @returns {{ data: T[], totalCount: number }}
 */
function listItems(items, query, numericFields = []) {
	const sortValue = (/** @type {T} */ item) => {
		const value = fieldValue(item, query.sortBy);
		return numericFields.includes(query.sortBy) && typeof value === 'string' ? Number(value) : value;
	};
	// Items created together share their createdAt text: each distinct one is parsed once.
	/** @type {Map<string, number>} */
	const parsedTimes = new Map();
	const createdMs = (/** @type {string} */ text) => {
		let ms = parsedTimes.get(text);
		if (ms === undefined) parsedTimes.set(text, (ms = Date.parse(text)));
		return ms;
	};
	const matching = items.filter((item) => {
		const created = createdMs(item.createdAt);
		if (query.from !== null && created < query.from) return false;
		if (query.to !== null && created > query.to) return false;
		if (!query.equals.every(([field, value]) => String(fieldValue(item, field)) === value)) return false;
		return query.search.every(([field, keyword]) =>
			String(fieldValue(item, field) ?? '').toLowerCase().includes(keyword),
		);
	});
	// The id tie-break makes the order total, so consecutive pages never repeat or skip an item.
	// Each item's sort value is read once, not in every comparison (a page of a 10,000-payment list
	// sorts them all).
	const keyed = matching.map((item) => ({ item, key: sortValue(item) }));
	keyed.sort((a, b) => query.direction * (compareValues(a.key, b.key) || compareValues(a.item.id, b.item.id)));
	return { data: keyed.slice(query.skip, query.skip + query.limit).map(({ item }) => item), totalCount: matching.length };
}

module.exports = { parseListQuery, listPayments, listItems, parseDay };
