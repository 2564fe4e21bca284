import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { clickPesaAccount } from '../ClickPesa/transport/account';
import { acknowledgeWithoutRunning, answerWith, readWebhookJson, recentKeysFor, type WebhookUndo } from '../shared/webhooks';
import { confirmWithClickPesa } from './confirmation';
import { duplicateKey, readClickPesaEvent } from './events';
import { handleMandateCallback, mandateCallbackRequestId } from './mandateCallback';
import { verifyClickPesaWebhook } from './verification';

type TriggerOptions = { confirmWithApi?: boolean; ignoreDuplicates?: boolean };

/**
 * One ClickPesa webhook call: refuse what is malformed (400) or not signed with the credential's
 * checksum key (401; everything while there is no key, unless unsigned webhooks are accepted)
 * before anything runs; acknowledge unselected and repeated events (200) without starting the
 * workflow; otherwise emit the event, confirmed with the API when asked.
 */
export async function handleClickPesaWebhook(
	context: IWebhookFunctions,
	undo: WebhookUndo,
): Promise<IWebhookResponseData> {
	const account = clickPesaAccount(await context.getCredentials('clickPesaApi'));
	const request = context.getRequestObject();

	const body = readWebhookJson(request);
	if (!body.ok) return answerWith(context, 400, { message: `Bad request: ${body.problem}` });
	if (body.value === null || typeof body.value !== 'object' || Array.isArray(body.value)) {
		return answerWith(context, 400, { message: 'Bad request: the body is not a JSON object' });
	}

	// A mandate callback carries no checksum: it is confirmed with Get Mandate instead (mandateCallback.ts).
	const mandateRequestId = mandateCallbackRequestId(body.value);
	if (mandateRequestId !== undefined) {
		if (body.carriesProtoKey) return answerWith(context, 400, { message: 'Bad request: the body carries a "__proto__" key' });
		return await handleMandateCallback(context, body.value as Record<string, unknown>, mandateRequestId, undo);
	}

	const acceptUnsigned = context.getNodeParameter('acceptUnsigned', false) === true;
	const verification = verifyClickPesaWebhook(body.value as IDataObject, request.headers, account.checksumSecret, acceptUnsigned);
	if (verification.outcome === 'refused') {
		return answerWith(context, verification.status, { message: `Webhook refused: ${verification.message}` });
	}
	if (body.carriesProtoKey) return answerWith(context, 400, { message: 'Bad request: the body carries a "__proto__" key' });

	const reading = readClickPesaEvent(body.value);
	if (!reading.ok) return answerWith(context, 400, { message: `Bad request: ${reading.problem}` });
	const event = reading.value;

	const selected = context.getNodeParameter('events', []) as string[];
	if (!selected.includes(event.event)) {
		return acknowledgeWithoutRunning({ message: 'Event received and ignored: not selected in the trigger', event: event.event });
	}

	const options = context.getNodeParameter('options', {}) as TriggerOptions;
	if (options.ignoreDuplicates) {
		const key = duplicateKey(event);
		if (key !== undefined) {
			const recent = recentKeysFor(`${context.getWorkflow().id}|${context.getNode().id}`);
			if (recent.seenBefore(key)) {
				return acknowledgeWithoutRunning({ message: 'Event received and ignored: already received', event: event.event });
			}
			undo.forgetDuplicates = () => recent.forget(key);
		}
	}

	const item: IDataObject = { event: event.event, data: event.data as IDataObject, verified: verification.outcome === 'verified' };
	if (verification.outcome === 'verified') item.checksumMethod = verification.checksumMethod;
	if (options.confirmWithApi) Object.assign(item, await confirmWithClickPesa(context, account, event));

	return { workflowData: [context.helpers.returnJsonArray([item])] };
}
