import { createHash, timingSafeEqual } from 'crypto';

const LOWERCASE_HEX = /^[0-9a-f]+$/;

/**
 * Compares a received hex digest with the expected one without leaking where they differ. Only
 * lowercase hex of the same length is compared; anything else is simply unequal.
 */
export function hexDigestsEqual(received: unknown, expected: string): boolean {
	if (typeof received !== 'string' || received.length !== expected.length) return false;
	const normalised = received.toLowerCase();
	if (!LOWERCASE_HEX.test(normalised) || !LOWERCASE_HEX.test(expected)) return false;
	return timingSafeEqual(Buffer.from(normalised, 'hex'), Buffer.from(expected, 'hex'));
}

/**
 * Compares two secrets (passwords, user names) in constant time: both sides are hashed first, so
 * neither the content nor the length of the expected value leaks through timing.
 */
export function secretsEqual(received: string, expected: string): boolean {
	const a = createHash('sha256').update(received, 'utf8').digest();
	const b = createHash('sha256').update(expected, 'utf8').digest();
	return timingSafeEqual(a, b);
}
