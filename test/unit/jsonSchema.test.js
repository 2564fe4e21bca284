// @ts-check
const { declaredProperties, resolvePointer, schemaProblems, validate } = require('../support/jsonSchema');

/** A schema like the output schemas: a payment with a nested customer and a list of methods. */
const schema = {
	type: 'object',
	properties: {
		orderReference: { type: 'string' },
		amount: { type: 'number' },
		paymentState: { type: 'string', enum: ['pending', 'paid'] },
		message: { type: ['string', 'null'] },
		count: { type: 'integer' },
		customer: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
		methods: { type: 'array', items: { type: 'object', properties: { fee: { type: 'number' } } } },
	},
	required: ['orderReference', 'amount', 'paymentState'],
};

const valid = {
	orderReference: 'INV1',
	amount: 1000,
	paymentState: 'paid',
	message: null,
	count: 2,
	customer: { name: 'Asha' },
	methods: [{ fee: 29 }, {}],
};

describe('the output-schema validator (test/support/jsonSchema.js)', () => {
	test('a value that matches has no errors', () => {
		expect(validate(schema, valid)).toEqual([]);
		expect(validate(schema, { ...valid, message: 'success' })).toEqual([]);
	});

	test('a wrong type, at the top, nested, in a list item, or not an integer', () => {
		expect(validate(schema, { ...valid, amount: '1000' })).toEqual(['$.amount: expected number, got string "1000"']);
		expect(validate(schema, { ...valid, customer: { name: 7 } })).toEqual(['$.customer.name: expected string, got number 7']);
		expect(validate(schema, { ...valid, methods: [{ fee: 1 }, { fee: null }] })).toEqual(['$.methods[1].fee: expected number, got null null']);
		expect(validate(schema, { ...valid, count: 2.5 })).toEqual(['$.count: expected integer, got number 2.5']);
		expect(validate(schema, [])).toEqual(['$: expected object, got array []']);
	});

	test('a missing required property, at the top and nested', () => {
		const { amount: _amount, ...withoutAmount } = valid;
		expect(validate(schema, withoutAmount)).toEqual(['$: required property "amount" is missing']);
		expect(validate(schema, { ...valid, customer: {} })).toEqual(['$.customer: required property "name" is missing']);
	});

	test('a value outside the enum', () => {
		expect(validate(schema, { ...valid, paymentState: 'PAID' })).toEqual(['$.paymentState: "PAID" is not one of "pending", "paid"']);
	});

	test('undeclared properties: allowed by default, errors when asked, and always with additionalProperties false', () => {
		const extra = { ...valid, fee: 1, customer: { name: 'Asha', phone: '255712345678' } };
		expect(validate(schema, extra)).toEqual([]);
		expect(validate(schema, extra, { undeclared: 'error' })).toEqual([
			'$.customer: property "phone" is not declared in the schema',
			'$: property "fee" is not declared in the schema',
		]);
		expect(validate({ type: 'object', properties: {}, additionalProperties: false }, { a: 1 })).toEqual(['$: property "a" is not declared in the schema']);
		expect(validate({ type: 'object', properties: {}, additionalProperties: true }, { a: 1 }, { undeclared: 'error' })).toEqual([]);
	});

	test('it records which schema parts the value went through', () => {
		const visited = new Set();
		validate(schema, { orderReference: 'INV1', amount: 1, paymentState: 'paid', methods: [{ fee: 1 }] }, { visited });
		const unvisited = declaredProperties(schema).filter((pointer) => !visited.has(pointer));
		expect(unvisited).toEqual(['#/properties/message', '#/properties/count', '#/properties/customer', '#/properties/customer/properties/name']);
	});

	test('a JSON pointer names a part of the schema', () => {
		expect(resolvePointer(schema, '#/properties/methods/items')).toBe(schema.properties.methods.items);
		expect(resolvePointer(schema, '#')).toBe(schema);
		expect(() => resolvePointer(schema, '#/properties/nope')).toThrow('#/properties/nope does not exist in the schema');
	});

	test('schemaProblems accepts the schema and names what is wrong with broken ones', () => {
		expect(schemaProblems(schema)).toEqual([]);
		expect(schemaProblems({ type: 'object', properties: { a: { type: 'string', format: 'date-time' } } })).toEqual([
			'#/properties/a: keyword "format" is not supported',
		]);
		expect(schemaProblems({ type: 'object', properties: { a: {} } })).toEqual(['#/properties/a: no type']);
		expect(schemaProblems({ type: 'object', properties: {}, required: ['a'] })).toEqual(['#: required "a" is not a declared property']);
		expect(schemaProblems({ type: 'string', enum: [1] })).toEqual(['#: enum value 1 is not of the schema\'s type']);
		expect(schemaProblems({ type: 'strng' })).toEqual(['#: unknown type "strng"']);
		expect(schemaProblems({ type: 'string', properties: {} })).toEqual(['#: properties without type object']);
		expect(schemaProblems({ type: 'array', items: { type: 'object', anyOf: [] } })).toEqual(['#/items: keyword "anyOf" is not supported']);
	});
});
