import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { clickPesaPayments, clickPesaPayouts } from '../ClickPesa/actions/paymentState';
import { checkReference } from '../ClickPesa/helpers/validation';
import { pathByReference, recordsUnderReference } from '../ClickPesa/transport';
import type { ClickPesaAccount } from '../ClickPesa/transport/account';
import { CLICKPESA } from '../ClickPesa/transport/errorBody';
import { lookUpForConfirmation } from '../shared/lookup';
import { decimalAmount, sameAmount } from '../shared/money';
import { logIfUnconfirmed, type Confirmation } from '../shared/webhooks';
import type { ClickPesaEvent } from './events';

const CREDENTIAL = 'clickPesaApi';

/**
 * API statuses that agree with each event (docs/clickpesa-api.md §5.5): those ClickPesa's status
 * model lists with the states the event reports, spelled exactly as ClickPesa spells them.
 */
const AGREEING_STATUSES: Record<string, string[]> = {
	'PAYMENT RECEIVED': clickPesaPayments.statusesIn('paid'),
	'PAYMENT FAILED': clickPesaPayments.statusesIn('failed'),
	'PAYOUT INITIATED': clickPesaPayouts.statusesIn('pending', 'paid'),
	'PAYOUT REFUNDED': clickPesaPayouts.statusesIn('refunded'),
	'PAYOUT REVERSED': clickPesaPayouts.statusesIn('reversed'),
};

/**
 * Asks ClickPesa itself what happened to the transaction an event reports (`GET /payments/{ref}`
 * or `/payouts/{ref}`), so a workflow can act on ClickPesa's answer rather than on the webhook.
 * Never throws: a failed lookup is reported in `confirmationError` (the provider's message only).
 */
export async function confirmWithClickPesa(
	context: IWebhookFunctions,
	account: ClickPesaAccount,
	event: ClickPesaEvent,
): Promise<Confirmation> {
	return logIfUnconfirmed(context, `${event.event} with ClickPesa`, await confirm(context, account, event));
}

async function confirm(context: IWebhookFunctions, account: ClickPesaAccount, event: ClickPesaEvent): Promise<Confirmation> {
	const agreeing = AGREEING_STATUSES[event.event];
	if (!agreeing) return { confirmed: false, confirmationError: `${event.event} events cannot be looked up through the API` };
	const received = event.data.orderReference;
	if (typeof received !== 'string' || received === '') {
		return { confirmed: false, confirmationError: 'the event has no orderReference to look up' };
	}
	const reference = validReference(received);
	if (reference === undefined) return { confirmed: false, confirmationError: 'reference is not valid for a lookup' };
	const path = pathByReference(event.event.startsWith('PAYOUT') ? 'payouts' : 'payments', reference);
	const answer = await lookUpForConfirmation(context, {
		provider: CLICKPESA,
		credentialType: CREDENTIAL,
		url: `${account.baseUrl}${path}`,
		label: `ClickPesa GET ${path}`,
	});
	if (!answer.ok) return { confirmed: false, confirmationError: answer.message };
	const id = event.data.id;
	if (typeof id !== 'string' || id === '') return { confirmed: false, confirmationError: 'the event has no id to match' };
	const found = recordWithId(answer.body, id);
	if (!found) return { confirmed: false, confirmationError: `ClickPesa has no transaction ${id} for ${reference}` };
	const status = typeof found.status === 'string' ? found.status : undefined;
	if (status === undefined || !agreeing.includes(status)) {
		return { confirmed: false, confirmedStatus: status, confirmationError: `ClickPesa reports status ${status ?? 'unknown'} for ${reference}` };
	}
	const mismatch = moneyMismatch(event, found);
	if (mismatch) return { confirmed: false, confirmedStatus: status, confirmationError: `${mismatch} for ${reference}` };
	return { confirmed: true, confirmedStatus: status };
}

/** Query endpoints answer with an array (docs/clickpesa-api.md §3.6): only the element with the event's transaction id counts. */
function recordWithId(answer: unknown, id: string): IDataObject | undefined {
	return recordsUnderReference(answer).find(
		(record): record is IDataObject =>
			record !== null && typeof record === 'object' && !Array.isArray(record) && (record as IDataObject).id === id,
	);
}

/**
 * The amount and currency must be in both the event and ClickPesa's record, and equal (amounts are
 * strings in webhooks and numbers in payment queries, docs/clickpesa-api.md §3.3). PAYMENT FAILED events
 * carry no amount (docs/clickpesa-api.md §7.6):
 * theirs are compared only when present.
 */
function moneyMismatch(event: ClickPesaEvent, record: IDataObject): string | undefined {
	const payout = event.event.startsWith('PAYOUT');
	const amountField = payout ? 'amount' : 'collectedAmount';
	const currencyField = payout ? 'currency' : 'collectedCurrency';
	const required = event.event !== 'PAYMENT FAILED';
	const inEvent = { amount: decimalAmount(event.data[amountField]), currency: currencyOf(event.data[currencyField]) };
	if (!required && inEvent.amount === undefined && inEvent.currency === undefined) return undefined;
	const inRecord = { amount: decimalAmount(record[amountField]), currency: currencyOf(record[currencyField]) };
	if (inEvent.amount === undefined) return `the event has no ${amountField} to compare with ClickPesa's record`;
	if (inRecord.amount === undefined) return `ClickPesa's record has no ${amountField} to compare with the event`;
	if (!sameAmount(inEvent.amount, inRecord.amount, inEvent.currency)) return `the amount in the event differs from ClickPesa's record`;
	if (inEvent.currency === undefined) return `the event has no ${currencyField} to compare with ClickPesa's record`;
	if (inRecord.currency === undefined) return `ClickPesa's record has no ${currencyField} to compare with the event`;
	if (inEvent.currency !== inRecord.currency) return `the currency in the event differs from ClickPesa's record`;
	return undefined;
}

function currencyOf(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim().toUpperCase() : undefined;
}

/** ClickPesa order references are letters and digits (docs/clickpesa-api.md §3.1): anything else could change the lookup's path. */
function validReference(reference: string): string | undefined {
	try {
		return checkReference(reference, 'orderReference');
	} catch {
		return undefined;
	}
}
