/**
 * n8n calls a credential's preAuthentication whenever a request finds the token empty or gets a
 * 401, with no lock: items sent in parallel would each fetch a token. Within this process, one
 * fetch per account is shared by everyone who asks while it runs, and a token fetched moments
 * ago by someone else is handed out instead of fetching again. (Each n8n process, such as a
 * queue-mode worker, still fetches its own first token.)
 */
type Fetched<T> = { result: T; token: string; at: number };

const inFlight = new Map<string, Promise<Fetched<unknown>>>();
const latest = new Map<string, Fetched<unknown>>();

export async function fetchTokenOnce<T>(
	accountKey: string,
	presentedToken: unknown,
	maxAgeMs: number,
	fetchToken: () => Promise<{ result: T; token: string }>,
): Promise<T> {
	const known = latest.get(accountKey) as Fetched<T> | undefined;
	// Someone already replaced the token this caller holds (empty, or the one that just got a 401).
	if (known && known.token !== presentedToken && Date.now() - known.at < maxAgeMs) return known.result;

	let pending = inFlight.get(accountKey) as Promise<Fetched<T>> | undefined;
	if (!pending) {
		pending = fetchToken().then((fetched) => ({ ...fetched, at: Date.now() }));
		inFlight.set(accountKey, pending);
		pending.then(
			(fetched) => latest.set(accountKey, fetched),
			() => undefined,
		).finally(() => inFlight.delete(accountKey));
	}
	return (await pending).result;
}
