// @ts-check
const { ClickPesa, Clik2pay } = require('../../index.js');
const { selectedOperation } = require('../../dist/nodes/shared/items');

/** Every Resource → Operation pair the node's editor offers, read from its description. */
function offeredOperations(description) {
	const resources = description.properties.find((property) => property.name === 'resource').options.map((option) => option.value);
	return resources.flatMap((resource) => {
		const operation = description.properties.find(
			(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
		);
		return operation.options.map((option) => [resource, option.value]);
	});
}

/** A context that only answers the Resource and Operation parameters. */
const contextFor = (resource, operation) => ({
	getNodeParameter: (name) => ({ resource, operation })[name],
	getNode: () => ({ name: 'node', type: 'test', typeVersion: 1, parameters: {} }),
});

describe.each([
	[
		'ClickPesa',
		new ClickPesa(),
		...['account/Account', 'billPay/BillPay', 'card/Card', 'checkoutLink/CheckoutLink', 'exchangeRate/ExchangeRate', 'payment/Payment', 'paymentPlan/PaymentPlan', 'payout/Payout', 'payoutLink/PayoutLink'].map((name) =>
			require(`../../dist/nodes/ClickPesa/actions/${name}.resource`),
		),
	],
	['Clik2pay', new Clik2pay(), require('../../dist/nodes/Clik2pay/actions/paymentRequest/PaymentRequest.resource'), require('../../dist/nodes/Clik2pay/actions/refund/Refund.resource'), require('../../dist/nodes/Clik2pay/actions/payment/Payment.resource')],
])('%s: the editor and the router agree', (_name, node, ...resourceModules) => {
	const operationsByResource = Object.fromEntries(
		resourceModules.map((module) => {
			const key = Object.keys(module).find((name) => name.endsWith('Operations'));
			return [key.replace(/Operations$/, ''), module[key]];
		}),
	);

	test('every operation offered in the editor has an implementation, and nothing else does', () => {
		const offered = offeredOperations(node.description);
		expect(offered.length).toBeGreaterThan(0);
		for (const [resource, operation] of offered) {
			const found = selectedOperation(/** @type {any} */ (contextFor(resource, operation)), operationsByResource);
			expect(typeof found.execute === 'function' || typeof found.executeBatch === 'function').toBe(true);
		}
		const implemented = Object.entries(operationsByResource).flatMap(([resource, operations]) => Object.keys(operations).map((operation) => [resource, operation]));
		expect(implemented.sort()).toEqual([...offered].sort());
	});

	test('an operation the editor does not offer fails with a clear error', () => {
		expect(() => selectedOperation(/** @type {any} */ (contextFor('payment', 'nope')), operationsByResource)).toThrow('The operation "nope" of "payment" is not supported');
	});

	test('each operation shows its own fields only under its resource and operation', () => {
		for (const [resource, operation] of offeredOperations(node.description)) {
			const fields = node.description.properties.filter(
				(property) => property.displayOptions?.show?.operation?.includes(operation) && property.displayOptions?.show?.resource?.includes(resource),
			);
			for (const field of fields) expect(field.displayOptions.show.resource).toEqual([resource]);
		}
	});
});
