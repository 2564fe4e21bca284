import { CanonicalJsonError, computeChecksum } from '../ClickPesa/transport/checksum';
import { hexDigestsEqual } from '../shared/webhooks';

export type Verification =
	| { outcome: 'verified'; checksumMethod: 'canonical' }
	| { outcome: 'unverified' }
	| { outcome: 'refused'; status: 400 | 401; message: string };

type Headers = Record<string, string | string[] | undefined>;

const CHECKSUM_HEADERS = ['x-clickpesa-checksum', 'checksum'];

/**
 * Checks a webhook's checksum (docs/clickpesa-api.md §7.3, with the holes of §7.4 closed): the top-level
 * `checksum` (a header only when the body has none) must be the canonical HMAC of the body minus
 * `checksum`/`checksumMethod`. Legacy checksums are refused: they join the top-level values, so the
 * `data` object is signed as the text "[object Object]" and any amount or reference could be forged.
 * Without a checksum key nothing can be checked: the call is refused, unless the user explicitly
 * accepts unsigned webhooks (then the caller marks the events unverified).
 */
export function verifyClickPesaWebhook(
	body: Record<string, unknown>,
	headers: Headers,
	checksumKey: string,
	acceptUnsigned = false,
): Verification {
	if (!checksumKey) {
		return acceptUnsigned
			? { outcome: 'unverified' }
			: refused(
					401,
					'no checksum key to verify it with: set the Checksum Key in the ClickPesa credential, or turn on Accept Unsigned Webhooks',
				);
	}

	const method = body.checksumMethod;
	if (method !== undefined && method !== null) {
		if (typeof method === 'string' && method.trim().toLowerCase() === 'legacy') {
			return refused(401, 'legacy checksums do not cover the payment data');
		}
		if (typeof method !== 'string' || method.trim().toLowerCase() !== 'canonical') {
			return refused(401, 'unsupported checksumMethod');
		}
	}

	const received = receivedChecksum(body, headers);
	if (received === undefined) return refused(401, 'the webhook has no checksum');

	let expected: string;
	try {
		expected = computeChecksum(checksumKey, body);
	} catch (error) {
		if (error instanceof CanonicalJsonError) return refused(400, 'the body is too large or too deeply nested');
		return refused(400, 'the body cannot be checked');
	}
	return hexDigestsEqual(received, expected)
		? { outcome: 'verified', checksumMethod: 'canonical' }
		: refused(401, 'the checksum does not match');
}

function receivedChecksum(body: Record<string, unknown>, headers: Headers): unknown {
	if (Object.prototype.hasOwnProperty.call(body, 'checksum') && body.checksum !== null && body.checksum !== '') {
		return body.checksum;
	}
	for (const name of CHECKSUM_HEADERS) {
		const value = headers[name];
		if (typeof value === 'string' && value !== '') return value.trim();
	}
	return undefined;
}

const refused = (status: 400 | 401, message: string): Verification => ({ outcome: 'refused', status, message });
