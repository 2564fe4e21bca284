// @ts-check
/**
 * n8n's own REST API (the one its editor uses), signed in as the instance owner: what lets one
 * running n8n take credentials, workflows, activations and manual runs without a CLI process each
 * (every `n8n import:*` / `execute` call is a cold start of n8n). The endpoints differ between 1.x and
 * 2.x where noted; both are in docs/testing.md.
 */
'use strict';

const { httpRequest } = require('./http');

/** The owner every instance driven by the tests gets. n8n wants 8+ characters with a digit and an upper-case letter. */
const TEST_OWNER = Object.freeze({ email: 'e2e-owner@example.com', password: 'E2e-Owner-Pa55', firstName: 'E2E', lastName: 'Owner' });

class N8nRest {
	/** @param {string} baseUrl e.g. http://127.0.0.1:5678 @param {number} major n8n's major version */
	constructor(baseUrl, major) {
		this.baseUrl = baseUrl;
		this.major = major;
		/** @type {string | undefined} the n8n-auth cookie */
		this.cookie = undefined;
	}

	/**
	 * Creates the owner on a new user folder (POST /rest/owner/setup), else signs in as it.
	 * @param {{ email: string, password: string, firstName: string, lastName: string }} [owner]
	 */
	async signIn(owner = TEST_OWNER) {
		const settings = (await this.whenReady(() => httpRequest(`${this.baseUrl}/rest/settings`))).json();
		const needsSetup = (settings.data ?? settings).userManagement?.showSetupOnFirstLoad === true;
		const response = await this.whenReady(() =>
			needsSetup
				? httpRequest(`${this.baseUrl}/rest/owner/setup`, { method: 'POST', body: owner })
				: // 2.x signs in with emailOrLdapLoginId, 1.x with email.
					httpRequest(`${this.baseUrl}/rest/login`, { method: 'POST', body: { email: owner.email, emailOrLdapLoginId: owner.email, password: owner.password } }),
		);
		if (response.status !== 200) throw new Error(`n8n ${needsSetup ? 'owner setup' : 'sign-in'} failed: ${response.status} ${response.body.slice(0, 300)}`);
		const setCookie = [response.headers['set-cookie'] ?? []].flat().find((cookie) => cookie.startsWith('n8n-auth='));
		if (!setCookie) throw new Error(`n8n ${needsSetup ? 'owner setup' : 'sign-in'} answered without an n8n-auth cookie`);
		this.cookie = setCookie.split(';')[0];
	}

	/**
	 * One REST call; resolves with the answer's `data` (n8n wraps every answer in one).
	 * @param {string} method
	 * @param {string} route below /rest, e.g. "/workflows"
	 * @param {object} [body]
	 * @param {{ timeoutMs?: number }} [options]
	 */
	async call(method, route, body, { timeoutMs = 60000 } = {}) {
		if (!this.cookie) throw new Error('N8nRest: signIn() first');
		const cookie = this.cookie;
		const response = await this.whenReady(() => httpRequest(`${this.baseUrl}/rest${route}`, { method, body, headers: { cookie }, timeoutMs }));
		if (response.status >= 300) throw new Error(`n8n REST ${method} ${route}: ${response.status} ${response.body.slice(0, 500)}`);
		const parsed = response.body ? response.json() : {};
		return parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed;
	}

	/**
	 * Sends a request again while n8n answers 503 "Database is not ready" (n8n 2.x checks its database
	 * connection now and then, and a busy machine can make one check fail after start-up), for at most
	 * a minute. Nothing else is repeated.
	 * @param {() => Promise<{ status: number, body: string }>} send
	 */
	async whenReady(send) {
		const deadline = Date.now() + 60000;
		for (;;) {
			const response = await send();
			if (response.status !== 503 || !/Database is not ready/.test(response.body) || Date.now() > deadline) return /** @type {any} */ (response);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}

	/**
	 * @param {{ name: string, type: string, data: Record<string, unknown> }} credential
	 * @returns {Promise<string>} the id n8n gave it
	 */
	async createCredential({ name, type, data }) {
		const created = await this.call('POST', '/credentials', { name, type, data });
		return String(created.id);
	}

	/**
	 * @param {Record<string, any>} workflow as exported (nodes, connections, settings, pinData, …); an
	 *   `id` is kept by 2.x and dropped by 1.x, so the caller uses the id this returns.
	 * @returns {Promise<{ id: string, versionId: string }>}
	 */
	async createWorkflow(workflow) {
		const { active: _ignored, ...rest } = workflow;
		const created = await this.call('POST', '/workflows', { ...rest, active: false });
		return { id: String(created.id), versionId: String(created.versionId) };
	}

	/** Activates (2.x: publishes) a saved workflow; its webhooks are live when this resolves. @param {string} id */
	async activate(id) {
		const workflow = await this.call('GET', `/workflows/${encodeURIComponent(id)}`);
		if (this.major >= 2) await this.call('POST', `/workflows/${encodeURIComponent(id)}/activate`, { versionId: workflow.versionId });
		else await this.call('PATCH', `/workflows/${encodeURIComponent(id)}`, { active: true, versionId: workflow.versionId });
	}

	/**
	 * Starts a manual run from the workflow's Manual Trigger, as the editor's "Execute workflow" does.
	 * @param {string} id
	 * @returns {Promise<string>} the execution id
	 */
	async runManually(id) {
		const workflowData = await this.call('GET', `/workflows/${encodeURIComponent(id)}`);
		const trigger = workflowData.nodes?.find((/** @type {{ type: string }} */ node) => node.type === 'n8n-nodes-base.manualTrigger');
		if (!trigger) throw new Error(`workflow ${id} has no Manual Trigger to run from`);
		// 2.x reads triggerToStartFrom and loads the saved workflow itself; 1.x runs the workflowData it is sent.
		const started = await this.call('POST', `/workflows/${encodeURIComponent(id)}/run`, { workflowData, triggerToStartFrom: { name: trigger.name } });
		if (!started?.executionId) throw new Error(`n8n REST run of ${id} started no execution: ${JSON.stringify(started).slice(0, 300)}`);
		return String(started.executionId);
	}
}

module.exports = { N8nRest, TEST_OWNER };
