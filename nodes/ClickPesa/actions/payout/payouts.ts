import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { sameAmount, toMinorUnits } from '../../../shared/money';
import { ProviderError } from '../../../shared/providerError';
import type { ClickPesaClient } from '../../transport';
import { createdSince, explainReferenceUsed, type MoneyPost } from '../../transport/moneyPost';
import type { PayoutBody } from './payoutFields';
import { withClickPesaPayoutState } from '../paymentState';

/**
 * How this node sends payouts and previews them (the Create and Preview operations) and reads payout
 * records: each account's payout schedule (kept in process memory), ClickPesa's cooldown refusal,
 * the payout sent once as a money POST (transport/moneyPost.ts), how a payout found by reference is
 * recognised as this request's, and the transfer type ClickPesa applied.
 */

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
	/** The item (its If the Reference Was Already Used option is read on a 409). */
	itemIndex: number;
};

/** The documented cooldown refusal (docs/clickpesa-api.md §8.4): nothing was created. */
const COOLDOWN_ANSWER = /payout request is already in progress.*retry after (\d+) seconds?/i;
/** Times a create refused by the cooldown is sent again, and the longest wait before each. */
const MAX_COOLDOWN_RESENDS = 3;
const MAX_COOLDOWN_WAIT_MS = 120_000;

/**
 * One payout create for one item: its turn in the account's spacing, then sent once. The cooldown
 * refusal created nothing, so the node waits the seconds it names and sends again; any other
 * failure is explained by the money POST (transport/moneyPost.ts: a payout found by reference after an unknown outcome is
 * returned only when it matches this request).
 */
export async function sendPayout(context: IExecuteFunctions, client: ClickPesaClient, create: PayoutCreate): Promise<IDataObject> {
	const { spacingMs } = create;
	const account = client.payoutAccountKey;
	const { orderReference } = create.body;
	const node = context.getNode();
	for (let resends = 0; ; resends++) {
		const waitedMs = await waitForPayoutTurn(account, spacingMs);
		if (waitedMs > 0 && resends === 0) {
			context.logger.info(`${node.name}: waited ${seconds(waitedMs)} s (payout spacing) before sending payout "${orderReference}"`);
		}
		const outcome = await client.sendOnce(payoutPost(create)).then(
			(payout) => ({ payout }),
			(error: unknown) => ({ refusal: cooldownRefusal(error) }),
		);
		if ('payout' in outcome) {
			// ClickPesa's cooldown started when it accepted the payout, which may be later than the booked turn.
			noPayoutBefore(account, Date.now() + spacingMs);
			// Progress in n8n's log: payouts go one per spacing (a minute by default), so a batch takes minutes.
			const itemCount = context.getInputData().length;
			context.logger.info(
				`${node.name}: payout "${orderReference}" sent (item ${create.itemIndex + 1} of ${itemCount}, status ${String(outcome.payout.status ?? 'unknown')})${create.itemIndex + 1 < itemCount ? `; the next one goes in about ${seconds(spacingMs)} s` : ''}`,
			);
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

const payoutPost = (create: PayoutCreate): MoneyPost => ({
	kind: 'payout',
	request: { method: 'POST', path: create.path, body: create.body, signed: true },
	isOurs: (payout, sentAt) => isThisPayout(payout, create, sentAt),
	itemIndex: create.itemIndex,
});

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
	if (order && order.amount !== undefined) return sameAmount(order.amount, sent.amount, sent.currency);
	if (sent.currency !== 'TZS') return true;
	const debited = toMinorUnits(payout.amount, sent.currency);
	const wanted = toMinorUnits(sent.amount, sent.currency) as number;
	const fee = toMinorUnits(payout.fee ?? 0, sent.currency);
	return debited !== undefined && fee !== undefined && debited >= wanted && debited <= wanted + fee;
}

/** The last 9 digits of a Tanzanian number, so that 0712…, 255712… and +255712… compare equal. */
export function samePhone(a: unknown, b: unknown): boolean {
	const digits = (value: unknown) => String(value ?? '').replace(/\D/g, '').slice(-9);
	return digits(a).length === 9 && digits(a) === digits(b);
}

/**
 * A payout preview: what ClickPesa would take and pay (fee, total debited, balance, receiver,
 * exchange from USD). It moves no money and starts no cooldown (docs/clickpesa-api.md §8.4), so it
 * may be sent again after a transient failure. A used reference is refused here too (§3.1).
 */
export async function sendPayoutPreview(client: ClickPesaClient, path: string, body: PayoutBody): Promise<IDataObject> {
	return (await client.request({ method: 'POST', path, body, signed: true, idempotent: true }).catch((error: unknown) => {
		throw explainReferenceUsed(error, 'payout', body.orderReference);
	})) as IDataObject;
}

/**
 * The transfer type ClickPesa applied to a bank payout: it decides it itself (docs/clickpesa-api.md
 * §4.9, §9 item 13), and older versions call it `settlementType` (§4.11).
 */
export function withAppliedTransferType(payout: IDataObject): IDataObject {
	const applied = payout.transferType ?? payout.settlementType;
	return applied === undefined ? payout : { ...payout, transferType: applied };
}

/**
 * The payout schedule, kept in process memory. ClickPesa refuses a payout create sent within 60 seconds of the previous one
 * (docs/clickpesa-api.md §8.4), for the merchant as far as the Lipa Namba page says. So creates for
 * one account take turns here, across every execution in the n8n process: each waits until the
 * account's next create is allowed, and books the turn after it. Other n8n processes and other
 * systems using the same account are not seen; their creates end up in the documented cooldown
 * answer, which the caller waits out.
 */

/** Accounts (base URL + Client ID) remembered at once; those whose next turn has passed go first. */
const MAX_ACCOUNTS = 200;

const nextCreateAt = new Map<string, number>();

/**
 * Waits for the account's turn and books the next one `spacingMs` later. Answers how long it
 * waited, in milliseconds.
 */
export async function waitForPayoutTurn(accountKey: string, spacingMs: number): Promise<number> {
	const now = Date.now();
	const turn = Math.max(now, nextCreateAt.get(accountKey) ?? 0);
	remember(accountKey, turn + spacingMs, now);
	if (turn > now) await sleep(turn - now);
	return turn - now;
}

/** No create for the account before `at` (e.g. ClickPesa started its cooldown later than booked). */
export function noPayoutBefore(accountKey: string, at: number): void {
	remember(accountKey, Math.max(at, nextCreateAt.get(accountKey) ?? 0), Date.now());
}

function remember(accountKey: string, at: number, now: number): void {
	nextCreateAt.delete(accountKey);
	nextCreateAt.set(accountKey, at);
	if (nextCreateAt.size <= MAX_ACCOUNTS) return;
	for (const [key, next] of nextCreateAt) if (next <= now) nextCreateAt.delete(key);
	// Still too many: forget the least recently booked; at worst one of their creates meets the cooldown.
	for (const key of nextCreateAt.keys()) {
		if (nextCreateAt.size <= MAX_ACCOUNTS) break;
		nextCreateAt.delete(key);
	}
}
