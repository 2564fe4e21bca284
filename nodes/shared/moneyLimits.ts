import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, INodeProperties } from 'n8n-workflow';

import { fromMinorUnits, toMinorUnits } from './money';

/**
 * Money limits (README "Money limits and approval"): what the credential allows every workflow and
 * AI agent that uses it, and the arithmetic that judges one money movement against them. Pure: the
 * clock and today's total are given by the caller. The providers' nodes apply it at their one
 * send-once choke point (ClickPesaClient.sendOnce, Clik2pay's sendOnce); where a limit is set is
 * always named, because the person refused is often not the one who set it.
 */

export type MoneyDirection = 'out' | 'in';

/** What the owner of the credential set; undefined = no limit. Amounts in minor units of `currency`. */
export type MoneyLimits = {
	currency: string;
	maxPerItemOut?: number;
	maxPerDayOut?: number;
	maxPerItemIn?: number;
	maxPerDayIn?: number;
	/** Recipient patterns (see recipientAllowed); empty = every recipient. */
	allowlist: string[];
	/** What happens to a payout to a recipient the allowlist does not name. */
	outsideAllowlist: 'refuse' | 'ask';
	approvalAbove?: number;
	/** Which limits the node tightened (named in refusals instead of the credential). */
	tightenedByNode: Set<LimitName>;
};

export type LimitName = 'maxPerItemOut' | 'maxPerDayOut' | 'maxPerItemIn' | 'maxPerDayIn' | 'approvalAbove';

/** Any limit set at all (a credential without limits costs no list call and no check). */
export function hasLimits(limits: MoneyLimits): boolean {
	const amounts: LimitName[] = ['maxPerItemOut', 'maxPerDayOut', 'maxPerItemIn', 'maxPerDayIn', 'approvalAbove'];
	return amounts.some((name) => limits[name] !== undefined) || limits.allowlist.length > 0;
}

// ---- The credential's fields -----------------------------------------------------------------

type LimitFieldOptions = {
	/** The currency limits are stated in (TZS for ClickPesa, CAD for Clik2pay). */
	currency: string;
	/** Whether the provider can list today's records, so that daily totals can be read (ClickPesa yes, Clik2pay no). */
	dailyTotals: boolean;
	/** How recipients are written in the allowlist, for the field's description. */
	recipientForms: string;
	/** What the provider calls money out and money in, for the field names. */
	moneyOut: string;
	moneyIn: string;
};

/** The credential fields of the money limits, the same on both providers' credentials. */
export function moneyLimitCredentialFields(options: LimitFieldOptions): INodeProperties[] {
	const { currency } = options;
	const shown = { displayOptions: { show: { moneyLimits: [true] } } };
	const amount = (displayName: string, name: LimitName, description: string): INodeProperties => ({
		displayName,
		name,
		type: 'string',
		default: '',
		placeholder: 'No limit',
		description: `${description} In ${currency}; empty means no limit`,
		...shown,
	});
	const daily = options.dailyTotals
		? [
				amount(
					`Max ${options.moneyOut} per Day`,
					'maxPerDayOut',
					`The most that may leave the account per day (midnight to midnight, Africa/Dar_es_Salaam), read from the provider's own records before each payout, so it holds across executions and workers. Fees count.`,
				),
				amount(
					`Max ${options.moneyIn} per Day`,
					'maxPerDayIn',
					'The most that may be asked of customers per day (failed requests do not count), read from the provider before each request.',
				),
			]
		: [];
	return [
		{
			displayName: 'Money Limits',
			name: 'moneyLimits',
			type: 'boolean',
			default: false,
			description:
				'Whether to limit what workflows and AI agents using this credential may move. The limits bind every node that uses the credential; node parameters can only tighten them.',
		},
		amount(`Max per ${options.moneyOut}`, 'maxPerItemOut', `The largest single ${options.moneyOut.toLowerCase()}; a larger one is refused before anything is sent.`),
		...daily.slice(0, 1),
		amount(`Max per ${options.moneyIn}`, 'maxPerItemIn', `The largest amount one ${options.moneyIn.toLowerCase()} may ask for (a typo of 100× asks the customer for 100×).`),
		...daily.slice(1),
		{
			displayName: 'Recipient Allowlist',
			name: 'recipientAllowlist',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			placeholder: options.recipientForms.split(';')[0],
			description: `Who money may be sent to, one per line or separated by commas: ${options.recipientForms}. End an entry with * to allow every recipient starting with it. Empty: anyone.`,
			...shown,
		},
		{
			displayName: 'Recipient Not on the Allowlist',
			name: 'outsideAllowlist',
			type: 'options',
			options: [
				{ name: 'Refuse', value: 'refuse', description: 'Nothing is sent; the item fails naming the allowlist' },
				{ name: 'Ask for Approval', value: 'ask', description: 'Nothing is sent; the item leaves on the Needs Approval output' },
			],
			default: 'refuse',
			...shown,
		},
		amount(
			'Ask for Approval Above',
			'approvalAbove',
			`A ${options.moneyOut.toLowerCase()} larger than this is not sent: it leaves on the node's Needs Approval output (as an AI tool: it is refused), to be sent after a person approved it.`,
		),
	];
}

/**
 * The limits a credential sets, with `currency` as their unit. Throws (before anything is sent) when
 * a limit is no amount: a typo in a limit must not mean "no limit".
 */
export function readMoneyLimits(credentials: ICredentialDataDecryptedObject, currency: string): MoneyLimits {
	const limits: MoneyLimits = { currency, allowlist: [], outsideAllowlist: 'refuse', tightenedByNode: new Set() };
	if (credentials.moneyLimits !== true) return limits;
	for (const name of ['maxPerItemOut', 'maxPerDayOut', 'maxPerItemIn', 'maxPerDayIn', 'approvalAbove'] as const) {
		limits[name] = readAmount(credentials[name], name, currency, 'the credential');
	}
	limits.allowlist = parseAllowlist(credentials.recipientAllowlist);
	limits.outsideAllowlist = credentials.outsideAllowlist === 'ask' ? 'ask' : 'refuse';
	return limits;
}

function readAmount(value: unknown, name: LimitName, currency: string, where: string): number | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
	const minor = toMinorUnits(typeof value === 'string' ? value.replace(/[\s,_]/g, '') : value, currency);
	if (minor === undefined || minor < 0) {
		throw new MoneyLimitSetupError(`${LIMIT_TITLES[name]} on ${where} is "${String(value)}", which is no amount, so nothing was sent: correct it or leave it empty for no limit`);
	}
	return minor;
}

/** A limit that cannot be read: fails closed (nothing is sent). */
export class MoneyLimitSetupError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MoneyLimitSetupError';
	}
}

/**
 * The credential's limits tightened by the node's own (never loosened: the smaller value wins). A
 * node value that an AI agent fills ($fromAI) is not passed here at all (see the nodes' readers).
 */
export function tightenLimits(limits: MoneyLimits, nodeLimits: Partial<Record<LimitName, unknown>>): MoneyLimits {
	const result: MoneyLimits = { ...limits, tightenedByNode: new Set(limits.tightenedByNode) };
	for (const [name, value] of Object.entries(nodeLimits) as Array<[LimitName, unknown]>) {
		const minor = readAmount(value, name, limits.currency, 'the node');
		if (minor === undefined) continue;
		const current = result[name];
		if (current === undefined || minor < current) {
			result[name] = minor;
			result.tightenedByNode.add(name);
		}
	}
	return result;
}

// ---- Recipients ------------------------------------------------------------------------------

/** Entries of the allowlist text: one per line or comma, spaces inside an entry ignored, upper case. */
export function parseAllowlist(text: unknown): string[] {
	if (typeof text !== 'string') return [];
	return text
		.split(/[\n,;]+/)
		.map((entry) => entry.replace(/\s+/g, '').toUpperCase())
		.filter((entry) => entry !== '');
}

/**
 * Whether one of the recipient's names (e.g. `255712345678`, `CORUTZTZ/0150123456789`,
 * `LIPA:5012345`) is on the allowlist: equal to an entry, or starting with an entry's text before
 * its trailing `*`. A recipient without any name (a payout link: whoever opens it) is on no list.
 */
export function recipientAllowed(allowlist: string[], recipientNames: string[]): boolean {
	const names = recipientNames.map((name) => name.replace(/\s+/g, '').toUpperCase()).filter((name) => name !== '');
	return allowlist.some((entry) =>
		entry.endsWith('*') ? names.some((name) => name.startsWith(entry.slice(0, -1))) : names.includes(entry),
	);
}

/** Whether a movement's recipient is allowed: one of its names, or (recipientParts) a name of every part. */
function movementRecipientAllowed(allowlist: string[], movement: Movement): boolean {
	const { recipientParts } = movement;
	if (recipientParts) return recipientParts.length > 0 && recipientParts.every((names) => recipientAllowed(allowlist, names));
	return recipientAllowed(allowlist, movement.recipientNames ?? []);
}

// ---- The day in the account's time zone --------------------------------------------------------

/** Africa/Dar_es_Salaam: UTC+3 all year (no daylight saving), the ClickPesa account's day. */
export const DAR_ES_SALAAM_UTC_OFFSET_MINUTES = 180;

export type LocalDay = {
	/** Midnight that starts the day, and the next, as epoch milliseconds. */
	start: number;
	end: number;
	/** The local date, YYYY-MM-DD. */
	date: string;
	/** The UTC dates the day touches (YYYY-MM-DD), so that a list query by date covers it in either zone. */
	utcDates: string[];
};

/** The day `now` falls in, in a zone `offsetMinutes` east of UTC. */
export function localDay(now: number, offsetMinutes: number): LocalDay {
	const offsetMs = offsetMinutes * 60_000;
	const localMidnight = Math.floor((now + offsetMs) / 86_400_000) * 86_400_000;
	const start = localMidnight - offsetMs;
	const end = start + 86_400_000;
	const utcDate = (at: number) => new Date(at).toISOString().slice(0, 10);
	const utcDates = [...new Set([utcDate(start), utcDate(end - 1)])];
	return { start, end, date: new Date(localMidnight).toISOString().slice(0, 10), utcDates };
}

/** Whether a record's `createdAt` is in the day; a record without a readable date counts (it may be today's). */
export function createdInDay(record: IDataObject, day: LocalDay): boolean {
	const at = Date.parse(String(record.createdAt ?? ''));
	return Number.isNaN(at) || (at >= day.start && at < day.end);
}

// ---- Judging one movement ----------------------------------------------------------------------

/** One money movement about to be sent. */
export type Movement = {
	direction: MoneyDirection;
	/** `payout`, `refund`, `payment request`… */
	noun: string;
	amount: number;
	currency: string;
	/** The recipient's names as the allowlist writes them (one of them listed is enough); [] when unknown (a link); undefined for money in. */
	recipientNames?: string[];
	/**
	 * Instead of recipientNames, when the money reaches several addresses at once (an Interac
	 * transfer: the email and the mobile number): each part's names, and every part must be listed.
	 */
	recipientParts?: string[][];
	/** How the recipient is shown in messages. */
	recipientLabel?: string;
	reference?: string;
	/**
	 * What leaves the account when it differs from `amount` (a ClickPesa payout: the amount plus the
	 * fee, from its preview): counted against the daily limit, since that is what the provider's list
	 * adds up; the per-item limit and the approval threshold weigh `amount`, the figure the user set.
	 */
	debitedAmount?: number;
};

export type Verdict =
	| { verdict: 'send' }
	| { verdict: 'refuse'; limit: LimitName | 'recipientAllowlist' | 'currency'; message: string }
	| { verdict: 'ask'; reason: string };

/** What the judge needs to know besides the limits. */
export type JudgeInput = {
	/** Today's total so far in minor units (provider records plus this execution's), when a daily limit applies. */
	todaySoFar?: number;
	/** A person approved exactly this movement (its approval code matched): the threshold and an "ask" allowlist pass. */
	approved?: boolean;
	/** How the credential is named in messages ("ClickPesa credential “Shop”"). */
	credentialLabel: string;
	/** The local date for messages. */
	date?: string;
};

export const LIMIT_TITLES: Record<LimitName, string> = {
	maxPerItemOut: 'Max per money out',
	maxPerDayOut: 'Max money out per day',
	maxPerItemIn: 'Max per money in',
	maxPerDayIn: 'Max money in per day',
	approvalAbove: 'Ask for Approval Above',
};

/** Which daily limit applies to a movement, if any (the caller reads today's total only then). */
export function dailyLimitOf(limits: MoneyLimits, direction: MoneyDirection): number | undefined {
	return direction === 'out' ? limits.maxPerDayOut : limits.maxPerDayIn;
}

/**
 * The verdict on one movement: refused (which limit, the amount, the total so far, where the limit
 * is set), to be asked for (approval threshold, or a recipient outside the allowlist when the
 * credential says "ask"), or sent. Refusals come before asking: a person cannot approve what the
 * credential forbids.
 */
export function judgeMovement(limits: MoneyLimits, movement: Movement, input: JudgeInput): Verdict {
	const { currency } = limits;
	const show = (minor: number) => `${formatAmount(fromMinorUnits(minor, currency))} ${currency}`;
	const where = (name: LimitName | 'recipientAllowlist') =>
		name !== 'recipientAllowlist' && limits.tightenedByNode.has(name) ? `set on this node (Money Limits), tighter than the credential's` : `set on the ${input.credentialLabel}`;
	const what = `${movement.noun}${movement.reference ? ` "${movement.reference}"` : ''}`;
	if (!hasLimits(limits)) return { verdict: 'send' };
	const amount = toMinorUnits(movement.amount, currency);
	if (movement.currency.toUpperCase() !== currency.toUpperCase() || amount === undefined) {
		return {
			verdict: 'refuse',
			limit: 'currency',
			message: `The ${what} is in ${movement.currency}, but the money limits on the ${input.credentialLabel} are in ${currency}, so it cannot be checked and nothing was sent`,
		};
	}
	const perItem = movement.direction === 'out' ? 'maxPerItemOut' : 'maxPerItemIn';
	const maxPerItem = limits[perItem];
	if (maxPerItem !== undefined && amount > maxPerItem) {
		return {
			verdict: 'refuse',
			limit: perItem,
			message: `The ${what} of ${show(amount)} is above ${LIMIT_TITLES[perItem]} (${show(maxPerItem)}, ${where(perItem)}), so nothing was sent`,
		};
	}
	let ask: string | undefined;
	if (movement.direction === 'out' && limits.allowlist.length > 0 && !movementRecipientAllowed(limits.allowlist, movement)) {
		const recipient = movement.recipientLabel ?? 'whoever opens the link';
		if (limits.outsideAllowlist === 'refuse') {
			return {
				verdict: 'refuse',
				limit: 'recipientAllowlist',
				message: `The ${what} of ${show(amount)} goes to ${recipient}, who is not on the Recipient Allowlist (${where('recipientAllowlist')}), so nothing was sent`,
			};
		}
		if (!input.approved) ask = `${recipient} is not on the Recipient Allowlist (${where('recipientAllowlist')})`;
	}
	const perDay = movement.direction === 'out' ? 'maxPerDayOut' : 'maxPerDayIn';
	const maxPerDay = limits[perDay];
	if (maxPerDay !== undefined) {
		const soFar = input.todaySoFar ?? 0;
		const debited = movement.debitedAmount === undefined ? amount : (toMinorUnits(movement.debitedAmount, currency) ?? amount);
		const withFee = debited === amount ? '' : ` (${show(debited)} with the fee)`;
		if (soFar + debited > maxPerDay) {
			return {
				verdict: 'refuse',
				limit: perDay,
				message: `The ${what} of ${show(amount)}${withFee} would bring today's total${input.date ? ` (${input.date}, Africa/Dar_es_Salaam)` : ''} to ${show(soFar + debited)}, above ${LIMIT_TITLES[perDay]} (${show(maxPerDay)}, ${where(perDay)}): ${show(soFar)} so far today, so nothing was sent`,
			};
		}
	}
	if (movement.direction === 'out' && limits.approvalAbove !== undefined && amount > limits.approvalAbove && !input.approved) {
		const reason = `${show(amount)} is above ${LIMIT_TITLES.approvalAbove} (${show(limits.approvalAbove)}, ${where('approvalAbove')})`;
		ask = ask ? `${ask}; ${reason}` : reason;
	}
	return ask ? { verdict: 'ask', reason: ask } : { verdict: 'send' };
}

/** 1500000 → "1,500,000"; 10.5 → "10.50". */
export function formatAmount(amount: number): string {
	return amount.toLocaleString('en-US', { minimumFractionDigits: Number.isInteger(amount) ? 0 : 2, maximumFractionDigits: 2 });
}

// ---- Approval and tool confirmation codes ------------------------------------------------------

/**
 * A short code derived from what a request sends (not a secret): an approval or an AI agent's
 * confirmation holds for exactly this request, and a changed amount or recipient needs a new one.
 * `purpose` keeps an agent's confirmation from passing as a person's approval.
 */
export function requestCode(purpose: 'APPROVE' | 'CONFIRM', path: string, body: IDataObject): string {
	const digest = createHash('sha256').update(`${purpose}|${path}|${canonicalJson(body)}`).digest('hex').slice(0, 12).toUpperCase();
	return `${purpose}-${digest}`;
}

function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as IDataObject)
			.filter(([key, entry]) => key !== 'checksum' && entry !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

/** Whether a node parameter's raw value is filled by an AI agent (`$fromAI(...)`): such values never reach a limit or an approval. */
export function filledByAi(rawValue: unknown): boolean {
	return typeof rawValue === 'string' && /\$fromAI\s*\(|\bfromAI\s*\(/i.test(rawValue);
}

// ---- What leaves without a money call ----------------------------------------------------------

/**
 * A movement that was not sent and waits for a person (Needs Approval output), or for an AI agent
 * to call again (preview first). `json` is the item: what would be sent, the preview, the stable
 * reference and the code that sends it.
 */
export class HeldMovement extends Error {
	constructor(
		readonly json: IDataObject,
		readonly kind: 'needsApproval' | 'toolPreview',
	) {
		super(String(json.message ?? 'Not sent'));
		this.name = 'HeldMovement';
	}
}

/** A refusal by a money limit: an input error naming the limit (the item fails; nothing was sent). */
export class MoneyLimitRefusal extends Error {
	constructor(
		message: string,
		readonly limit: string,
	) {
		super(message);
		this.name = 'MoneyLimitRefusal';
	}
}
