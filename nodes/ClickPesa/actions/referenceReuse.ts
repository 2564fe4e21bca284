import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * What a money-moving create does when ClickPesa answers that its reference was used before (409),
 * e.g. when a batch that died half-way is run again.
 */
export const referenceReuseField: INodeProperties = {
	displayName: 'If the Reference Was Already Used',
	name: 'ifReferenceUsed',
	type: 'options',
	options: [
		{
			name: 'Return the Existing Record',
			value: 'returnExisting',
			description:
				'When the record that already holds the reference is what this item asks for (the same amount, and the same recipient or control number description and customer), it is returned with foundByReference: true; otherwise the item fails naming both',
		},
		{ name: 'Fail the Item', value: 'fail' },
	],
	default: 'returnExisting',
};

export function readReferenceReuse(context: IExecuteFunctions, itemIndex: number): 'returnExisting' | 'fail' {
	return context.getNodeParameter('ifReferenceUsed', itemIndex, 'returnExisting') === 'fail' ? 'fail' : 'returnExisting';
}
