'use strict';

const { Router } = require('../../simulator/router');
const { SlidingWindowLimiter } = require('../../simulator/clickpesa/rate-limiter');
const { RequestLog } = require('../../simulator/request-log');

describe('simulator building blocks', () => {
	test('router: a literal segment beats a parameter whatever the registration order', () => {
		const router = new Router();
		router.add('GET', '/payments/:orderReference', 'one');
		router.add('GET', '/payments/all', 'all');
		expect(router.match('GET', '/payments/all')).toMatchObject({ value: 'all', template: '/payments/all' });
		expect(router.match('GET', '/payments/all/')).toMatchObject({ value: 'all' });
		expect(router.match('GET', '/payments/ORD%201')).toEqual({
			value: 'one',
			template: '/payments/:orderReference',
			params: expect.objectContaining({ orderReference: 'ORD 1' }),
		});
		expect(router.match('POST', '/payments/all')).toBeNull();
		expect(router.match('GET', '/payments/')).toBeNull();
		expect(router.match('GET', '/payments/a/b')).toBeNull();
	});

	test('rate limiter: sliding 60 s window; refused requests do not count', () => {
		const limiter = new SlidingWindowLimiter();
		const now = jest.spyOn(Date, 'now');
		try {
			const at = (ms) => {
				now.mockReturnValue(1_000_000 + ms);
				return limiter.admit('127.0.0.1', 2);
			};
			expect(at(0)).toBe(true);
			expect(at(10)).toBe(true);
			expect(at(20)).toBe(false);
			expect(at(59_999)).toBe(false);
			expect(limiter.admit('10.0.0.1', 2)).toBe(true); // per address
			expect(at(60_001)).toBe(true); // the request at 0 left the window; the refused ones never entered
			expect(at(60_002)).toBe(false);
			expect(limiter.admit('127.0.0.1', 0)).toBe(true); // 0 = no limit
		} finally {
			now.mockRestore();
		}
	});

	test('request log: a bounded ring buffer, counters keep counting past it', () => {
		const log = new RequestLog(3);
		for (let i = 0; i < 5; i++) {
			log.record({
				time: String(i),
				provider: 'clickpesa',
				method: 'GET',
				path: `/p/${i}`,
				route: 'clickpesa GET /p/:id',
				status: i === 4 ? null : 200,
				outcome: i === 4 ? 'reset' : 'response',
				durationMs: 1,
			});
		}
		expect(log.recent(10).map((entry) => entry.path)).toEqual(['/p/2', '/p/3', '/p/4']);
		expect(log.recent(2).map((entry) => entry.path)).toEqual(['/p/3', '/p/4']);
		expect(log.stats()).toEqual({
			counts: { 'clickpesa GET /p/:id': { total: 5, byStatus: { 200: 4, reset: 1 } } },
			totalRequests: 5,
		});
	});
});
