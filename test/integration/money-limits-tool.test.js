// @ts-check
/**
 * The ClickPesa node as an AI agent's tool, called the way n8n's AI Agent calls it: n8n-core's
 * createNodeAsTool builds the tool from the node's $fromAI parameters, and makeHandleToolInvocation
 * runs the node's execute() in a SupplyDataContext with the agent's arguments as input.
 */
const path = require('path');
const { SupplyDataContext } = require('n8n-core');
const { Workflow, createRunExecutionData } = require('n8n-workflow');

const utils = path.join(path.dirname(require.resolve('n8n-core')), 'execution-engine/node-execution-context/utils');
const { createNodeAsTool } = require(path.join(utils, 'create-node-as-tool'));
const { makeHandleToolInvocation } = require(path.join(utils, 'get-input-connection-data'));

const nodeClasses = require('../../index.js');
const { additionalDataFor } = require('../support/additionalData');
const { clickPesaFixture, newReference } = require('./clickpesa.helpers');

const CREATE = 'clickpesa POST /payouts/create-mobile-money-payout';

/** The agent's tool for a Create Mobile Money Payout node whose fields the model fills. */
function payoutTool(credentials) {
	// n8n loads the tool variant as a copy of the node whose description is named `<name>Tool`
	// (packages/cli node-types.ts → convertNodeToAiTool); `@tool` display options read that name.
	const base = new nodeClasses.ClickPesa();
	const nodeType = Object.create(base, { description: { value: { ...base.description, name: `${base.description.name}Tool` } } });
	const node = {
		id: 'tool-node',
		name: 'Pay Out',
		type: 'n8n-nodes-clickpesa-clik2pay.clickPesaTool',
		typeVersion: 1.1,
		position: [0, 0],
		parameters: {
			resource: 'payout',
			operation: 'createMobileMoney',
			amount: "={{ $fromAI('amount', 'TZS to pay', 'number') }}",
			currency: 'TZS',
			orderReference: "={{ $fromAI('orderReference', 'a unique reference, letters and digits', 'string') }}",
			phoneNumber: "={{ $fromAI('phoneNumber', 'the recipient', 'string') }}",
			toolConfirmation: "={{ $fromAI('confirmation', 'empty on the first call; then the code the preview gave', 'string') }}",
			options: { payoutSpacingSeconds: 0 },
		},
		credentials: { clickPesaApi: { id: 'test-credential', name: 'Test credential' } },
	};
	const workflow = new Workflow({
		id: 'tool-workflow',
		name: 'agent',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) },
		settings: {},
	});
	const additionalData = additionalDataFor(credentials, 'tool-execution', { currentNodeExecutionIndex: 0 });
	const runExecutionData = createRunExecutionData();
	const executeData = { node, data: { main: [[{ json: {} }]] }, source: null };
	const contextFactory = (runIndex) =>
		new SupplyDataContext(workflow, node, /** @type {any} */ (additionalData), 'manual', runExecutionData, runIndex, [], {}, 'ai_tool', /** @type {any} */ (executeData), []);
	const handleToolInvocation = makeHandleToolInvocation(contextFactory, node, nodeType, runExecutionData);
	return { tool: createNodeAsTool({ node, nodeType, handleToolInvocation }).response, nodeType };
}

describe('as an AI agent’s tool, money moves only after a preview and a second call with the same reference', () => {
	/** @type {Awaited<ReturnType<typeof clickPesaFixture>>} */
	let f;
	afterEach(async () => {
		await f.sim.stop();
	});

	test('the tool says it moves money; the first call previews, the second with the confirmation sends, once', async () => {
		f = await clickPesaFixture({ clickpesa: { startingBalance: { TZS: 5_000_000 }, payoutCooldownMs: 0 } }, { moneyLimits: true, maxPerItemOut: '50000' });
		const { tool } = payoutTool(f.credentials);
		expect(tool.description).toBe('Send money to a mobile money number (moves real money; not idempotent without the same reference) in ClickPesa');
		const orderReference = newReference('AG');
		const first = JSON.parse(await tool.invoke({ amount: 20000, orderReference, phoneNumber: '0712345678', confirmation: '' }));
		expect(first[0]).toMatchObject({ status: 'PREVIEW_NOT_SENT', moneyMoved: false, reference: orderReference, preview: { receiver: expect.objectContaining({ amount: 20000 }) } });
		expect(first[0].message).toContain('moves real money and is not idempotent without the same reference');
		expect(await f.count(CREATE)).toBe(0);
		// A changed amount with the old confirmation only previews again.
		const changed = JSON.parse(await tool.invoke({ amount: 21000, orderReference, phoneNumber: '0712345678', confirmation: first[0].confirmation }));
		expect(changed[0].status).toBe('PREVIEW_NOT_SENT');
		expect(await f.count(CREATE)).toBe(0);
		const second = JSON.parse(await tool.invoke({ amount: 20000, orderReference, phoneNumber: '0712345678', confirmation: first[0].confirmation }));
		expect(second[0]).toMatchObject({ orderReference, paymentState: 'pending' });
		// The agent retries: the same reference returns the same payout, nothing is paid twice.
		const retry = JSON.parse(await tool.invoke({ amount: 20000, orderReference, phoneNumber: '0712345678', confirmation: first[0].confirmation }));
		expect(retry[0]).toMatchObject({ orderReference, foundByReference: true });
		expect(await f.countStatus(CREATE, 409)).toBe(1);
	});

	test('a payout above the credential’s limit: nothing is sent, whatever the agent passes', async () => {
		f = await clickPesaFixture({ clickpesa: { startingBalance: { TZS: 5_000_000 }, payoutCooldownMs: 0 } }, { moneyLimits: true, maxPerItemOut: '50000', approvalAbove: '30000' });
		const { tool } = payoutTool(f.credentials);
		const orderReference = newReference('AL');
		await expect(tool.invoke({ amount: 900000, orderReference, phoneNumber: '0712345678', confirmation: 'CONFIRM-000000000000' })).rejects.toThrow(
			/of 900,000 TZS is above Max per money out \(50,000 TZS, set on the ClickPesa credential "Test credential"\), so nothing was sent/,
		);
		// Above the approval threshold an agent cannot approve: refused, not previewed.
		await expect(tool.invoke({ amount: 40000, orderReference, phoneNumber: '0712345678', confirmation: '' })).rejects.toThrow(/needs a person's approval .* an AI agent cannot approve it, so nothing was sent/);
		expect(await f.count(CREATE)).toBe(0);
		expect(await f.count('clickpesa POST /payouts/preview-mobile-money-payout')).toBe(0);
	});
});
