// @ts-check
/**
 * Resume on Callback's webhook(): who answers ClickPesa, and what is logged when n8n does not take
 * the execution over. A fake webhook context stands in for n8n (the real one: resume.e2e.test.js).
 */
'use strict';

const { EventEmitter } = require('node:events');
const { resumeOnCallback } = require('../../dist/nodes/ClickPesa/actions/payment/resumeOnCallback');

const record = (status) => ({ id: 'P1', orderReference: 'ORD1', status, collectedAmount: 2500, collectedCurrency: 'TZS' });

/** @param {{ records: object[] }} options */
function fakeWebhook({ records }) {
	/** @type {EventEmitter & { statusCode: number, headersSent: boolean, body?: string, status: (code: number) => any, setHeader: () => void, end: (body: string) => void }} */
	const response = Object.assign(new EventEmitter(), {
		statusCode: 200,
		headersSent: false,
		status(code) {
			this.statusCode = code;
			return this;
		},
		setHeader() {},
		end(body) {
			this.body = body;
			this.headersSent = true;
		},
	});
	/** @type {Array<[string, string]>} */
	const logs = [];
	const parameters = { operation: 'waitForPayment', waitMode: 'callback', orderReference: 'ORD1', options: { expectedAmount: 2500 } };
	const context = {
		getNode: () => ({ name: 'Wait', type: 'n8n-nodes-clickpesa-clik2pay.clickPesa', typeVersion: 1.1, parameters, credentials: {} }),
		getNodeParameter: (name, fallback) => parameters[name] ?? fallback,
		getRequestObject: () => ({ originalUrl: '/webhook-waiting/42?signature=not-logged', url: '/webhook-waiting/42?signature=not-logged' }),
		getResponseObject: () => response,
		getCredentials: async () => ({ baseUrl: 'http://127.0.0.1:9/clickpesa', clientId: 'id', apiKey: 'key' }),
		getWorkflow: () => ({ id: 'wf1' }),
		helpers: { httpRequestWithAuthentication: async () => records },
		logger: {
			info: (message) => logs.push(['info', message]),
			warn: (message) => logs.push(['warn', message]),
			error: (message) => logs.push(['error', message]),
			debug: () => {},
		},
	};
	return { context: /** @type {any} */ (context), response, logs };
}

test('a confirmed payment is not answered by the node: n8n answers with the body once it has taken the execution over', async () => {
	const { context, response } = fakeWebhook({ records: [record('SUCCESS')] });
	const result = await resumeOnCallback(context);
	expect(response.headersSent).toBe(false);
	expect(result.noWebhookResponse).toBeUndefined();
	expect(result.webhookResponse).toEqual({ message: 'Payment confirmed by ClickPesa' });
	expect(result.workflowData).toEqual([[], [{ json: expect.objectContaining({ outcome: 'paid', orderReference: 'ORD1' }), pairedItem: { item: 0 } }]]);
});

test('n8n answers the confirmed payment with 500 (it could not take the execution over): an error names the order and the execution', async () => {
	const { context, response, logs } = fakeWebhook({ records: [record('SUCCESS')] });
	await resumeOnCallback(context);
	response.statusCode = 500;
	response.emit('finish');
	const errors = logs.filter(([level]) => level === 'error').map(([, message]) => message);
	expect(errors).toEqual([expect.stringContaining('ClickPesa confirmed order "ORD1" (paid) but n8n did not resume execution 42 (it answered the callback 500)')]);
	expect(errors[0]).not.toContain('not-logged');
});

test('n8n answers 200: nothing is logged as an error', async () => {
	const { context, response, logs } = fakeWebhook({ records: [record('SUCCESS')] });
	await resumeOnCallback(context);
	response.emit('finish');
	expect(logs.filter(([level]) => level === 'error')).toEqual([]);
});

test('a payment ClickPesa does not confirm is answered 202 by the node and the execution keeps waiting', async () => {
	const { context, response } = fakeWebhook({ records: [record('PROCESSING')] });
	const result = await resumeOnCallback(context);
	expect(result).toEqual({ noWebhookResponse: true });
	expect(response.statusCode).toBe(202);
	expect(JSON.parse(String(response.body)).message).toMatch(/^Not confirmed by ClickPesa .*; still waiting$/);
});
