// @ts-check
const {
	normalizeNorthAmericanPhone,
	checkEmail,
	checkAmount,
	checkInteger,
	checkText,
	toIsoDate,
	checkResourceId,
	checkMerchantTransactionId,
	isBlank,
} = require('../../dist/nodes/Clik2pay/helpers/validation');
const { InputError } = require('../../dist/nodes/shared/errors');

describe('North American mobile numbers', () => {
	test.each([
		['+1 (416) 555-1234', '4165551234'],
		['4165551234', '4165551234'],
		['416-555-1234', '4165551234'],
		['416.555.1234', '4165551234'],
		['1 416 555 1234', '4165551234'],
		['+14165551234', '4165551234'],
		[' (250) 555 0199 ', '2505550199'],
		[4165551234, '4165551234'],
	])('%s → %s', (input, expected) => {
		expect(normalizeNorthAmericanPhone(input, 'Payer Mobile Number')).toBe(expected);
	});

	test.each([
		['12345'],
		['41655512345'],
		['+44 20 7946 0958'],
		['0165551234'], // area codes never start with 0 or 1
		['4161551234'], // nor do exchanges
		['+2 416 555 1234'],
		['416555123a'],
	])('%s is refused naming the field', (input) => {
		let error;
		try {
			normalizeNorthAmericanPhone(input, 'Recipient Mobile Number');
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(InputError);
		expect(error.field).toBe('Recipient Mobile Number');
		expect(error.message).toBe(`Recipient Mobile Number "${input}" is not a North American mobile number`);
		expect(error.hint).toMatch(/sent as 4165551234/);
	});

	test('an empty number is reported as required', () => {
		expect(() => normalizeNorthAmericanPhone('  ', 'Recipient Mobile Number')).toThrow('Recipient Mobile Number is required');
	});
});

describe('emails', () => {
	test('valid addresses are trimmed and kept', () => {
		expect(checkEmail(' jane.doe+x@example.co ', 'Payer Email')).toBe('jane.doe+x@example.co');
	});
	test.each([['jane'], ['jane@'], ['@example.com'], ['jane doe@example.com'], ['jane@example']])('%s is refused', (input) => {
		expect(() => checkEmail(input, 'Payer Email')).toThrow(`Payer Email "${input}" is not an email address`);
	});
	test('empty is required', () => {
		expect(() => checkEmail('', 'Recipient Email')).toThrow('Recipient Email is required');
	});
});

describe('amounts', () => {
	test('numbers and numeric text within the range pass', () => {
		expect(checkAmount(0.01, 'Amount', 0.01, 10000)).toBe(0.01);
		expect(checkAmount('10000', 'Amount', 0.01, 10000)).toBe(10000);
		expect(checkAmount(25.5, 'Amount')).toBe(25.5);
		expect(checkAmount(50000, 'Amount')).toBe(50000);
	});
	test.each([
		[0, 'Amount must be from 0.01 to 10000 CAD (got 0)'],
		[10000.01, 'Amount must be from 0.01 to 10000 CAD (got 10000.01)'],
		[-5, 'Amount must be from 0.01 to 10000 CAD (got -5)'],
		[1.234, 'Amount 1.234 has more than 2 decimals'],
		['abc', 'Amount "abc" is not a number'],
		['', 'Amount "" is not a number'],
		[NaN, 'Amount "NaN" is not a number'],
	])('%p is refused: %s', (input, message) => {
		expect(() => checkAmount(input, 'Amount', 0.01, 10000)).toThrow(message);
	});
	test('without a maximum the message says "at least"', () => {
		expect(() => checkAmount(0, 'Amount')).toThrow('Amount must be at least 0.01 CAD (got 0)');
	});
});

describe('text, integers and dates', () => {
	test('text length limits', () => {
		expect(checkText('  Order 1 ', 'Display Message', 3, 250)).toBe('Order 1');
		expect(() => checkText('hi', 'Display Message', 3, 250)).toThrow('Display Message must be 3 to 250 characters long (got 2)');
		expect(() => checkText('x'.repeat(51), 'Invoice Number', 1, 50)).toThrow('Invoice Number must be at most 50 characters long (got 51)');
		expect(checkMerchantTransactionId('ORD-000123')).toBe('ORD-000123');
		expect(() => checkMerchantTransactionId('abc')).toThrow('Merchant Transaction ID must be 6 to 32 characters long (got 3)');
		expect(() => checkMerchantTransactionId('x'.repeat(33))).toThrow('Merchant Transaction ID must be 6 to 32 characters long (got 33)');
	});
	test('integers', () => {
		expect(checkInteger(30, 'Expiry Days', 1, 365)).toBe(30);
		expect(checkInteger('365', 'Expiry Days', 1, 365)).toBe(365);
		expect(() => checkInteger(0, 'Expiry Days', 1, 365)).toThrow('Expiry Days must be a whole number from 1 to 365 (got 0)');
		expect(() => checkInteger(2.5, 'Expiry Days', 1, 365)).toThrow('Expiry Days must be a whole number from 1 to 365 (got 2.5)');
	});
	test('dates become YYYY-MM-DD', () => {
		expect(toIsoDate('2030-01-31', 'Due Date')).toBe('2030-01-31');
		expect(toIsoDate('2030-01-31T00:00:00', 'Due Date')).toBe('2030-01-31');
		expect(toIsoDate('2030-01-31T23:59:59.000+05:00', 'Due Date')).toBe('2030-01-31');
		expect(toIsoDate(new Date(Date.UTC(2030, 0, 31)), 'Due Date')).toBe('2030-01-31');
		expect(() => toIsoDate('2030-02-30', 'Due Date')).toThrow('Due Date "2030-02-30" is not a date');
		expect(() => toIsoDate('31/01/2030', 'Delivery Date')).toThrow('Delivery Date "31/01/2030" is not a date');
	});
	test('blank detection', () => {
		expect([undefined, null, '', '  '].every(isBlank)).toBe(true);
		expect([0, 'x', false].some(isBlank)).toBe(false);
	});
});

describe('ids used in URL paths', () => {
	test('UUIDs and similar ids pass', () => {
		expect(checkResourceId(' 8ecd810d-c0e2-40a6-8ab9-da12d72a3d6a ', 'Payment Request ID')).toBe('8ecd810d-c0e2-40a6-8ab9-da12d72a3d6a');
		expect(checkResourceId('ABC123', 'Refund ID')).toBe('ABC123');
	});
	test.each([['../payments'], ['abc/refunds'], ['abc?x=1'], ['abc#x'], ['a b'], ['%2e%2e'], ['-abc'], ['x'.repeat(65)]])(
		'%s is refused before any request',
		(input) => {
			expect(() => checkResourceId(input, 'Payment Request ID')).toThrow(/^Payment Request ID ".*" is not a Clik2pay ID$/);
		},
	);
	test('empty ids are reported', () => {
		expect(() => checkResourceId('', 'Refund ID')).toThrow('Refund ID is empty');
	});
});
