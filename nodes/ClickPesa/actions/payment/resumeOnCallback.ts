import type { IDataObject, IExecuteFunctions, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { lookUpForConfirmation } from '../../../shared/lookup';
import { runsAsAiTool, type BatchResult, type ItemOutcome } from '../../../shared/items';
import { answerWith } from '../../../shared/webhooks';
import { CLICKPESA_CREDENTIAL, pathByReference, recordsUnderReference, type ClickPesaClient } from '../../transport';
import { clickPesaAccount } from '../../transport/account';
import { CLICKPESA } from '../../transport/errorBody';
import { checkPayment, DEFAULT_DEADLINE_HOURS, outcomeItem, readExpected, type Expected, type PaymentCheck } from './paymentCheck';
import { isFromForwardingRelease, RESUME_ON_CALLBACK_MIN_N8N, resumeCapability } from './resumeCapability';
import { NOT_PAID_OUTPUT, PAID_OUTPUT } from './waitForResults';

/**
 * Wait for Payment, Resume on Callback: the execution is parked the way n8n's own Wait node parks
 * it (putExecutionToWait; it survives restarts and works in queue mode) until ClickPesa calls the
 * checkout link's callback URL, which is this execution's resume URL. n8n then calls the node's
 * webhook() with the parameters of the waiting node's first input item only, hence one order per
 * execution.
 */
export async function parkUntilCallback(
	context: IExecuteFunctions,
	client: ClickPesaClient,
	waiting: Array<{ itemIndex: number; expected: Expected }>,
	itemCount: number,
	outcomes: ItemOutcome[],
): Promise<ItemOutcome[] | BatchResult> {
	const node = context.getNode();
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
	// Refused before anything is parked: a paid order resumed onto Paid must arrive there (resumeCapability.ts).
	const capability = resumeCapability(context);
	if (!capability.available) {
		const instead = 'Use Wait Mode "Poll", or the ClickPesa Trigger for payments that take hours.';
		if (capability.why === 'foreign n8n-workflow') {
			throw new NodeOperationError(node, 'Resume on Callback cannot tell whether this n8n can resume onto Paid', {
				description: `This package loaded its own copy of n8n-workflow instead of n8n's (npm installed its peer dependency beside it), so it cannot read which n8n runs it. Reinstall the package from Settings → Community Nodes (or with npm install --legacy-peer-deps). ${instead}`,
			});
		}
		throw new NodeOperationError(node, `Resume on Callback needs n8n ${RESUME_ON_CALLBACK_MIN_N8N} or later`, {
			description: `Before ${RESUME_ON_CALLBACK_MIN_N8N}, n8n continues a resumed node on its first output only, so a paid order could not reach Paid. ${instead}`,
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
	const deadline = new Date(Date.now() + hours * 3_600_000);
	leaveReasonForTheDeadline(context, expected, deadline);
	await context.putExecutionToWait(deadline);
	// Nothing leaves while the execution is parked: what a parked node returns is only shown (n8n drops
	// it when it resumes the node, then puts there what webhook() returns, or at the deadline the
	// input on Not Paid, see leaveReasonForTheDeadline). An item returned here would be drawn going
	// into the Not Paid branch (e.g. "1 item" into Cancel the Order) while the customer can still pay.
	return { outcomes: [], parked: true };
}

/**
 * At the deadline n8n continues the execution without running this node again: it passes on the
 * input that n8n keeps with the parked node (its entry on the execution stack) on the first output,
 * Not Paid. That entry's input item is replaced (in the entry only, not in the node before) by the
 * same item plus `outcome: 'unknown'` and the reason, so an order that reaches Not Paid at the
 * deadline says that ClickPesa was not asked again: a paid order whose callback n8n dropped (e.g.
 * one that arrived while n8n was starting) must be checked before it is treated as unpaid. Where
 * n8n keeps the entry elsewhere, the item leaves as it came in, as before.
 */
function leaveReasonForTheDeadline(context: IExecuteFunctions, expected: Expected, deadline: Date): void {
	try {
		const entry = context.getExecuteData();
		const [first] = context.getInputData();
		const reason = `No callback confirmed by ClickPesa resumed this execution before its deadline (${deadline.toISOString()}). ClickPesa was not asked again: check the order with Get Status before treating it as unpaid (a callback can be lost, e.g. while n8n starts).`;
		const json = { ...first.json, ...outcomeItem(expected, { outcome: 'unknown', reason }) };
		entry.data = { ...entry.data, main: [[{ ...first, json }], ...(entry.data.main ?? []).slice(1)] };
	} catch {
		// n8n passes the item on as it came in.
	}
}

/**
 * A call to the resume URL. Its body is not trusted: the payment is looked up with ClickPesa.
 * Paid (with the expected amount and currency) or paid wrongly (a mismatch) ends the wait; anything
 * else (not found, still processing, failed, a lookup that failed) is answered 202 and the execution
 * keeps waiting, so a forged or early call can never put the order on Paid.
 *
 * A confirmed payment is NOT answered here: webhook() returns the outputs and lets n8n answer
 * (`responseMode: 'onReceived'`, the body below). n8n 2.x sends that answer only after it has taken
 * the execution over from `waiting` (an update that requires the status to still be `waiting`); if
 * that fails (n8n's start-up crash recovery got to the execution first, another call resumed it) n8n
 * answers 500 instead, so ClickPesa is never told "all is well" for an execution that will not go
 * on. Whatever n8n answers, a non-2xx answer to a confirmed payment is logged as an error naming
 * the order reference, so a team can find the order (docs/n8n-resume.md).
 */
export async function resumeOnCallback(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const node = context.getNode();
	if (context.getNodeParameter('operation', '') !== 'waitForPayment' || context.getNodeParameter('waitMode', 'poll') !== 'callback') {
		return answerWith(context, 404, { message: 'This node is not waiting for a payment callback' });
	}
	const expected = readExpected((name, fallback) => context.getNodeParameter(name, fallback));
	const execution = executionOfCall(context);
	if (!isFromForwardingRelease()) {
		// Parked on an n8n that forwards every output, resumed by an older one (n8n was downgraded):
		// Paid would be dropped. The execution keeps waiting and leaves on Not Paid at its deadline.
		context.logger.error(
			`${node.name}: a payment callback for order "${expected.orderReference}" cannot be taken: this n8n resumes a node on its first output only (Resume on Callback needs n8n ${RESUME_ON_CALLBACK_MIN_N8N} or later). Execution ${execution} keeps waiting and leaves on Not Paid at its deadline; check the order with Get Status.`,
			{ orderReference: expected.orderReference, executionId: execution },
		);
		return answerWith(context, 503, { message: `This n8n cannot resume the workflow onto Paid (it needs n8n ${RESUME_ON_CALLBACK_MIN_N8N} or later); still waiting` });
	}
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
	context.logger.info(`${node.name}: ClickPesa confirmed order "${expected.orderReference}" (${check.outcome}); n8n resumes execution ${execution}`, {
		orderReference: expected.orderReference,
		executionId: execution,
	});
	reportIfNotResumed(context, expected.orderReference, check.outcome, execution);
	const item = { json: outcomeItem(expected, check), pairedItem: { item: 0 } };
	const outputs: Array<Array<{ json: IDataObject; pairedItem: { item: number } }>> = [[], []];
	outputs[check.outcome === 'paid' ? PAID_OUTPUT : NOT_PAID_OUTPUT].push(item);
	return { workflowData: outputs, webhookResponse: { message: 'Payment confirmed by ClickPesa' } };
}

/** The execution id in the resume URL's path (`…/webhook-waiting/<id>`), for log lines; never the token. */
function executionOfCall(context: IWebhookFunctions): string {
	try {
		const request = context.getRequestObject();
		const path = String(request.originalUrl ?? request.url ?? '').split('?')[0];
		return /\/(\d+)(?:\/[^/]*)?$/.exec(path)?.[1] ?? 'unknown';
	} catch {
		return 'unknown';
	}
}

/**
 * When n8n's answer to a confirmed payment goes out and is not 2xx, n8n did not take the execution
 * over: the order was paid but its workflow does not go on. Logged as an error with the order
 * reference (ClickPesa sees the failure too and may call again).
 */
function reportIfNotResumed(context: IWebhookFunctions, orderReference: string, outcome: string, execution: string): void {
	const node = context.getNode();
	try {
		const response = context.getResponseObject();
		response.once('finish', () => {
			if (response.statusCode >= 200 && response.statusCode < 300) return;
			context.logger.error(
				`${node.name}: ClickPesa confirmed order "${orderReference}" (${outcome}) but n8n did not resume execution ${execution} (it answered the callback ${response.statusCode}). The order is not on Paid: look at execution ${execution}, and catch such orders with a nightly Reconcile or the ClickPesa Trigger.`,
				{ orderReference, executionId: execution, status: response.statusCode },
			);
		});
	} catch {
		// No response object to watch: n8n's own log still names the execution.
	}
}

async function lookUp(context: IWebhookFunctions, expected: Expected): Promise<PaymentCheck> {
	const { baseUrl } = clickPesaAccount(await context.getCredentials(CLICKPESA_CREDENTIAL));
	const path = pathByReference('payments', expected.orderReference);
	const answer = await lookUpForConfirmation(context, { provider: CLICKPESA, credentialType: CLICKPESA_CREDENTIAL, url: `${baseUrl}${path}`, label: `ClickPesa GET ${path}` });
	if (!answer.ok) return { outcome: 'unknown', reason: answer.message };
	return checkPayment(recordsUnderReference(answer.body), expected);
}
