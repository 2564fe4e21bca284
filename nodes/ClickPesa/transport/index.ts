import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import { ProviderError } from '../../shared/providerError';
import { sendWithRetries } from '../../shared/send';
import { refreshTokenBeforeExpiry } from '../../shared/tokens';
import { clickPesaAccount, clickPesaPacer, itemsInFlightFor, type ClickPesaAccount, type SlidingWindowPacer } from './account';
import { computeChecksum } from './checksum';
import { CLICKPESA } from './errorBody';
import { guardMovement } from '../../shared/moneyGuard';
import { dailyLimitOf, readMoneyLimits, type MoneyDirection, type MoneyLimits } from '../../shared/moneyLimits';
import { toMinorUnits } from '../../shared/money';
import { CLICKPESA_LIMIT_CURRENCY, clickPesaDay, dayQuery, listPathOf, movementOf, totalOfDay } from './limits';
import { afterFailedSend, type FindableCollection, type MoneyPost } from './moneyPost';

export const CLICKPESA_CREDENTIAL = 'clickPesaApi';

const REQUEST_TIMEOUT_MS = 30_000;

/** ClickPesa's list endpoints take `skip` and `limit`; 50 per page keeps each answer small. */
export const PAGE_SIZE = 50;

export type RequestSpec = {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Add the body checksum when the credential has a checksum key (documented for collection and payout POSTs). */
	signed?: boolean;
	/**
	 * Safe to send again after a 429, 5xx or network failure. Money-moving POSTs are not: they go
	 * through sendOnce, and moneyPost.ts decides what a failure means.
	 */
	idempotent: boolean;
};

/** GET /{collection}/{reference}: where ClickPesa lists the records under a reference. */
export function pathByReference(collection: FindableCollection, reference: string): string {
	return `/${collection}/${encodeURIComponent(reference)}`;
}

/** Payments and payouts answer a lookup by reference with an array, a control number with itself (docs/clickpesa-api.md §3.6). */
export function recordsUnderReference(answer: unknown): IDataObject[] {
	if (Array.isArray(answer)) return answer as IDataObject[];
	return answer && typeof answer === 'object' ? [answer as IDataObject] : [];
}

/** Where ClickPesa requests are made from: an operation's items, or the editor loading a list (banks, providers). */
export type ClickPesaContext = IExecuteFunctions | ILoadOptionsFunctions;

/** One page of a ClickPesa list: `data` plus, where ClickPesa gives it, `totalCount`. */
type Page = { data?: unknown; totalCount?: unknown };

/**
 * Every ClickPesa request goes through here: pacing under the account's rate limit, n8n's
 * authenticated request helper (token via the credential's preAuthentication, one refresh on
 * 401), checksum signing, retries for idempotent calls, money-moving POSTs sent once, and failures
 * thrown as ProviderErrors carrying ClickPesa's message.
 */
export class ClickPesaClient {
	/** What this node run sent, by direction and reference (minor units), until ClickPesa's lists show it. */
	private readonly sentThisRun: Record<MoneyDirection, Map<string, number>> = { out: new Map(), in: new Map() };

	/** The clock the account's day is read with (a fake one in tests). */
	now: () => number = Date.now;

	private constructor(
		readonly context: ClickPesaContext,
		private readonly credentials: ICredentialDataDecryptedObject,
		private readonly account: ClickPesaAccount,
		private readonly pacer: SlidingWindowPacer,
		/** How many items the operation runs at once; also the pacer's headroom for unpaced re-sends. */
		readonly itemsInFlight: number,
	) {}

	/**
	 * `declaredItemsInFlight`: what the operation asks for; otherwise what the account's pace can
	 * keep busy, but no more than `allowedItemsInFlight` (the node's Advanced Options).
	 */
	static async create(context: ClickPesaContext, declaredItemsInFlight?: number, allowedItemsInFlight = Number.POSITIVE_INFINITY): Promise<ClickPesaClient> {
		const credentials = await context.getCredentials(CLICKPESA_CREDENTIAL);
		const account = clickPesaAccount(credentials);
		const itemsInFlight = declaredItemsInFlight ?? Math.min(itemsInFlightFor(account), allowedItemsInFlight);
		return new ClickPesaClient(context, credentials, account, clickPesaPacer(account, itemsInFlight), itemsInFlight);
	}

	/** The account payout creates are spaced for: one base URL and Client ID (docs/clickpesa-api.md §8.4). */
	get payoutAccountKey(): string {
		return `${this.account.baseUrl}|${this.account.clientId}`;
	}

	async get(path: string, qs?: IDataObject): Promise<unknown> {
		return await this.request({ method: 'GET', path, qs, idempotent: true });
	}

	/**
	 * GET /{collection}/{reference}: the records ClickPesa holds under a reference (payments and
	 * payouts answer with an array, a control number with itself), or undefined when none exists
	 * (404) (docs/clickpesa-api.md §3.6, §4.11).
	 */
	async findByReference(collection: FindableCollection, reference: string): Promise<IDataObject[] | undefined> {
		const answer = await this.get(pathByReference(collection, reference)).catch((error: unknown) =>
			error instanceof ProviderError && error.status === 404 ? undefined : Promise.reject(error),
		);
		return answer === undefined ? undefined : recordsUnderReference(answer);
	}

	/**
	 * A money-moving POST (moneyPost.ts): sent once, never repeated automatically. When it fails,
	 * moneyPost.ts decides what that means (a record found by reference, or an error saying what
	 * is known and what to check).
	 */
	async sendOnce(post: MoneyPost): Promise<IDataObject> {
		await this.checkMoneyLimits(post);
		const sentAt = Date.now();
		return await this.request({ ...post.request, idempotent: false }).then(
			(body) => body as IDataObject,
			async (error: unknown) => await afterFailedSend(this, post, error, sentAt),
		);
	}

	/**
	 * The money limits of the credential (shared/moneyGuard.ts), applied to every money POST before it
	 * is sent: throws a refusal, or a held movement (Needs Approval, an AI agent's preview). What
	 * passes is counted for this run's daily total until ClickPesa lists it.
	 */
	private async checkMoneyLimits(post: MoneyPost): Promise<void> {
		const movement = movementOf(post);
		if (!movement || !('getNodeParameter' in this.context)) return;
		const limits: MoneyLimits = readMoneyLimits(this.credentials, CLICKPESA_LIMIT_CURRENCY);
		const credentialName = this.context.getNode().credentials?.clickPesaApi?.name;
		// A create sent again under the same reference (after ClickPesa's cooldown refusal) must not count against itself.
		if (movement.reference) this.sentThisRun[movement.direction].delete(movement.reference);
		if (post.kind === 'payout' && dailyLimitOf(limits, 'out') !== undefined) {
			// ClickPesa's list adds up what left the account, fee included: weigh this payout the same
			// way, from its preview (which moves nothing), so the day's total cannot pass the cap by a fee.
			// A preview that fails stops the payout as an unreadable total would (fail closed).
			const preview = await this.previewOf(post.request.path, post.request.body ?? {});
			const debited = Number(preview?.amount);
			if (Number.isFinite(debited) && debited >= movement.amount) movement.debitedAmount = debited;
		}
		await guardMovement(
			{
				context: this.context,
				limits,
				credentialLabel: credentialName ? `ClickPesa credential "${credentialName}"` : 'ClickPesa credential',
				readTodaySoFar: async (direction) => await this.todaySoFar(direction),
				preview: async (path, body) => await this.previewOf(path, body),
			},
			{ movement, path: post.request.path, body: post.request.body ?? {}, itemIndex: post.itemIndex },
		);
		const minor = toMinorUnits(movement.debitedAmount ?? movement.amount, CLICKPESA_LIMIT_CURRENCY);
		if (movement.reference && minor !== undefined && movement.currency === CLICKPESA_LIMIT_CURRENCY) {
			this.sentThisRun[movement.direction].set(movement.reference, minor);
		}
	}

	/** Today's total (Africa/Dar_es_Salaam) in one direction, from ClickPesa's list plus this run's sends. */
	private async todaySoFar(direction: MoneyDirection): Promise<{ total: number; date: string }> {
		const day = clickPesaDay(this.now());
		const records = await this.getAllPages(listPathOf(direction), dayQuery(day));
		return { total: totalOfDay(records, direction, day, this.sentThisRun[direction]), date: day.date };
	}

	/** ClickPesa's preview of a payout, USSD push or card request (moves no money); undefined for links. */
	private async previewOf(path: string, body: IDataObject): Promise<IDataObject | undefined> {
		const previewPath = path.replace('/create-', '/preview-').replace('/initiate-', '/preview-');
		if (previewPath === path) return undefined;
		return (await this.request({ method: 'POST', path: previewPath, body, signed: true, idempotent: true })) as IDataObject;
	}

	/**
	 * Pages through a list endpoint with skip/limit until `wanted` records arrived or the list ends.
	 * A page that brings nothing new also ends it, so a server that ignores `skip` cannot loop forever.
	 *
	 * `pagesInFlight` above 1: once a page has said how many records the list holds (totalCount),
	 * the pages below that count are asked for that many at a time instead of one after another,
	 * and taken in order exactly as if read one by one: the same requests, the same records, the
	 * same end. Pages asked for beyond where the list turns out to end are dropped unread. The caller's
	 * client must leave that many requests of headroom in its pacer (see ClickPesaClient.create).
	 */
	async getAllPages(path: string, query: IDataObject, wanted = Number.POSITIVE_INFINITY, { pagesInFlight = 1 } = {}): Promise<IDataObject[]> {
		const records: IDataObject[] = [];
		if (wanted <= 0) return records;
		const seenIds = new Set<unknown>();
		let skip = 0;
		let total = Number.NaN;
		for (;;) {
			// Where the pages of this round start: the next page, and the ones after it that lie
			// within the count the last page gave (each a full page, as the list is that long).
			const starts = [skip];
			while (starts.length < pagesInFlight && Number.isFinite(total)) {
				const start = skip + starts.length * PAGE_SIZE;
				if (start >= total || records.length + starts.length * PAGE_SIZE >= wanted) break;
				starts.push(start);
			}
			const limits = starts.map((start) => Math.min(PAGE_SIZE, wanted - records.length - (start - skip)));
			const pages = await Promise.allSettled(starts.map(async (start, position) => (await this.get(path, { ...query, skip: start, limit: limits[position] })) as Page | undefined));
			for (const [position, start] of starts.entries()) {
				// Only a page that is exactly the one a page-by-page reading would ask for now is used
				// (an earlier page of the round may have been short, long or held records seen before);
				// otherwise the loop asks for that one next.
				const limit = Math.min(PAGE_SIZE, wanted - records.length);
				if (start !== skip || limits[position] !== limit) break;
				const settled = pages[position];
				if (settled.status === 'rejected') throw settled.reason;
				const page = settled.value;
				const data = (Array.isArray(page?.data) ? page.data : []) as IDataObject[];
				const fresh = data.filter((record) => record.id === undefined || !seenIds.has(record.id));
				fresh.forEach((record) => seenIds.add(record.id));
				records.push(...fresh);
				skip += data.length;
				total = Number(page?.totalCount);
				if (fresh.length === 0 || data.length < limit || (Number.isFinite(total) && skip >= total) || records.length >= wanted) return records;
			}
		}
	}

	async request(spec: RequestSpec): Promise<unknown> {
		return await sendWithRetries(this.context, {
			provider: CLICKPESA,
			credentialType: CLICKPESA_CREDENTIAL,
			request: this.buildOptions(spec),
			label: `ClickPesa ${spec.method} ${spec.path.split('?')[0]}`,
			idempotent: spec.idempotent,
			beforeAttempt: async () => await this.pacer.acquire(),
			// ClickPesa's limit is per IP address (docs/clickpesa-api.md §8.3): a 429 the pacer let
			// through means others send from it too, so every request on the address slows down.
			afterFailedAttempt: (failure) => {
				if (failure.kind === 'http' && failure.status === 429) this.pacer.refused();
			},
			credentials: this.credentials,
			prepareCredentials: refreshTokenBeforeExpiry('token'),
		});
	}

	private buildOptions(spec: RequestSpec): IHttpRequestOptions {
		const options: IHttpRequestOptions = {
			method: spec.method,
			url: `${this.account.baseUrl}${spec.path}`,
			json: true,
			timeout: REQUEST_TIMEOUT_MS,
		};
		if (spec.qs) options.qs = spec.qs;
		if (spec.body) {
			options.body =
				spec.signed && this.account.checksumSecret
					? { ...spec.body, checksum: computeChecksum(this.account.checksumSecret, spec.body) }
					: spec.body;
		}
		return options;
	}
}
