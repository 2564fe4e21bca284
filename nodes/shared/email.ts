/**
 * The one e-mail address check of both nodes: something@something.tld without spaces, at most 254
 * characters (the longest address mail servers accept, RFC 5321). Callers name the field in their
 * own message.
 */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL_LENGTH = 254;

export function isEmailAddress(text: string): boolean {
	return text.length <= MAX_EMAIL_LENGTH && EMAIL.test(text);
}
