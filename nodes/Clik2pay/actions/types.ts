import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { BatchOptions, BatchResult, ItemOutcome } from '../../shared/items';
import type { Clik2payClient } from '../transport';

/** One operation: its UI fields and what it does for one input item. */
export type Clik2payOperation = {
	description: INodeProperties[];
	/** How many items run at once (default DEFAULT_ITEMS_IN_FLIGHT). */
	itemsInFlight?: number;
	execute(this: IExecuteFunctions, client: Clik2payClient, itemIndex: number): Promise<IDataObject | IDataObject[]>;
};

/** An operation that handles all input items together (Wait for Payment): one outcome per item, in order. */
export type Clik2payBatchOperation = {
	description: INodeProperties[];
	/** How many outputs the operation has (default 1), and which one takes failed items. */
	outputCount?: number;
	errorOutput?: number;
	executeBatch(this: IExecuteFunctions, client: Clik2payClient, options: BatchOptions): Promise<ItemOutcome[] | BatchResult>;
};
