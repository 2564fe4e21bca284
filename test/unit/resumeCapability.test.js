// @ts-check
/**
 * Resume on Callback's probe of the running n8n (resumeCapability.ts): the n8n-workflow the node
 * loaded must be n8n's own copy, from n8n 2.39 or later. Here the "running n8n" is this project's
 * n8n-workflow dev dependency; the e2e matrix (test/e2e/resume.e2e.test.js) runs the real ones.
 */
'use strict';

const n8nWorkflow = require('n8n-workflow');
const { resumeCapability, isFromForwardingRelease, loadsN8nsOwnWorkflowPackage } = require('../../dist/nodes/ClickPesa/actions/payment/resumeCapability');

const node = { id: 'n1', name: 'Wait', type: 'n8n-nodes-clickpesa-clik2pay.clickPesa', typeVersion: 1.1, position: [0, 0], parameters: {} };

/** A context whose n8n-core throws `error` when asked for binary data that is not there. */
const contextThrowing = (error) => ({
	helpers: /** @type {any} */ ({
		assertBinaryData: () => {
			throw error;
		},
	}),
});

/** The same class name from another copy of n8n-workflow. */
class NodeOperationError extends Error {}

test('n8n-core sharing our n8n-workflow (its NodeOperationError is ours): available on the dev dependency (2.41)', () => {
	const context = contextThrowing(new n8nWorkflow.NodeOperationError(/** @type {any} */ (node), 'no binary'));
	expect(loadsN8nsOwnWorkflowPackage(context)).toBe(true);
	expect(resumeCapability(context)).toEqual({ available: true });
});

test('an error from another copy of n8n-workflow, or no error at all: "foreign n8n-workflow", never available', () => {
	expect(resumeCapability(contextThrowing(new NodeOperationError('no binary')))).toEqual({ available: false, why: 'foreign n8n-workflow' });
	expect(resumeCapability({ helpers: /** @type {any} */ ({ assertBinaryData: () => ({}) }) })).toEqual({ available: false, why: 'foreign n8n-workflow' });
});

test('the release marker: present in n8n-workflow 2.39+, absent from an older module', () => {
	expect(isFromForwardingRelease()).toBe(true);
	const older = { ...n8nWorkflow };
	delete older.checkNodesApiVersion;
	expect(isFromForwardingRelease(older)).toBe(false);
});
