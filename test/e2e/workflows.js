// @ts-check
/** Workflow JSON builders for the end-to-end suites: a Manual Trigger followed by a chain of nodes. */
'use strict';

const PACKAGE_NAME = require('../../package.json').name;

const SIM_CREDENTIALS = {
	clickPesaApi: { id: 'simClickPesa', name: 'ClickPesa (simulator)' },
	clik2payApi: { id: 'simClik2pay', name: 'Clik2pay (simulator)' },
};

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

/** Credentials pointing at a running simulator, as `n8n import:credentials` takes them. */
function simulatorCredentials(sim, clickPesaData = {}) {
	return [
		{
			id: SIM_CREDENTIALS.clickPesaApi.id,
			name: SIM_CREDENTIALS.clickPesaApi.name,
			type: 'clickPesaApi',
			data: { clientId: 'SIMCLIENTID', apiKey: 'sim-api-key', baseUrl: sim.clickpesaBaseUrl, rateLimitPerMinute: 120, ...clickPesaData },
		},
		{
			id: SIM_CREDENTIALS.clik2payApi.id,
			name: SIM_CREDENTIALS.clik2payApi.name,
			type: 'clik2payApi',
			data: {
				environment: 'custom',
				authUrl: sim.clik2payAuthUrl,
				baseUrl: sim.clik2payBaseUrl,
				username: 'sim-user',
				password: 'sim-pass',
				apiKey: 'sim-c2p-api-key',
			},
		},
	];
}

module.exports = { ourNode, itemsNode, chainWorkflow, simulatorCredentials, SIM_CREDENTIALS, PACKAGE_NAME };
