// @ts-check
/**
 * The workflow pairs the benchmark compares: our nodes, and what users build by hand with n8n's
 * HTTP Request node (a token call, then the payment call, for every item).
 */
'use strict';

const { randomUUID } = require('node:crypto');

const { ourNode, chainWorkflow } = require('../test/e2e/workflows');

/** A Code node producing `count` payment items with unique references. */
function paymentItems(count, prefix) {
	return {
		id: randomUUID(),
		name: 'Items',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [0, 0],
		parameters: {
			jsCode: `const run = Date.now().toString(36).toUpperCase();\nreturn Array.from({ length: ${count} }, (_, i) => ({ json: { ref: '${prefix}' + run + 'N' + i, phone: '2557' + String(12000000 + i).padStart(8, '0'), amount: 1000 } }));`,
		},
	};
}

/** @param {string} id @param {number} count @param {{ id: string, name: string }} [credential] */
function ourUssdWorkflow(id, count, credential) {
	return chainWorkflow(id, [
		paymentItems(count, 'OURS'),
		ourNode(
			'Initiate',
			'clickPesa',
			{
				resource: 'payment',
				operation: 'initiateUssdPush',
				amount: '={{ $json.amount }}',
				orderReference: '={{ $json.ref }}',
				phoneNumber: '={{ $json.phone }}',
			},
			{ onError: 'continueRegularOutput', ...(credential ? { credentials: { clickPesaApi: credential } } : {}) },
		),
	]);
}

/** HTTP Request node (v4.2) with JSON body and headers. */
function httpRequestNode(name, { url, headers, jsonBody }) {
	return {
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [0, 0],
		onError: 'continueRegularOutput',
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

function handBuiltUssdWorkflow(id, count, clickpesaBaseUrl) {
	const workflow = chainWorkflow(id, [
		paymentItems(count, 'HAND'),
		httpRequestNode('Get Token', {
			url: `${clickpesaBaseUrl}/generate-token`,
			headers: { 'client-id': 'SIMCLIENTID', 'api-key': 'sim-api-key' },
		}),
		httpRequestNode('Initiate', {
			url: `${clickpesaBaseUrl}/payments/initiate-ussd-push-request`,
			headers: { Authorization: '={{ $json.token }}' },
			jsonBody:
				'={{ JSON.stringify({ amount: String($("Items").item.json.amount), currency: "TZS", orderReference: $("Items").item.json.ref, phoneNumber: $("Items").item.json.phone }) }}',
		}),
	]);
	return workflow;
}

/** The bare minimum: used to subtract n8n's own start-up cost from process CPU time. */
function emptyWorkflow(id) {
	return chainWorkflow(id, [paymentItems(1, 'NONE')]);
}

module.exports = { ourUssdWorkflow, handBuiltUssdWorkflow, emptyWorkflow, httpRequestNode, paymentItems };
