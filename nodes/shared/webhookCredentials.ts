import type { ICredentialDataDecryptedObject, IWebhookFunctions } from 'n8n-workflow';

/**
 * How long a trigger reuses the credential it read. Loading a credential makes n8n query the
 * database, decrypt it and run it through the expression engine, which on 2 cores cut verified
 * webhook throughput to less than half of n8n's own Webhook node. A changed checksum key or webhook
 * password therefore takes effect within this time.
 */
export const WEBHOOK_CREDENTIAL_TTL_MS = 15_000;
const MAX_ENTRIES = 1_000;

const remembered = new Map<string, { readAt: number; data: ICredentialDataDecryptedObject }>();

/** The trigger's credential, read at most once per WEBHOOK_CREDENTIAL_TTL_MS per workflow node. */
export async function webhookCredentials(
	context: IWebhookFunctions,
	type: string,
): Promise<ICredentialDataDecryptedObject> {
	const node = context.getNode();
	const key = `${context.getWorkflow().id}|${node.id}|${type}|${node.credentials?.[type]?.id ?? ''}`;
	const now = Date.now();
	const known = remembered.get(key);
	if (known && now - known.readAt < WEBHOOK_CREDENTIAL_TTL_MS) return known.data;
	const data = await context.getCredentials(type);
	if (remembered.size >= MAX_ENTRIES) remembered.clear();
	remembered.set(key, { readAt: now, data });
	return data;
}
