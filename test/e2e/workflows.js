// @ts-check
/** Workflow JSON builders for the end-to-end suites: a Manual Trigger followed by a chain of nodes. */
'use strict';

const PACKAGE_NAME = require('../../package.json').name;

const { SIM_CREDENTIALS, simulatorCredentials } = require('../../scripts/simulator-credentials');

let nodeCounter = 0;
const nodeId = () => `7e2e0000-0000-4000-8000-${String(++nodeCounter).padStart(12, '0')}`;

/** One of our nodes. @param {string} name @param {string} type e.g. 'clickPesa' @param {Record<string, unknown>} parameters @param {Record<string, unknown>} [extra] */
function ourNode(name, type, parameters, extra = {}) {
	const credentialType = type.startsWith('clik2pay') ? 'clik2payApi' : 'clickPesaApi';
	return {
		id: nodeId(),
		name,
		type: `${PACKAGE_NAME}.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { [credentialType]: SIM_CREDENTIALS[credentialType] },
		...extra,
	};
}

/** A Code node emitting the given items. @param {string} name @param {Array<Record<string, unknown>>} items */
function itemsNode(name, items) {
	return {
		id: nodeId(),
		name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [0, 0],
		parameters: { jsCode: `return ${JSON.stringify(items.map((json) => ({ json })))};` },
	};
}

/**
 * n8n's Webhook node (POST `path`, answers at once).
 * @param {string} name @param {string} path @param {string} webhookId a UUID @param {string} id the node's id
 */
function webhookNode(name, path, webhookId, id) {
	return { id, name, type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId, parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} } };
}

/**
 * n8n's Set node with string fields (values may be expressions).
 * @param {string} name @param {Record<string, string>} fields @param {string} id the node's id
 */
function setNode(name, fields, id) {
	const assignments = Object.entries(fields).map(([field, value], index) => ({ id: `a${index + 1}`, name: field, value, type: 'string' }));
	return { id, name, type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [200, 0], parameters: { assignments: { assignments }, options: {} } };
}

/**
 * Webhook "Order" (POST `path`) → Set "Resume URL" (the body's order reference and this execution's
 * resume URL): how the Wait for Payment suites start one order per execution. Node ids come from
 * `webhookId`.
 * @param {string} path @param {string} webhookId a UUID
 */
function orderStart(path, webhookId) {
	return [
		webhookNode('Order', path, webhookId, `${webhookId.slice(0, 24)}00000000000b`),
		setNode('Resume URL', { orderReference: '={{ $json.body.orderReference }}', resumeUrl: '={{ $execution.resumeUrl }}' }, `${webhookId.slice(0, 24)}00000000000c`),
	];
}

/**
 * Manual Trigger → nodes[0] → nodes[1] → … (main output 0 of each to the next).
 * @param {string} id @param {Array<Record<string, any>>} nodes
 */
function chainWorkflow(id, nodes) {
	const trigger = { id: nodeId(), name: 'Run', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	const all = [trigger, ...nodes];
	/** @type {Record<string, any>} */
	const connections = {};
	for (let i = 0; i < all.length - 1; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name: `E2E ${id}`, active: false, nodes: all, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

module.exports = { ourNode, itemsNode, webhookNode, setNode, orderStart, chainWorkflow, simulatorCredentials, SIM_CREDENTIALS, PACKAGE_NAME };
