// @ts-check
const { NodeApiError } = require('n8n-workflow');
const { describeHttpFailure, givesRetryAdvice, withoutRetryAdvice } = require('../../dist/nodes/shared/httpFailure');
const { ProviderError } = require('../../dist/nodes/shared/providerError');
const { providerErrorOf } = require('../../dist/nodes/shared/send');
const { toNodeError, InputError } = require('../../dist/nodes/shared/errors');
const { CLICKPESA } = require('../../dist/nodes/ClickPesa/transport/errorBody');
const { CLIK2PAY } = require('../../dist/nodes/Clik2pay/transport/errorBody');

const node = { id: '1', name: 'Clik2pay', type: 'n8n-nodes-clickpesa-clik2pay.clik2pay', typeVersion: 1, position: [0, 0], parameters: {} };

/** The shape n8n 2.8's request helper throws for a dropped connection: ECONNRESET only in httpCode. */
function n8n28DroppedConnection() {
	return Object.assign(new Error('The connection to the server was closed unexpectedly, perhaps it is offline. You can retry the request immediately or wait and retry later.'), {
		name: 'NodeApiError',
		httpCode: 'ECONNRESET',
		context: {},
	});
}

describe('reading what n8n’s request helpers threw', () => {
	test('a network code kept only in httpCode (n8n 2.8) is a network failure', () => {
		expect(describeHttpFailure(n8n28DroppedConnection())).toEqual({ kind: 'network', code: 'ECONNRESET' });
		expect(describeHttpFailure(Object.assign(new Error('x'), { httpCode: 'ETIMEDOUT' }))).toEqual({ kind: 'timeout', code: 'ETIMEDOUT' });
		expect(describeHttpFailure(Object.assign(new Error('x'), { httpCode: 'ENOTFOUND' }))).toEqual({ kind: 'network', code: 'ENOTFOUND' });
	});
	test('a failure nobody could name keeps its words without n8n’s retry advice', () => {
		const failure = describeHttpFailure(new Error('The connection to the server was closed unexpectedly, perhaps it is offline. You can retry the request immediately or wait and retry later.'));
		expect(failure).toEqual({ kind: 'other', message: 'The connection to the server was closed unexpectedly, perhaps it is offline.' });
	});
	test('n8n’s retry advice is recognised, a provider’s own words are not touched', () => {
		expect(givesRetryAdvice('Service unavailable - try again later or consider setting this node to retry automatically (in the node settings)')).toBe(true);
		expect(givesRetryAdvice("The connection timed out, consider setting the 'Retry on Fail' option in the node settings")).toBe(true);
		expect(givesRetryAdvice('Gateway timed out - perhaps try again later?')).toBe(true);
		expect(givesRetryAdvice('Error validating fee, try again later')).toBe(false);
		expect(withoutRetryAdvice('Gateway timed out - perhaps try again later?')).toBe('Gateway timed out');
	});
});

describe('ProviderError', () => {
	test('made where the answer is read: status, the provider’s words from its own body shape, whether money may have moved', () => {
		const post = providerErrorOf({ provider: CLIK2PAY, label: 'Clik2pay POST /payment-requests', idempotent: false }, { kind: 'http', status: 503, body: { title: 'Service Unavailable', detail: 'down' } });
		expect(post).toBeInstanceOf(ProviderError);
		expect(post).toMatchObject({ provider: 'Clik2pay', status: 503, providerMessage: 'down', moneyMayHaveMoved: true });
		expect(post.message).toBe('Clik2pay POST /payment-requests failed: HTTP 503: down');
		const refused = providerErrorOf({ provider: CLICKPESA, label: 'ClickPesa POST /payments/initiate-ussd-push-request', idempotent: false }, { kind: 'http', status: 400, body: { message: ['a', 'b'], error: 'Bad Request' } });
		expect(refused).toMatchObject({ providerMessage: 'a; b', moneyMayHaveMoved: false });
		const read = providerErrorOf({ provider: CLIK2PAY, label: 'Clik2pay GET /x', idempotent: true }, { kind: 'network', code: 'ECONNRESET' });
		expect(read.moneyMayHaveMoved).toBe(false);
	});
	test('retold keeps the failure and the provider’s words; a lookup can say nothing moved', () => {
		const original = providerErrorOf({ provider: CLICKPESA, label: 'ClickPesa POST /x', idempotent: false }, { kind: 'timeout', code: 'ETIMEDOUT' });
		const told = original.retold('nothing exists', { moneyMayHaveMoved: false, nextStep: 'run it again' });
		expect(told).toMatchObject({ message: 'nothing exists', failure: original.failure, moneyMayHaveMoved: false, nextStep: 'run it again' });
		expect(original.moneyMayHaveMoved).toBe(true);
	});
});

describe('toNodeError: the one place n8n errors are made', () => {
	test('a money POST whose connection dropped: our words, no n8n retry advice, nothing of the request', () => {
		const error = providerErrorOf({ provider: CLIK2PAY, label: 'Clik2pay POST /payment-requests', idempotent: false }, describeHttpFailure(n8n28DroppedConnection()));
		const told = error.retold(`${error.message}. The payment request may have been created anyway`);
		const nodeError = toNodeError(node, told, 3);
		expect(nodeError).toBeInstanceOf(NodeApiError);
		expect(nodeError.message).toBe('Clik2pay POST /payment-requests failed: the connection failed before an answer arrived. The payment request may have been created anyway (item 3)');
		expect(givesRetryAdvice(nodeError.message) || givesRetryAdvice(nodeError.description)).toBe(false);
		expect(nodeError.context.itemIndex).toBe(3);
	});
	test('a message naming a network code is not swapped for n8n’s generic text; the HTTP code is kept', () => {
		const error = ProviderError.fromFailure('Clik2pay', { kind: 'http', status: 504, body: { detail: 'upstream ETIMEDOUT' } }, 'Clik2pay POST /x failed: HTTP 504: upstream ETIMEDOUT', 'upstream ETIMEDOUT', true);
		const nodeError = /** @type {any} */ (toNodeError(node, error));
		expect(nodeError.message).toBe('Clik2pay POST /x failed: HTTP 504: upstream ETIMEDOUT');
		expect(nodeError.description).toBe('upstream ETIMEDOUT');
		expect(nodeError.httpCode).toBe('504');
	});
	test('bad input becomes a NodeOperationError naming the item, with its hint', () => {
		const nodeError = toNodeError(node, new InputError('Amount', 'Amount must be positive', 'Give a number above 0'), 1);
		expect(nodeError.constructor.name).toBe('NodeOperationError');
		expect(nodeError.message).toBe('Amount must be positive (item 1)');
		expect(nodeError.description).toBe('Give a number above 0');
	});
});
