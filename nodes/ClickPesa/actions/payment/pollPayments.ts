import type { IDataObject } from 'n8n-workflow';

import { pollUntilFinal, type Clock } from '../../../shared/waiting';
import { checkPayment, type Expected, type PaymentCheck } from './paymentCheck';

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
 * timeout passes (shared/waiting.ts). A lookup that fails (after the transport's own retries)
 * leaves the item unknown until a later round answers; at the deadline the last check of each item
 * stands.
 */
export async function pollPayments(expected: Expected[], options: PollOptions): Promise<PaymentCheck[]> {
	return await pollUntilFinal<PaymentCheck>(
		expected.map(() => ({ outcome: 'pending' })),
		{
			timeoutMs: options.timeoutMs,
			clock: options.clock,
			onRound: options.onRound,
			check: async (index, previous) =>
				await options.lookUp(expected[index].orderReference).then(
					(records) => checkPayment(records, expected[index]),
					(error: unknown) => ({
						outcome: 'unknown' as const,
						payment: previous.payment,
						reason: `the status lookup failed: ${error instanceof Error ? error.message : String(error)}`,
					}),
				),
		},
	);
}
