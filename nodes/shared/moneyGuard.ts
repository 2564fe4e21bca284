import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, INodeProperties } from 'n8n-workflow';

import { OnOutput, runsAsAiTool } from './items';
import {
	dailyLimitOf,
	filledByAi,
	hasLimits,
	HeldMovement,
	judgeMovement,
	MoneyLimitRefusal,
	requestCode,
	tightenLimits,
	type LimitName,
	type MoneyLimits,
	type Movement,
} from './moneyLimits';

/**
 * The money limits applied at each provider's one send-once choke point: before any money-moving
 * POST, the movement is judged against the credential's limits (tightened by the node's); a refusal
 * fails the item, an item to be approved leaves on the Needs Approval output, and as an AI agent's
 * tool the first call only previews. Nothing here remembers anything between calls: the daily total
 * comes from the provider, and approval and confirmation codes are derived from the request.
 */

/** The node parameter holding the node's own limits and the approval code (see moneyLimitNodeOptions). */
export const MONEY_LIMIT_OPTIONS = 'moneyLimitOptions';
/** As an AI tool: the confirmation the agent repeats to send what it previewed. */
export const TOOL_CONFIRMATION = 'toolConfirmation';
/** The switch that gives a money-out operation its Needs Approval output (off: such items fail, nothing sent). */
export const NEEDS_APPROVAL_SWITCH = 'needsApprovalOutput';

/**
 * The Needs Approval Output switch of the money-out operations. Off by default, so that a node of an
 * existing workflow keeps its outputs: with "On Error: Continue (using error output)", the error
 * output is the one after the last output, and an output added in front of it would take over the
 * connection that carried failed payouts. With the switch off an item to approve fails (nothing sent).
 */
export function needsApprovalOutputProperty(operationsByResource: OperationsByResource): INodeProperties[] {
	return Object.entries(operationsByResource).map(([resource, operations]) => ({
		displayName: 'Needs Approval Output',
		name: NEEDS_APPROVAL_SWITCH,
		type: 'boolean' as const,
		default: false,
		noDataExpression: true,
		description:
			"Whether items that need a person's approval (above the approval threshold, or to a recipient not on the allowlist when the credential says Ask) leave on a second output, Needs Approval, with nothing sent. Off: such an item fails, nothing sent.",
		displayOptions: { show: { resource: [resource], operation: operations } },
	}));
}

/**
 * Whether the node has the Needs Approval output: a money-out operation (`moneyOut`, the same table
 * the node's outputs expression gets) with the switch on. As an AI tool held items go to the one output.
 */
export function hasNeedsApprovalOutput(context: IExecuteFunctions, moneyOut: OperationsByResource): boolean {
	const operations = moneyOut[context.getNodeParameter('resource', 0) as string] ?? [];
	return operations.includes(context.getNodeParameter('operation', 0) as string) && needsApprovalSwitchOn(context);
}

function needsApprovalSwitchOn(context: IExecuteFunctions): boolean {
	return context.getNodeParameter(NEEDS_APPROVAL_SWITCH, 0, false) === true;
}

/** The node's Money Limits collection and, as an AI tool, the Confirmation field, for the money-moving operations. */
export function moneyLimitNodeProperties(currency: string, operationsByResource: Record<string, string[]>): INodeProperties[] {
	const show = (extra: IDataObject = {}) =>
		Object.entries(operationsByResource).map(([resource, operations]) => ({
			displayName: 'Money Limits',
			name: MONEY_LIMIT_OPTIONS,
			type: 'collection' as const,
			placeholder: 'Add Limit or Approval',
			default: {},
			description: `Limits for this node only: they can tighten the credential's money limits, never loosen them. In ${currency}.`,
			displayOptions: { show: { resource: [resource], operation: operations, ...extra } },
			options: [
				{
					displayName: 'Approval Code',
					name: 'approvalCode',
					type: 'string' as const,
					default: '',
					placeholder: '={{ $json.approvalCode }}',
					description:
						'The approvalCode of an item from the Needs Approval output, after a person approved it: exactly that request (same amount, recipient and reference) is then sent above the approval threshold. Hard limits still apply; a value an AI agent fills is ignored.',
				},
				{
					displayName: 'Ask for Approval Above',
					name: 'approvalAbove',
					type: 'string' as const,
					default: '',
					description: 'Send larger amounts to the Needs Approval output (only lower than the credential’s threshold counts)',
				},
				{
					displayName: 'Max Amount',
					name: 'maxAmount',
					type: 'string' as const,
					default: '',
					description: 'Refuse larger amounts (only lower than the credential’s maximum counts)',
				},
			],
		}));
	return [
		...show(),
		{
			displayName: 'Confirmation',
			name: TOOL_CONFIRMATION,
			type: 'string',
			default: '',
			description:
				'Let the model define this parameter. The first call only previews and answers with a confirmation code; the agent sends the money by calling again with the same values and that code.',
			displayOptions: { show: { '@tool': [true], resource: Object.keys(operationsByResource) } },
		},
	];
}

/** What the guard needs from a provider's client. */
export type GuardSetup = {
	context: IExecuteFunctions | ILoadOptionsFunctions;
	limits: MoneyLimits;
	/** "ClickPesa credential “Shop”". */
	credentialLabel: string;
	/** Today's total so far (minor units) in a direction; throws when it cannot be read. Omitted: the provider has no daily totals. */
	readTodaySoFar?: (direction: Movement['direction']) => Promise<{ total: number; date: string }>;
	/** The provider's preview of the request (fee, receiver), when it has one; never moves money. */
	preview?: (path: string, body: IDataObject) => Promise<IDataObject | undefined>;
};

export type GuardedRequest = { movement: Movement; path: string; body: IDataObject; itemIndex: number };

/**
 * Judges a request about to be sent: returns when it may go, throws a MoneyLimitRefusal (the item
 * fails, naming the limit) or a HeldMovement (Needs Approval, or an AI agent's preview). Fails
 * closed: when today's total cannot be read, nothing is sent.
 */
export async function guardMovement(setup: GuardSetup, request: GuardedRequest): Promise<void> {
	const { context } = setup;
	const { movement, itemIndex } = request;
	const asTool = runsAsAiTool(context as IExecuteFunctions);
	const limits = nodeTightenedLimits(setup, itemIndex, asTool);
	const approvalCode = requestCode('APPROVE', request.path, request.body);
	const approved = !asTool && readApprovalCode(setup, itemIndex) === approvalCode;

	if (hasLimits(limits)) {
		let today: { total: number; date: string } | undefined;
		if (dailyLimitOf(limits, movement.direction) !== undefined && setup.readTodaySoFar) {
			today = await setup.readTodaySoFar(movement.direction).catch((error: unknown) => {
				throw refusal(
					setup,
					request,
					'dailyTotalUnreadable',
					`Today's ${movement.direction === 'out' ? 'money out' : 'money in'} could not be read from the provider (${error instanceof Error ? error.message : String(error)}), so the daily limit on the ${setup.credentialLabel} cannot be checked and nothing was sent: run the item again later with the same reference`,
				);
			});
		}
		const verdict = judgeMovement(limits, movement, { todaySoFar: today?.total, date: today?.date, approved, credentialLabel: setup.credentialLabel });
		if (verdict.verdict === 'refuse') throw refusal(setup, request, verdict.limit, verdict.message);
		if (verdict.verdict === 'ask') {
			if (asTool) {
				throw refusal(setup, request, 'approval', `The ${movement.noun} needs a person's approval (${verdict.reason}), and an AI agent cannot approve it, so nothing was sent`);
			}
			context.logger.info(`${context.getNode().name}: ${movement.noun} held for approval, nothing sent`, { reference: movement.reference, reason: verdict.reason });
			throw new HeldMovement(
				await heldItem(setup, request, {
					status: 'NEEDS_APPROVAL',
					reason: verdict.reason,
					approvalCode,
					message: `Not sent: ${verdict.reason}. After a person approved it, send it with the same values and Money Limits → Approval Code set to this item's approvalCode; the same reference makes sending it twice impossible.`,
				}),
				'needsApproval',
			);
		}
	}

	if (asTool) {
		const confirmation = requestCode('CONFIRM', request.path, request.body);
		const given = String(context.getNodeParameter(TOOL_CONFIRMATION, itemIndex, '') ?? '').trim();
		if (given !== confirmation) {
			throw new HeldMovement(
				await heldItem(setup, request, {
					status: 'PREVIEW_NOT_SENT',
					confirmation,
					message: `Nothing was sent yet. This operation moves real money and is not idempotent without the same reference. To send exactly this ${movement.noun}, call the tool again with the same values (the same reference "${movement.reference ?? ''}") and confirmation "${confirmation}". With other values a new preview is answered instead.`,
				}),
				'toolPreview',
			);
		}
	}
}

/** The credential's limits, tightened by the node's Money Limits (values an AI agent fills never count). */
function nodeTightenedLimits(setup: GuardSetup, itemIndex: number, asTool: boolean): MoneyLimits {
	const options = readNodeOptions(setup, itemIndex, asTool);
	const nodeLimits: Partial<Record<LimitName, unknown>> = { approvalAbove: options.approvalAbove };
	nodeLimits.maxPerItemOut = options.maxAmount;
	nodeLimits.maxPerItemIn = options.maxAmount;
	return tightenLimits(setup.limits, nodeLimits);
}

function readNodeOptions(setup: GuardSetup, itemIndex: number, asTool: boolean): IDataObject {
	const { context } = setup;
	const raw = (context.getNode().parameters?.[MONEY_LIMIT_OPTIONS] ?? {}) as IDataObject;
	let options: IDataObject;
	try {
		options = (context as IExecuteFunctions).getNodeParameter(MONEY_LIMIT_OPTIONS, itemIndex, {}) as IDataObject;
	} catch {
		return {};
	}
	// A value an AI agent fills ($fromAI) never reaches a limit or an approval.
	const trusted: IDataObject = {};
	for (const [name, value] of Object.entries(options ?? {})) {
		if (filledByAi(raw[name]) || (asTool && name === 'approvalCode')) continue;
		trusted[name] = value;
	}
	return trusted;
}

function readApprovalCode(setup: GuardSetup, itemIndex: number): string {
	const code = readNodeOptions(setup, itemIndex, false).approvalCode;
	return typeof code === 'string' ? code.trim().toUpperCase() : '';
}

function refusal(setup: GuardSetup, request: GuardedRequest, limit: string, message: string): MoneyLimitRefusal {
	const { context } = setup;
	context.logger.warn(`${context.getNode().name}: money limit refused a ${request.movement.noun}, nothing sent`, {
		reference: request.movement.reference,
		limit,
		amount: request.movement.amount,
		currency: request.movement.currency,
	});
	return new MoneyLimitRefusal(message, limit);
}

/** The item that leaves instead of a money call: what would be sent, the provider's preview, the reference. */
async function heldItem(setup: GuardSetup, request: GuardedRequest, extra: IDataObject): Promise<IDataObject> {
	const { movement } = request;
	let preview: IDataObject | undefined;
	let previewError: string | undefined;
	if (setup.preview) {
		try {
			preview = await setup.preview(request.path, request.body);
		} catch (error) {
			previewError = error instanceof Error ? error.message : String(error);
		}
	}
	return {
		...extra,
		moneyMoved: false,
		kind: movement.noun,
		reference: movement.reference ?? null,
		amount: movement.amount,
		currency: movement.currency,
		recipient: movement.recipientLabel ?? null,
		wouldSend: { path: request.path, body: withoutChecksum(request.body) },
		preview: preview ?? null,
		...(previewError ? { previewError } : {}),
	};
}

function withoutChecksum(body: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'checksum'));
}

/** Operation names by resource. */
export type OperationsByResource = Record<string, string[]>;

/** The output a held movement leaves on. */
export const NEEDS_APPROVAL_OUTPUT = 1;

/**
 * An item's failure, or the item a held movement leaves as: on Needs Approval in a workflow; as an AI
 * tool on the only output the agent reads (n8n hands the agent the first output only).
 */
export function heldOrThrown(context: IExecuteFunctions, error: unknown): OnOutput | never {
	if (!(error instanceof HeldMovement)) throw error;
	if (error.kind === 'toolPreview' || runsAsAiTool(context)) return new OnOutput(0, error.json);
	if (!needsApprovalSwitchOn(context)) {
		throw new MoneyLimitRefusal(
			`The ${String(error.json.kind ?? 'payment')}${error.json.reference ? ` "${String(error.json.reference)}"` : ''} needs a person's approval (${String(error.json.reason ?? '')}), so nothing was sent: turn on Needs Approval Output on this node to send such items to a person instead`,
			'approval',
		);
	}
	return new OnOutput(NEEDS_APPROVAL_OUTPUT, error.json);
}

/**
 * Appended to the action of every money-moving operation: n8n makes an AI tool's description from
 * it, so an agent is told plainly what the call does.
 */
export const MOVES_MONEY = ' (moves real money; not idempotent without the same reference)';
