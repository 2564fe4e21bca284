import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { outcomeUnknown } from '../../shared/httpFailure';
import { ProviderError } from '../../shared/providerError';
import { backoffDelayMs } from '../../shared/retry';
import type { ClickPesaClient, RequestSpec } from './index';

/**
 * ClickPesa's one path for money-moving POSTs (USSD push, control numbers, payouts) and the one
 * wording of what their failures mean. A money-moving POST is sent once, never repeated
 * automatically. After a failure whose outcome is unknown (timeout, dropped connection, 5xx, an
 * answer cut off) the record is looked up by its reference and returned only when it matches this
 * request; otherwise the error says exactly what is known and what to check.
 */

/** How messages name the record being created, e.g. a payment or a control number. */
export type MoneyRecord = {
	/** `payment with order reference "INV1"`, `control number "INV1"`. */
	named: string;
	/** What did not happen when ClickPesa refused or nothing exists: `no prompt was sent`. */
	nothingSent: string;
	/** As above, after a lookup found nothing: `nothing was sent to the customer`. */
	nothingExists: string;
	/** `The payment prompt`, `The control number`: what may exist after an unknown outcome. */
	what: string;
	/** Where the user checks it: `Payment → Get Status`. */
	lookupHint: string;
	/** The reference it can be looked up by; without one nothing can be looked up. */
	reference?: string;
	/** What the reference is called, for the 409 message and "without …": `order reference`. */
	referenceName: string;
	/** The 409 message: the reference was used before. */
	referenceUsed: string;
};

export type SendOnce = {
	request: Omit<RequestSpec, 'idempotent'>;
	record: MoneyRecord;
	/** Records ClickPesa holds under the reference; none (or undefined) when nothing exists. */
	lookUp: (reference: string) => Promise<IDataObject[] | undefined>;
	/** Whether a record found by reference is the one this request created (not an older one). */
	isThisRequest: (record: IDataObject, sentAt: number) => boolean;
	/** Names the record that holds the reference instead: `Order reference "X" already belongs to …`. */
	describeOther: (records: IDataObject[]) => string;
	/**
	 * A 409 (the reference was used before): return the record that holds it when it is what this
	 * item asks for, so a batch that died half-way can simply be run again (default), or fail.
	 */
	onReferenceUsed?: 'returnExisting' | 'fail';
};

/** How often a rate-limited create is sent again (after a lookup found nothing), and the longest wait. */
const RATE_LIMIT_RESENDS = 3;
const MAX_RATE_LIMIT_WAIT_MS = 60_000;

/** Marks a record returned because it already existed under the reference, not because this run created it. */
export const FOUND_BY_REFERENCE = 'foundByReference';

export async function sendOnce(client: ClickPesaClient, send: SendOnce): Promise<IDataObject> {
	const { reference } = send.record;
	for (let resends = 0; ; resends++) {
		const sentAt = Date.now();
		const answer = await client.request({ ...send.request, idempotent: false }).then(
			(body) => ({ body }),
			(error: unknown) => ({ error }),
		);
		if ('body' in answer) return answer.body as IDataObject;
		const failure = answer.error instanceof ProviderError ? answer.error.failure : undefined;
		if (failure?.status !== 429 || !reference || resends === RATE_LIMIT_RESENDS) {
			return await explainFailure(client, send, sentAt, answer.error);
		}
		// 429 is taken to mean "not processed" (docs/clickpesa-api.md §8.3). Should that be wrong, the
		// lookup finds what was created before anything is sent again: it costs a lookup, never a double charge.
		await sleep(Math.min(failure.retryAfterMs ?? backoffDelayMs(resends + 1, failure), MAX_RATE_LIMIT_WAIT_MS));
		const found = await send.lookUp(reference).catch(() => null);
		if (found === null) return await explainFailure(client, send, sentAt, answer.error);
		if (found && found.length > 0) {
			const ours = found.find((candidate) => send.isThisRequest(candidate, sentAt));
			if (ours) return ours;
			throw (answer.error as ProviderError).retold(`${(answer.error as ProviderError).message}. ${send.describeOther(found)}; the outcome of this request is unknown — check with ${send.record.lookupHint} before sending it again`);
		}
		client.context.logger.info(`${client.context.getNode().name}: ClickPesa rate-limited ${send.request.method} ${send.request.path} and nothing exists under the reference; sending it again (${resends + 1} of ${RATE_LIMIT_RESENDS})`, { reference });
	}
}

/** Throws what a failed send means, or returns this request's record found after an unknown outcome. */
async function explainFailure(client: ClickPesaClient, send: SendOnce, sentAt: number, error: unknown): Promise<IDataObject> {
	const { record } = send;
	if (!(error instanceof ProviderError)) throw error;
	const { failure } = error;
	if (failure.status === 409) {
		if (send.onReferenceUsed === 'fail' || !record.reference) throw error.retold(record.referenceUsed);
		return await returnExisting(client, send, record.reference, error);
	}
	if (failure.status === 429) {
		const runAgain = record.reference ? 'the item again later with the same reference' : 'the item again later';
		throw error.retold(`${error.message}. ${notAcceptedMessage('the request', record.nothingSent, runAgain)}`);
	}
	if (!outcomeUnknown(failure)) throw error;
	if (!record.reference) {
		throw error.retold(`${error.message}. ${mayExistMessage(record.what, record.lookupHint, [], record.referenceName)}`);
	}
	return await recoverUnknownOutcome(client, send, record.reference, sentAt, error);
}

async function recoverUnknownOutcome(
	client: ClickPesaClient,
	send: SendOnce,
	reference: string,
	sentAt: number,
	original: ProviderError,
): Promise<IDataObject> {
	const { context } = client;
	const node = context.getNode();
	const { record } = send;
	const found = await send.lookUp(reference).catch(() => {
		throw original.retold(`${original.message}. ${mayExistMessage(record.what, record.lookupHint, [reference], record.referenceName)}`);
	});
	if (!found || found.length === 0) {
		context.logger.info(`${node.name}: outcome of ${send.request.method} ${send.request.path} unknown; nothing exists under the reference`, { reference });
		throw original.retold(
			`${original.message}. No ${record.named} exists, so ${record.nothingExists}; it is safe to run the item again with the same reference`,
			{ moneyMayHaveMoved: false },
		);
	}
	const ours = found.find((candidate) => send.isThisRequest(candidate, sentAt));
	if (ours) {
		context.logger.warn(`${node.name}: outcome of ${send.request.method} ${send.request.path} unknown; the record was found by reference and returned`, { reference });
		return ours;
	}
	throw original.retold(
		`${original.message}. ${send.describeOther(found)}; the outcome of this request is unknown — check with ${record.lookupHint} before sending it again`,
	);
}

/**
 * The reference was used before (409): the record that holds it is this item's when it asks for the
 * same thing (amount, recipient…; when it was created does not matter, it may be a run that died
 * half-way). Then it is returned, marked as found; otherwise the item fails naming both.
 */
async function returnExisting(client: ClickPesaClient, send: SendOnce, reference: string, original: ProviderError): Promise<IDataObject> {
	const node = client.context.getNode();
	const found = await send.lookUp(reference).catch(() => undefined);
	const existing = found?.find((candidate) => send.isThisRequest(candidate, Number.NEGATIVE_INFINITY));
	if (existing) {
		client.context.logger.info(`${node.name}: reference already used by a matching record; returned it instead of sending again`, { reference });
		return { ...existing, [FOUND_BY_REFERENCE]: true };
	}
	const holder = found && found.length > 0 ? `. ${send.describeOther(found)}, which is not what this item asks for` : '';
	throw original.retold(`${send.record.referenceUsed}${holder}`);
}

/** ClickPesa answered 429: the request was not processed (docs/clickpesa-api.md §8.3), so nothing happened. */
export function notAcceptedMessage(subject: string, nothingHappened: string, runAgain: string): string {
	return `ClickPesa did not accept ${subject}, so ${nothingHappened}; run ${runAgain}`;
}

/** The outcome is unknown: what may exist, and how to check before sending it again. */
export function mayExistMessage(what: string, lookupHint: string, references: string[], referenceName: string): string {
	if (references.length === 0) {
		return `${what} may have been created; without ${referenceName}s they cannot be looked up, so check the ClickPesa dashboard before creating them again`;
	}
	const list = references.map((reference) => `"${reference}"`).join(', ');
	return `${what} may have been created: check with ${lookupHint} (${list}) before sending ${references.length === 1 ? 'it' : 'them'} again`;
}

/** Clocks may differ between n8n and ClickPesa: a record created this long before we sent still counts as ours. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** A record's `createdAt` is not before we sent (within clock skew); a record without a date counts. */
export function createdSince(record: IDataObject, sentAt: number): boolean {
	const createdAt = Date.parse(String(record.createdAt ?? ''));
	return Number.isNaN(createdAt) || createdAt >= sentAt - CLOCK_SKEW_MS;
}
