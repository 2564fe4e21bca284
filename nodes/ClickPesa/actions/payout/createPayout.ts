import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ProviderError } from '../../../shared/providerError';
import type { ClickPesaClient } from '../../transport';
import { noPayoutBefore, waitForPayoutTurn } from '../../transport/payoutSchedule';
import { createdSince, sendOnce } from '../../transport/sendOnce';
import { findPayouts } from './findPayout';
import { payoutReferenceUsedMessage } from './payoutErrors';
import type { PayoutBody } from './payoutFields';
import { withClickPesaPayoutState } from '../paymentState';

/** How ClickPesa names each payout channel in its answers (docs/clickpesa-api.md §4.11). */
export type PayoutChannel = 'MOBILE MONEY' | 'BANK TRANSFER' | 'TIPS LIPA NAMBA';

export type PayoutCreate = {
	path: string;
	body: PayoutBody;
	channel: PayoutChannel;
	/** The wait between two creates for the account (the Payout Spacing option). */
	spacingMs: number;
	/** Whether a payout's `beneficiary` is the recipient this request pays. */
	paysRecipient: (beneficiary: IDataObject) => boolean;
	/** A 409: return the matching payout that holds the reference, or fail. */
	onReferenceUsed: 'returnExisting' | 'fail';
};

/** The documented cooldown refusal (docs/clickpesa-api.md §8.4): nothing was created. */
const COOLDOWN_ANSWER = /payout request is already in progress.*retry after (\d+) seconds?/i;
/** Times a create refused by the cooldown is sent again, and the longest wait before each. */
const MAX_COOLDOWN_RESENDS = 3;
const MAX_COOLDOWN_WAIT_MS = 120_000;

/**
 * One payout create for one item: its turn in the account's spacing, then sent once. The cooldown
 * refusal created nothing, so the node waits the seconds it names and sends again; any other
 * failure is explained by sendOnce (a payout found by reference after an unknown outcome is
 * returned only when it matches this request).
 */
export async function createPayout(context: IExecuteFunctions, client: ClickPesaClient, create: PayoutCreate): Promise<IDataObject> {
	const { spacingMs } = create;
	const account = client.payoutAccountKey;
	const { orderReference } = create.body;
	const node = context.getNode();
	for (let resends = 0; ; resends++) {
		const waitedMs = await waitForPayoutTurn(account, spacingMs);
		if (waitedMs > 0 && resends === 0) {
			context.logger.info(`${node.name}: waited ${seconds(waitedMs)} s (payout spacing) before sending payout "${orderReference}"`);
		}
		const outcome = await sendPayout(client, create).then(
			(payout) => ({ payout }),
			(error: unknown) => ({ refusal: cooldownRefusal(error) }),
		);
		if ('payout' in outcome) {
			// ClickPesa's cooldown started when it accepted the payout, which may be later than the booked turn.
			noPayoutBefore(account, Date.now() + spacingMs);
			return withClickPesaPayoutState(outcome.payout);
		}
		const { error, waitMs } = outcome.refusal;
		if (resends === MAX_COOLDOWN_RESENDS) {
			throw error.retold(
				`${error.message}. ClickPesa refused payout "${orderReference}" ${resends + 1} times because another payout was in progress, so nothing was created: run the item again later with the same order reference`,
			);
		}
		noPayoutBefore(account, Date.now() + waitMs);
		context.logger.info(
			`${node.name}: payout "${orderReference}" was refused because another payout is in progress, so nothing was created; sending it again in ${seconds(waitMs)} s (${resends + 1} of ${MAX_COOLDOWN_RESENDS})`,
		);
	}
}

async function sendPayout(client: ClickPesaClient, create: PayoutCreate): Promise<IDataObject> {
	const { body } = create;
	const { orderReference } = body;
	return await sendOnce(client, {
		request: { method: 'POST', path: create.path, body, signed: true },
		record: {
			named: `payout with order reference "${orderReference}"`,
			nothingSent: 'no money was sent',
			nothingExists: 'no money was sent',
			what: 'The payout',
			lookupHint: 'Payout → Get',
			reference: orderReference,
			referenceName: 'order reference',
			referenceUsed: payoutReferenceUsedMessage(orderReference),
		},
		lookUp: async (reference) => await findPayouts(client, reference),
		isThisRequest: (payout, sentAt) => isThisPayout(payout, create, sentAt),
		onReferenceUsed: create.onReferenceUsed,
		describeOther: ([earlier]) => `Order reference "${orderReference}" already belongs to another payout (${describePayout(earlier)})`,
	});
}

/**
 * The documented cooldown refusal, with how long to wait before sending again (bounded); any other
 * failure is thrown as it is.
 */
function cooldownRefusal(error: unknown): { error: ProviderError; waitMs: number } {
	const match = error instanceof ProviderError && error.status === 400 ? COOLDOWN_ANSWER.exec(error.providerMessage ?? '') : null;
	if (!match || !(error instanceof ProviderError)) throw error;
	return { error, waitMs: Math.min(Math.max(1, Number(match[1])) * 1000, MAX_COOLDOWN_WAIT_MS) };
}

function seconds(ms: number): string {
	return String(Math.round(ms / 100) / 10);
}

/**
 * Whether a payout found by reference is the one this request created, not an older payout that
 * uses the same reference: same channel, source balance and recipient, an amount this request
 * explains, created after we sent (within clock skew).
 */
export function isThisPayout(payout: IDataObject, create: PayoutCreate, sentAt: number): boolean {
	if (typeof payout.channel === 'string' && payout.channel !== create.channel) return false;
	if (typeof payout.currency === 'string' && payout.currency !== create.body.currency) return false;
	const beneficiary = payout.beneficiary;
	if (!beneficiary || typeof beneficiary !== 'object' || !create.paysRecipient(beneficiary as IDataObject)) return false;
	return explainsAmount(payout, create.body) && createdSince(payout, sentAt);
}

/**
 * `amount` in payout answers is the total debited (fee included) in the source currency; the
 * fee is on top of what the recipient gets in whole, in part or not at all, depending on who bears
 * it (docs/clickpesa-api.md §4.8, §4.9). From a USD balance the total is converted at ClickPesa's
 * rate, which the query does not give, so only `order.amount` (when present) can be compared.
 */
function explainsAmount(payout: IDataObject, sent: PayoutBody): boolean {
	const order = payout.order as IDataObject | undefined;
	if (order && order.amount !== undefined) return cents(order.amount) === cents(sent.amount);
	if (sent.currency !== 'TZS') return true;
	const debited = cents(payout.amount);
	const wanted = cents(sent.amount);
	const fee = cents(payout.fee ?? 0);
	return Number.isFinite(debited) && Number.isFinite(fee) && debited >= wanted && debited <= wanted + fee;
}

function cents(value: unknown): number {
	const amount = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
	return Math.round(amount * 100);
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

/** The last 9 digits of a Tanzanian number, so that 0712…, 255712… and +255712… compare equal. */
export function samePhone(a: unknown, b: unknown): boolean {
	const digits = (value: unknown) => String(value ?? '').replace(/\D/g, '').slice(-9);
	return digits(a).length === 9 && digits(a) === digits(b);
}
