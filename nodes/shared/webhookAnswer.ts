import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/**
 * Answers the webhook call ourselves (status, JSON body, extra headers) and tells n8n not to answer
 * and not to start the workflow: n8n passes our status through and records no execution.
 * Never throws (webhook() must not), even when the connection is already gone.
 */
export function answerWith(
	context: IWebhookFunctions,
	status: number,
	body: IDataObject,
	headers: Record<string, string> = {},
): IWebhookResponseData {
	try {
		const response = context.getResponseObject();
		if (!response.headersSent) {
			response.status(status);
			for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
			response.setHeader('content-type', 'application/json; charset=utf-8');
			response.end(JSON.stringify(body));
		}
	} catch {
		// Nothing more can be said to a caller whose connection cannot take an answer.
	}
	return { noWebhookResponse: true };
}

/** What a webhook handler may need to take back when it fails after remembering the event. */
export type WebhookUndo = { forgetDuplicates?: () => void };

/**
 * Runs a trigger's webhook handler so that nothing escapes: on any error the event is forgotten
 * (a provider retry is then not dropped as a duplicate) and the caller gets a plain 500, never a
 * stack trace, and n8n records no error execution.
 */
export async function handleSafely(
	context: IWebhookFunctions,
	handle: (undo: WebhookUndo) => Promise<IWebhookResponseData>,
): Promise<IWebhookResponseData> {
	const undo: WebhookUndo = {};
	try {
		return await handle(undo);
	} catch {
		undo.forgetDuplicates?.();
		return answerWith(context, 500, { message: 'The webhook could not be processed' });
	}
}
