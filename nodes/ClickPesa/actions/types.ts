import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ClickPesaClient } from '../transport';

/** One operation: its UI fields and what it does for one input item. */
export type ClickPesaOperation = {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, client: ClickPesaClient, itemIndex: number): Promise<IDataObject | IDataObject[]>;
};
