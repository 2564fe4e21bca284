// @ts-check
/**
 * The workflow pairs the benchmark compares: our nodes, and what users build by hand with n8n's
 * HTTP Request node. Each pair gets the same input items from the same Code node.
 */
'use strict';

const { randomUUID } = require('node:crypto');

const { ourNode, chainWorkflow } = require('../test/e2e/workflows');

const SIM_CLIENT = { clientId: 'SIMCLIENTID', apiKey: 'sim-api-key' };

/**
 * A Code node producing `count` items with references unique to this execution.
 * @param {number} count @param {string} prefix letters only
 */
function inputItems(count, prefix) {
	return {
		id: randomUUID(),
		name: 'Items',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [0, 0],
		parameters: {
			jsCode:
				`const run = Date.now().toString(36).toUpperCase();\n` +
				`return Array.from({ length: ${count} }, (_, i) => ({ json: { ref: '${prefix}' + run + 'N' + i, ` +
				`phone: '2557' + String(12000000 + i).padStart(8, '0'), amount: 1000 } }));`,
		},
	};
}

/** @param {{ id: string, name: string } | undefined} credential */
const withCredential = (credential) => (credential ? { credentials: { clickPesaApi: credential } } : {});

/**
 * HTTP Request node (v4.2): POST with headers and an optional JSON body; errors become items.
 * @param {string} name @param {{ url: string, headers: Record<string, string>, jsonBody?: string, executeOnce?: boolean }} spec
 */
function httpRequestNode(name, { url, headers, jsonBody, executeOnce }) {
	return {
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [0, 0],
		onError: 'continueRegularOutput',
		...(executeOnce ? { executeOnce: true } : {}),
		parameters: {
			method: 'POST',
			url,
			sendHeaders: true,
			headerParameters: { parameters: Object.entries(headers).map(([key, value]) => ({ name: key, value })) },
			...(jsonBody ? { sendBody: true, specifyBody: 'json', jsonBody } : {}),
			options: {},
		},
	};
}

/** @param {string} baseUrl @param {{ executeOnce?: boolean }} [options] */
const tokenNode = (baseUrl, options = {}) =>
	httpRequestNode('Get Token', {
		url: `${baseUrl}/generate-token`,
		headers: { 'client-id': SIM_CLIENT.clientId, 'api-key': SIM_CLIENT.apiKey },
		...options,
	});

/** Ours: one ClickPesa Initiate USSD Push node. @param {string} id @param {number} count @param {{ id: string, name: string }} [credential] */
function ourUssdWorkflow(id, count, credential) {
	return chainWorkflow(id, [
		inputItems(count, 'OURS'),
		ourNode(
			'Initiate',
			'clickPesa',
			{ resource: 'payment', operation: 'initiateUssdPush', amount: '={{ $json.amount }}', orderReference: '={{ $json.ref }}', phoneNumber: '={{ $json.phone }}' },
			{ onError: 'continueRegularOutput', ...withCredential(credential) },
		),
	]);
}

/**
 * Theirs: the payment call per item, with a token call per item (what issue 7 describes users
 * building) or one token call per execution before the items (used for the CPU cost per call).
 * @param {string} id @param {number} count @param {string} baseUrl @param {{ tokenPer?: 'item' | 'execution' }} [options]
 */
function handBuiltUssdWorkflow(id, count, baseUrl, { tokenPer = 'item' } = {}) {
	const perItem = tokenPer === 'item';
	const body =
		'={{ JSON.stringify({ amount: String($("Items").item.json.amount), currency: "TZS", orderReference: $("Items").item.json.ref, phoneNumber: $("Items").item.json.phone }) }}';
	const initiate = httpRequestNode('Initiate', {
		url: `${baseUrl}/payments/initiate-ussd-push-request`,
		headers: { Authorization: perItem ? '={{ $json.token }}' : '={{ $("Get Token").first().json.token }}' },
		jsonBody: body,
	});
	const items = inputItems(count, 'HAND');
	return chainWorkflow(id, perItem ? [items, tokenNode(baseUrl), initiate] : [tokenNode(baseUrl), items, initiate]);
}

/** Ours: BillPay → Create Many, order control numbers (50 per request). @param {string} id @param {number} count @param {{ id: string, name: string }} [credential] */
function ourBillPayWorkflow(id, count, credential) {
	return chainWorkflow(id, [
		inputItems(count, 'B'),
		ourNode(
			'Create',
			'clickPesa',
			{
				resource: 'billPay',
				operation: 'createMany',
				kind: 'order',
				billReference: '={{ $json.ref }}',
				additionalFields: { billAmount: '={{ $json.amount }}', billDescription: '={{ "Invoice " + $json.ref }}', billPaymentMode: 'EXACT' },
			},
			{ onError: 'continueRegularOutput', ...withCredential(credential) },
		),
	]);
}

/**
 * Theirs, the better of the two hand-built variants: one token per execution (an HTTP Request node
 * before the items), then one create-order-control-number call per item.
 * @param {string} id @param {number} count @param {string} baseUrl
 */
function handBuiltBillPayWorkflow(id, count, baseUrl) {
	return chainWorkflow(id, [
		tokenNode(baseUrl),
		inputItems(count, 'H'),
		httpRequestNode('Create', {
			url: `${baseUrl}/billpay/create-order-control-number`,
			headers: { Authorization: '={{ $("Get Token").first().json.token }}' },
			jsonBody:
				'={{ JSON.stringify({ billReference: $json.ref, billAmount: $json.amount, billDescription: "Invoice " + $json.ref, billPaymentMode: "EXACT" }) }}',
		}),
	]);
}

/**
 * An active workflow: a webhook trigger, then a No Operation node.
 * @param {string} id @param {Record<string, any>} trigger
 */
function webhookWorkflow(id, trigger) {
	const noOp = { id: randomUUID(), name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [200, 0], parameters: {} };
	return {
		id,
		name: `Bench ${id}`,
		active: false,
		nodes: [trigger, noOp],
		connections: { [trigger.name]: { main: [[{ node: noOp.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** Ours: ClickPesa Trigger verifying the checksum with the credential's key. @param {string} id @param {string} path @param {{ id: string, name: string }} credential */
function ourWebhookWorkflow(id, path, credential) {
	return webhookWorkflow(id, {
		id: randomUUID(),
		name: 'ClickPesa Trigger',
		type: `${require('../package.json').name}.clickPesaTrigger`,
		typeVersion: 1.1, // what a new trigger gets in the editor
		position: [0, 0],
		webhookId: '0b5e7c1a-9d3f-4e2a-8b6c-000000000b01',
		parameters: { path, options: {} },
		credentials: { clickPesaApi: credential },
	});
}

/** Theirs: n8n's stock Webhook node, nothing verified. @param {string} id @param {string} path */
function stockWebhookWorkflow(id, path) {
	return webhookWorkflow(id, {
		id: randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: '0b5e7c1a-9d3f-4e2a-8b6c-000000000b02',
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
	});
}

/** The Code node alone: subtracted from the others to leave the cost of the HTTP step. @param {string} id @param {number} count */
function baselineWorkflow(id, count) {
	return chainWorkflow(id, [inputItems(count, 'BASE')]);
}

module.exports = {
	ourUssdWorkflow,
	handBuiltUssdWorkflow,
	ourBillPayWorkflow,
	handBuiltBillPayWorkflow,
	baselineWorkflow,
	ourWebhookWorkflow,
	stockWebhookWorkflow,
	httpRequestNode,
	inputItems,
};
