// @ts-check
/**
 * Calls one of our trigger nodes' `webhook()` inside n8n-core's real WebhookContext, as n8n does
 * when a webhook request arrives: parameters (defaults filled in as n8n does when it loads a
 * workflow), credentials through the credentials helper, `getRequestObject()`/`getResponseObject()`
 * backed by Express-like fakes that record what the node answered, and n8n's real request helpers
 * (for "Confirm with API" against the simulator).
 */
const { WebhookContext } = require('n8n-core');
const { NodeHelpers, Workflow } = require('n8n-workflow');

const nodeClasses = require('../../index.js');
const { additionalDataFor } = require('./additionalData');

/** Records what the node writes, like an Express response would send it. */
class FakeResponse {
	constructor() {
		/** @type {number | undefined} */
		this.statusCode = undefined;
		/** @type {Record<string, string>} */
		this.headers = {};
		/** @type {string | undefined} */
		this.text = undefined;
		this.headersSent = false;
	}
	/** @param {number} code */
	status(code) {
		this.statusCode = code;
		return this;
	}
	/** @param {string} name @param {string} value */
	setHeader(name, value) {
		if (this.headersSent) throw new Error('Cannot set headers after they are sent to the client');
		this.headers[name.toLowerCase()] = String(value);
		return this;
	}
	/** @param {string} name @param {string} value */
	set(name, value) {
		return this.setHeader(name, value);
	}
	/** @param {unknown} body */
	json(body) {
		this.setHeader('content-type', 'application/json; charset=utf-8');
		return this.end(JSON.stringify(body));
	}
	/** @param {unknown} body */
	send(body) {
		return this.end(typeof body === 'string' ? body : JSON.stringify(body));
	}
	/** @param {string} [text] */
	end(text) {
		if (this.headersSent) throw new Error('write after end');
		this.statusCode ??= 200;
		this.text = text ?? '';
		this.headersSent = true;
		return this;
	}
}

let triggersBuilt = 0;

/**
 * A prepared trigger: the Workflow and node are built once, each `call()` gets a fresh
 * WebhookContext, request and response (so thousands of calls stay fast).
 * @param {object} options
 * @param {'clickPesaTrigger' | 'clik2payTrigger'} options.type
 * @param {Record<string, unknown>} [options.parameters]
 * @param {import('./credentialStore').CredentialStore} options.credentials
 * @param {string} options.credentialType
 * @param {string} [options.workflowId]
 * @param {string} [options.webhookId]
 */
function webhookTrigger({ type, parameters = {}, credentials, credentialType, workflowId = 'test-workflow', webhookId = '3f0c2f7e-5a0e-4d3b-9c57-1e1f2b7d9a10' }) {
	const className = type.charAt(0).toUpperCase() + type.slice(1);
	const NodeClass = nodeClasses[className];
	if (!NodeClass) throw new Error(`no node class ${className} exported by index.js`);
	const nodeType = new NodeClass();
	const typeName = `n8n-nodes-clickpesa-clik2pay.${type}`;
	const resolved = NodeHelpers.getNodeParameters(
		nodeType.description.properties,
		/** @type {any} */ (parameters),
		true,
		false,
		{ typeVersion: 1 },
		nodeType.description,
	);
	// A node id of its own per trigger built here, as each test stands for a different workflow node
	// (the triggers remember per node, e.g. the credential they read for a few seconds).
	const node = {
		id: `${type}-node-${++triggersBuilt}`,
		name: nodeType.description.defaults.name,
		type: typeName,
		typeVersion: 1,
		position: /** @type {[number, number]} */ ([0, 0]),
		parameters: resolved ?? {},
		webhookId,
		credentials: { [credentialType]: { id: 'test-credential', name: 'Test credential' } },
	};
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({
		id: workflowId,
		name: 'trigger test',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: /** @type {any} */ (nodeTypes),
		settings: {},
	});
	const webhookDescription = nodeType.description.webhooks[0];

	/**
	 * n8n-core's real WebhookContext for one request, as n8n builds it when a call arrives.
	 * @param {object} req
	 * @param {FakeResponse} res
	 */
	function contextFor(req, res) {
		const additionalData = additionalDataFor(credentials, 'webhook-test', { httpRequest: req, httpResponse: res });
		const webhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: String(resolved?.path ?? ''),
			webhookDescription,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
		};
		return new WebhookContext(
			workflow,
			node,
			/** @type {any} */ (additionalData),
			'webhook',
			/** @type {any} */ (webhookData),
			[],
			null,
		);
	}

	/** The production URL n8n shows for the trigger (base `http://127.0.0.1/webhook`). */
	function productionUrl() {
		return contextFor({ headers: {} }, new FakeResponse()).getNodeWebhookUrl('default');
	}

	/**
	 * @param {object} request
	 * @param {unknown} [request.body] what n8n's body parser left in `req.body`
	 * @param {Buffer} [request.rawBody]
	 * @param {Record<string, string>} [request.headers] lower-case names
	 * @param {string} [request.ip]
	 */
	async function call({ body, rawBody, headers = {}, ip = '127.0.0.1' } = {}) {
		const req = { method: 'POST', body, rawBody, headers: { ...headers }, ip, params: {}, query: {} };
		const res = new FakeResponse();
		const context = contextFor(req, res);
		/** @type {any} */
		let result;
		/** @type {unknown} */
		let threw;
		try {
			result = await nodeType.webhook.call(context);
		} catch (error) {
			threw = error;
		}
		const items = result?.workflowData ? result.workflowData[0].map((/** @type {any} */ item) => item.json) : null;
		const answeredByNode = res.text !== undefined;
		// As n8n's webhook helpers do: a node that starts nothing and answers nothing itself gets
		// n8n's 200 with its `webhookResponse` (or n8n's own message).
		if (res.text === undefined && result && !result.workflowData && !result.noWebhookResponse) {
			res.status(webhookDescription.responseCode ?? 200);
			res.end(JSON.stringify(result.webhookResponse ?? { message: 'Webhook call received' }));
		}
		let answer;
		if (res.text !== undefined) {
			try {
				answer = JSON.parse(res.text);
			} catch {
				answer = res.text;
			}
		}
		return {
			result,
			threw,
			/** Workflow items when the workflow would start, else null. */
			items,
			/** The status the caller sees: the node's own answer, or n8n's 200 when n8n answers (onReceived). */
			status: res.statusCode ?? (result && !result.noWebhookResponse ? 200 : undefined),
			answeredByNode,
			headers: res.headers,
			body: answer,
		};
	}

	return { call, productionUrl, node, nodeType, workflow };
}

module.exports = { webhookTrigger, FakeResponse };
