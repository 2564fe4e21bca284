import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, ILoadOptionsFunctions, INodeProperties } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { outcomeUnknown } from '../../shared/httpFailure';
import { ProviderError } from '../../shared/providerError';
import { backoffDelayMs } from '../../shared/retry';

/**
 * ClickPesa's money-moving POSTs (USSD push, card payment, payout, control number, hosted link):
 * what each kind is, and what a failed send means. The client sends such a POST once
 * (ClickPesaClient.sendOnce) and never repeats it automatically; only when it fails does this file
 * take over. After a failure whose outcome is unknown (timeout, dropped connection, 5xx, an answer
 * cut off) the record is looked up by its reference and returned only when it is this request's;
 * otherwise the error says exactly what is known and what to check. Every message about a money
 * POST is worded here, from its kind, and only when it is needed.
 */

/** What ClickPesa lists by reference: payments and payouts by order reference, control numbers by number. */
export type FindableCollection = 'payments' | 'payouts' | 'billpay';

/** What a money POST needs of the client (ClickPesaClient): send a request, look a reference up, log. */
export interface MoneyPostClient {
	readonly context: IExecuteFunctions | ILoadOptionsFunctions;
	request(spec: MoneyRequest & { idempotent: false }): Promise<unknown>;
	findByReference(collection: FindableCollection, reference: string): Promise<IDataObject[] | undefined>;
}

/** The request of a money POST (it is never idempotent). */
export type MoneyRequest = { method: IHttpRequestMethods; path: string; body?: IDataObject; signed?: boolean };

/** What a money-moving POST creates. */
export type MoneyKind = 'payment' | 'cardPayment' | 'payout' | 'controlNumber' | 'checkoutLink' | 'payoutLink' | 'mandate';

/** The narrow interface: the kind, the request, and how to recognise the record it created. */
export type MoneyPost = {
	kind: MoneyKind;
	request: MoneyRequest;
	/**
	 * Whether a record found under the reference is the one this request created, not an older one:
	 * `sentAt` is when it was sent (-Infinity after a 409, when the record may be a run that died
	 * half-way). Kinds that cannot be looked up (links) need none.
	 */
	isOurs?: (record: IDataObject, sentAt: number) => boolean;
	/** The item whose If the Reference Was Already Used option is read when ClickPesa answers 409. */
	itemIndex: number;
};

type Kind = {
	/** `payment`, `control number`. */
	noun: string;
	/** The body field holding the reference the record is created under and looked up by. */
	referenceField: 'orderReference' | 'billReference';
	/** `order reference`, `bill reference`. */
	referenceName: string;
	/** `payment with order reference "X"`, `control number "X"`. */
	named: (reference: string) => string;
	/** Where ClickPesa lists it by reference (GET /{collection}/{reference}) and where the user looks. */
	lookup?: { collection: FindableCollection; hint: string };
	/** What an unknown outcome means for a kind that cannot be looked up (links). */
	unknownWithoutLookup?: (reference: string | undefined) => string;
	/** What did not happen when ClickPesa did not accept it, or a lookup found nothing. */
	nothingSent: string;
	nothingExists: string;
	/** Whether the If the Reference Was Already Used option applies (otherwise a 409 fails the item). */
	offersReuse: boolean;
	referenceUsed: (reference: string | undefined) => string;
	/** The record that holds the reference instead: `Order reference "X" already belongs to …`. */
	describeOther: (reference: string, found: IDataObject, sent: IDataObject) => string;
};

const orderReferenceUsed = (whatToDo: string) => (reference: string | undefined) =>
	`Order reference "${reference}" was already used — ${whatToDo} instead of sending it again, or use a new reference`;

const earlierPayment = (withCurrency: boolean) => (reference: string, found: IDataObject) => {
	const currency = withCurrency ? ` ${String(found.collectedCurrency ?? '')}` : '';
	return `Order reference "${reference}" already belongs to an earlier payment (amount ${String(found.collectedAmount)}${currency}, created ${String(found.createdAt)})`;
};

const byOrderReference = (noun: string) => (reference: string) => `${noun} with order reference "${reference}"`;

function link(noun: string, sameReference: string): Kind {
	return {
		noun,
		referenceField: 'orderReference',
		referenceName: 'order reference',
		named: byOrderReference(noun),
		unknownWithoutLookup: (reference) =>
			`The ${noun} may have been created, and links cannot be looked up. Run the item again with the same order reference "${reference}": if the link exists ClickPesa answers 409 and nothing is duplicated — then take the link from the ClickPesa dashboard or create a new one under a new reference`,
		nothingSent: `no ${noun} was created`,
		nothingExists: `no ${noun} was created`,
		offersReuse: false,
		referenceUsed: (reference) =>
			`Order reference "${reference}" was already used — a ${noun} or ${sameReference} with this reference exists, and ClickPesa will not create a second one. Send the link you already have, or use a new order reference`,
		describeOther: () => '',
	};
}

const KINDS: Record<MoneyKind, Kind> = {
	payment: {
		noun: 'payment',
		referenceField: 'orderReference',
		referenceName: 'order reference',
		named: byOrderReference('payment'),
		lookup: { collection: 'payments', hint: 'Payment → Get Status' },
		nothingSent: 'no prompt was sent',
		nothingExists: 'nothing was sent to the customer',
		offersReuse: true,
		referenceUsed: orderReferenceUsed('query its status (Payment → Get Status)'),
		describeOther: earlierPayment(false),
	},
	cardPayment: {
		noun: 'card payment',
		referenceField: 'orderReference',
		referenceName: 'order reference',
		named: byOrderReference('card payment'),
		lookup: { collection: 'payments', hint: 'Payment → Get Status' },
		nothingSent: 'no card payment was started',
		nothingExists: 'no card payment was started',
		// A card payment found under its reference has no link to hand out: a reused reference fails the item.
		offersReuse: false,
		referenceUsed: orderReferenceUsed('query its status (Payment → Get Status)'),
		describeOther: earlierPayment(true),
	},
	payout: {
		noun: 'payout',
		referenceField: 'orderReference',
		referenceName: 'order reference',
		named: byOrderReference('payout'),
		lookup: { collection: 'payouts', hint: 'Payout → Get' },
		nothingSent: 'no money was sent',
		nothingExists: 'no money was sent',
		offersReuse: true,
		referenceUsed: orderReferenceUsed('look the payout up (Payout → Get)'),
		describeOther: (reference, found) => `Order reference "${reference}" already belongs to another payout (${describePayout(found)})`,
	},
	controlNumber: {
		noun: 'control number',
		referenceField: 'billReference',
		referenceName: 'bill reference',
		named: (reference) => `control number "${reference}"`,
		lookup: { collection: 'billpay', hint: 'BillPay → Get' },
		nothingSent: 'no control number was created',
		nothingExists: 'nothing was created',
		offersReuse: true,
		referenceUsed: (reference) => `Bill reference${reference ? ` "${reference}"` : ''} already used — use Get to see it, or a new reference`,
		describeOther: describeOtherControlNumber,
	},
	checkoutLink: link('checkout link', 'payment'),
	// A CRDB Direct Debit mandate request carries no reference of ours (docs/clickpesa-api.md §4.17):
	// ClickPesa cannot refuse a repeat and it cannot be looked up, so an unknown outcome is said as such.
	mandate: {
		noun: 'mandate request',
		referenceField: 'orderReference',
		referenceName: 'reference',
		named: () => 'mandate request',
		unknownWithoutLookup: () =>
			'The mandate may have been requested, and mandate requests cannot be looked up by a reference of ours. Do not request it again: check the ClickPesa dashboard (or the customer’s CRDB SimBanking) for a pending mandate first',
		nothingSent: 'no mandate was requested',
		nothingExists: 'no mandate was requested',
		offersReuse: false,
		referenceUsed: () => 'ClickPesa refused the mandate request',
		describeOther: () => '',
	},
	payoutLink: link('payout link', 'payout'),
};

/** How often a rate-limited create is sent again (after a lookup found nothing), and the longest wait. */
const RATE_LIMIT_RESENDS = 3;
const MAX_RATE_LIMIT_WAIT_MS = 60_000;

/** Marks a record returned because it already existed under the reference, not because this run created it. */
export const FOUND_BY_REFERENCE = 'foundByReference';

/** How messages name a record of the kind: `payment`, `checkout link`. */
export function nounOf(kind: MoneyKind): string {
	return KINDS[kind].noun;
}

/** The reference of a money POST, as its kind names it in the body. */
function referenceOf(post: MoneyPost): string | undefined {
	const reference = post.request.body?.[KINDS[post.kind].referenceField];
	return typeof reference === 'string' && reference !== '' ? reference : undefined;
}

/**
 * A money POST failed (its first sending, see ClickPesaClient.sendOnce): returns this request's
 * record when it turns out to exist, or throws what the failure means. A 429 is taken to mean "not
 * processed" (docs/clickpesa-api.md §8.3): the reference is looked up, and the POST sent again only
 * when nothing exists under it, at most RATE_LIMIT_RESENDS times. Should a 429 be wrong, the lookup
 * finds what was created before anything is sent again: it costs a lookup, never a double charge.
 */
export async function afterFailedSend(client: MoneyPostClient, post: MoneyPost, firstError: unknown, firstSentAt: number): Promise<IDataObject> {
	const reference = referenceOf(post);
	const kind = KINDS[post.kind];
	let error = firstError;
	let sentAt = firstSentAt;
	for (let resends = 0; ; resends++) {
		const failure = error instanceof ProviderError ? error.failure : undefined;
		if (failure?.status !== 429 || !reference || !kind.lookup || resends === RATE_LIMIT_RESENDS) {
			return await explainFailure(client, post, sentAt, error);
		}
		await sleep(Math.min(failure.retryAfterMs ?? backoffDelayMs(resends + 1, failure), MAX_RATE_LIMIT_WAIT_MS));
		const found = await client.findByReference(kind.lookup.collection, reference).catch(() => null);
		if (found === null) return await explainFailure(client, post, sentAt, error);
		if (found && found.length > 0) {
			const ours = found.find((candidate) => post.isOurs?.(candidate, sentAt) === true);
			if (ours) return ours;
			throw (error as ProviderError).retold(`${(error as ProviderError).message}. ${otherHolds(post, reference, found)}; the outcome of this request is unknown — check with ${kind.lookup.hint} before sending it again`);
		}
		client.context.logger.info(`${client.context.getNode().name}: ClickPesa rate-limited ${post.request.method} ${post.request.path} and nothing exists under the reference; sending it again (${resends + 1} of ${RATE_LIMIT_RESENDS})`, { reference });
		sentAt = Date.now();
		const answer = await client.request({ ...post.request, idempotent: false }).then(
			(body) => ({ body }),
			(resendError: unknown) => ({ resendError }),
		);
		if ('body' in answer) return answer.body as IDataObject;
		error = answer.resendError;
	}
}

/** Throws what a failed send means, or returns this request's record found after an unknown outcome. */
async function explainFailure(client: MoneyPostClient, post: MoneyPost, sentAt: number, error: unknown): Promise<IDataObject> {
	const kind = KINDS[post.kind];
	const reference = referenceOf(post);
	if (!(error instanceof ProviderError)) throw error;
	const { failure } = error;
	if (failure.status === 409) {
		if (!reference || !kind.lookup || !kind.offersReuse || readReferenceReuse(client.context, post.itemIndex) === 'fail') {
			throw error.retold(kind.referenceUsed(reference));
		}
		return await returnExisting(client, post, reference, error);
	}
	if (failure.status === 429) {
		const runAgain = reference ? 'the item again later with the same reference' : 'the item again later';
		throw error.retold(`${error.message}. ${notAcceptedMessage('the request', kind.nothingSent, runAgain)}`);
	}
	if (!outcomeUnknown(failure)) throw error;
	if (kind.unknownWithoutLookup) throw error.retold(`${error.message}. ${kind.unknownWithoutLookup(reference)}`);
	if (!reference) throw error.retold(`${error.message}. ${mayExistMessage(post.kind, [])}`);
	return await recoverUnknownOutcome(client, post, reference, sentAt, error);
}

async function recoverUnknownOutcome(client: MoneyPostClient, post: MoneyPost, reference: string, sentAt: number, original: ProviderError): Promise<IDataObject> {
	const { context } = client;
	const node = context.getNode();
	const kind = KINDS[post.kind];
	const { collection, hint } = kind.lookup as NonNullable<Kind['lookup']>;
	const found = await client.findByReference(collection, reference).catch(() => {
		throw original.retold(`${original.message}. ${mayExistMessage(post.kind, [reference])}`);
	});
	if (!found || found.length === 0) {
		context.logger.info(`${node.name}: outcome of ${post.request.method} ${post.request.path} unknown; nothing exists under the reference`, { reference });
		throw original.retold(`${original.message}. No ${kind.named(reference)} exists, so ${kind.nothingExists}; it is safe to run the item again with the same reference`, {
			moneyMayHaveMoved: false,
		});
	}
	const ours = found.find((candidate) => post.isOurs?.(candidate, sentAt) === true);
	if (ours) {
		context.logger.warn(`${node.name}: outcome of ${post.request.method} ${post.request.path} unknown; the record was found by reference and returned`, { reference });
		return ours;
	}
	throw original.retold(`${original.message}. ${otherHolds(post, reference, found)}; the outcome of this request is unknown — check with ${hint} before sending it again`);
}

/**
 * The reference was used before (409): the record that holds it is this item's when it asks for the
 * same thing (amount, recipient…; when it was created does not matter, it may be a run that died
 * half-way). Then it is returned, marked as found; otherwise the item fails naming both.
 */
async function returnExisting(client: MoneyPostClient, post: MoneyPost, reference: string, original: ProviderError): Promise<IDataObject> {
	const node = client.context.getNode();
	const kind = KINDS[post.kind];
	const found = await client.findByReference((kind.lookup as NonNullable<Kind['lookup']>).collection, reference).catch(() => undefined);
	const existing = found?.find((candidate) => post.isOurs?.(candidate, Number.NEGATIVE_INFINITY) === true);
	if (existing) {
		client.context.logger.info(`${node.name}: reference already used by a matching record; returned it instead of sending again`, { reference });
		return { ...existing, [FOUND_BY_REFERENCE]: true };
	}
	const holder = found && found.length > 0 ? `. ${otherHolds(post, reference, found)}, which is not what this item asks for` : '';
	throw original.retold(`${kind.referenceUsed(reference)}${holder}`);
}

function otherHolds(post: MoneyPost, reference: string, found: IDataObject[]): string {
	return KINDS[post.kind].describeOther(reference, found[0], post.request.body ?? {});
}

/** A preview or any other request answered 409: the reference belongs to an earlier record (docs/clickpesa-api.md §3.1). Other errors pass through. */
export function explainReferenceUsed(error: unknown, kind: MoneyKind, reference: string | undefined): unknown {
	if (!(error instanceof ProviderError) || error.status !== 409) return error;
	return error.retold(KINDS[kind].referenceUsed(reference));
}

/** The 409 message of a kind, for callers that read ClickPesa's refusal themselves (BillPay Create Many). */
export function referenceUsedMessage(kind: MoneyKind, reference: string | undefined): string {
	return KINDS[kind].referenceUsed(reference);
}

/** The record that holds a reference instead of this item's (BillPay Create Many). */
export function otherHoldsMessage(kind: MoneyKind, reference: string, found: IDataObject, sent: IDataObject): string {
	return KINDS[kind].describeOther(reference, found, sent);
}

/** ClickPesa answered 429: the request was not processed (docs/clickpesa-api.md §8.3), so nothing happened. */
export function notAcceptedMessage(subject: string, nothingHappened: string, runAgain: string): string {
	return `ClickPesa did not accept ${subject}, so ${nothingHappened}; run ${runAgain}`;
}

/** The outcome is unknown: what may exist (`what`, by default `The payment`…), and how to check before sending it again. */
export function mayExistMessage(kind: MoneyKind, references: string[], what = `The ${KINDS[kind].noun}`): string {
	const { referenceName, lookup } = KINDS[kind];
	if (references.length === 0) {
		return `${what} may have been created; without ${referenceName}s they cannot be looked up, so check the ClickPesa dashboard before creating them again`;
	}
	const list = references.map((reference) => `"${reference}"`).join(', ');
	return `${what} may have been created: check with ${lookup?.hint ?? 'the ClickPesa dashboard'} (${list}) before sending ${references.length === 1 ? 'it' : 'them'} again`;
}

/** Clocks may differ between n8n and ClickPesa: a record created this long before we sent still counts as ours. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** A record's `createdAt` is not before we sent (within clock skew); a record without a date counts. */
export function createdSince(record: IDataObject, sentAt: number): boolean {
	const createdAt = Date.parse(String(record.createdAt ?? ''));
	return Number.isNaN(createdAt) || createdAt >= sentAt - CLOCK_SKEW_MS;
}

function describePayout(payout: IDataObject): string {
	const beneficiary = (payout.beneficiary ?? {}) as IDataObject;
	const parts = [
		String(payout.channel ?? 'unknown channel'),
		`amount ${String(payout.amount)} ${String(payout.currency ?? '')}`.trim(),
		`to ${String(beneficiary.accountNumber ?? 'an unknown recipient')}`,
		`created ${String(payout.createdAt)}`,
	];
	return parts.join(', ');
}

function describeOtherControlNumber(billReference: string, found: IDataObject, sent: IDataObject): string {
	const amount = found.billAmount === null || found.billAmount === undefined ? 'no amount' : `amount ${String(found.billAmount)}`;
	const description = typeof found.billDescription === 'string' && found.billDescription ? `description "${found.billDescription}"` : 'no description';
	const customer = sent.customerName !== undefined ? `, customer "${String(found.billCustomerName ?? '')}"` : '';
	return `Bill reference "${billReference}" already belongs to another control number (${amount}, ${description}${customer})`;
}

/**
 * What a money-moving create does when ClickPesa answers that its reference was used before (409),
 * e.g. when a batch that died half-way is run again.
 */
export const referenceReuseField: INodeProperties = {
	displayName: 'If the Reference Was Already Used',
	name: 'ifReferenceUsed',
	type: 'options',
	options: [
		{
			name: 'Return the Existing Record',
			value: 'returnExisting',
			description:
				'When the record that already holds the reference is what this item asks for (the same amount, and the same recipient or control number description and customer), it is returned with foundByReference: true; otherwise the item fails naming both',
		},
		{ name: 'Fail the Item', value: 'fail' },
	],
	default: 'returnExisting',
};

export function readReferenceReuse(context: MoneyPostClient['context'], itemIndex: number): 'returnExisting' | 'fail' {
	return (context as IExecuteFunctions).getNodeParameter('ifReferenceUsed', itemIndex, 'returnExisting') === 'fail' ? 'fail' : 'returnExisting';
}
