import type { IDataObject } from 'n8n-workflow';

import type { Clock } from '../../transport/account';
import { checkPayment, isFinal, type Expected, type PaymentCheck } from './paymentCheck';

/** The pause before the first check and between rounds grows from 2 s by half each round, up to 15 s. */
const FIRST_PAUSE_MS = 2_000;
const MAX_PAUSE_MS = 15_000;
/** Status lookups running at once in one round; the account's pacer keeps the rate limit. */
const LOOKUPS_AT_ONCE = 5;

export type PollOptions = {
	timeoutMs: number;
	/** `GET /payments/{ref}`: the records, or undefined when none exists; throws when the lookup failed. */
	lookUp: (orderReference: string) => Promise<IDataObject[] | undefined>;
	clock: Clock;
	/** Told after every round, e.g. to log progress. */
	onRound?: (round: number, pending: number) => void;
};

/**
 * Checks every expected payment in rounds until each is final (paid, failed, mismatched) or the
 * timeout passes: at most one status lookup per item per round, none once an item is final. A
 * lookup that fails (after the transport's own retries) leaves the item unknown until a later round
 * answers; at the deadline the last check of each item stands.
 */
export async function pollPayments(expected: Expected[], options: PollOptions): Promise<PaymentCheck[]> {
	const { clock } = options;
	const deadline = clock.now() + options.timeoutMs;
	const checks: PaymentCheck[] = expected.map(() => ({ outcome: 'pending' }));
	let pause = FIRST_PAUSE_MS;
	for (let round = 1; ; round++) {
		const remaining = deadline - clock.now();
		await clock.sleep(Math.max(0, Math.min(pause, remaining)));
		const open = checks.flatMap((check, index) => (isFinal(check.outcome) ? [] : [index]));
		await checkInParallel(open, async (index) => {
			checks[index] = await options.lookUp(expected[index].orderReference).then(
				(records) => checkPayment(records, expected[index]),
				(error: unknown) => ({
					outcome: 'unknown' as const,
					payment: checks[index].payment,
					reason: `the status lookup failed: ${error instanceof Error ? error.message : String(error)}`,
				}),
			);
		});
		const stillOpen = checks.filter((check) => !isFinal(check.outcome)).length;
		options.onRound?.(round, stillOpen);
		if (stillOpen === 0 || clock.now() >= deadline) return checks;
		pause = Math.min(Math.round(pause * 1.5), MAX_PAUSE_MS);
	}
}

async function checkInParallel(indexes: number[], check: (index: number) => Promise<void>): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < indexes.length) await check(indexes[next++]);
	};
	await Promise.all(Array.from({ length: Math.min(LOOKUPS_AT_ONCE, indexes.length) }, worker));
}
