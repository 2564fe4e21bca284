import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InputError } from '../../shared/errors';
import { outcomeUnknown } from '../../shared/httpFailure';
import { runsAsAiTool } from '../../shared/items';
import { guardMovement } from '../../shared/moneyGuard';
import { readMoneyLimits, type Movement } from '../../shared/moneyLimits';
import { ProviderError } from '../../shared/providerError';
import type { Clik2payClient } from './index';

/** What a money-moving POST creates. */
export type MoneyKind = 'paymentRequest' | 'payment' | 'refund';

/** The narrow interface: the kind, what is sent, and (optionally) how the operation reads a refusal. */
export type MoneyPost = {
	kind: MoneyKind;
	path: string;
	/** Its `merchantTransactionId`, when the kind takes one, is what makes a repeat refusable. */
	body: IDataObject;
	/** The item the POST is for (its Money Limits and, as a tool, its confirmation are read there). */
	itemIndex?: number;
	/** Operation-specific reading of a refusal (e.g. a refund of an unpaid request). */
	explainRefusal?: (error: ProviderError) => ProviderError | undefined;
};

/** How messages name each kind, and whether Clik2pay takes a merchant transaction id for it (refunds: no). */
const KINDS: Record<MoneyKind, { noun: string; takesMerchantTransactionId: boolean }> = {
	paymentRequest: { noun: 'payment request', takesMerchantTransactionId: true },
	payment: { noun: 'payment', takesMerchantTransactionId: true },
	refund: { noun: 'refund', takesMerchantTransactionId: false },
};

/** The merchant transaction id sent, for kinds that take one. */
function merchantTransactionIdOf(post: MoneyPost): string | undefined {
	const id = post.body.merchantTransactionId;
	return KINDS[post.kind].takesMerchantTransactionId && typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * Sends a POST that creates something involving money exactly once and explains failures: a 429
 * may be a payment limit rather than a rate limit, and after a timeout, a dropped connection or a
 * 5xx the object may exist anyway. Clik2pay has no list or search endpoint, so it cannot be looked up.
 */
export async function sendOnce(context: IExecuteFunctions, client: Clik2payClient, post: MoneyPost): Promise<IDataObject> {
	const { noun } = KINDS[post.kind];
	const merchantTransactionId = merchantTransactionIdOf(post);
	requireIdempotencyKeyForTools(context, post);
	await checkMoneyLimits(context, client, post);
	return await client.post(post.path, post.body).catch((error: unknown) => {
		if (!(error instanceof ProviderError)) throw error;
		const { failure } = error;
		if (failure.status === 429) {
			throw error.retold(
				`${error.message}. Clik2pay answers 429 when a rate limit or a payment limit (per payment or per day) is reached, so it was not sent again automatically: check the limits of your Clik2pay account, or wait and run the item again`,
			);
		}
		if (outcomeUnknown(failure)) throw error.retold(`${error.message}. ${unknownOutcome(post)}`, { nextStep: checkBeforeRetrying(post) });
		if (merchantTransactionId && isDuplicateTransactionId(error.providerMessage)) {
			throw error.retold(
				`${error.message}. Merchant Transaction ID "${merchantTransactionId}" was already used (it must be unique across all your Clik2pay transactions): if an earlier run created this ${noun}, do not send it again; otherwise use a new ID`,
			);
		}
		throw post.explainRefusal?.(error) ?? error;
	});
}

/**
 * An AI agent retries calls on its own; without a merchant transaction id Clik2pay cannot refuse
 * the repeat, so as a tool the id is required.
 */
function requireIdempotencyKeyForTools(context: IExecuteFunctions, post: MoneyPost): void {
	if (runsAsAiTool(context) && KINDS[post.kind].takesMerchantTransactionId && !merchantTransactionIdOf(post)) {
		throw new InputError(
			'Merchant Transaction ID',
			`Merchant Transaction ID is required when the Clik2pay node is used as an AI tool`,
			'Give every call a unique ID (6 to 32 characters): Clik2pay refuses a repeated ID, so an agent that retries cannot send money twice',
		);
	}
}

function unknownOutcome(post: MoneyPost): string {
	return `The ${KINDS[post.kind].noun} may have been created anyway, and it was not sent again automatically. ${checkBeforeRetrying(post)}`;
}

/** What to do after an unknown outcome: check before sending it again. */
function checkBeforeRetrying(post: MoneyPost): string {
	const merchantTransactionId = merchantTransactionIdOf(post);
	if (merchantTransactionId) {
		return `Check the Clik2pay portal for merchant transaction ID "${merchantTransactionId}" before retrying; if you run the item again with the same ID, Clik2pay refuses it when the first attempt went through ("merchantTransactionId already exists"), so it cannot be created twice`;
	}
	if (!KINDS[post.kind].takesMerchantTransactionId) return `Check the Clik2pay portal before retrying`;
	return `Check the Clik2pay portal before retrying, and set a Merchant Transaction ID so that a repeated attempt cannot create a duplicate`;
}

/** Clik2pay's words for a reused merchant transaction id (simulator: "merchantTransactionId already exists"). */
function isDuplicateTransactionId(detail: unknown): boolean {
	const text = String(detail ?? '');
	return /merchant\s*transaction\s*id/i.test(text) && /already|exists|duplicate|unique|in use/i.test(text);
}

/** Limits are stated in CAD, the only currency Clik2pay moves. */
const CLIK2PAY_LIMIT_CURRENCY = 'CAD';

/** What a money POST moves: payment requests ask for money, payments (Send Money) and refunds send it to a recipient. */
function movementOf(post: MoneyPost, itemIndex: number): Movement & { itemIndex: number } {
	const recipient = (post.body.recipient ?? {}) as IDataObject;
	const email = typeof recipient.email === 'string' ? recipient.email : undefined;
	const mobile = typeof recipient.mobileNumber === 'string' ? recipient.mobileNumber.replace(/\D/g, '') : undefined;
	const reference = typeof post.body.merchantTransactionId === 'string' ? post.body.merchantTransactionId : undefined;
	return {
		itemIndex,
		direction: post.kind === 'paymentRequest' ? 'in' : 'out',
		noun: KINDS[post.kind].noun,
		amount: Number(post.body.amount),
		currency: CLIK2PAY_LIMIT_CURRENCY,
		reference,
		// An Interac transfer reaches whoever answers at the email and the mobile number: both must be allowed.
		recipientParts: [email ? [email] : undefined, mobile ? [mobile, mobile.slice(-10)] : undefined].filter((part): part is string[] => part !== undefined),
		recipientLabel: [email, mobile].filter(Boolean).join(' / ') || undefined,
	};
}

/**
 * The credential's money limits (shared/moneyGuard.ts) before any Clik2pay money POST. Clik2pay
 * has no list endpoint, so there is no daily total: only per-call limits, the allowlist and the
 * approval threshold.
 */
async function checkMoneyLimits(context: IExecuteFunctions, client: Clik2payClient, post: MoneyPost): Promise<void> {
	const itemIndex = post.itemIndex ?? 0;
	const movement = movementOf(post, itemIndex);
	const limits = readMoneyLimits(client.credentials, CLIK2PAY_LIMIT_CURRENCY);
	const credentialName = context.getNode().credentials?.clik2payApi?.name;
	await guardMovement(
		{ context, limits, credentialLabel: credentialName ? `Clik2pay credential "${credentialName}"` : 'Clik2pay credential' },
		{ movement, path: post.path, body: post.body, itemIndex },
	);
}
