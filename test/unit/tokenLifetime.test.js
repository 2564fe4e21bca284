// @ts-check
const { fetchTokenOnce, trackProviderRequest, tokensKeptForSharing, TOKEN_SHARING_MS } = require('../../dist/nodes/shared/tokens');

/** A token kept for sharing lives at most TOKEN_SHARING_MS, and no longer than the requests it served (fake clock). */
describe('tokens kept in memory for sharing', () => {
	let now = 1_000_000;
	beforeEach(() => {
		jest.spyOn(Date, 'now').mockImplementation(() => now);
	});
	afterEach(() => {
		jest.restoreAllMocks();
		// Leave nothing behind for other tests: ending the last request forgets every token.
		trackProviderRequest()();
	});
	const fetcher = (token) => async () => ({ token, result: { token } });

	test('an entry older than the limit is forgotten when the next request starts, with no token fetch in between', async () => {
		const outer = trackProviderRequest(); // a long request of another execution keeps the process busy
		await fetchTokenOnce('life-a', '', TOKEN_SHARING_MS, fetcher('T1'));
		expect(tokensKeptForSharing()).toBe(1);
		now += TOKEN_SHARING_MS - 1;
		expect(await fetchTokenOnce('life-a', 'T0', TOKEN_SHARING_MS, fetcher('T2'))).toEqual({ token: 'T1' });
		now += 1;
		const next = trackProviderRequest();
		expect(tokensKeptForSharing()).toBe(0);
		next();
		outer();
	});

	test('an entry is forgotten when the requests in flight have ended, however young it is', async () => {
		const first = trackProviderRequest();
		const second = trackProviderRequest();
		await fetchTokenOnce('life-b', '', TOKEN_SHARING_MS, fetcher('T1'));
		first();
		expect(tokensKeptForSharing()).toBe(1); // the second request may still get a 401 and present its old token
		now += 1_000;
		second();
		expect(tokensKeptForSharing()).toBe(0);
	});

	test('an entry fetched outside any request (credential test) is forgotten by the next request once it is old', async () => {
		await fetchTokenOnce('life-c', '', TOKEN_SHARING_MS, fetcher('T1'));
		now += TOKEN_SHARING_MS;
		const request = trackProviderRequest();
		expect(tokensKeptForSharing()).toBe(0);
		request();
	});

	test('ending a request twice counts once', async () => {
		const first = trackProviderRequest();
		const second = trackProviderRequest();
		await fetchTokenOnce('life-d', '', TOKEN_SHARING_MS, fetcher('T1'));
		first();
		first();
		expect(tokensKeptForSharing()).toBe(1);
		second();
		expect(tokensKeptForSharing()).toBe(0);
	});
});
