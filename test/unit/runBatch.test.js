// @ts-check
const { NodeOperationError } = require('n8n-workflow');
const { runBatch } = require('../../dist/nodes/shared/items');
const { InputError } = require('../../dist/nodes/shared/errors');

const node = { id: 'n', name: 'ClickPesa', type: 'clickPesa', typeVersion: 1, position: [0, 0], parameters: {} };

/** The parts of n8n's execute context runBatch uses. */
function fakeContext(itemCount, continueOnFail) {
	return /** @type {any} */ ({
		getInputData: () => Array.from({ length: itemCount }, () => ({ json: {} })),
		continueOnFail: () => continueOnFail,
		getNode: () => node,
	});
}

describe('runBatch (the batch item loop)', () => {
	test('one output per item, in order, paired; with Continue On Fail failures become {error} items naming the item', async () => {
		let seen;
		const [out] = await runBatch(fakeContext(3, true), async (options) => {
			seen = options;
			return [{ json: { a: 1 } }, { error: new InputError('Amount', 'Amount is wrong') }, { json: { a: 3 } }];
		});
		expect(seen).toEqual({ itemCount: 3, stopAtFirstFailure: false });
		expect(out).toEqual([
			{ json: { a: 1 }, pairedItem: { item: 0 } },
			{ json: { error: 'Amount is wrong (item 1)' }, pairedItem: { item: 1 } },
			{ json: { a: 3 }, pairedItem: { item: 2 } },
		]);
	});

	test('without Continue On Fail the item that caused the stop is named, not an earlier one that failed because of it', async () => {
		const handler = async () => [
			{ error: new NodeOperationError(/** @type {any} */ (node), 'Not sent'), becauseOfAnother: true },
			{ json: {} },
			{ error: new InputError('Bill Reference', 'Bill Reference is bad') },
		];
		const error = await runBatch(fakeContext(3, false), handler).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Bill Reference is bad (item 2)');
		expect(error.context.itemIndex).toBe(2);
	});

	test('a missing outcome is an internal error, never a lost item', async () => {
		const sparse = new Array(2);
		sparse[0] = { json: {} };
		await expect(runBatch(fakeContext(2, true), async () => sparse)).rejects.toThrow('2 items came in but 1 outcomes were produced');
		await expect(runBatch(fakeContext(2, true), async () => [{ json: {} }])).rejects.toThrow('2 items came in but 1 outcomes were produced');
	});
});
