// @ts-check
/**
 * ClickPesa checksum test vectors from docs/clickpesa-api.md §6.4, computed with key `secret-key`.
 * One copy for every suite: the node's checksum, the simulator's independent one and the trigger.
 */
'use strict';

const CHECKSUM_VECTOR_KEY = 'secret-key';

/** Vector 4: the docs' PAYMENT RECEIVED webhook sample (channel M-PESA). A fresh copy per call. */
function paymentReceivedSample() {
	return {
		event: 'PAYMENT RECEIVED',
		data: {
			id: 'ORD123456LCP7890',
			status: 'SUCCESS',
			paymentReference: 'abc123def456ghi789',
			orderReference: 'ORD123456',
			collectedAmount: '10000',
			collectedCurrency: 'TZS',
			message: 'success',
			updatedAt: '2024-04-10T18:22:56.153Z',
			createdAt: '2024-04-10T18:22:16.949Z',
			channel: 'M-PESA',
			customer: { customerName: 'John Doe', customerPhoneNumber: '255700000000', customerEmail: 'john@example.com' },
		},
	};
}

const checksumVectors = [
	{
		name: '1: docs example with nested objects',
		payload: {
			amount: 100,
			currency: 'USD',
			reference: 'TX123',
			exchange: { fromCurrency: 'TZS', toCurrency: 'TZS', rate: '1', amount: '1000' },
			customer: { name: 'John Doe', email: 'john@example.com', phone: '+255123456789' },
		},
		canonical:
			'{"amount":100,"currency":"USD","customer":{"email":"john@example.com","name":"John Doe","phone":"+255123456789"},"exchange":{"amount":"1000","fromCurrency":"TZS","rate":"1","toCurrency":"TZS"},"reference":"TX123"}',
		digest: 'd777a80827f17cf7882f9ac5efa68416ec680e2d1ab72ad415228d00e4ac4957',
	},
	{
		name: '2: flat payload',
		payload: { amount: 100, currency: 'USD', reference: 'TX123' },
		canonical: '{"amount":100,"currency":"USD","reference":"TX123"}',
		digest: '17c51f37dad20682e08cd556446c7f8e99840f4040b6719712f41f7549287f33',
		legacyDigest: '85b65bf2670dcdcb8ebb8d19939e4fd59b02d5218741be2eaf9f575273b101d1',
	},
	{
		name: '3: USSD push body',
		payload: { amount: '1000', currency: 'TZS', orderReference: 'ORDER123', phoneNumber: '255712345678' },
		canonical: '{"amount":"1000","currency":"TZS","orderReference":"ORDER123","phoneNumber":"255712345678"}',
		digest: '9d6548c3728f656cef3b7ecbdc781419cb3cf48662951666dc2187193d1b704f',
	},
	{
		name: '4: PAYMENT RECEIVED webhook',
		payload: paymentReceivedSample(),
		digest: '7c34089258f1ed0587eabd70664e500e7b9176c3c4054be72cc13fb8dfda0c0a',
	},
	{
		name: '5: bulk BillPay (arrays of objects)',
		payload: {
			controlNumbers: [
				{ billAmount: 25000, billDescription: 'Order 1' },
				{ billReference: 'ORD002', billAmount: 50000 },
			],
		},
		canonical:
			'{"controlNumbers":[{"billAmount":25000,"billDescription":"Order 1"},{"billAmount":50000,"billReference":"ORD002"}]}',
		digest: 'dde2e5d078444f15afffa9f6f88aa02b1605f3dd95e0051fb569188715c7ceb2',
	},
];

module.exports = { CHECKSUM_VECTOR_KEY, checksumVectors, paymentReceivedSample };
