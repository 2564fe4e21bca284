import { outcomeUnknown, type HttpFailure } from './httpFailure';

/**
 * The one form a failed provider call takes inside the nodes, from the moment the HTTP answer (or
 * its absence) is read until the item loop turns it into n8n's NodeApiError (errors.ts,
 * toNodeError). Built only from our words and what the provider answered: never from the
 * request, which carries tokens and keys.
 */

export type ProviderName = 'ClickPesa' | 'Clik2pay';

/** A provider's own words in an error body (each provider reads its body shape in its transport folder). */
export type ErrorBodyReader = (body: unknown) => string | undefined;

type Told = {
	/** What to do next, when known: also part of the message. */
	nextStep?: string;
	/** Overrides whether money may have moved, e.g. once a lookup found nothing was created. */
	moneyMayHaveMoved?: boolean;
};

export class ProviderError extends Error {
	override readonly name = 'ProviderError';

	private constructor(
		readonly provider: ProviderName,
		/** What went wrong: status, network code, the provider's body. */
		readonly failure: HttpFailure,
		message: string,
		/** The provider's own words from the error body, when it gave any. */
		readonly providerMessage: string | undefined,
		/**
		 * The request may have changed money (a create that is sent once) and its outcome is unknown:
		 * nobody should send it again before checking.
		 */
		readonly moneyMayHaveMoved: boolean,
		readonly nextStep: string | undefined,
	) {
		super(message);
	}

	/**
	 * A failed call, as read where the answer arrives. `movesMoney`: the request is sent once because
	 * sending it again could move money twice or create a second record (every non-idempotent POST:
	 * payments, payouts, control numbers, refunds, and the hosted links that collect money).
	 */
	static fromFailure(provider: ProviderName, failure: HttpFailure, message: string, providerMessage: string | undefined, movesMoney: boolean): ProviderError {
		return new ProviderError(provider, failure, message, providerMessage, movesMoney && outcomeUnknown(failure), undefined);
	}

	/**
	 * A provider answer the operation itself judged a failure: a lookup that found nothing (404), an
	 * answer without the field asked for. Money moved or not, the operation's message says.
	 */
	static judged(provider: ProviderName, failure: HttpFailure, message: string): ProviderError {
		return new ProviderError(provider, failure, message, undefined, false, undefined);
	}

	get status(): number | undefined {
		return this.failure.status;
	}

	/** The same failure, told differently: what it means and what to do next. */
	retold(message: string, told: Told = {}): ProviderError {
		return new ProviderError(
			this.provider,
			this.failure,
			message,
			this.providerMessage,
			told.moneyMayHaveMoved ?? this.moneyMayHaveMoved,
			told.nextStep ?? this.nextStep,
		);
	}
}

/** The first non-empty text among `keys` of an error body (an array of texts is joined with "; "). */
export function textAt(body: unknown, keys: readonly string[]): string | undefined {
	if (typeof body === 'string') return body.trim().slice(0, 500) || undefined;
	if (!body || typeof body !== 'object') return undefined;
	const record = body as Record<string, unknown>;
	for (const key of keys) {
		const value = record[key];
		if (typeof value === 'string' && value.trim()) return value.trim();
		if (Array.isArray(value)) {
			const parts = value.filter((part) => typeof part === 'string' && part.trim());
			if (parts.length) return parts.join('; ');
		}
	}
	return undefined;
}
