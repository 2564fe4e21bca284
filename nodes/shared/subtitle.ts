import type { INodeProperties } from 'n8n-workflow';

/**
 * The canvas subtitle of a resource/operation node, "Initiate USSD Push: Payment": the names the
 * user picked, not the internal values ("initiateUssdPush: payment") that the usual
 * `$parameter["operation"] + ": " + $parameter["resource"]` shows. The editor (1.x and 2.x) evaluates
 * the subtitle as an expression, so the names travel inside it as a small table, taken from the
 * node's own resource and operation options. Set in the node's constructor (the description literal
 * keeps a `subtitle` key for the linter).
 */
export function operationSubtitle(properties: INodeProperties[]): string {
	const resources: Record<string, string> = {};
	const operations: Record<string, string> = {};
	for (const property of properties) {
		if (property.type !== 'options' || !property.options) continue;
		const options = property.options.filter((option) => 'value' in option) as Array<{ name: string; value: unknown }>;
		if (property.name === 'resource') {
			for (const option of options) resources[String(option.value)] = option.name;
		}
		if (property.name === 'operation') {
			for (const resource of property.displayOptions?.show?.resource ?? []) {
				for (const option of options) operations[`${String(resource)}:${String(option.value)}`] = option.name;
			}
		}
	}
	// "}}" would end the expression early: JSON allows a space between two closing braces.
	const table = JSON.stringify({ r: resources, o: operations }).replace(/}(?=})/g, '} ');
	return `={{((t, p) => (t.o[p.resource + ':' + p.operation] || p.operation) + ': ' + (t.r[p.resource] || p.resource))(${table}, $parameter)}}`;
}
