import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from './errors';
import { runsAsAiTool, type ItemOutcome } from './items';

/**
 * Waiting for payments, as both providers' Wait for Payment do it: the two outputs (Not Paid first,
 * then Paid), the plain `outcome` of each item, the timeout (capped when the node runs as an AI
 * tool) and the polling rounds. What a provider's answer means (paid, failed, pending) is each
 * provider's own (its status table and check); this module only waits.
 */

/**
 * Not Paid is the first output on purpose: wherever n8n passes items on without running the node
 * (a waiting execution resumed at its deadline, a disabled node), they leave on the first output,
 * which must never be the one that says money arrived.
 */
export const NOT_PAID_OUTPUT = 0;
export const PAID_OUTPUT = 1;

export const DEFAULT_POLL_TIMEOUT_S = 120;
export const MAX_POLL_TIMEOUT_S = 600;
/** An AI agent waits for its tool's answer: as a tool, polling stops after this. */
export const MAX_TOOL_POLL_TIMEOUT_S = 60;

/**
 * `paid`: the provider says so, with the expected amount (and currency); `mismatch`: paid, but not
 * what was expected; `failed`: it will not be paid; `pending`: not final yet; `unknown`: the lookup
 * failed.
 */
export type PaymentOutcome = 'paid' | 'failed' | 'pending' | 'mismatch' | 'unknown';

/** Final outcomes end the waiting for an item; `pending` and `unknown` are checked again. */
export const isFinal = (outcome: PaymentOutcome) => outcome === 'paid' || outcome === 'failed' || outcome === 'mismatch';

export const timeoutField: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeoutSeconds',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_POLL_TIMEOUT_S },
	default: DEFAULT_POLL_TIMEOUT_S,
	description: `How long to wait for each payment to become final (at most ${MAX_POLL_TIMEOUT_S}; as an AI tool at most ${MAX_TOOL_POLL_TIMEOUT_S}). Items still pending then leave on Not Paid.`,
};

/** The timeout a run may wait, in seconds: at most MAX_POLL_TIMEOUT_S, and MAX_TOOL_POLL_TIMEOUT_S as an AI tool. */
export function allowedPollSeconds(context: IExecuteFunctions, timeoutSeconds: number): number {
	return Math.min(timeoutSeconds, runsAsAiTool(context) ? MAX_TOOL_POLL_TIMEOUT_S : MAX_POLL_TIMEOUT_S);
}

export type Clock = { now: () => number; sleep: (ms: number) => Promise<void> };

/** The pause before the first check and between rounds grows from 2 s by half each round, up to 15 s. */
const FIRST_PAUSE_MS = 2_000;
const MAX_PAUSE_MS = 15_000;
/** Status lookups running at once in one round; the provider's client keeps its rate limit. */
const LOOKUPS_AT_ONCE = 5;

export type PollRounds<C extends { outcome: PaymentOutcome }> = {
	timeoutMs: number;
	/** Checks item `index` once more (`previous`: its last check); must not throw. */
	check: (index: number, previous: C) => Promise<C>;
	clock: Clock;
	/** Told after every round, e.g. to log progress. */
	onRound?: (round: number, pending: number) => void;
};

/**
 * Checks every item in rounds until each is final or the timeout passes: at most one check per
 * item per round, none once an item is final. At the deadline the last check of each item stands.
 */
export async function pollUntilFinal<C extends { outcome: PaymentOutcome }>(initial: C[], rounds: PollRounds<C>): Promise<C[]> {
	const { clock } = rounds;
	const deadline = clock.now() + rounds.timeoutMs;
	const checks = [...initial];
	let pause = FIRST_PAUSE_MS;
	for (let round = 1; ; round++) {
		const remaining = deadline - clock.now();
		await clock.sleep(Math.max(0, Math.min(pause, remaining)));
		const open = checks.flatMap((check, index) => (isFinal(check.outcome) ? [] : [index]));
		await inParallel(open, async (index) => {
			checks[index] = await rounds.check(index, checks[index]);
		});
		const stillOpen = checks.filter((check) => !isFinal(check.outcome)).length;
		rounds.onRound?.(round, stillOpen);
		if (stillOpen === 0 || clock.now() >= deadline) return checks;
		pause = Math.min(Math.round(pause * 1.5), MAX_PAUSE_MS);
	}
}

async function inParallel(indexes: number[], run: (index: number) => Promise<void>): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < indexes.length) await run(indexes[next++]);
	};
	await Promise.all(Array.from({ length: Math.min(LOOKUPS_AT_ONCE, indexes.length) }, worker));
}

/**
 * What each input item waits for (`read` may throw an input error, which fails that item). With Stop
 * at First Failure, one invalid item means nothing is waited for: the others fail as "not checked".
 * @returns the outcomes so far (failed items filled in) and the items to wait for; `stop` when the
 *   outcomes are final already.
 */
export function readWaitingItems<E>(
	itemCount: number,
	read: (itemIndex: number) => E,
	{ stopAtFirstFailure, field }: { stopAtFirstFailure: boolean; field: string },
): { outcomes: ItemOutcome[]; waiting: Array<{ itemIndex: number; expected: E }>; stop: boolean } {
	const outcomes: ItemOutcome[] = new Array(itemCount);
	const waiting: Array<{ itemIndex: number; expected: E }> = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			waiting.push({ itemIndex, expected: read(itemIndex) });
		} catch (error) {
			outcomes[itemIndex] = { error };
		}
	}
	if (stopAtFirstFailure && waiting.length < itemCount) {
		for (const { itemIndex } of waiting) outcomes[itemIndex] = { error: new InputError(field, 'Not checked because another item is invalid'), becauseOfAnother: true };
		return { outcomes, waiting, stop: true };
	}
	return { outcomes, waiting, stop: false };
}
