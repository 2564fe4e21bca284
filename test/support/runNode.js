// @ts-check
/**
 * Runs one of our nodes for a list of input items inside n8n-core's real ExecuteContext, so
 * parameters, credentials, `continueOnFail` and `httpRequestWithAuthentication` (axios, 401 →
 * refresh → one retry) behave as in n8n. HTTP goes to the simulator over 127.0.0.1.
 */
const { ExecuteContext } = require('n8n-core');
const { Workflow, createRunExecutionData } = require('n8n-workflow');

const nodeClasses = require('../../index.js');
const { additionalDataFor } = require('./additionalData');

/** @param {string} type e.g. 'clickPesa' */
function nodeTypeInstance(type) {
	const className = type.charAt(0).toUpperCase() + type.slice(1);
	const NodeClass = nodeClasses[className];
	if (!NodeClass) throw new Error(`no node class ${className} exported by index.js`);
	return new NodeClass();
}

/**
 * @param {object} options
 * @param {string} options.type node name, e.g. 'clickPesa'
 * @param {Record<string, unknown>} options.parameters
 * @param {Array<Record<string, unknown>>} options.items input items' json
 * @param {import('./credentialStore').CredentialStore} options.credentials
 * @param {string} options.credentialType
 * @param {'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput'} [options.onError]
 * @param {boolean} [options.asTool] run as the node's AI-tool variant
 * @param {number} [options.typeVersion] the node version the workflow saved (default 1)
 * @returns {Promise<Array<Array<{json: Record<string, any>, pairedItem?: any}>>>}
 */
async function runNode({ type, parameters, items, credentials, credentialType, onError = 'stopWorkflow', asTool = false, typeVersion = 1 }) {
	const { nodeType, context } = buildExecuteContext({ type, parameters, items, credentials, credentialType, onError, asTool, typeVersion });
	return /** @type {any} */ (await nodeType.execute.call(context));
}

/** The node, its workflow and n8n's additional data, as n8n-core's contexts take them. */
function nodeSetup({ type, parameters, credentials, credentialType, onError = 'stopWorkflow', asTool = false, typeVersion = 1 }) {
	const nodeType = nodeTypeInstance(type);
	const node = {
		id: 'node-under-test',
		name: nodeType.description.defaults.name,
		// n8n names the AI-tool variant of a node `<type>Tool`.
		type: `n8n-nodes-clickpesa-clik2pay.${type}${asTool ? 'Tool' : ''}`,
		typeVersion,
		position: [0, 0],
		parameters,
		credentials: { [credentialType]: { id: 'test-credential', name: 'Test credential' } },
		onError,
	};
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: {},
	});
	const additionalData = additionalDataFor(credentials, 'test-execution', { currentNodeExecutionIndex: 0 });
	return { nodeType, node, workflow, additionalData };
}

/** The real n8n-core ExecuteContext our node's execute() runs in (its `helpers` are n8n's request helpers). */
function buildExecuteContext({ type, parameters, items, credentials, credentialType, onError = 'stopWorkflow', asTool = false, typeVersion = 1 }) {
	const { nodeType, node, workflow, additionalData } = nodeSetup({ type, parameters, credentials, credentialType, onError, asTool, typeVersion });
	const inputItems = items.map((json, index) => ({ json, pairedItem: { item: index } }));
	const inputData = { main: [inputItems] };
	const executeData = { node, data: inputData, source: { main: [{ previousNode: 'Input' }] } };
	const context = new ExecuteContext(
		workflow,
		node,
		/** @type {any} */ (additionalData),
		'manual',
		createRunExecutionData(),
		0,
		inputItems,
		inputData,
		/** @type {any} */ (executeData),
		[],
	);
	return { nodeType, context };
}

/**
 * The real n8n-core LoadOptionsContext the editor calls a node's `methods` with (e.g. a
 * resource locator's list search).
 */
function buildLoadOptionsContext({ type, parameters, credentials, credentialType }) {
	const { LoadOptionsContext } = require('n8n-core');
	const { nodeType, node, workflow, additionalData } = nodeSetup({ type, parameters, credentials, credentialType });
	return { nodeType, context: new LoadOptionsContext(workflow, /** @type {any} */ (node), /** @type {any} */ (additionalData), '') };
}

module.exports = { runNode, buildExecuteContext, buildLoadOptionsContext };
