import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { outcomeUnknown } from '../../../shared/httpFailure';
import { ProviderError } from '../../../shared/providerError';
import type { ItemOutcome } from '../../../shared/items';
import type { ClickPesaClient } from '../../transport';
import {
	FOUND_BY_REFERENCE,
	mayExistMessage,
	notAcceptedMessage,
	otherHoldsMessage,
	readReferenceReuse,
	referenceReuseField,
	referenceUsedMessage,
} from '../../transport/moneyPost';
import type { ClickPesaBatchOperation } from '../types';
import type { BillKind } from './billItem';
import { billReferenceField, billTermFields, customerFields, readBillItem } from './billPayFields';
import { BULK_LIMIT, inChunks, mapBulkAnswer } from './bulkAnswer';
import { matchesSent } from './controlNumber';

const BULK_PATHS: Record<BillKind, string> = {
	order: '/billpay/bulk-create-order-control-numbers',
	customer: '/billpay/bulk-create-customer-control-numbers',
};

const properties: INodeProperties[] = [
	{
		displayName:
			'Creates one control number per input item, sending up to 50 per request. Map the fields below with expressions; every input item gets exactly one output item, in the same order.',
		name: 'createManyNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Kind',
		name: 'kind',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Customer Control Numbers',
				value: 'customer',
				description: 'Reusable numbers, each tied to a customer (name plus email and/or phone)',
			},
			{
				name: 'Order Control Numbers',
				value: 'order',
				description: 'One-time numbers that close after their first payment',
			},
		],
		default: 'order',
	},
	...updateDisplayOptions({ show: { kind: ['customer'] } }, customerFields),
	billReferenceField,
	billTermFields('additionalFields', 'Additional Fields', false),
	referenceReuseField,
];

/** An input item that passed the checks, with the body it is sent as. */
type ReadyItem = { itemIndex: number; body: IDataObject };

type ChunkResult = { outcomes: ItemOutcome[]; halt?: string };

/**
 * Create Many: validate every item first, then send the valid ones in chunks of 50, in order.
 * Without Continue On Fail nothing is sent when any item is invalid, and no chunk is sent after one
 * with a failing item. A chunk with an unknown outcome (anything but a 4xx refusal: 5xx, timeout,
 * dropped connection, an answer cut off) or a rate limit stops the sending in every mode: its items may exist, and the later ones are reported as
 * not sent, never sent blindly.
 */
export const createMany: ClickPesaBatchOperation = {
	description: updateDisplayOptions({ show: { resource: ['billPay'], operation: ['createMany'] } }, properties),

	async executeBatch(client, { itemCount, stopAtFirstFailure }) {
		const kind = this.getNodeParameter('kind', 0) as BillKind;
		const node = this.getNode();
		const outcomes: ItemOutcome[] = new Array(itemCount);
		const ready: ReadyItem[] = [];
		for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
			try {
				ready.push({ itemIndex, body: readBillItem(this, itemIndex, kind) });
			} catch (error) {
				outcomes[itemIndex] = { error };
			}
		}
		if (stopAtFirstFailure && ready.length < itemCount) {
			for (const { itemIndex } of ready) outcomes[itemIndex] = notSent(node, 'another item is invalid');
			return outcomes;
		}

		let halt: string | undefined;
		for (const part of inChunks(ready, BULK_LIMIT)) {
			const result: ChunkResult = halt
				? { outcomes: part.map(() => notSent(node, halt as string)) }
				: await sendChunk(this, client, kind, part);
			part.forEach(({ itemIndex }, position) => (outcomes[itemIndex] = result.outcomes[position]));
			if (result.halt && !halt) {
				this.logger.warn(`${node.name}: BillPay Create Many stopped sending after ${span(part)}: ${result.halt}`);
			}
			halt ??= result.halt;
			if (!halt && stopAtFirstFailure && result.outcomes.some((outcome) => 'error' in outcome)) {
				halt = 'an earlier item failed and Continue On Fail is off';
			}
		}
		if (stopAtFirstFailure) explainStop(outcomes);
		return outcomes;
	},
};

function notSent(node: INode, reason: string): ItemOutcome {
	return {
		error: new NodeOperationError(node, `Not sent because ${reason}: no control number was created for this item`),
		becauseOfAnother: true,
	};
}

function span(part: ReadyItem[]): string {
	const first = part[0].itemIndex;
	const last = part[part.length - 1].itemIndex;
	return first === last ? `item ${first}` : `items ${first}–${last}`;
}

async function sendChunk(
	context: IExecuteFunctions,
	client: ClickPesaClient,
	kind: BillKind,
	part: ReadyItem[],
): Promise<ChunkResult> {
	const node = context.getNode();
	const sent = part.map(({ body }) => body);
	// Not signed (see controlNumber.ts) and sent once: a bulk create is never retried blindly.
	const reply = await client
		.request({ method: 'POST', path: BULK_PATHS[kind], body: { controlNumbers: sent }, signed: false, idempotent: false })
		.then(
			(answer) => ({ answer }),
			(error: unknown) => ({ error }),
		);
	if ('error' in reply) return chunkFailure(node, reply.error, part);
	const batch = `the batch of ${span(part)}`;
	const results = mapBulkAnswer(reply.answer, sent);
	const outcomes: ItemOutcome[] = [];
	// One at a time: each refused item may cost a lookup, and the client paces every request anyway.
	for (const [position, result] of results.entries()) {
		if ('billPayNumber' in result) {
			outcomes.push({ json: { billPayNumber: result.billPayNumber, ...sent[position] } });
		} else if ('reason' in result) {
			outcomes.push(await itemRejected(context, client, part[position], result.reason));
		} else {
			outcomes.push({
				error: new NodeOperationError(
					node,
					`${result.unknown}. ${unknownOutcome(sent[position], `This item's control number (in ${batch})`)}`,
				),
			});
		}
	}
	return {
		outcomes,
		// An answer we cannot fully read is an unknown outcome: later chunks are not sent blindly.
		halt: results.some((result) => 'unknown' in result) ? `ClickPesa's answer to ${batch} could not be fully read` : undefined,
	};
}

/**
 * An item ClickPesa refused. A used reference is handled as the single creates handle a 409: with
 * Return the Existing Record, the control number the reference is (the reference is the number) is
 * looked up and returned, marked as found, when it has this item's terms, so a Create Many that
 * died half-way can simply be run again; otherwise the item fails naming both.
 */
async function itemRejected(
	context: IExecuteFunctions,
	client: ClickPesaClient,
	{ itemIndex, body }: ReadyItem,
	reason: string,
): Promise<ItemOutcome> {
	const node = context.getNode();
	if (!/already used/i.test(reason)) return { error: new NodeOperationError(node, `ClickPesa did not create this control number: ${reason}`) };
	const reference = body.billReference as string | undefined;
	const used = referenceUsedMessage('controlNumber', reference);
	if (!reference || readReferenceReuse(context, itemIndex) === 'fail') {
		return { error: new NodeOperationError(node, used, { description: reason }) };
	}
	const [found] = (await client.findByReference('billpay', reference).catch(() => undefined)) ?? [];
	if (found && matchesSent(body, found)) {
		context.logger.info(`${node.name}: reference already used by a matching control number; returned it instead of creating it again`, { reference });
		return { json: { billPayNumber: reference, ...body, ...found, [FOUND_BY_REFERENCE]: true } };
	}
	const holder = found ? `. ${otherHoldsMessage('controlNumber', reference, found, body)}, which is not what this item asks for` : '';
	return { error: new NodeOperationError(node, `${used}${holder}`, { description: reason }) };
}

/** The whole request failed: every item of the chunk gets its own error (each is later tagged with its item). */
function chunkFailure(node: INode, error: unknown, part: ReadyItem[]): ChunkResult {
	const batch = `the batch of ${span(part)}`;
	if (!(error instanceof ProviderError)) {
		const message = error instanceof Error ? error.message : String(error);
		return {
			outcomes: part.map(({ body }) => ({
				error: new NodeOperationError(
					node,
					`${message}. ${unknownOutcome(body, `This item's control number (in ${batch})`)}`,
				),
			})),
			halt: `the outcome of ${batch} is unknown`,
		};
	}
	const { failure } = error;
	if (failure.status === 429) {
		return {
			outcomes: part.map(() => ({
				error: error.retold(
					`${error.message}. ${notAcceptedMessage(batch, 'none of its control numbers was created', 'these items again later')}`,
				),
			})),
			halt: `ClickPesa rate-limited ${batch}`,
		};
	}
	if (outcomeUnknown(failure)) {
		return {
			outcomes: part.map(({ body }) => ({
				error: error.retold(`${error.message}. ${unknownOutcome(body, `This item's control number (in ${batch})`)}`),
			})),
			halt: `the outcome of ${batch} is unknown`,
		};
	}
	return {
		outcomes: part.map(() => ({
			error: error.retold(`${error.message}. ClickPesa refused ${batch} as a whole, so none of its control numbers was created`),
		})),
	};
}

function unknownOutcome(body: IDataObject, what: string): string {
	const references = typeof body.billReference === 'string' ? [body.billReference] : [];
	return mayExistMessage('controlNumber', references, what);
}

/** Without Continue On Fail the first failing item stops the node: say what happened to the others. */
function explainStop(outcomes: ItemOutcome[]): void {
	const first = outcomes.find((outcome) => 'error' in outcome && !outcome.becauseOfAnother) as { error: unknown } | undefined;
	if (!first || !(first.error instanceof ProviderError || first.error instanceof NodeApiError || first.error instanceof NodeOperationError)) return;
	const created = outcomes.filter((outcome) => 'json' in outcome && outcome.json[FOUND_BY_REFERENCE] !== true).length;
	if (created === 0) return;
	first.error.message += `. The node stopped here; ${created} control numbers were created by this run before it stopped and exist in ClickPesa (turn on Continue On Fail to get every item's outcome)`;
}
