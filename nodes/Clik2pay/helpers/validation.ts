import { isEmailAddress } from '../../shared/email';
import { InputError } from '../../shared/errors';
import { fitsMinorUnits } from '../../shared/money';

/**
 * Checks run on every item before any HTTP call. Each returns the value to send or throws an
 * InputError naming the field; the item loop adds the node and the item.
 */

const text = (value: unknown): string =>
	typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';

const SEPARATORS = /[\s\-().]/g;

/**
 * Clik2pay takes 10-digit North American numbers without +1, spaces or dashes (docs/clik2pay-api.md §3.2).
 * Accepts `+1 (416) 555-1234`, `1-416-555-1234`, `416.555.1234`…; returns `4165551234`.
 */
export function normalizeNorthAmericanPhone(value: unknown, field: string): string {
	const raw = text(value);
	if (!raw) throw new InputError(field, `${field} is required`);
	const digits = raw.replace(SEPARATORS, '');
	const match = /^(?:\+?1)?([2-9]\d{2}[2-9]\d{6})$/.exec(digits);
	if (!match) {
		throw new InputError(
			field,
			`${field} "${raw}" is not a North American mobile number`,
			'Use a 10-digit number such as 416 555 1234 or +1 (416) 555-1234 (sent as 4165551234)',
		);
	}
	return match[1];
}

export function checkEmail(value: unknown, field: string): string {
	const email = text(value);
	if (!email) throw new InputError(field, `${field} is required`);
	if (!isEmailAddress(email)) {
		throw new InputError(field, `${field} "${email}" is not an email address`);
	}
	return email;
}

/** A CAD amount in dollars with at most two decimals, within [min, max]. */
export function checkAmount(value: unknown, field: string, min = 0.01, max?: number): number {
	const amount = typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : value;
	if (typeof amount !== 'number' || !Number.isFinite(amount)) {
		throw new InputError(field, `${field} "${String(value)}" is not a number`);
	}
	if (!fitsMinorUnits(amount, 'CAD')) {
		throw new InputError(field, `${field} ${amount} has more than 2 decimals`);
	}
	if (amount < min || (max !== undefined && amount > max)) {
		const range = max === undefined ? `at least ${min}` : `from ${min} to ${max}`;
		throw new InputError(field, `${field} must be ${range} CAD (got ${amount})`);
	}
	return amount;
}

export function checkInteger(value: unknown, field: string, min: number, max: number): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		throw new InputError(field, `${field} must be a whole number from ${min} to ${max} (got ${String(value)})`);
	}
	return number;
}

/** Text within [min, max] characters after trimming. */
export function checkText(value: unknown, field: string, min: number, max: number): string {
	const result = text(value);
	if (result.length < min || result.length > max) {
		const limit = min <= 1 ? `at most ${max}` : `${min} to ${max}`;
		throw new InputError(field, `${field} must be ${limit} characters long (got ${result.length})`);
	}
	return result;
}

/** `YYYY-MM-DD` from a date, a date-time (its date part) or a Date/Luxon object. */
export function toIsoDate(value: unknown, field: string): string {
	if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
	const raw = typeof value === 'string' ? value.trim() : value && typeof value === 'object' ? String(value) : '';
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(raw);
	if (match) {
		const [, year, month, day] = match;
		const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
		if (date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day)) return `${year}-${month}-${day}`;
	}
	throw new InputError(field, `${field} "${raw}" is not a date`, 'Use YYYY-MM-DD or an ISO date-time');
}

/**
 * Ids go into URL paths: only letters, digits and dashes (Clik2pay ids are UUIDs), so a value such
 * as `../payments` or `x?y` can never reach another endpoint.
 */
export function checkResourceId(value: unknown, field: string): string {
	const id = text(value);
	if (!id) throw new InputError(field, `${field} is empty`, 'Use the id returned when it was created');
	if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/.test(id)) {
		throw new InputError(
			field,
			`${field} "${id.slice(0, 80)}" is not a Clik2pay ID`,
			'Clik2pay IDs are UUIDs such as 8ecd810d-c0e2-40a6-8ab9-da12d72a3d6a',
		);
	}
	return id;
}

/** Clik2pay's own reference for a transaction: 6–32 characters, unique per merchant. */
export function checkMerchantTransactionId(value: unknown, field = 'Merchant Transaction ID'): string {
	return checkText(value, field, 6, 32);
}

/** True when an optional field was left empty (n8n gives '' for an untouched string). */
export function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}
