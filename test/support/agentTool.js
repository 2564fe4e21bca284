// @ts-check
/**
 * The ClickPesa node as an AI agent's tool, built the way n8n's AI Agent builds it: n8n-core's
 * createNodeAsTool makes the tool from the node's $fromAI parameters, and makeHandleToolInvocation
 * runs the node's execute() in a SupplyDataContext with the agent's arguments as input. Whichever
 * `n8n-core` and `n8n-workflow` resolve here are used: the repository's (n8n 2.x) in
 * test/integration/money-limits-tool.test.js, an n8n 1.x install's in its child
 * test/support/n8nVersions/toolProbe.js.
 */
'use strict';

const path = require('path');

const { additionalDataFor } = require('./additionalData');

/**
 * @param {{ helper(): unknown }} credentials a CredentialStore holding `clickPesaApi`
 * @returns {{ tool: { description: string, invoke(args: Record<string, unknown>): Promise<string> } }}
 */
function payoutTool(credentials) {
	const { SupplyDataContext } = require('n8n-core');
	const { Workflow, createRunExecutionData } = require('n8n-workflow');
	const utils = path.join(path.dirname(require.resolve('n8n-core')), 'execution-engine/node-execution-context/utils');
	const { createNodeAsTool } = require(path.join(utils, 'create-node-as-tool'));
	const { makeHandleToolInvocation } = require(path.join(utils, 'get-input-connection-data'));
	const nodeClasses = require('../../index.js');

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
		nodeTypes: /** @type {any} */ ({ getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) }),
		settings: {},
	});
	const additionalData = additionalDataFor(credentials, 'tool-execution', { currentNodeExecutionIndex: 0 });
	const runExecutionData = createRunExecutionData();
	const executeData = { node, data: { main: [[{ json: {} }]] }, source: null };
	const contextFactory = (/** @type {number} */ runIndex) =>
		new SupplyDataContext(workflow, /** @type {any} */ (node), /** @type {any} */ (additionalData), 'manual', runExecutionData, runIndex, [], {}, 'ai_tool', /** @type {any} */ (executeData), []);
	const handleToolInvocation = makeHandleToolInvocation(contextFactory, node, nodeType, runExecutionData);
	return { tool: createNodeAsTool({ node, nodeType, handleToolInvocation }).response };
}

const CREATE = 'clickpesa POST /payouts/create-mobile-money-payout';
const PREVIEW = 'clickpesa POST /payouts/preview-mobile-money-payout';

/** A tool call's answer, or what it threw. @param {Promise<string>} call */
async function answerOf(call) {
	return await call.then(
		(text) => ({ answer: JSON.parse(text) }),
		(error) => ({ thrown: error instanceof Error ? error.message : String(error) }),
	);
}

/**
 * The agent's calls the tests judge, against a simulator of their own, as plain data (the same
 * on every n8n version, so a child process under another install can report them):
 * - `confirm`: preview, a changed amount with the old confirmation, the confirmed call, a retry;
 *   then the simulator's create counts;
 * - `limit`: a payout above the credential's maximum with a made-up confirmation, and one above the
 *   approval threshold; then the create and preview counts.
 */
async function toolScenarios() {
	const { startSimulator } = require('../../simulator');
	const { CredentialStore } = require('./credentialStore');
	const scenario = async (/** @type {Record<string, unknown>} */ limits, /** @type {(tool: any) => Promise<Record<string, unknown>>} */ calls) => {
		const sim = await startSimulator({ port: 0, clickpesa: { customerDelayMs: null, startingBalance: { TZS: 5_000_000 }, payoutCooldownMs: 0 } });
		try {
			const credentials = new CredentialStore();
			credentials.set('clickPesaApi', { clientId: 'SIMCLIENTID', apiKey: 'sim-api-key', baseUrl: sim.clickpesaBaseUrl, checksumSecret: '', rateLimitPerMinute: 0, token: '', moneyLimits: true, ...limits });
			const { tool } = payoutTool(credentials);
			const observed = await calls(tool);
			const counts = sim.stats().counts;
			return { ...observed, description: tool.description, creates: counts[CREATE]?.byStatus ?? {}, previews: counts[PREVIEW]?.total ?? 0 };
		} finally {
			await sim.stop();
		}
	};
	const reference = (/** @type {string} */ prefix) => `${prefix}${Date.now().toString(36).toUpperCase()}`;
	const confirm = await scenario({ maxPerItemOut: '50000' }, async (tool) => {
		const orderReference = reference('AG');
		const call = (/** @type {number} */ amount, /** @type {string} */ confirmation) => answerOf(tool.invoke({ amount, orderReference, phoneNumber: '0712345678', confirmation }));
		const first = await call(20000, '');
		const code = first.answer?.[0]?.confirmation;
		const changed = await call(21000, code);
		const sent = await call(20000, code);
		const retry = await call(20000, code);
		return { orderReference, first, changed, sent, retry };
	});
	const limit = await scenario({ maxPerItemOut: '50000', approvalAbove: '30000' }, async (tool) => {
		const orderReference = reference('AL');
		const aboveMax = await answerOf(tool.invoke({ amount: 900000, orderReference, phoneNumber: '0712345678', confirmation: 'CONFIRM-000000000000' }));
		const aboveApproval = await answerOf(tool.invoke({ amount: 40000, orderReference, phoneNumber: '0712345678', confirmation: '' }));
		return { aboveMax, aboveApproval };
	});
	return { confirm, limit };
}

module.exports = { payoutTool, toolScenarios };
