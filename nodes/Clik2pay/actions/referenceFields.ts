import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { checkMerchantTransactionId, checkText, isBlank } from '../helpers/validation';

/**
 * The optional reconciliation fields Payment Requests and Payments (Send Money) share: merchant
 * transaction ID, invoice number, business unit and display message.
 * @param shownTo who reads the display message ('payer' or 'recipient')
 * @param twiceWhat what a repeated merchant transaction ID protects against
 */
export function referenceFieldOptions(shownTo: string, twiceWhat: string): INodeProperties[] {
	return [
		{
			displayName: 'Business Unit',
			name: 'businessUnit',
			type: 'string',
			default: '',
			description: 'Your unit, department or division (at most 50 characters)',
		},
		{
			displayName: 'Display Message',
			name: 'displayMessage',
			type: 'string',
			default: '',
			description: `Shown to the ${shownTo} on the Interac page (3 to 250 characters)`,
		},
		{
			displayName: 'Invoice Number',
			name: 'invoiceNumber',
			type: 'string',
			default: '',
			description: 'For your reconciliation (at most 50 characters)',
		},
		{
			displayName: 'Merchant Transaction ID',
			name: 'merchantTransactionId',
			type: 'string',
			default: '',
			description: `Your own reference, 6 to 32 characters, unique across all your Clik2pay transactions. Recommended: Clik2pay refuses a repeated ID, which protects against ${twiceWhat} twice.`,
		},
	];
}

/** Collection options in the alphabetical order n8n's lint asks for. */
export function sortedOptions(options: INodeProperties[]): INodeProperties[] {
	return [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Checks the shared fields the user set and returns them as they are sent. */
export function readReferenceFields(extra: IDataObject): IDataObject {
	const fields: IDataObject = {};
	if (!isBlank(extra.merchantTransactionId)) fields.merchantTransactionId = checkMerchantTransactionId(extra.merchantTransactionId);
	if (!isBlank(extra.invoiceNumber)) fields.invoiceNumber = checkText(extra.invoiceNumber, 'Invoice Number', 1, 50);
	if (!isBlank(extra.businessUnit)) fields.businessUnit = checkText(extra.businessUnit, 'Business Unit', 1, 50);
	if (!isBlank(extra.displayMessage)) fields.displayMessage = checkText(extra.displayMessage, 'Display Message', 3, 250);
	return fields;
}
