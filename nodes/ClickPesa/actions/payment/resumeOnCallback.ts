import type { IDataObject, IExecuteFunctions, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { lookUpForConfirmation } from '../../../shared/lookup';
import { runsAsAiTool, type ItemOutcome } from '../../../shared/items';
import { answerWith } from '../../../shared/webhooks';
import { CLICKPESA_CREDENTIAL, pathByReference, recordsUnderReference, type ClickPesaClient } from '../../transport';
import { clickPesaAccount } from '../../transport/account';
import { CLICKPESA } from '../../transport/errorBody';
import { checkPayment, DEFAULT_DEADLINE_HOURS, outcomeItem, readExpected, type Expected, type PaymentCheck } from './paymentCheck';
import { NOT_PAID_OUTPUT, PAID_OUTPUT } from './waitForResults';

/**
 * Wait for Payment, Resume on Callback: the execution is parked the way n8n's own Wait node parks
 * it (putExecutionToWait; it survives restarts and works in queue mode) until ClickPesa calls the
 * checkout link's callback URL, which is this execution's resume URL. n8n then calls the node's
 * webhook() with the parameters of the waiting node's first input item only, hence one order per
 * execution.
 */
/**
 * n8n 1.x resumes a waiting node on its first output only (Not Paid), so a paid order could never
 * reach Paid there; n8n 2.x forwards every output. n8n-workflow's `fromParameter` arrived with 2.x.
 */
function n8nResumesEveryOutput(): boolean {
	return typeof (n8nWorkflow as unknown as { fromParameter?: unknown }).fromParameter === 'function';
}

export async function parkUntilCallback(
	context: IExecuteFunctions,
	client: ClickPesaClient,
	waiting: Array<{ itemIndex: number; expected: Expected }>,
	itemCount: number,
	outcomes: ItemOutcome[],
): Promise<ItemOutcome[]> {
	const node = context.getNode();
	if (!n8nResumesEveryOutput()) {
		throw new NodeOperationError(node, 'Resume on Callback needs n8n 2.x', {
			description:
				'n8n 1.x continues a resumed node on its first output only, so a paid order could not reach Paid. Use Wait Mode "Poll", or the ClickPesa Trigger for payments that take hours.',
		});
	}
	if (itemCount !== 1) {
		throw new NodeOperationError(node, `Resume on Callback waits for one order per execution, and ${itemCount} items came in`, {
			description: 'Start one execution per order (e.g. one webhook or form submission each), or use Wait Mode "Poll" for several payments at once',
		});
	}
	if (runsAsAiTool(context)) {
		throw new NodeOperationError(node, 'Resume on Callback cannot be used by an AI agent: the agent would wait for hours', {
			description: 'Use Wait Mode "Poll" with a short timeout',
		});
	}
	if (waiting.length === 0) return outcomes;
	const [{ expected }] = waiting;
	// A customer may have paid before the execution got here (the callback then found it running):
	// ask once before parking.
	const before = checkPayment(await client.findByReference('payments', expected.orderReference).catch(() => undefined), expected);
	if (before.outcome === 'paid' || before.outcome === 'mismatch') {
		return [{ json: outcomeItem(expected, before), output: before.outcome === 'paid' ? PAID_OUTPUT : NOT_PAID_OUTPUT }];
	}
	const hours = Number(context.getNodeParameter('deadlineHours', 0, DEFAULT_DEADLINE_HOURS));
	await context.putExecutionToWait(new Date(Date.now() + hours * 3_600_000));
	// n8n replaces this output with what webhook() returns, or passes the input on at the deadline.
	return [{ json: context.getInputData()[0].json, output: NOT_PAID_OUTPUT }];
}

/**
 * A call to the resume URL. Its body is not trusted: the payment is looked up with ClickPesa.
 * Paid (with the expected amount and currency) or paid wrongly (a mismatch) ends the wait; anything
 * else (not found, still processing, failed, a lookup that failed) is answered 202 and the execution
 * keeps waiting, so a forged or early call can never put the order on Paid.
 */
export async function resumeOnCallback(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const node = context.getNode();
	if (context.getNodeParameter('operation', '') !== 'waitForPayment' || context.getNodeParameter('waitMode', 'poll') !== 'callback') {
		return answerWith(context, 404, { message: 'This node is not waiting for a payment callback' });
	}
	const expected = readExpected((name, fallback) => context.getNodeParameter(name, fallback));
	const check = await lookUp(context, expected);
	if (check.outcome !== 'paid' && check.outcome !== 'mismatch') {
		context.logger.info(`${node.name}: a payment callback for "${expected.orderReference}" was not confirmed by ClickPesa; still waiting`, {
			outcome: check.outcome,
			reason: check.reason,
		});
		return answerWith(context, 202, {
			message: `Not confirmed by ClickPesa (${check.reason ?? check.outcome}); still waiting`,
		});
	}
	answerWith(context, 200, { message: 'Payment confirmed by ClickPesa' });
	const item = { json: outcomeItem(expected, check), pairedItem: { item: 0 } };
	const outputs: Array<Array<{ json: IDataObject; pairedItem: { item: number } }>> = [[], []];
	outputs[check.outcome === 'paid' ? PAID_OUTPUT : NOT_PAID_OUTPUT].push(item);
	return { noWebhookResponse: true, workflowData: outputs };
}

async function lookUp(context: IWebhookFunctions, expected: Expected): Promise<PaymentCheck> {
	const { baseUrl } = clickPesaAccount(await context.getCredentials(CLICKPESA_CREDENTIAL));
	const path = pathByReference('payments', expected.orderReference);
	const answer = await lookUpForConfirmation(context, { provider: CLICKPESA, credentialType: CLICKPESA_CREDENTIAL, url: `${baseUrl}${path}`, label: `ClickPesa GET ${path}` });
	if (!answer.ok) return { outcome: 'unknown', reason: answer.message };
	return checkPayment(recordsUnderReference(answer.body), expected);
}
