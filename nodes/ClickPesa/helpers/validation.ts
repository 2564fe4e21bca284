import { InputError } from '../../shared/errors';
import { fitsMinorUnits } from '../../shared/money';

/**
 * Checks run on every item before any HTTP call. Each returns the value to send or throws an
 * InputError naming the field; the item loop adds the node and the item.
 */
const SEPARATORS = /[\s\-().]/g;

/** Accepts 0712 345 678, +255712345678, 255712345678 and 712345678; returns 255XXXXXXXXX. */
export function normalizeTanzanianPhone(value: unknown, field = 'Phone Number'): string {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
	const digits = text.trim().replace(SEPARATORS, '');
	const match = /^(?:\+?255|0)?([67]\d{8})$/.exec(digits);
	if (!match) {
		throw new InputError(
			field,
			`${field} "${text}" is not a Tanzanian mobile number`,
			'Use a number such as 0712 345 678, +255712345678, 255712345678 or 712345678',
		);
	}
	return `255${match[1]}`;
}

/** ClickPesa accepts letters and digits only (no '-', '_' or spaces) in order and bill references. */
export function checkReference(value: unknown, field: string, maxLength?: number): string {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!text) throw new InputError(field, `${field} is empty`, 'Give each payment a unique reference of letters and digits');
	if (!/^[A-Za-z0-9]+$/.test(text)) {
		throw new InputError(
			field,
			`${field} "${text}" may only contain letters and digits`,
			"ClickPesa rejects '-', '_', spaces and other symbols in references",
		);
	}
	if (maxLength !== undefined && text.length > maxLength) {
		throw new InputError(field, `${field} "${text}" is longer than ${maxLength} characters`);
	}
	return text;
}

/** A positive amount with at most two decimals; returns it as a number. */
export function checkAmount(value: unknown, field = 'Amount'): number {
	const amount = typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : value;
	if (typeof amount !== 'number' || !Number.isFinite(amount)) {
		throw new InputError(field, `${field} "${String(value)}" is not a number`);
	}
	if (amount <= 0) throw new InputError(field, `${field} must be greater than 0 (got ${amount})`);
	if (!fitsMinorUnits(amount)) {
		throw new InputError(field, `${field} ${amount} has more than 2 decimals`);
	}
	return amount;
}

/** ClickPesa types collection amounts as strings. */
export function amountAsString(amount: number): string {
	return String(amount);
}

/** Dates for ClickPesa queries: YYYY-MM-DD from an ISO date/date-time, a Date, or YYYY-MM-DD / DD-MM-YYYY text. */
export function toQueryDate(value: unknown, field: string): string {
	if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
	const text = typeof value === 'string' ? value.trim() : typeof value === 'object' && value ? String(value) : '';
	if (/^\d{2}-\d{2}-\d{4}$/.test(text)) return text;
	const match = /^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$/.exec(text);
	if (match && !Number.isNaN(Date.parse(match[1]))) return match[1];
	throw new InputError(field, `${field} "${text}" is not a date`, 'Use YYYY-MM-DD, DD-MM-YYYY or an ISO date-time');
}

/** A text field that must not be empty, e.g. an account number; returns it trimmed. */
export function checkRequiredText(value: unknown, field: string, hint?: string): string {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!text) throw new InputError(field, `${field} is empty`, hint);
	return text;
}

/** A bank's BIC (SWIFT code): 8 or 11 letters and digits, e.g. CORUTZTZ; returns it in capitals. */
export function checkBic(value: unknown, field = 'Bank'): string {
	const text = (typeof value === 'string' ? value : '').trim().toUpperCase();
	if (!/^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/.test(text)) {
		throw new InputError(
			field,
			text ? `${field} "${text}" is not a bank BIC` : `${field} is empty`,
			'Choose the bank from the list, or give its BIC (8 or 11 characters, e.g. CORUTZTZ) as ClickPesa lists it',
		);
	}
	return text;
}

/** What a TanQR string always contains (docs/clickpesa-api.md §4.10). */
const TANQR_MARKER = 'tz.go.bot.tips';

/**
 * A Lipa Namba payout goes to exactly one of: a Lipa Namba with its provider, or a whole TanQR
 * string (docs/clickpesa-api.md §4.10). Returns the body fields for the one given.
 */
export function checkLipaNambaRecipient(given: { lipaNamba: unknown; providerCode: unknown; qrCode: unknown }): Record<string, string> {
	const text = (value: unknown) => (typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '');
	const lipaNamba = text(given.lipaNamba);
	const providerCode = text(given.providerCode);
	const qrCode = text(given.qrCode);
	const byNumber = lipaNamba !== '' || providerCode !== '';
	if (byNumber && qrCode) {
		throw new InputError(
			'Lipa Namba',
			'Give either Lipa Namba and Provider, or TanQR Code, not both',
			'ClickPesa pays a Lipa Namba payout to exactly one of them',
		);
	}
	if (!byNumber && !qrCode) {
		throw new InputError('Lipa Namba', 'Give either Lipa Namba and Provider, or TanQR Code', 'Both are empty');
	}
	if (qrCode) {
		if (!qrCode.includes(TANQR_MARKER)) {
			throw new InputError('TanQR Code', `TanQR Code is not a TanQR string: it does not contain "${TANQR_MARKER}"`, 'Paste the whole text read from the merchant’s QR code');
		}
		return { qrCode };
	}
	if (!lipaNamba) throw new InputError('Lipa Namba', 'Lipa Namba is empty, but a Provider is given', 'Give the merchant’s Lipa Namba with its provider');
	if (!providerCode) throw new InputError('Provider', `Provider is empty: choose the provider of Lipa Namba "${lipaNamba}"`);
	return { lipaNamba, providerCode };
}

/** A number of seconds of 0 or more; returns it in milliseconds. */
export function checkSeconds(value: unknown, field: string): number {
	const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : value;
	if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
		throw new InputError(field, `${field} must be a number of seconds, 0 or more (got ${String(value)})`);
	}
	return Math.round(seconds * 1000);
}
