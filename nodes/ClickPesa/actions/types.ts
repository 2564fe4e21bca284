import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { BatchOptions, BatchResult, ItemOutcome } from '../../shared/items';
import type { ClickPesaClient } from '../transport';

/** One operation: its UI fields and what it does for one input item. */
export type ClickPesaOperation = {
	description: INodeProperties[];
	/** How many items run at once (default: what the account's pace can keep busy, see itemsInFlightFor); the pacer keeps the limit either way. */
	itemsInFlight?: number;
	execute(this: IExecuteFunctions, client: ClickPesaClient, itemIndex: number): Promise<IDataObject | IDataObject[]>;
	/** When true, the items that went through are then waited for until paid (two outputs: Paid, Not Paid). */
	waitsForResult?(this: IExecuteFunctions): boolean;
};

/** An operation that handles all input items together (e.g. bulk requests): one outcome per item, in order. */
export type ClickPesaBatchOperation = {
	description: INodeProperties[];
	/** How many outputs the operation has (default 1), and which one takes failed items. */
	outputCount?: number;
	errorOutput?: number;
	/** Requests the operation sends at once (default 1, e.g. pages of a list read together); the client's pacer holds back that many for re-sends. */
	requestsInFlight?: number;
	executeBatch(this: IExecuteFunctions, client: ClickPesaClient, options: BatchOptions): Promise<ItemOutcome[] | BatchResult>;
};
