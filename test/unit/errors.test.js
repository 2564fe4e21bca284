// @ts-check
const { NodeApiError } = require('n8n-workflow');
const { describeHttpFailure, isTransient, outcomeUnknown } = require('../../dist/nodes/shared/httpFailure');
const { toNodeError } = require('../../dist/nodes/shared/errors');
const { ProviderError } = require('../../dist/nodes/shared/providerError');
const { clickPesaMessage } = require('../../dist/nodes/ClickPesa/transport/errorBody');
const { clik2payMessage } = require('../../dist/nodes/Clik2pay/transport/errorBody');

// Each provider reads its own error bodies now; these cases feed either provider's body.
const providerMessage = (body) => clickPesaMessage(body) ?? clik2payMessage(body);
// A provider failure as the nodes carry it (ProviderError), made into n8n's error in the one place (toNodeError).
const providerApiError = (node, failure, message) => toNodeError(node, ProviderError.fromFailure('ClickPesa', failure, message, undefined, false));
const failureOf = (error) => (error instanceof ProviderError ? error.failure : error?.httpCode ? { status: Number(error.httpCode) } : undefined);

const node = { id: '1', name: 'ClickPesa', type: 'n8n-nodes-clickpesa-clik2pay.clickPesa', typeVersion: 1, position: [0, 0], parameters: {} };

function axiosLikeError(status, data, headers = {}) {
	const error = new Error(`Request failed with status code ${status}`);
	Object.assign(error, {
		isAxiosError: true,
		response: { status, data, headers },
		config: { headers: { Authorization: 'Bearer SECRET-TOKEN', 'api-key': 'SECRET-KEY' } },
	});
	return error;
}

describe('provider messages', () => {
	test('ClickPesa message as a string', () => {
		expect(providerMessage({ message: 'Invalid / unsupported phone number' })).toBe('Invalid / unsupported phone number');
	});
	test('ClickPesa NestJS message as an array', () => {
		expect(providerMessage({ statusCode: 400, message: ['amount must be a string', 'currency must be TZS'], error: 'Bad Request' })).toBe(
			'amount must be a string; currency must be TZS',
		);
	});
	test('Clik2pay detail', () => {
		expect(providerMessage({ detail: 'Payment request not found' })).toBe('Payment request not found');
	});
	test('nothing useful', () => {
		expect(providerMessage(undefined)).toBeUndefined();
		expect(providerMessage({ foo: 1 })).toBeUndefined();
	});
});

describe('describeHttpFailure', () => {
	test('reads status, body and Retry-After through a NodeApiError wrapping an axios error', () => {
		const wrapped = new NodeApiError(node, axiosLikeError(429, { message: 'slow down' }, { 'retry-after': '2' }));
		const failure = describeHttpFailure(wrapped);
		expect(failure).toEqual({ kind: 'http', status: 429, body: { message: 'slow down' }, retryAfterMs: 2000 });
		expect(isTransient(failure)).toBe(true);
	});
	test('network and timeout errors', () => {
		expect(describeHttpFailure(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })).kind).toBe('network');
		expect(describeHttpFailure(Object.assign(new Error('timeout of 30000ms exceeded'), { code: 'ECONNABORTED' })).kind).toBe('timeout');
	});
	test('4xx are not transient, 5xx are', () => {
		expect(isTransient({ kind: 'http', status: 409 })).toBe(false);
		expect(isTransient({ kind: 'http', status: 400 })).toBe(false);
		expect(isTransient({ kind: 'http', status: 503 })).toBe(true);
	});
	test('outcomeUnknown: only a 4xx answer (429 included) says the request did not take effect', () => {
		for (const status of [400, 404, 409, 422, 429, 499]) expect(outcomeUnknown({ kind: 'http', status })).toBe(false);
		for (const status of [200, 201, 302, 500, 502, 503]) expect(outcomeUnknown({ kind: 'http', status })).toBe(true);
		expect(outcomeUnknown({ kind: 'http' })).toBe(true);
		for (const kind of ['network', 'timeout', 'other']) expect(outcomeUnknown({ kind })).toBe(true);
	});
});

describe('providerApiError', () => {
	test('keeps our message, the status and the failure, and nothing of the request', () => {
		const failure = describeHttpFailure(new NodeApiError(node, axiosLikeError(409, { message: 'Order reference X already used' })));
		const error = providerApiError(node, failure, 'ClickPesa POST /x failed: HTTP 409: Order reference X already used');
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('ClickPesa POST /x failed: HTTP 409: Order reference X already used');
		expect(error.httpCode).toBe('409');
		expect(failureOf(error)?.status).toBe(409);
		const serialised = JSON.stringify({ ...error, message: error.message, stack: error.stack });
		expect(serialised).not.toContain('SECRET');
	});
});

describe('provider error messages are kept as written', () => {
	test('a provider message naming a network code is not replaced by n8n’s generic advice', () => {
		const failure = { kind: 'http', status: 504, body: { message: 'upstream request ETIMEDOUT' } };
		const message = 'Clik2pay POST /payments failed: HTTP 504: upstream request ETIMEDOUT. The payment may have been created anyway';
		const error = providerApiError(node, failure, message);
		expect(error.message).toBe(message);
		expect(error.message).not.toMatch(/Retry on Fail/);
	});
});
