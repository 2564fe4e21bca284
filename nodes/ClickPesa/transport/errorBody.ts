import { textAt } from '../../shared/providerError';
import type { ProviderErrors } from '../../shared/send';

/**
 * ClickPesa's error bodies: `{"message": "..."}` (docs/clickpesa-api.md §3, §8), or NestJS
 * validation answers `{"statusCode": 400, "message": ["…", "…"], "error": "Bad Request"}`.
 */
export function clickPesaMessage(body: unknown): string | undefined {
	return textAt(body, ['message', 'error']);
}

/** ClickPesa as its failures are told: its name and how its error bodies are read. */
export const CLICKPESA: ProviderErrors = { name: 'ClickPesa', messageOf: clickPesaMessage };
