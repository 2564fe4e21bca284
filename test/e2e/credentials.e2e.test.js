// @ts-check
/**
 * What n8n's editor asks the server for, in a running n8n of every pinned version: the credential
 * tests ("Test" button → POST /rest/credentials/test, against the simulator) and the output schemas
 * of the installed package (GET /schemas/…, docs/output-schemas.md).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { startSimulator } = require('../../simulator');
const { N8nInstance, packPackage, removePackedTarballs, httpRequest } = require('./support/n8n');
const { pinnedN8nVersions } = require('./support/versions');
const { simulatorCredentials } = require('./workflows');

const MINUTE = 60_000;
const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).name;

/** The address the editor builds for a node's output schema: type, version padded to x.y.z, resource, operation. */
const schemaPath = (/** @type {string} */ node, /** @type {number} */ typeVersion, /** @type {string} */ resource, /** @type {string} */ operation) =>
	`/schemas/${PACKAGE}.${node}/${String(typeVersion).split('.').concat(['0', '0']).slice(0, 3).join('.')}/${resource}/${operation}.json`;
/** The file the packed package ships for it. @param {string} folder @param {string} version e.g. v1.1.0 @param {string} pair */
const shipped = (folder, version, pair) => JSON.parse(fs.readFileSync(path.join(ROOT, 'dist', 'nodes', folder, '__schema__', version, `${pair}.json`), 'utf8'));

/** @type {string} */
let tarball;
beforeAll(async () => {
	tarball = await packPackage();
}, 5 * MINUTE);
afterAll(() => removePackedTarballs());

describe.each(pinnedN8nVersions())('credential tests and output schemas in n8n %s', (version) => {
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
			body: { credentials: { ...credential, id: n8n.credentialId(String(credential.id)) } },
		});
		expect(response.status).toBe(200);
		return response.json().data;
	};

	beforeAll(async () => {
		sim = await startSimulator({ port: 0 });
		n8n = await N8nInstance.create({ version, tarball });
		saved = simulatorCredentials(sim);
		await n8n.start();
		await n8n.importCredentials(saved);
		// The owner the instance signed in as (it set the new user folder up).
		cookie = String((await n8n.restRequired()).cookie);
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

	test('output schemas: the editor’s address of an operation answers its schema, without logging in; others 404', async () => {
		/** @param {string} address */
		const get = (address) => httpRequest(`${n8n.baseUrl}${address}`);
		const cases = [
			[schemaPath('clickPesa', 1.1, 'payment', 'getStatus'), shipped('ClickPesa', 'v1.1.0', 'payment/getStatus')],
			[schemaPath('clickPesa', 1, 'payment', 'getStatus'), shipped('ClickPesa', 'v1.0.0', 'payment/getStatus')],
			[schemaPath('clickPesa', 1.1, 'payout', 'createMobileMoney'), shipped('ClickPesa', 'v1.1.0', 'payout/createMobileMoney')],
			[schemaPath('clik2pay', 1, 'paymentRequest', 'create'), shipped('Clik2pay', 'v1.0.0', 'paymentRequest/create')],
			// The AI-tool variant n8n makes of each node reads the same files.
			[schemaPath('clickPesaTool', 1.1, 'payment', 'getMany'), shipped('ClickPesa', 'v1.1.0', 'payment/getMany')],
		];
		for (const [address, schema] of cases) {
			const response = await get(address);
			expect({ address, status: response.status }).toEqual({ address, status: 200 });
			expect(response.headers['content-type']).toMatch(/^application\/json/);
			expect(response.json()).toEqual(schema);
		}
		// n8n 2.x pads the version itself; 1.x only finds the padded form the editor sends.
		const unpadded = `/schemas/${PACKAGE}.clickPesa/1.1/payment/getStatus.json`;
		expect((await get(unpadded)).status).toBe(n8n.major >= 2 ? 200 : 404);
		// Version 1.1 answers the simplified record, version 1 ClickPesa's raw one.
		expect(cases[0][1].properties.amount).toBeDefined();
		expect(cases[1][1].properties.collectedAmount).toBeDefined();
		for (const address of [
			schemaPath('clickPesa', 1.1, 'payment', 'noSuchOperation'),
			schemaPath('clickPesa', 2, 'payment', 'getStatus'),
			schemaPath('clik2pay', 1, 'payment', 'getStatus'),
			schemaPath('clickPesaTrigger', 1, 'payment', 'getStatus'),
		]) {
			expect({ address, status: (await get(address)).status }).toEqual({ address, status: 404 });
		}
	}, 2 * MINUTE);
});
