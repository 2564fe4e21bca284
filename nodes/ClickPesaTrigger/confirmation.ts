import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { clickPesaAccount } from '../shared/clickPesaAccount';
import { lookUpForConfirmation } from '../shared/confirmationLookup';
import type { ClickPesaEvent } from './events';

const CREDENTIAL = 'clickPesaApi';

/** API statuses that agree with each event (fact sheet §5). */
const AGREEING_STATUSES: Record<string, string[]> = {
	'PAYMENT RECEIVED': ['SUCCESS', 'SETTLED'],
	'PAYMENT FAILED': ['FAILED'],
	'PAYOUT INITIATED': ['AUTHORIZED', 'PENDING', 'PROCESSING', 'SUCCESS'],
	'PAYOUT REFUNDED': ['REFUNDED'],
	'PAYOUT REVERSED': ['REVERSED'],
};

export type Confirmation = {
	confirmed: boolean;
	confirmedStatus?: string;
	confirmationError?: string;
};

/**
 * Asks ClickPesa itself what happened to the transaction an event reports (`GET /payments/{ref}`
 * or `/payouts/{ref}`), so a workflow can act on ClickPesa's answer rather than on the webhook.
 * Never throws: a failed lookup is reported in `confirmationError` (the provider's message only).
 */
export async function confirmWithClickPesa(context: IWebhookFunctions, event: ClickPesaEvent): Promise<Confirmation> {
	const agreeing = AGREEING_STATUSES[event.event];
	if (!agreeing) return { confirmed: false, confirmationError: `${event.event} events cannot be looked up through the API` };
	const reference = event.data.orderReference;
	if (typeof reference !== 'string' || reference === '') {
		return { confirmed: false, confirmationError: 'the event has no orderReference to look up' };
	}
	const path = `/${event.event.startsWith('PAYOUT') ? 'payouts' : 'payments'}/${encodeURIComponent(reference)}`;
	const account = clickPesaAccount(await context.getCredentials(CREDENTIAL));
	const answer = await lookUpForConfirmation(context, {
		credentialType: CREDENTIAL,
		url: `${account.baseUrl}${path}`,
		label: `ClickPesa GET ${path}`,
		pacer: account.pacer,
	});
	if (!answer.ok) return { confirmed: false, confirmationError: answer.message };
	const found = pickRecord(answer.body, event.data.id);
	if (!found) return { confirmed: false, confirmationError: `ClickPesa has no record for ${reference}` };
	const status = typeof found.status === 'string' ? found.status : undefined;
	if (status === undefined || !agreeing.includes(status)) {
		return { confirmed: false, confirmedStatus: status, confirmationError: `ClickPesa reports status ${status ?? 'unknown'} for ${reference}` };
	}
	if (!amountsAgree(event, found)) {
		return { confirmed: false, confirmedStatus: status, confirmationError: `the amount in the event differs from ClickPesa's record for ${reference}` };
	}
	return { confirmed: true, confirmedStatus: status };
}

/** Query endpoints answer with an array (§3); prefer the element with the event's transaction id. */
function pickRecord(answer: unknown, id: unknown): IDataObject | undefined {
	const records = (Array.isArray(answer) ? answer : [answer]).filter(
		(record): record is IDataObject => record !== null && typeof record === 'object' && !Array.isArray(record),
	);
	return records.find((record) => id !== undefined && record.id === id) ?? records[0];
}

function amountsAgree(event: ClickPesaEvent, record: IDataObject): boolean {
	const field = event.event.startsWith('PAYOUT') ? 'amount' : 'collectedAmount';
	const inEvent = event.data[field];
	const inRecord = record[field];
	if (inEvent === undefined || inEvent === null || inRecord === undefined || inRecord === null) return true;
	return Number(inEvent) === Number(inRecord);
}
