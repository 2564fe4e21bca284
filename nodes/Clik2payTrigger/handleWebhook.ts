import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { ipAllowed, parseIpList } from '../shared/ipAllowlist';
import { recentKeysFor } from '../shared/recentEvents';
import { answerWith, type WebhookUndo } from '../shared/webhookAnswer';
import { readWebhookJson } from '../shared/webhookBody';
import { checkBasicAuth } from './basicAuth';
import { confirmWithClik2pay } from './confirmation';
import { duplicateKey, readClik2payEvents } from './events';

type TriggerOptions = { allowedIps?: string; confirmWithApi?: boolean; ignoreDuplicates?: boolean };

const CHALLENGE = { 'www-authenticate': 'Basic realm="clik2pay"' };

/**
 * One Clik2pay webhook call: source address (403), Basic auth (401 missing / 403 wrong; every call
 * refused while the credential has no webhook user name and password), body (400); events not
 * selected or already received are acknowledged (200) without starting the workflow.
 */
export async function handleClik2payWebhook(
	context: IWebhookFunctions,
	undo: WebhookUndo,
): Promise<IWebhookResponseData> {
	const options = context.getNodeParameter('options', {}) as TriggerOptions;
	const request = context.getRequestObject();

	if (!ipAllowed(request.ip, parseIpList(options.allowedIps ?? ''))) {
		return answerWith(context, 403, { message: 'Forbidden: this address may not call the webhook' });
	}

	const credentials = await context.getCredentials('clik2payApi');
	const auth = checkBasicAuth(
		request.headers.authorization,
		String(credentials.webhookUsername ?? ''),
		String(credentials.webhookPassword ?? ''),
	);
	if (auth === 'not-configured') {
		return answerWith(context, 401, { message: 'Unauthorized: no webhook username and password are set' }, CHALLENGE);
	}
	if (auth === 'missing') return answerWith(context, 401, { message: 'Unauthorized' }, CHALLENGE);
	if (auth === 'wrong') return answerWith(context, 403, { message: 'Forbidden: wrong webhook username or password' });

	const body = readWebhookJson(request);
	if (!body.ok) return answerWith(context, 400, { message: `Bad request: ${body.problem}` });
	if (body.carriesProtoKey) return answerWith(context, 400, { message: 'Bad request: the body carries a "__proto__" key' });
	const reading = readClik2payEvents(body.value);
	if (!reading.ok) return answerWith(context, 400, { message: `Bad request: ${reading.problem}` });

	const selectedTypes = context.getNodeParameter('events', []) as string[];
	let events = reading.events.filter((event) => selectedTypes.includes(event.eventType));
	if (events.length === 0) {
		return answerWith(context, 200, { message: 'Events received and ignored: not selected in the trigger' });
	}

	if (options.ignoreDuplicates) {
		const recent = recentKeysFor(`${context.getWorkflow().id}|${context.getNode().id}`);
		const remembered: string[] = [];
		events = events.filter((event) => {
			const key = duplicateKey(event);
			if (key === undefined) return true;
			if (recent.seenBefore(key)) return false;
			remembered.push(key);
			return true;
		});
		undo.forgetDuplicates = () => remembered.forEach((key) => recent.forget(key));
		if (events.length === 0) return answerWith(context, 200, { message: 'Events received and ignored: already received' });
	}

	const items: IDataObject[] = [];
	for (const event of events) {
		const item: IDataObject = {
			eventType: event.eventType,
			resourceType: event.resourceType as IDataObject['resourceType'],
			message: event.message as IDataObject['message'],
			resource: event.resource as IDataObject,
		};
		if (options.confirmWithApi) Object.assign(item, await confirmWithClik2pay(context, event));
		items.push(item);
	}
	return { workflowData: [context.helpers.returnJsonArray(items)] };
}
