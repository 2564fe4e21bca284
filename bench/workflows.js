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
 * A Code node producing `count` items (ref, phone, amount); each ref is `referencePrefix` (a
 * JavaScript expression, set up by `preamble`) + 'N' + its index.
 * @param {number} count @param {string} preamble @param {string} referencePrefix
 */
function itemsCodeNode(count, preamble, referencePrefix) {
	return {
		id: randomUUID(),
		name: 'Items',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [0, 0],
		parameters: {
			jsCode:
				`${preamble}\n` +
				`return Array.from({ length: ${count} }, (_, i) => ({ json: { ref: ${referencePrefix} + 'N' + i, ` +
				`phone: '2557' + String(12000000 + i).padStart(8, '0'), amount: 1000 } }));`,
		},
	};
}

/**
 * A Code node producing `count` items with references unique to this execution.
 * @param {number} count @param {string} prefix letters only
 */
const inputItems = (count, prefix) => itemsCodeNode(count, 'const run = Date.now().toString(36).toUpperCase();', `'${prefix}' + run`);

/**
 * The same items as inputItems, for a webhook-started execution: the references start with the
 * `prefix` of the webhook's body, so executions started in the same millisecond cannot share one.
 * @param {number} count
 */
const webhookItems = (count) => itemsCodeNode(count, 'const prefix = $input.first().json.body.prefix;', 'prefix');

/**
 * A chain workflow started by n8n's Webhook node (POST, answers at once) instead of its Manual
 * Trigger, so it runs on a queue-mode worker.
 * @template {{ nodes: any[] }} W
 * @param {W} workflow from chainWorkflow @param {string} path @param {string} webhookId
 * @returns {W}
 */
function webhookTriggered(workflow, path, webhookId) {
	const trigger = stockWebhookNode(path, 'onReceived', webhookId);
	return { ...workflow, nodes: workflow.nodes.map((node) => (node.name === 'Run' ? { ...trigger, name: 'Run' } : node)) };
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

/**
 * Ours: one ClickPesa Initiate USSD Push node.
 * @param {string} id @param {number} count @param {{ id: string, name: string }} [credential]
 * @param {{ items?: object }} [options] another Items node (e.g. webhookItems)
 */
function ourUssdWorkflow(id, count, credential, { items = inputItems(count, 'OURS') } = {}) {
	return chainWorkflow(id, [
		items,
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
 * @param {string} id @param {number} count @param {string} baseUrl
 * @param {{ tokenPer?: 'item' | 'execution', items?: object }} [options] items: another Items node (e.g. webhookItems)
 */
function handBuiltUssdWorkflow(id, count, baseUrl, { tokenPer = 'item', items = inputItems(count, 'HAND') } = {}) {
	const perItem = tokenPer === 'item';
	const body =
		'={{ JSON.stringify({ amount: String($("Items").item.json.amount), currency: "TZS", orderReference: $("Items").item.json.ref, phoneNumber: $("Items").item.json.phone }) }}';
	const initiate = httpRequestNode('Initiate', {
		url: `${baseUrl}/payments/initiate-ussd-push-request`,
		headers: { Authorization: perItem ? '={{ $json.token }}' : '={{ $("Get Token").first().json.token }}' },
		jsonBody: body,
	});
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

/** @param {string} name @param {[number, number]} position */
const noOpNode = (name, position) => ({ id: randomUUID(), name, type: 'n8n-nodes-base.noOp', typeVersion: 1, position, parameters: {} });

/**
 * An active workflow: a webhook trigger, then a No Operation node.
 * @param {string} id @param {Record<string, any>} trigger
 */
function webhookWorkflow(id, trigger) {
	const noOp = noOpNode('Done', [200, 0]);
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

/**
 * Ours: ClickPesa Trigger verifying the checksum with the credential's key.
 * @param {string} id @param {string} path @param {{ id: string, name: string }} credential
 * @param {{ typeVersion?: 1 | 1.1, webhookId?: string }} [options] 1.1 is what a new trigger gets in the editor
 */
function ourWebhookWorkflow(id, path, credential, { typeVersion = 1.1, webhookId = '0b5e7c1a-9d3f-4e2a-8b6c-000000000b01' } = {}) {
	return webhookWorkflow(id, {
		id: randomUUID(),
		name: 'ClickPesa Trigger',
		type: `${require('../package.json').name}.clickPesaTrigger`,
		typeVersion,
		position: [0, 0],
		webhookId,
		parameters: { path, options: {} },
		credentials: { clickPesaApi: credential },
	});
}

/** n8n's Webhook node (v2, POST). @param {string} path @param {'onReceived' | 'responseNode'} responseMode @param {string} webhookId */
const stockWebhookNode = (path, responseMode, webhookId) => ({
	id: randomUUID(),
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position: [0, 0],
	webhookId,
	parameters: { httpMethod: 'POST', path, responseMode, options: {} },
});

/** Context only: n8n's stock Webhook node, nothing verified. @param {string} id @param {string} path */
function stockWebhookWorkflow(id, path) {
	return webhookWorkflow(id, stockWebhookNode(path, 'onReceived', '0b5e7c1a-9d3f-4e2a-8b6c-000000000b02'));
}

/**
 * The Code node's script: ClickPesa's canonical checksum as a user writes it (HMAC-SHA256 with the
 * checksum key over the compact JSON of the body without `checksum` and `checksumMethod`, object keys
 * sorted at every level, arrays in order). Needs NODE_FUNCTION_ALLOW_BUILTIN=crypto.
 * @param {string} checksumKey
 */
const canonicalChecksumCode = (checksumKey) =>
	[
		"const crypto = require('crypto');",
		`const KEY = ${JSON.stringify(checksumKey)};`,
		'const canonical = (value) => {',
		"\tif (value === null || typeof value !== 'object') return JSON.stringify(value);",
		"\tif (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']';",
		'\treturn (',
		"\t\t'{' +",
		'\t\tObject.keys(value)',
		'\t\t\t.sort()',
		'\t\t\t.filter((key) => value[key] !== undefined)',
		"\t\t\t.map((key) => JSON.stringify(key) + ':' + canonical(value[key]))",
		"\t\t\t.join(',') +",
		"\t\t'}'",
		'\t);',
		'};',
		'return $input.all().map((item) => {',
		'\tconst body = item.json.body ?? {};',
		'\tconst { checksum, checksumMethod, ...signed } = body;',
		"\tconst expected = crypto.createHmac('sha256', KEY).update(canonical(signed), 'utf8').digest('hex');",
		"\treturn { json: { body, received: typeof checksum === 'string' ? checksum : '', expected } };",
		'});',
	].join('\n');

/**
 * What a user builds instead of our trigger: n8n's Webhook node answering through Respond to Webhook
 * nodes (so, like our trigger, it answers 200 only after the checksum matched and 401 otherwise),
 * a Code node computing the canonical checksum, an IF node comparing it with the body's `checksum`,
 * then the same No Operation node as ours on the matching branch.
 * @param {string} id @param {string} path @param {string} checksumKey
 */
function handVerifiedWebhookWorkflow(id, path, checksumKey) {
	const webhook = stockWebhookNode(path, 'responseNode', '0b5e7c1a-9d3f-4e2a-8b6c-000000000b04');
	const code = {
		id: randomUUID(),
		name: 'Compute Checksum',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [200, 0],
		parameters: { jsCode: canonicalChecksumCode(checksumKey) },
	};
	const check = {
		id: randomUUID(),
		name: 'Checksum Matches',
		type: 'n8n-nodes-base.if',
		typeVersion: 2.2,
		position: [400, 0],
		parameters: {
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
				conditions: [
					{
						id: randomUUID(),
						leftValue: '={{ $json.expected }}',
						rightValue: '={{ $json.received }}',
						operator: { type: 'string', operation: 'equals' },
					},
				],
				combinator: 'and',
			},
			options: {},
		},
	};
	/** @param {string} name @param {number} code @param {string} message @param {[number, number]} position */
	const respond = (name, code, message, position) => ({
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.respondToWebhook',
		typeVersion: 1.1,
		position,
		parameters: { respondWith: 'json', responseBody: JSON.stringify({ message }), options: { responseCode: code } },
	});
	const accept = respond('Accept', 200, 'Workflow was started', [600, -100]);
	const refuse = respond('Refuse', 401, 'Webhook refused: the checksum does not match', [600, 100]);
	const done = noOpNode('Done', [800, -100]);
	const to = (/** @type {string} */ node) => [{ node, type: 'main', index: 0 }];
	return {
		id,
		name: `Bench ${id}`,
		active: false,
		nodes: [webhook, code, check, accept, refuse, done],
		connections: {
			[webhook.name]: { main: [to(code.name)] },
			[code.name]: { main: [to(check.name)] },
			[check.name]: { main: [to(accept.name), to(refuse.name)] },
			[accept.name]: { main: [to(done.name)] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
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
	handVerifiedWebhookWorkflow,
	httpRequestNode,
	inputItems,
	webhookItems,
	webhookTriggered,
};
