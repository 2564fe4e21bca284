import { secretsEqual } from '../shared/webhooks';

export type BasicAuthCheck = 'ok' | 'not-configured' | 'missing' | 'wrong';

/**
 * Checks `Authorization: Basic …` against the webhook user name and password agreed with Clik2pay
 * (docs/clik2pay-api.md §8.2). Both parts are always compared, in constant time. Without an agreed user name
 * and password nothing is accepted.
 */
export function checkBasicAuth(header: unknown, username: string, password: string): BasicAuthCheck {
	if (!username || !password) return 'not-configured';
	if (typeof header !== 'string') return 'missing';
	const match = /^\s*basic\s+(\S*)\s*$/i.exec(header);
	if (!match) return 'missing';
	// Buffer.from skips characters that are not base64; insist on the exact encoding instead.
	const token = match[1];
	const bytes = Buffer.from(token, 'base64');
	if (token === '' || bytes.toString('base64') !== token) return 'wrong';
	const decoded = bytes.toString('utf8');
	const colon = decoded.indexOf(':');
	const givenUser = colon >= 0 ? decoded.slice(0, colon) : decoded;
	const givenPassword = colon >= 0 ? decoded.slice(colon + 1) : '';
	const userMatches = secretsEqual(givenUser, username);
	const passwordMatches = secretsEqual(givenPassword, password);
	return colon >= 0 && userMatches && passwordMatches ? 'ok' : 'wrong';
}
