import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { confirmMandate, isDecided, mandateItem } from '../ClickPesa/actions/paymentPlan/mandate';
import { acknowledgeWithoutRunning, answerWith, recentKeysFor, type WebhookUndo } from '../shared/webhooks';
import { MANDATE_EVENT } from './events';

/**
 * CRDB Direct Debit mandate callbacks (ACTIVE, REJECTED, CANCELLED, sent to the mandate's
 * `mandateCallbackUrl`, docs/clickpesa-api.md §4.17). Their body is not documented and carries no
 * checksum anyone has seen, so they are not verified by checksum: every one is CONFIRMED with
 * ClickPesa (Get Mandate by the request ID it names) before the workflow runs, and the item carries
 * ClickPesa's mandate, never the body's claims. A callback ClickPesa does not confirm starts nothing.
 */

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The mandate request ID a callback names (top level, or inside `data`), or undefined when the body is not a mandate callback. */
export function mandateCallbackRequestId(body: unknown): string | undefined {
	if (!isRecord(body) || body.event !== undefined || body.eventType !== undefined) return undefined;
	const source = isRecord(body.data) ? body.data : body;
	const id = source.mandateRequestId ?? source.requestId;
	return typeof id === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(id) ? id : undefined;
}

export async function handleMandateCallback(context: IWebhookFunctions, body: Record<string, unknown>, requestId: string, undo: WebhookUndo): Promise<IWebhookResponseData> {
	const selected = context.getNodeParameter('events', []) as string[];
	if (!selected.includes(MANDATE_EVENT)) {
		return acknowledgeWithoutRunning({ message: 'Event received and ignored: not selected in the trigger', event: MANDATE_EVENT });
	}
	const confirmed = await confirmMandate(context, requestId);
	if (!confirmed.ok) {
		// ClickPesa may call again; nothing runs on a callback we could not confirm.
		return answerWith(context, 503, { message: `Mandate callback not confirmed: ${confirmed.message}` });
	}
	if (!isDecided(confirmed.mandate)) {
		return answerWith(context, 202, { message: 'Mandate callback not confirmed: ClickPesa reports the mandate still REQUESTED' });
	}
	const status = String(confirmed.mandate.mandateStatus);
	const options = context.getNodeParameter('options', {}) as { ignoreDuplicates?: boolean };
	if (options.ignoreDuplicates) {
		const key = JSON.stringify([MANDATE_EVENT, requestId, status]);
		const recent = recentKeysFor(`${context.getWorkflow().id}|${context.getNode().id}`);
		if (recent.seenBefore(key)) return acknowledgeWithoutRunning({ message: 'Event received and ignored: already received', event: MANDATE_EVENT });
		undo.forgetDuplicates = () => recent.forget(key);
	}
	const source = isRecord(body.data) ? body.data : body;
	const claimed = typeof source.mandateStatus === 'string' ? source.mandateStatus : undefined;
	const item: IDataObject = {
		event: MANDATE_EVENT,
		data: mandateItem(confirmed.mandate),
		verified: false,
		confirmed: true,
		confirmedStatus: status,
	};
	if (claimed !== undefined && claimed.toUpperCase() !== status) item.claimedStatus = claimed;
	return { workflowData: [context.helpers.returnJsonArray([item])] };
}
