import type { IDataObject } from 'n8n-workflow';

import { isEmailAddress } from '../../../shared/email';
import { InputError } from '../../../shared/errors';
import { checkAmount, checkReference, normalizeTanzanianPhone } from '../../helpers/validation';

/**
 * BillPay request bodies (docs/clickpesa-api.md §4.7.1), built and checked before any HTTP call. Amounts are
 * JSON numbers here (collections use strings). Only fields the user set are sent.
 */

export type BillKind = 'order' | 'customer';

export const PAYMENT_MODES = ['ALLOW_PARTIAL_AND_OVER_PAYMENT', 'EXACT'] as const;
export const BILL_STATUSES = ['ACTIVE', 'INACTIVE'] as const;
export const MAX_BILL_REFERENCE_LENGTH = 20;
export const MAX_DESCRIPTION_LENGTH = 500;

/** What the user gave for one control number, straight from the node parameters. */
export type BillItemInput = {
	billReference?: unknown;
	billAmount?: unknown;
	billDescription?: unknown;
	billPaymentMode?: unknown;
	billMaxCollectionAmount?: unknown;
	customerName?: unknown;
	customerEmail?: unknown;
	customerPhone?: unknown;
};

export type BillUpdateInput = {
	billStatus?: unknown;
	billAmount?: unknown;
	billDescription?: unknown;
	billPaymentMode?: unknown;
	billMaxCollectionAmount?: unknown;
};

/** Empty parameters (unset collection fields, blank expressions) mean "not given". */
function isGiven(value: unknown): boolean {
	return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

function text(value: unknown): string {
	return typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
}

export function checkBillPayNumber(value: unknown): string {
	return checkReference(value, 'BillPay Number');
}

function checkDescription(value: unknown): string {
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw new InputError('Description', 'Description must be text');
	}
	const description = String(value).trim();
	if (description.length > MAX_DESCRIPTION_LENGTH) {
		throw new InputError(
			'Description',
			`Description is ${description.length} characters long; ClickPesa accepts at most ${MAX_DESCRIPTION_LENGTH}`,
		);
	}
	return description;
}

function checkChoice<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
	const choice = text(value).toUpperCase() as T;
	if (!allowed.includes(choice)) {
		throw new InputError(field, `${field} "${text(value)}" is not one of ${allowed.join(', ')}`);
	}
	return choice;
}

function checkMaxCollection(max: number, amount: number | undefined): void {
	if (amount !== undefined && max < amount) {
		throw new InputError(
			'Max Collection Amount',
			`Max Collection Amount ${max} is less than Amount ${amount}`,
			'The cap on the total collected must be at least the bill amount',
		);
	}
}

/** Amount, description, payment mode and max collection amount: shared by create and update. */
function billTerms(input: BillItemInput | BillUpdateInput, body: IDataObject): void {
	if (isGiven(input.billAmount)) body.billAmount = checkAmount(input.billAmount, 'Amount');
	if (isGiven(input.billDescription)) body.billDescription = checkDescription(input.billDescription);
	if (isGiven(input.billPaymentMode)) body.billPaymentMode = checkChoice(input.billPaymentMode, 'Payment Mode', PAYMENT_MODES);
	if (isGiven(input.billMaxCollectionAmount)) {
		body.billMaxCollectionAmount = checkAmount(input.billMaxCollectionAmount, 'Max Collection Amount');
		checkMaxCollection(body.billMaxCollectionAmount as number, body.billAmount as number | undefined);
	}
}

/** The body of one order or customer control number; throws an InputError naming the field. */
export function buildBillItem(input: BillItemInput, kind: BillKind): IDataObject {
	const body: IDataObject = {};
	if (isGiven(input.billReference)) {
		body.billReference = checkReference(input.billReference, 'Bill Reference', MAX_BILL_REFERENCE_LENGTH);
	}
	billTerms(input, body);
	// ClickPesa applies the payment mode only together with an amount (docs/clickpesa-api.md §4.7.1).
	if (body.billPaymentMode !== undefined && body.billAmount === undefined) {
		if (body.billPaymentMode === 'EXACT') {
			throw new InputError('Payment Mode', 'Payment Mode EXACT needs an Amount', 'Set the Amount the customer must pay exactly');
		}
		delete body.billPaymentMode;
	}
	if (kind === 'customer') Object.assign(body, customerFields(input));
	return body;
}

function customerFields(input: BillItemInput): IDataObject {
	const name = text(input.customerName);
	if (!name) throw new InputError('Customer Name', 'Customer Name is empty', 'A customer control number needs the customer’s name');
	const fields: IDataObject = { customerName: name };
	if (isGiven(input.customerEmail)) {
		const email = text(input.customerEmail);
		if (!isEmailAddress(email)) throw new InputError('Customer Email', `Customer Email "${email}" is not an email address`);
		fields.customerEmail = email;
	}
	if (isGiven(input.customerPhone)) fields.customerPhone = normalizeTanzanianPhone(input.customerPhone, 'Customer Phone');
	if (fields.customerEmail === undefined && fields.customerPhone === undefined) {
		throw new InputError(
			'Customer Email',
			'A customer control number needs the customer’s email or phone number (or both)',
			'Fill in Customer Email or Customer Phone',
		);
	}
	return fields;
}

/** The PATCH body: only the fields the user set, at least one. */
export function buildBillUpdate(input: BillUpdateInput): IDataObject {
	const body: IDataObject = {};
	if (isGiven(input.billStatus)) body.billStatus = checkChoice(input.billStatus, 'Status', BILL_STATUSES);
	if (input.billDescription !== undefined && !isGiven(input.billDescription)) {
		throw new InputError('Description', 'Description is empty', 'Remove the field to leave the description unchanged');
	}
	billTerms(input, body);
	if (Object.keys(body).length === 0) {
		throw new InputError(
			'Update Fields',
			'Nothing to update: add at least one field under Update Fields',
			'Status, Amount, Description, Payment Mode or Max Collection Amount',
		);
	}
	return body;
}
