import type { IExecuteFunctions } from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Can the n8n that runs this node resume Wait for Payment onto Paid (its second output)?
 *
 * When a waiting execution is resumed, n8n puts what webhook() returned in front of the waiting
 * node, marks the node disabled and lets the engine pass its input on. Before n8n 2.39 the engine
 * (n8n-core `WorkflowExecute.handleDisabledNode`) passes on the FIRST output only, so a paid order
 * put on Paid vanishes while the execution ends `success`. n8n 2.39 sets `forwardAllOutputs` on the
 * resumed node (cli `webhook-helpers` `prepareExecutionData`) and n8n-core then forwards every output.
 *
 * Nothing a node can read at run time shows that engine behaviour itself: the execute context,
 * its helpers and n8n's additional data are the same in n8n 2.38 and 2.39 (compared in the
 * published n8n-core and n8n packages), and a node may not read n8n's version (no `process`, no
 * imports but n8n-workflow). What does change in that release is n8n-workflow: n8n pins exact
 * versions of n8n-core and n8n-workflow and ships them together (n8n 2.38.7: n8n-core 2.38.2 and
 * n8n-workflow 2.38.1; n8n 2.39.0: both 2.39.0), and n8n-workflow 2.39.0 is the first to export
 * `checkNodesApiVersion` (the loader uses it to skip packages that need a newer node API). So:
 *
 * 1. the n8n-workflow this node loaded must be n8n's own copy, not one installed beside this
 *    package (npm installs peer dependencies on its own unless told not to). Tested by identity:
 *    n8n-core throws a NodeOperationError made by ITS n8n-workflow when asked for binary data
 *    that is not there; that error is an instance of our NodeOperationError only if the copies
 *    are the same module;
 * 2. that copy must come from n8n 2.39 or later: it exports `checkNodesApiVersion`.
 *
 * Both are read from the running n8n, not from this package's build. A wrong "no" only refuses
 * the mode (Poll and the ClickPesa Trigger still work); a wrong "yes" would lose paid orders, which
 * is why a copy that cannot be told apart counts as "no". Details: docs/n8n-resume.md.
 */
export const RESUME_ON_CALLBACK_MIN_N8N = '2.39';

/** First exported by n8n-workflow 2.39.0, the release whose engine forwards every output of a resumed node. */
const MARKER_OF_2_39 = 'checkNodesApiVersion';

/** A binary property no item carries: asking n8n-core for it makes n8n-core throw. */
const ABSENT_BINARY_PROPERTY = 'clickPesaResumeCapabilityProbe';

export type ResumeCapability = { available: true } | { available: false; why: 'older n8n' | 'foreign n8n-workflow' };

type WorkflowModule = Record<string, unknown>;

/** Whether an n8n-workflow module comes from n8n 2.39 or later. */
export function isFromForwardingRelease(workflowModule: WorkflowModule = n8nWorkflow as unknown as WorkflowModule): boolean {
	return typeof workflowModule[MARKER_OF_2_39] === 'function';
}

/**
 * Whether the n8n-workflow this package loaded is the one n8n-core uses. Needs one input item
 * (item 0 is asked for).
 */
export function loadsN8nsOwnWorkflowPackage(context: Pick<IExecuteFunctions, 'helpers'>): boolean {
	try {
		context.helpers.assertBinaryData(0, ABSENT_BINARY_PROPERTY);
	} catch (error) {
		return error instanceof NodeOperationError;
	}
	return false;
}

/** Whether the running n8n resumes this node on every output (see above). Needs one input item. */
export function resumeCapability(context: Pick<IExecuteFunctions, 'helpers'>): ResumeCapability {
	if (!loadsN8nsOwnWorkflowPackage(context)) return { available: false, why: 'foreign n8n-workflow' };
	if (!isFromForwardingRelease()) return { available: false, why: 'older n8n' };
	return { available: true };
}
