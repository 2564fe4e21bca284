import { textAt } from '../../shared/providerError';
import type { ProviderErrors } from '../../shared/send';

/**
 * Clik2pay's error bodies are not documented (docs/clik2pay-api.md §5.2): integrations read
 * `detail` (problem-details style, with `title`), others `message` or `errorDescription`; the
 * token endpoint answers OAuth's `error` / `error_description`.
 */
export function clik2payMessage(body: unknown): string | undefined {
	return textAt(body, ['message', 'detail', 'errorDescription', 'error_description', 'error', 'title']);
}

/** Clik2pay as its failures are told: its name and how its error bodies are read. */
export const CLIK2PAY: ProviderErrors = { name: 'Clik2pay', messageOf: clik2payMessage };
