import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Clik2payClient } from '../transport';

/** One operation: its UI fields and what it does for one input item. */
export type Clik2payOperation = {
	description: INodeProperties[];
	/** How many items run at once (default DEFAULT_ITEMS_IN_FLIGHT). */
	itemsInFlight?: number;
	execute(this: IExecuteFunctions, client: Clik2payClient, itemIndex: number): Promise<IDataObject | IDataObject[]>;
};
