import type { ICredentialDataDecryptedObject, IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { clik2payPaymentRequests } from '../Clik2pay/actions/paymentState';
import { checkResourceId } from '../Clik2pay/helpers/validation';
import { clik2payEndpoints } from '../Clik2pay/transport/account';
import { CLIK2PAY } from '../Clik2pay/transport/errorBody';
import { lookUpForConfirmation } from '../shared/lookup';
import { sameAmount } from '../shared/money';
import { logIfUnconfirmed, type Confirmation } from '../shared/webhooks';
import type { Clik2payEvent } from './events';

const CREDENTIAL = 'clik2payApi';

/**
 * Payment-request statuses that agree with each event (docs/clik2pay-api.md §7.3): those Clik2pay's
 * status model lists with the state the event reports.
 */
const AGREEING_STATUSES: Record<string, string[]> = {
	'PAYMENT-COMPLETED': clik2payPaymentRequests.statusesIn('paid'),
	'PAYMENT-FAILED': clik2payPaymentRequests.statusesIn('failed'),
};

/**
 * Re-fetches the payment request an event is about (`GET /payment-requests/{id}`, docs/clik2pay-api.md §8.4), so
 * the workflow can rely on Clik2pay's answer rather than on the webhook. Never throws.
 */
export async function confirmWithClik2pay(
	context: IWebhookFunctions,
	credentials: ICredentialDataDecryptedObject,
	event: Clik2payEvent,
): Promise<Confirmation> {
	return logIfUnconfirmed(context, `${event.eventType} with Clik2pay`, await confirm(context, credentials, event));
}

async function confirm(context: IWebhookFunctions, credentials: ICredentialDataDecryptedObject, event: Clik2payEvent): Promise<Confirmation> {
	if (event.resourceType !== undefined && event.resourceType !== null && event.resourceType !== 'payment-request') {
		return { confirmed: false, confirmationError: `${String(event.resourceType)} events cannot be looked up through the API` };
	}
	const received = event.resource.id;
	if (typeof received !== 'string' || received === '') return { confirmed: false, confirmationError: 'the event has no resource id to look up' };
	const id = validResourceId(received);
	if (id === undefined) return { confirmed: false, confirmationError: 'reference is not valid for a lookup' };
	const { baseUrl } = clik2payEndpoints(credentials);
	const path = `/payment-requests/${encodeURIComponent(id)}`;
	const answer = await lookUpForConfirmation(context, { provider: CLIK2PAY, credentialType: CREDENTIAL, url: `${baseUrl}${path}`, label: `Clik2pay GET ${path}` });
	if (!answer.ok) return { confirmed: false, confirmationError: answer.message };
	const record = answer.body as IDataObject | undefined;
	const status = typeof record?.status === 'string' ? record.status : undefined;
	const agreeing = AGREEING_STATUSES[event.eventType] ?? [event.resource.status];
	if (status === undefined || !agreeing.includes(status)) {
		return { confirmed: false, confirmedStatus: status, confirmationError: `Clik2pay reports status ${status ?? 'unknown'} for ${id}` };
	}
	const inEvent = event.resource.amount;
	const inRecord = record?.amount;
	if (inEvent !== undefined && inEvent !== null && inRecord !== undefined && inRecord !== null && !sameAmount(inEvent, inRecord, 'CAD')) {
		return { confirmed: false, confirmedStatus: status, confirmationError: `the amount in the event differs from Clik2pay's record for ${id}` };
	}
	return { confirmed: true, confirmedStatus: status };
}

/** Clik2pay IDs are UUID-like: anything else (such as "..") could change the lookup's path. */
function validResourceId(id: string): string | undefined {
	try {
		return checkResourceId(id, 'resource.id');
	} catch {
		return undefined;
	}
}
