import * as n8nWorkflow from 'n8n-workflow';

type PathField = { path: string };

/**
 * The `path` of a trigger's webhook description, read from its Path parameter. Newer n8n (2.x)
 * resolves fields declared with `fromParameter` natively; the plain expression template would make
 * it run the expression engine on every webhook request. n8n 1.x lacks the helper and gets the
 * template, which it evaluates as before.
 */
export function webhookPathFromParameter(): PathField {
	const helpers = n8nWorkflow as unknown as {
		webhookDescriptionFields?: (fields: Record<'path', unknown>) => PathField;
		fromParameter?: (path: string) => unknown;
	};
	if (typeof helpers.webhookDescriptionFields === 'function' && typeof helpers.fromParameter === 'function') {
		return helpers.webhookDescriptionFields({ path: helpers.fromParameter('path') });
	}
	return { path: '={{$parameter["path"]}}' };
}
