import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** Shows each property only for the given resource/operation (n8n's own helper is not exported by every n8n-workflow version we support). */
export function showOnlyFor(show: IDisplayOptions['show'], properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, ...show },
		},
	}));
}
