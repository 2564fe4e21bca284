import type { IDataObject, IExecuteFunctions, INodeProperties, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { runsAsAiTool } from '../../../shared/items';
import { answerWith } from '../../../shared/webhooks';
import type { ClickPesaOperation } from '../types';
import { mandateRequestIdField } from './getMandate.operation';
import { checkMandateRequestId, confirmMandate, getMandate, isDecided, mandateItem } from './mandate';

/**
 * Payment Plan → Wait for Mandate Decision: parks the execution (n8n's putExecutionToWait, as the
 * Wait node does: it survives restarts and works in queue mode) until ClickPesa posts the bank's
 * decision to the resume URL that Create (CRDB Direct Debit) gave as mandate callback URL. The
 * callback's body is not trusted: the mandate is read from ClickPesa by the ID this node was given.
 * It has ONE output (the mandate, whatever the decision), so n8n resumes it correctly on every
 * version: before n8n 2.39 only the first output of a resumed node is passed on
 * (docs/n8n-resume.md), which is why Wait for Payment's Paid output needs 2.39 and this does not.
 */

const DEFAULT_DEADLINE_HOURS = 72;

const properties: INodeProperties[] = [
	mandateRequestIdField,
	{
		displayName: 'Give Up After (Hours)',
		name: 'deadlineHours',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: DEFAULT_DEADLINE_HOURS,
		description: 'Without a decision by then the execution goes on with the mandate still REQUESTED (decision: "none before the deadline")',
	},
];

export const waitForMandate: ClickPesaOperation = {
	description: updateDisplayOptions({ show: { resource: ['paymentPlan'], operation: ['waitForMandate'] } }, properties),
	itemsInFlight: 1,

	async execute(client, itemIndex) {
		const node = this.getNode();
		if (this.getInputData().length !== 1) {
			throw new NodeOperationError(node, 'Wait for Mandate Decision waits for one mandate per execution', {
				description: 'Start one execution per plan, or use Get Mandate on a schedule',
			});
		}
		if (runsAsAiTool(this)) throw new NodeOperationError(node, 'Wait for Mandate Decision cannot be used by an AI agent: it waits for days');
		const requestId = checkMandateRequestId(this.getNodeParameter('mandateRequestId', itemIndex, ''));
		const input = this.getInputData()[0].json;
		// The bank may have decided before the execution got here: ask once before parking.
		const mandate = await getMandate(client, requestId);
		if (isDecided(mandate)) return { ...input, ...mandateItem(mandate), decision: 'decided' };
		const hours = Number(this.getNodeParameter('deadlineHours', itemIndex, DEFAULT_DEADLINE_HOURS));
		const deadline = new Date(Date.now() + hours * 3_600_000);
		leaveDeadlineReason(this, deadline);
		await this.putExecutionToWait(deadline);
		return input;
	},
};

/** At the deadline n8n passes the parked input on: it then says that no decision came. */
function leaveDeadlineReason(context: IExecuteFunctions, deadline: Date): void {
	try {
		const entry = context.getExecuteData();
		const [first] = context.getInputData();
		const json = { ...first.json, mandateStatus: 'REQUESTED', decision: `none before the deadline (${deadline.toISOString()}): check with Get Mandate` };
		entry.data = { ...entry.data, main: [[{ ...first, json }], ...(entry.data.main ?? []).slice(1)] };
	} catch {
		// n8n passes the item on as it came in.
	}
}

/** A call to the resume URL of a node waiting for a mandate decision: confirmed with ClickPesa, never taken from the body. */
export async function resumeOnMandateCallback(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const node = context.getNode();
	let requestId: string;
	try {
		requestId = checkMandateRequestId(context.getNodeParameter('mandateRequestId', ''));
	} catch {
		return answerWith(context, 400, { message: 'This node has no mandate request ID to confirm' });
	}
	const confirmed = await confirmMandate(context, requestId);
	if (!confirmed.ok || !isDecided(confirmed.mandate)) {
		const why = confirmed.ok ? `the mandate is still ${String(confirmed.mandate.mandateStatus ?? 'REQUESTED')}` : confirmed.message;
		context.logger.info(`${node.name}: a mandate callback for "${requestId}" was not confirmed by ClickPesa; still waiting`, { reason: why });
		return answerWith(context, 202, { message: `Not confirmed by ClickPesa (${why}); still waiting` });
	}
	const item = { json: { ...mandateItem(confirmed.mandate), decision: 'decided' } as IDataObject, pairedItem: { item: 0 } };
	return { workflowData: [[item]], webhookResponse: { message: 'Mandate decision confirmed by ClickPesa' } };
}
