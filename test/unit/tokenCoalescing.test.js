// @ts-check
const { fetchTokenOnce } = require('../../dist/nodes/shared/tokens');

describe('fetchTokenOnce', () => {
	const HOUR = 3_600_000;
	let fetches = 0;
	const fetcher = (token) => async () => {
		fetches++;
		await new Promise((resolve) => setTimeout(resolve, 20));
		return { token, result: { token } };
	};
	beforeEach(() => {
		fetches = 0;
	});

	test('parallel callers with no token share one fetch', async () => {
		const results = await Promise.all(Array.from({ length: 5 }, () => fetchTokenOnce('acct-a', '', HOUR, fetcher('T1'))));
		expect(results).toEqual(Array(5).fill({ token: 'T1' }));
		expect(fetches).toBe(1);
	});

	test('a caller still holding an older token gets the newer one without a fetch', async () => {
		await fetchTokenOnce('acct-b', '', HOUR, fetcher('T1'));
		expect(await fetchTokenOnce('acct-b', 'T0', HOUR, fetcher('T2'))).toEqual({ token: 'T1' });
		expect(fetches).toBe(1);
	});

	test('the holder of the newest token that got a 401 causes a real refresh', async () => {
		await fetchTokenOnce('acct-c', '', HOUR, fetcher('T1'));
		expect(await fetchTokenOnce('acct-c', 'T1', HOUR, fetcher('T2'))).toEqual({ token: 'T2' });
		expect(fetches).toBe(2);
	});

	test('a remembered token older than the reuse limit is not handed out', async () => {
		await fetchTokenOnce('acct-d', '', 0, fetcher('T1'));
		expect(await fetchTokenOnce('acct-d', '', 0, fetcher('T2'))).toEqual({ token: 'T2' });
		expect(fetches).toBe(2);
	});

	test('a failed fetch is not remembered and reaches every waiting caller', async () => {
		const failing = async () => {
			fetches++;
			throw new Error('refused');
		};
		const results = await Promise.allSettled([fetchTokenOnce('acct-e', '', HOUR, failing), fetchTokenOnce('acct-e', '', HOUR, failing)]);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
		expect(fetches).toBe(1);
		expect(await fetchTokenOnce('acct-e', '', HOUR, fetcher('T9'))).toEqual({ token: 'T9' });
	});
});
