// @ts-check
/**
 * The part of n8n's IWorkflowExecuteAdditionalData our nodes touch when n8n-core's real contexts
 * (ExecuteContext, LoadOptionsContext, WebhookContext) are built outside n8n: the credentials
 * helper and local URLs. No n8n import here, so the n8n-versions probe can use it with any install.
 * @param {{ helper(): unknown }} credentials a CredentialStore
 * @param {string} executionId
 * @param {Record<string, unknown>} [extra] e.g. a webhook's httpRequest and httpResponse
 */
function additionalDataFor(credentials, executionId, extra = {}) {
	return {
		credentialsHelper: credentials.helper(),
		executionId,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
		...extra,
	};
}

module.exports = { additionalDataFor };
