/**
 * Amounts as both providers send and take them: numbers, or decimal text ("1047.10"). Whenever
 * amounts are compared or added up they are first turned into whole minor units (cents), never
 * handled as floating-point numbers.
 */

/** Digits after the decimal point of each currency (ISO 4217); a currency not listed has 2. */
const MINOR_DIGITS: Readonly<Record<string, number>> = { TZS: 2, USD: 2, CAD: 2 };

const DECIMAL_TEXT = /^\s*-?\d+(\.\d+)?\s*$/;

const scale = (currency?: string) => 10 ** (MINOR_DIGITS[String(currency ?? '').toUpperCase()] ?? 2);

/** A finite number, or decimal text such as "1047.10"; undefined for anything else. */
export function decimalAmount(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	return typeof value === 'string' && DECIMAL_TEXT.test(value) ? Number(value) : undefined;
}

/** The amount in whole minor units of its currency (1047.10 → 104710); undefined when it is no amount. */
export function toMinorUnits(value: unknown, currency?: string): number | undefined {
	const amount = decimalAmount(value);
	return amount === undefined ? undefined : Math.round(amount * scale(currency));
}

/** Minor units back to the amount (104710 → 1047.1). */
export function fromMinorUnits(minor: number, currency?: string): number {
	return minor / scale(currency);
}

/** Both are amounts, and equal in minor units. */
export function sameAmount(a: unknown, b: unknown, currency?: string): boolean {
	const minorA = toMinorUnits(a, currency);
	return minorA !== undefined && minorA === toMinorUnits(b, currency);
}

/** The amount has no more digits after the decimal point than its currency has minor units. */
export function fitsMinorUnits(amount: number, currency?: string): boolean {
	const minor = toMinorUnits(amount, currency);
	return minor !== undefined && fromMinorUnits(minor, currency) === amount;
}
