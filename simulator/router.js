// @ts-check
'use strict';

/**
 * @template T
 * @typedef {object} RouteMatch
 * @property {T} value what was registered with the template
 * @property {string} template
 * @property {Record<string, string>} params
 */

/**
 * @template T
 * @typedef {object} Entry
 * @property {string} method
 * @property {string} template
 * @property {string[]} segments
 * @property {T} value
 */

/**
 * Matches `METHOD /path` against templates such as `/payments/:orderReference`. When several
 * templates match, the one with a literal segment at the first place where they differ wins, so
 * `/payments/all` beats `/payments/:orderReference` whatever the registration order.
 * @template T
 */
class Router {
	/** @type {Entry<T>[]} */
	#entries = [];

	/**
	 * @param {string} method
	 * @param {string} template
	 * @param {T} value
	 */
	add(method, template, value) {
		this.#entries.push({ method, template, segments: splitPath(template), value });
	}

	/**
	 * @param {string} method
	 * @param {string} path
	 * @returns {RouteMatch<T> | null}
	 */
	match(method, path) {
		const segments = splitPath(path);
		/** @type {{ entry: Entry<T>, params: Record<string, string> } | null} */
		let best = null;
		for (const entry of this.#entries) {
			if (entry.method !== method) continue;
			const params = matchSegments(entry.segments, segments);
			if (!params) continue;
			if (!best || isMoreSpecific(entry.segments, best.entry.segments)) best = { entry, params };
		}
		return best && { value: best.entry.value, template: best.entry.template, params: best.params };
	}
}

/**
 * A trailing slash is ignored, as in Express (which NestJS runs on) without strict routing.
 * @param {string} path
 * @returns {string[]}
 */
function splitPath(path) {
	const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
	return trimmed.split('/');
}

/**
 * @param {string[]} template
 * @param {string[]} actual
 * @returns {Record<string, string> | null}
 */
function matchSegments(template, actual) {
	if (template.length !== actual.length) return null;
	/** @type {Record<string, string>} */
	const params = Object.create(null);
	for (let i = 0; i < template.length; i++) {
		const expected = template[i];
		if (expected.startsWith(':')) {
			if (actual[i] === '') return null;
			params[expected.slice(1)] = decodeSegment(actual[i]);
		} else if (expected !== actual[i]) {
			return null;
		}
	}
	return params;
}

/**
 * @param {string} segment
 * @returns {string}
 */
function decodeSegment(segment) {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/**
 * @param {string[]} candidate
 * @param {string[]} current
 * @returns {boolean}
 */
function isMoreSpecific(candidate, current) {
	for (let i = 0; i < candidate.length; i++) {
		const candidateIsParam = candidate[i].startsWith(':');
		const currentIsParam = current[i].startsWith(':');
		if (candidateIsParam !== currentIsParam) return currentIsParam;
	}
	return false;
}

module.exports = { Router };
