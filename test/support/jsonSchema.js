// @ts-check
/**
 * The part of JSON Schema the output schemas in `nodes/<Node>/__schema__/` use (docs/output-schemas.md),
 * and a validator for it: `type` (one or a list), `properties`, `required`, `items`, `enum`,
 * `additionalProperties` (true or false) and `description`. Any other keyword is refused by
 * `schemaProblems`, so a schema cannot rely on something this validator would silently skip.
 */

const KEYWORDS = new Set(['type', 'properties', 'required', 'items', 'enum', 'additionalProperties', 'description']);
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

/** @typedef {{ type?: string | string[], properties?: Record<string, Schema>, required?: string[], items?: Schema, enum?: unknown[], additionalProperties?: boolean, description?: string }} Schema */

/** @param {Schema} schema @returns {string[]} */
const typesOf = (schema) => (Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type]);

/** @param {unknown} value */
function typeOfValue(value) {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

/** @param {string} type @param {unknown} value */
function hasType(type, value) {
	if (type === 'integer') return Number.isInteger(value);
	return typeOfValue(value) === type;
}

/** A JSON pointer segment (RFC 6901). @param {string} key */
const escape = (key) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * What is wrong with a schema itself: unknown keywords or types, `required` naming undeclared
 * properties, a node without `type` (the editor would show it as "undefined").
 * @param {unknown} schema
 * @param {string} [at] JSON pointer of this part, for messages
 * @returns {string[]}
 */
function schemaProblems(schema, at = '#') {
	if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return [`${at}: not a schema object`];
	const problems = [];
	const s = /** @type {Record<string, unknown>} */ (schema);
	for (const key of Object.keys(s)) if (!KEYWORDS.has(key)) problems.push(`${at}: keyword "${key}" is not supported`);
	const types = typesOf(/** @type {Schema} */ (s));
	if (types.length === 0) problems.push(`${at}: no type`);
	for (const type of types) if (!TYPES.has(type)) problems.push(`${at}: unknown type "${type}"`);
	if (new Set(types).size !== types.length) problems.push(`${at}: a type is listed twice`);
	if (s.description !== undefined && typeof s.description !== 'string') problems.push(`${at}: description is not text`);
	if (s.additionalProperties !== undefined && typeof s.additionalProperties !== 'boolean') problems.push(`${at}: additionalProperties must be true or false`);
	if (s.enum !== undefined && (!Array.isArray(s.enum) || s.enum.length === 0)) problems.push(`${at}: enum must be a non-empty list`);
	if (Array.isArray(s.enum)) {
		for (const value of s.enum) if (!types.some((type) => hasType(type, value))) problems.push(`${at}: enum value ${JSON.stringify(value)} is not of the schema's type`);
	}
	if (s.properties !== undefined) {
		if (!types.includes('object')) problems.push(`${at}: properties without type object`);
		if (!s.properties || typeof s.properties !== 'object' || Array.isArray(s.properties)) problems.push(`${at}: properties is not an object`);
		else for (const [key, child] of Object.entries(s.properties)) problems.push(...schemaProblems(child, `${at}/properties/${escape(key)}`));
	}
	if (s.required !== undefined) {
		if (!Array.isArray(s.required)) problems.push(`${at}: required is not a list`);
		else {
			const declared = /** @type {Record<string, unknown>} */ (s.properties ?? {});
			for (const key of s.required) if (!Object.hasOwn(declared, key)) problems.push(`${at}: required "${key}" is not a declared property`);
		}
	}
	if (s.items !== undefined) {
		if (!types.includes('array')) problems.push(`${at}: items without type array`);
		problems.push(...schemaProblems(s.items, `${at}/items`));
	}
	return problems;
}

/**
 * Checks a value against a schema. With `undeclared: 'error'` an object property the schema does
 * not declare is an error too (unless the object's schema says `additionalProperties: true`): the
 * test uses it to find fields an operation returns that its schema does not tell the editor about.
 * Every schema part a value was checked against is added to `visited` (JSON pointers), so the test
 * can tell which declared properties no run ever produced.
 * @param {Schema} schema
 * @param {unknown} value
 * @param {{ undeclared?: 'allow' | 'error', visited?: Set<string> }} [options]
 * @param {string} [path] where the value is, for messages ($ is the item's json)
 * @param {string} [at] JSON pointer of the schema part
 * @returns {string[]} one message per problem, empty when the value is valid
 */
function validate(schema, value, options = {}, path = '$', at = '#') {
	options.visited?.add(at);
	const errors = [];
	const types = typesOf(schema);
	if (types.length > 0 && !types.some((type) => hasType(type, value))) {
		return [`${path}: expected ${types.join(' or ')}, got ${typeOfValue(value)} ${short(value)}`];
	}
	if (schema.enum && !schema.enum.some((allowed) => allowed === value)) {
		errors.push(`${path}: ${short(value)} is not one of ${schema.enum.map((allowed) => JSON.stringify(allowed)).join(', ')}`);
	}
	if (typeOfValue(value) === 'object') {
		const record = /** @type {Record<string, unknown>} */ (value);
		const properties = schema.properties ?? {};
		for (const key of schema.required ?? []) if (!Object.hasOwn(record, key)) errors.push(`${path}: required property "${key}" is missing`);
		for (const [key, child] of Object.entries(record)) {
			if (Object.hasOwn(properties, key)) {
				errors.push(...validate(properties[key], child, options, `${path}.${key}`, `${at}/properties/${escape(key)}`));
			} else if (schema.additionalProperties === false || (options.undeclared === 'error' && schema.additionalProperties !== true)) {
				errors.push(`${path}: property "${key}" is not declared in the schema`);
			}
		}
	}
	if (Array.isArray(value) && schema.items) {
		value.forEach((entry, index) => errors.push(...validate(/** @type {Schema} */ (schema.items), entry, options, `${path}[${index}]`, `${at}/items`)));
	}
	return errors;
}

/** @param {unknown} value */
function short(value) {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * The JSON pointer of every declared property in a schema, e.g. `#/properties/payments/items/properties/fee`.
 * @param {Schema} schema
 * @param {string} [at]
 * @returns {string[]}
 */
function declaredProperties(schema, at = '#') {
	const pointers = [];
	for (const [key, child] of Object.entries(schema.properties ?? {})) {
		const pointer = `${at}/properties/${escape(key)}`;
		pointers.push(pointer, ...declaredProperties(child, pointer));
	}
	if (schema.items) pointers.push(...declaredProperties(schema.items, `${at}/items`));
	return pointers;
}

/**
 * The part of a schema a JSON pointer names ('#' is the whole schema).
 * @param {Schema} schema
 * @param {string} pointer
 * @returns {Schema}
 */
function resolvePointer(schema, pointer) {
	if (pointer === '#') return schema;
	if (!pointer.startsWith('#/')) throw new Error(`not a local JSON pointer: ${pointer}`);
	let part = /** @type {any} */ (schema);
	for (const segment of pointer.slice(2).split('/')) {
		const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
		if (!part || typeof part !== 'object' || !Object.hasOwn(part, key)) throw new Error(`${pointer} does not exist in the schema`);
		part = part[key];
	}
	return part;
}

module.exports = { schemaProblems, validate, declaredProperties, resolvePointer };
