// @ts-check
/**
 * The credential tests as n8n's editor runs them ("Test" button → POST /rest/credentials/test),
 * in a running n8n of every pinned version, against the simulator.
 */
'use strict';

const { startSimulator } = require('../../simulator');
const { N8nInstance, packPackage, removePackedTarballs, httpRequest } = require('./support/n8n');
const { pinnedN8nVersions } = require('./support/versions');
const { simulatorCredentials } = require('./workflows');

const MINUTE = 60_000;

/** @type {string} */
let tarball;
beforeAll(async () => {
	tarball = await packPackage();
}, 5 * MINUTE);
afterAll(() => removePackedTarballs());

describe.each(pinnedN8nVersions())('credential tests in n8n %s', (version) => {
	let sim;
	/** @type {N8nInstance} */
	let n8n;
	let cookie = '';
	/** @type {ReturnType<typeof simulatorCredentials>} */
	let saved;

	/** @param {Record<string, unknown>} credential @returns {Promise<{status: string, message: string}>} */
	const testCredential = async (credential) => {
		const response = await httpRequest(`${n8n.baseUrl}/rest/credentials/test`, {
			method: 'POST',
			headers: { cookie },
			body: { credentials: credential },
		});
		expect(response.status).toBe(200);
		return response.json().data;
	};

	beforeAll(async () => {
		sim = await startSimulator({ port: 0 });
		n8n = await N8nInstance.create({ version, tarball });
		saved = simulatorCredentials(sim);
		await n8n.importCredentials(saved);
		await n8n.start();
		const owner = await httpRequest(`${n8n.baseUrl}/rest/owner/setup`, {
			method: 'POST',
			body: { email: 'owner@example.com', firstName: 'Test', lastName: 'Owner', password: 'Passw0rd!Passw0rd' },
		});
		expect(owner.status).toBe(200);
		cookie = String(owner.headers['set-cookie'] ?? '').split(';')[0];
	}, 15 * MINUTE);

	afterAll(async () => {
		await n8n?.destroy();
		await sim?.stop();
	}, 2 * MINUTE);

	test('ClickPesa: a working credential passes although the new merchant has no balance account yet (404)', async () => {
		expect(await testCredential(saved[0])).toEqual({ status: 'OK', message: 'Connection successful!' });
		const counts = (await sim.stats()).counts;
		expect(counts['clickpesa GET /account/balance'].byStatus['404']).toBe(1);
	}, 2 * MINUTE);

	test('ClickPesa: a wrong API key fails with ClickPesa’s reason and without the key', async () => {
		const result = await testCredential({ ...saved[0], data: { ...saved[0].data, apiKey: 'wrong-key-value' } });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('ClickPesa refused to issue a token (HTTP 403: Invalid or Expired API-Key)');
		expect(result.message).not.toContain('wrong-key-value');
	}, 2 * MINUTE);

	test('Clik2pay (Custom URLs): a working credential passes; a wrong API key and a wrong password fail', async () => {
		expect(await testCredential(saved[1])).toEqual({ status: 'OK', message: 'Connection successful!' });
		const badKey = await testCredential({ ...saved[1], data: { ...saved[1].data, apiKey: 'nope' } });
		expect(badKey).toEqual({ status: 'Error', message: 'Clik2pay rejected the API key (403 Forbidden)' });
		const badPassword = await testCredential({ ...saved[1], data: { ...saved[1].data, password: 'nope' } });
		expect(badPassword.status).toBe('Error');
		expect(badPassword.message).toContain('Clik2pay refused to issue a token (HTTP 401');
	}, 2 * MINUTE);
});
