import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isEmailAddress } from '../../../shared/email';
import { InputError } from '../../../shared/errors';
import { fromMinorUnits, toMinorUnits } from '../../../shared/money';
import { amountAsString, checkAmount, normalizeTanzanianPhone } from '../../helpers/validation';

/** An order item as docs/clickpesa-api.md §4.12 lists it: name, price (a string), quantity. */
export type OrderItem = { name: string; price: string; quantity: number };

/** A positive whole number of units; numeric text such as "2" is accepted. */
function checkQuantity(value: unknown, field: string): number {
	const quantity = typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : value;
	if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) {
		throw new InputError(field, `${field} "${String(value)}" is not a whole number of at least 1`);
	}
	return quantity;
}

/**
 * Order items from the typed-in list or from an expression/JSON: an array of `{ name, price,
 * quantity }` (a JSON text of one is accepted too). Tolerant in what it reads (numeric strings,
 * `qty`), strict in what it sends: price as a string with at most 2 decimals, quantity as a whole
 * number (§4.12 gives no type for quantity; a JSON number is the strict choice).
 */
export function readOrderItems(value: unknown, field: string): OrderItem[] {
	let list = value;
	if (typeof list === 'string') {
		const text = list.trim();
		list = text === '' ? [] : parseJson(text);
		if (list === NOT_JSON) {
			throw new InputError(field, `${field} is not valid JSON`, 'Give an array such as [{"name": "Soap", "price": 1500, "quantity": 2}]');
		}
	}
	if (list && typeof list === 'object' && !Array.isArray(list) && Array.isArray((list as IDataObject).items)) list = (list as IDataObject).items;
	if (!Array.isArray(list)) {
		throw new InputError(field, `${field} must be an array of items`, 'Give an array such as [{"name": "Soap", "price": 1500, "quantity": 2}]');
	}
	if (list.length === 0) throw new InputError(field, `${field} is empty`, 'Add at least one item, or choose Amount From → Total Price');
	return list.map((entry: unknown, index) => {
		const label = `${field} item ${index + 1}`;
		if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw new InputError(field, `${label} is not an object with name, price and quantity`);
		const item = entry as IDataObject;
		const name = typeof item.name === 'string' ? item.name.trim() : typeof item.name === 'number' ? String(item.name) : '';
		if (!name) throw new InputError(field, `${label} has no name`);
		const price = checkAmount(item.price, `${label} price`);
		const quantity = checkQuantity(item.quantity ?? item.qty, `${label} quantity`);
		return { name, price: amountAsString(price), quantity };
	});
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return NOT_JSON;
	}
}

/** Sum of price × quantity, computed in cents so it does not drift. */
export function orderTotal(items: OrderItem[]): number {
	return fromMinorUnits(items.reduce((cents, item) => cents + (toMinorUnits(item.price) ?? 0) * item.quantity, 0));
}

export function checkEmail(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!isEmailAddress(text)) throw new InputError(field, `${field} "${String(value ?? '')}" is not an e-mail address`);
	return text;
}

/** An http or https URL (ClickPesa POSTs to it when the link is paid). */
export function checkHttpUrl(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
		throw new InputError(field, `${field} "${text}" is not an http or https URL`, 'Use a full address such as https://shop.example.com/clickpesa/callback');
	}
	return text;
}

/** The optional customer and link fields of §4.12, checked; only what is filled in is sent. */
export function readCheckoutExtras(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const extras = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	const given = (name: string) => typeof extras[name] === 'string' && (extras[name] as string).trim() !== '';
	if (given('customerName')) body.customerName = (extras.customerName as string).trim();
	if (given('customerEmail')) body.customerEmail = checkEmail(extras.customerEmail, 'Customer Email');
	if (given('customerPhone')) body.customerPhone = normalizeTanzanianPhone(extras.customerPhone, 'Customer Phone');
	if (given('description')) body.description = (extras.description as string).trim();
	if (given('callbackUrl')) body.callbackUrl = checkHttpUrl(extras.callbackUrl, 'Callback URL');
	if (extras.resumeWhenPaid === true) {
		if (body.callbackUrl !== undefined) {
			throw new InputError(
				'Resume This Workflow When Paid',
				'Resume This Workflow When Paid sets the callback URL itself, and a Callback URL is given too',
				'Remove the Callback URL, or turn the option off',
			);
		}
		// n8n's resume URL of this execution, with the token n8n checks when it is called.
		body.callbackUrl = String(context.evaluateExpression('{{ $execution.resumeUrl }}', itemIndex));
	}
	return body;
}
