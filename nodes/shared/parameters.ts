import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/**
 * Per-item parameter reads that skip n8n's expression engine where its answer is known without it.
 *
 * `getNodeParameter(name, itemIndex)` evaluates the parameter's expression once per item, and in
 * n8n 2.x every evaluation builds a data proxy and runs in an isolate: about 1 ms of CPU each on a
 * 2-core machine, most of the per-item time of a node with three mapped fields (bench/README.md,
 * "Where the time of an item went"). Two cases have a known answer without evaluating anything:
 * - a fixed value (no expression): the same for every item, read once per execution;
 * - the mapping n8n's editor writes when a field is dragged in, `{{ $json.field }}` (a dotted path
 *   of own properties of the item's JSON), whose result n8n returns unchanged when it is a string,
 *   a finite number or a boolean: that value is read from the item directly.
 * Anything else (other expressions, a missing field, null, objects, arrays) goes to
 * `getNodeParameter` as before, so its value and its errors are n8n's own.
 */

type ItemReader = (itemIndex: number) => unknown;

/** `={{ $json.a.b }}`: the whole parameter is one dotted path into the current item's JSON. */
const PLAIN_FIELD_MAPPING = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*)+)\s*\}\}$/;
const NOT_DATA = new Set(['__proto__', 'constructor', 'prototype']);

const readersByContext = new WeakMap<IExecuteFunctions, Map<string, ItemReader>>();

/** What `context.getNodeParameter(name, itemIndex, fallback)` returns, without evaluating what needs no evaluation. */
export function readItemParameter(context: IExecuteFunctions, name: string, itemIndex: number, fallback?: unknown): unknown {
	let readers = readersByContext.get(context);
	if (!readers) {
		readers = new Map();
		readersByContext.set(context, readers);
	}
	// The fallback is part of the key: n8n applies it when the parameter is absent.
	const key = fallback === undefined ? name : `${name}\u0000${JSON.stringify(fallback)}`;
	let reader = readers.get(key);
	if (!reader) {
		reader = itemReader(context, name, fallback);
		readers.set(key, reader);
	}
	return reader(itemIndex);
}

function itemReader(context: IExecuteFunctions, name: string, fallback: unknown): ItemReader {
	const evaluate: ItemReader = (itemIndex) =>
		fallback === undefined ? context.getNodeParameter(name, itemIndex) : context.getNodeParameter(name, itemIndex, fallback);
	let raw: unknown;
	try {
		raw = context.getNodeParameter(name, 0, fallback, { rawExpressions: true });
	} catch {
		return evaluate;
	}
	// Only primitives: n8n copies objects and resolves expressions nested in them.
	if (typeof raw === 'number' || typeof raw === 'boolean' || (typeof raw === 'string' && !raw.startsWith('='))) {
		return () => raw;
	}
	const path = typeof raw === 'string' ? PLAIN_FIELD_MAPPING.exec(raw)?.[1].slice(1).split('.') : undefined;
	if (!path || path.some((segment) => NOT_DATA.has(segment))) return evaluate;
	const items = context.getInputData();
	return (itemIndex) => {
		const value = valueAtPath(items[itemIndex]?.json, path);
		const known = typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
		return known ? value : evaluate(itemIndex);
	};
}

function valueAtPath(json: IDataObject | undefined, path: string[]): unknown {
	let current: unknown = json;
	for (const segment of path) {
		if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
		if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
		current = (current as IDataObject)[segment];
	}
	return current;
}
