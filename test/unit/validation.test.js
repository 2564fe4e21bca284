// @ts-check
const {
	normalizeTanzanianPhone,
	checkReference,
	checkAmount,
	toQueryDate,
} = require('../../dist/nodes/ClickPesa/helpers/validation');
const { InputError } = require('../../dist/nodes/shared/errors');

describe('Tanzanian phone numbers', () => {
	test.each([
		['0712 345 678', '255712345678'],
		['+255712345678', '255712345678'],
		['255712345678', '255712345678'],
		['712345678', '255712345678'],
		['+255 (0)65-123-4567'.replace('(0)', ''), '255651234567'],
		[' 0687 000 111 ', '255687000111'],
	])('%s → %s', (input, expected) => {
		expect(normalizeTanzanianPhone(input)).toBe(expected);
	});

	test.each([['12345'], ['0812345678'], ['25571234567'], ['+254712345678'], ['07123456789'], [''], ['abc']])(
		'%s is refused with the field named',
		(input) => {
			expect(() => normalizeTanzanianPhone(input, 'Phone Number')).toThrow(InputError);
			expect(() => normalizeTanzanianPhone(input, 'Phone Number')).toThrow(/^Phone Number ".*" is not a Tanzanian mobile number$/);
		},
	);
});

describe('references', () => {
	test('letters and digits pass', () => {
		expect(checkReference('INV10023', 'Order Reference')).toBe('INV10023');
		expect(checkReference(12345, 'Order Reference')).toBe('12345');
	});
	test.each([['INV-1'], ['INV_1'], ['INV 1'], [''], ['ÄB1']])('%j is refused', (input) => {
		expect(() => checkReference(input, 'Order Reference')).toThrow(/Order Reference/);
	});
	test('max length is enforced when given', () => {
		expect(() => checkReference('A'.repeat(21), 'Bill Reference', 20)).toThrow('longer than 20');
	});
});

describe('amounts', () => {
	test.each([
		[1000, 1000],
		['1500', 1500],
		[10.5, 10.5],
		['0.01', 0.01],
	])('%j → %j', (input, expected) => expect(checkAmount(input)).toBe(expected));
	test.each([[0], [-5], ['abc'], [1.234], [Number.NaN], [null], ['']])('%j is refused', (input) => {
		expect(() => checkAmount(input, 'Amount')).toThrow(/^Amount/);
	});
});

describe('query dates', () => {
	test.each([
		['2026-11-23', '2026-11-23'],
		['2026-11-23T10:00:00.000+03:00', '2026-11-23'],
		['23-11-2026', '23-11-2026'],
	])('%s → %s', (input, expected) => expect(toQueryDate(input, 'Start Date')).toBe(expected));
	test('garbage is refused naming the field', () => {
		expect(() => toQueryDate('next tuesday', 'Start Date')).toThrow(/^Start Date "next tuesday" is not a date$/);
	});
});
