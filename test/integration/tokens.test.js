// @ts-check
/**
 * One token expiry costs exactly one token call, whatever the timing of the 401s, and a token is
 * replaced before its known lifetime ends. A small ClickPesa stand-in on 127.0.0.1 revokes the
 * token after a number of requests and answers the 401s of the requests in flight at spread-out
 * times, as a real API does.
 */
const { CredentialStore } = require('../support/credentialStore');
const { tokenServer } = require('../support/tokenServer');
const { runNode } = require('../support/runNode');
const { CLIENT, initiateParams } = require('./clickpesa.helpers');

const items = (count, prefix) => Array.from({ length: count }, (_, i) => ({ reference: `${prefix}${i}` }));

describe('tokens', () => {
	test.each([
		[120, 5, 20],
		[0, 25, 60],
	])('limit %d/min (%d in flight), %d pushes, the token revoked after 8 requests: 2 token calls, every push sent', async (rateLimitPerMinute, inFlight, count) => {
		const server = await tokenServer({ revokeAfter: 8 });
		try {
			const credentials = new CredentialStore();
			credentials.set('clickPesaApi', { ...CLIENT, baseUrl: server.baseUrl, rateLimitPerMinute, token: '' });
			const [out] = await runNode({ type: 'clickPesa', parameters: initiateParams('={{ $json.reference }}'), items: items(count, `REV${inFlight}x`), credentials, credentialType: 'clickPesaApi' });
			expect(out).toHaveLength(count);
			expect(server.state.initiates).toBe(count);
			expect(server.state.tokenCalls).toBe(2);
			// Only the requests in flight when the token was revoked met it.
			expect(server.state.unauthorized).toBeLessThanOrEqual(inFlight);
		} finally {
			await server.close();
		}
	});

	test('a saved token about to expire is replaced before sending: 1 token call and no 401', async () => {
		const { clickPesaFingerprint } = require('../../dist/nodes/ClickPesa/transport/account');
		const server = await tokenServer({ validAtStart: ['Bearer SAVED'] });
		try {
			const credentials = new CredentialStore();
			const data = { ...CLIENT, baseUrl: server.baseUrl, rateLimitPerMinute: 0 };
			// A token saved by an earlier execution, valid for two more minutes.
			credentials.set('clickPesaApi', {
				...data,
				token: 'Bearer SAVED',
				tokenFingerprint: clickPesaFingerprint(data),
				tokenExpiresAt: new Date(Date.now() + 2 * 60_000).toISOString(),
			});
			const [out] = await runNode({ type: 'clickPesa', parameters: initiateParams('={{ $json.reference }}'), items: items(10, 'SOON'), credentials, credentialType: 'clickPesaApi' });
			expect(out).toHaveLength(10);
			expect(server.state.tokenCalls).toBe(1);
			expect(server.state.unauthorized).toBe(0);
			const saved = credentials.get('clickPesaApi');
			expect(saved?.token).toBe('Bearer T1');
			expect(Date.parse(String(saved?.tokenExpiresAt)) - Date.now()).toBeGreaterThan(55 * 60_000);
		} finally {
			await server.close();
		}
	});

	test('a saved token with time left is used as it is: no token call', async () => {
		const { clickPesaFingerprint } = require('../../dist/nodes/ClickPesa/transport/account');
		const server = await tokenServer({ validAtStart: ['Bearer SAVED'] });
		try {
			const credentials = new CredentialStore();
			const data = { ...CLIENT, baseUrl: server.baseUrl, rateLimitPerMinute: 0 };
			credentials.set('clickPesaApi', { ...data, token: 'Bearer SAVED', tokenFingerprint: clickPesaFingerprint(data), tokenExpiresAt: new Date(Date.now() + 30 * 60_000).toISOString() });
			await runNode({ type: 'clickPesa', parameters: initiateParams('={{ $json.reference }}'), items: items(5, 'LEFT'), credentials, credentialType: 'clickPesaApi' });
			expect(server.state.tokenCalls).toBe(0);
			expect(server.state.initiates).toBe(5);
		} finally {
			await server.close();
		}
	});
});
