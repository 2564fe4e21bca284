// @ts-check
/**
 * readItemParameter must answer exactly what n8n's getNodeParameter answers, item by item, for
 * every kind of parameter value: it only skips the expression engine where the answer is known.
 * Compared against n8n-core's real ExecuteContext (the expression engine of the installed n8n).
 */
const { buildExecuteContext } = require('../support/runNode');
const { CredentialStore } = require('../support/credentialStore');
const { readItemParameter } = require('../../dist/nodes/shared/parameters');

const ITEMS = [
	{ ref: 'INV1', amount: 1000, phone: '255712000001', flag: true, customer: { phone: '0712 000 002', tags: ['a'] } },
	{ ref: 'INV2', amount: '2500.50', phone: 255712000003, flag: false, customer: { phone: null } },
	{ ref: '', amount: null, customer: 'not an object', list: [1, 2] },
	{ amount: Number.NaN, nested: { deeper: { value: 'deep' } }, constructor: 'own' },
	{},
];

/** Parameter values as the editor saves them: fixed values, the drag-and-drop mapping, other expressions. */
const PARAMETERS = {
	fixedText: 'TZS',
	fixedNumber: 1500,
	fixedBoolean: false,
	plainRef: '={{ $json.ref }}',
	plainAmount: '={{$json.amount}}',
	plainPhone: '={{ $json.phone }}',
	plainFlag: '={{ $json.flag }}',
	nestedPhone: '={{ $json.customer.phone }}',
	nestedTags: '={{ $json.customer.tags }}',
	deep: '={{ $json.nested.deeper.value }}',
	missing: '={{ $json.nothing }}',
	arrayLength: '={{ $json.list.length }}',
	ownConstructor: '={{ $json.constructor }}',
	bracketed: '={{ $json["ref"] }}',
	template: '=INV-{{ $json.ref }}',
	trailingText: '={{ $json.ref }} ',
	computed: '={{ $json.amount * 2 }}',
	wholeJson: '={{ $json }}',
};

/**
 * n8n keeps only the parameters the node declares for its operation, so every value is tried as
 * the Order Reference of Initiate USSD Push.
 * @param {unknown} orderReference
 */
function contextFor(orderReference) {
	return buildExecuteContext({
		type: 'clickPesa',
		parameters: { resource: 'payment', operation: 'initiateUssdPush', amount: 1000, orderReference, phoneNumber: '' },
		items: ITEMS,
		credentials: new CredentialStore(),
		credentialType: 'clickPesaApi',
	}).context;
}

/** @param {() => unknown} read */
function outcome(read) {
	try {
		return { value: read() };
	} catch (error) {
		return { error: /** @type {Error} */ (error).message };
	}
}

describe('readItemParameter answers what getNodeParameter answers', () => {
	test.each(Object.entries(PARAMETERS))('%s (%s), every item, with and without a fallback', (_, value) => {
		for (const fallback of [undefined, 'fallback']) {
			const ours = contextFor(value);
			const n8n = contextFor(value);
			ITEMS.forEach((__, itemIndex) => {
				const read = () => (fallback === undefined ? n8n.getNodeParameter('orderReference', itemIndex) : n8n.getNodeParameter('orderReference', itemIndex, fallback));
				expect({ itemIndex, ...outcome(() => readItemParameter(ours, 'orderReference', itemIndex, fallback)) }).toEqual({ itemIndex, ...outcome(read) });
			});
		}
	});

	test('the comparison above reads real values: mapped fields, fixed values, nested paths', () => {
		expect(readItemParameter(contextFor(PARAMETERS.plainRef), 'orderReference', 0)).toBe('INV1');
		expect(readItemParameter(contextFor(PARAMETERS.plainRef), 'orderReference', 1)).toBe('INV2');
		expect(readItemParameter(contextFor(PARAMETERS.plainAmount), 'orderReference', 0)).toBe(1000);
		expect(readItemParameter(contextFor(PARAMETERS.plainFlag), 'orderReference', 1)).toBe(false);
		expect(readItemParameter(contextFor(PARAMETERS.nestedPhone), 'orderReference', 0)).toBe('0712 000 002');
		expect(readItemParameter(contextFor(PARAMETERS.deep), 'orderReference', 3)).toBe('deep');
		expect(readItemParameter(contextFor(PARAMETERS.fixedNumber), 'orderReference', 4)).toBe(1500);
		expect(readItemParameter(contextFor(PARAMETERS.template), 'orderReference', 0)).toBe('INV-INV1');
		expect(readItemParameter(contextFor(PARAMETERS.computed), 'orderReference', 0)).toBe(2000);
	});

	test('an absent parameter: the fallback, or n8n\'s error without one', () => {
		const ours = contextFor('x');
		const n8n = contextFor('x');
		expect(readItemParameter(ours, 'absent', 0, 'TZS')).toBe('TZS');
		expect(outcome(() => readItemParameter(ours, 'absent', 1))).toEqual(outcome(() => n8n.getNodeParameter('absent', 1)));
		expect(outcome(() => readItemParameter(ours, 'absent', 1)).error).toMatch(/absent/);
	});

	test('a mapped field is read from the item, not evaluated; any other expression is evaluated per item', () => {
		const mapped = contextFor(PARAMETERS.plainRef);
		const mappedCalls = jest.spyOn(mapped, 'getNodeParameter');
		ITEMS.slice(0, 2).forEach((_, i) => readItemParameter(mapped, 'orderReference', i));
		// One raw read per execution, no evaluation for a field the items carry.
		expect(mappedCalls.mock.calls.map((call) => call[3])).toEqual([{ rawExpressions: true }]);

		const computed = contextFor(PARAMETERS.computed);
		const computedCalls = jest.spyOn(computed, 'getNodeParameter');
		ITEMS.slice(0, 2).forEach((_, i) => readItemParameter(computed, 'orderReference', i));
		expect(computedCalls.mock.calls.map((call) => call[3])).toEqual([{ rawExpressions: true }, undefined, undefined]);
	});
});
