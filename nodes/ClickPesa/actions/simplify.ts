import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { decimalAmount } from '../../shared/money';
import { clickPesaPaymentState } from './paymentState';

/**
 * The Simplify option as n8n's own nodes offer it: on by default, a flat record of the fields people
 * read; off, ClickPesa's answer as it came.
 */
export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simple',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/** Node version from which Payment → Get Status / Get Many offer Simplify (version 1 keeps the raw answer). */
export const SIMPLIFY_PAYMENTS_SINCE = 1.1;

/** Simplify for the existing payment operations: shown from version 1.1, so saved version-1 workflows keep their output. */
export const paymentSimplifyField: INodeProperties = {
	...simplifyField,
	displayOptions: { show: { '@version': [{ _cnd: { gte: SIMPLIFY_PAYMENTS_SINCE } }] } },
};

/** Whether a payment operation should simplify: never on version 1, where the option did not exist. */
export function simplifyPayments(context: IExecuteFunctions, itemIndex: number): boolean {
	if (context.getNode().typeVersion < SIMPLIFY_PAYMENTS_SINCE) return false;
	return context.getNodeParameter('simple', itemIndex, true) === true;
}

/** A number from ClickPesa's number-or-string amounts (docs/clickpesa-api.md §3.3); null when it is neither. */
export function amountOf(value: unknown): number | null {
	return decimalAmount(value) ?? null;
}

function text(value: unknown): string | null {
	return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * What a billing team reads of a payment record (§4.5, §4.6): reference, amount, currency, status,
 * channel, customer and dates, flat, with the shared `paymentState` beside ClickPesa's `status`. `amount` is a number whatever type ClickPesa sent (§3.3);
 * `customerPhone` falls back to the paying number (`paymentPhoneNumber`).
 */
export function simplifyPayment(payment: IDataObject): IDataObject {
	const customer = (payment.customer && typeof payment.customer === 'object' ? payment.customer : {}) as IDataObject;
	return {
		orderReference: payment.orderReference ?? null,
		amount: amountOf(payment.collectedAmount),
		currency: payment.collectedCurrency ?? null,
		status: payment.status ?? null,
		paymentState: clickPesaPaymentState(payment.status),
		channel: payment.channel ?? null,
		customerName: text(customer.customerName),
		customerPhone: text(customer.customerPhoneNumber) ?? text(payment.paymentPhoneNumber),
		customerEmail: text(customer.customerEmail),
		paymentReference: payment.paymentReference ?? null,
		message: payment.message ?? null,
		createdAt: payment.createdAt ?? null,
		updatedAt: payment.updatedAt ?? null,
	};
}
