import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { lookUpForConfirmation } from '../../../shared/lookup';
import { ProviderError } from '../../../shared/providerError';
import { InputError } from '../../../shared/errors';
import { CLICKPESA_CREDENTIAL, type ClickPesaClient } from '../../transport';
import { clickPesaAccount } from '../../transport/account';
import { CLICKPESA } from '../../transport/errorBody';

/**
 * CRDB Direct Debit mandates (docs/clickpesa-api.md §4.17): where ClickPesa keeps them and how a
 * mandate is read, by the operations (Get, Cancel, Wait for Mandate Decision), by the resume
 * callback and by the trigger, which confirm every callback with ClickPesa (its body carries no
 * checksum we could verify and its shape is not documented).
 */

export const MANDATE_PATH = '/customers/crdb-direct-debit-mandate';

/** REQUESTED until the customer's bank decides; ACTIVE, REJECTED or CANCELLED afterwards. */
export const MANDATE_STATUSES = ['REQUESTED', 'ACTIVE', 'REJECTED', 'CANCELLED'] as const;

export const isDecided = (mandate: IDataObject): boolean => String(mandate.mandateStatus ?? 'REQUESTED').toUpperCase() !== 'REQUESTED';

export function checkMandateRequestId(value: unknown, field = 'Mandate Request ID'): string {
	const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	if (!text) throw new InputError(field, `${field} is empty`, 'Map the mandateRequestId of the plan item, e.g. {{ $json.mandateRequestId }}');
	if (!/^[A-Za-z0-9-]{1,64}$/.test(text)) throw new InputError(field, `${field} "${text.slice(0, 80)}" is not a mandate request ID`);
	return text;
}

/** A mandate as the nodes output it: ClickPesa's record flattened where people read it. */
export function mandateItem(mandate: IDataObject): IDataObject {
	const plan = (mandate.paymentPlanDetails ?? {}) as IDataObject;
	return {
		mandateRequestId: mandate.mandateRequestId ?? null,
		mandateStatus: mandate.mandateStatus ?? null,
		mandateReference: mandate.mandateReference ?? null,
		mandateConfirmedAt: mandate.mandateConfirmedAt ?? null,
		installmentsCompleted: plan.installmentsCompleted ?? null,
		remainingAmount: plan.remainingAmount ?? null,
		mandate,
	};
}

/** GET the mandate; a 404 says which mandate. */
export async function getMandate(client: ClickPesaClient, requestId: string): Promise<IDataObject> {
	return (await client.get(MANDATE_PATH, { requestId }).catch((error: unknown) => {
		if (error instanceof ProviderError && error.status === 404) throw error.retold(`No CRDB direct debit mandate with request ID "${requestId}"`);
		throw error;
	})) as IDataObject;
}

/** Get Mandate from a webhook (resume callback, trigger): never throws, one retry at most. */
export async function confirmMandate(context: IWebhookFunctions, requestId: string): Promise<{ ok: true; mandate: IDataObject } | { ok: false; message: string }> {
	const { baseUrl } = clickPesaAccount(await context.getCredentials(CLICKPESA_CREDENTIAL));
	const path = `${MANDATE_PATH}?requestId=${encodeURIComponent(requestId)}`;
	const answer = await lookUpForConfirmation(context, { provider: CLICKPESA, credentialType: CLICKPESA_CREDENTIAL, url: `${baseUrl}${path}`, label: `ClickPesa GET ${MANDATE_PATH}` });
	if (!answer.ok) return answer;
	const mandate = answer.body && typeof answer.body === 'object' ? (answer.body as IDataObject) : {};
	return String(mandate.mandateRequestId ?? '') === requestId ? { ok: true, mandate } : { ok: false, message: 'ClickPesa answered with another mandate' };
}
