// @ts-check
/**
 * An in-memory stand-in for n8n's credentials helper (packages/cli credentials-helper.ts) with
 * the same pre-authentication rules: the first hidden `expirable` property holds the token; it is
 * fetched when empty or when n8n forces a refresh after a 401, and the result is saved with the
 * credential, so later executions reuse it.
 */
const { ClickPesaApi, Clik2payApi } = require('../../index.js');

const credentialTypes = { clickPesaApi: new ClickPesaApi(), clik2payApi: new Clik2payApi() };

class CredentialStore {
	constructor() {
		/** @type {Map<string, Record<string, unknown>>} saved data by credential type */
		this.saved = new Map();
	}

	/** @param {string} type @param {Record<string, unknown>} data */
	set(type, data) {
		this.saved.set(type, { ...data });
	}

	/** @param {string} type */
	get(type) {
		return this.saved.get(type);
	}

	/** The object n8n-core expects as `additionalData.credentialsHelper`. */
	helper() {
		const store = this;
		return {
			getParentTypes: () => [],
			isCredentialUsableByNode: () => true,
			async getDecrypted(_additionalData, nodeCredentials, type) {
				const data = store.saved.get(type);
				if (!data) throw new Error(`no ${type} credential "${nodeCredentials?.name}" in the test store`);
				return { ...data };
			},
			async preAuthentication(helpers, credentials, typeName, _node, credentialsExpired) {
				const type = credentialTypes[typeName];
				if (!type?.preAuthentication) return undefined;
				const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
				if (!expirable) return undefined;
				if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !credentialsExpired) {
					return undefined;
				}
				const output = await type.preAuthentication.call(helpers, credentials);
				if (!output || output[expirable.name] === undefined) return undefined;
				store.saved.set(typeName, { ...store.saved.get(typeName), ...output });
				return output;
			},
			async authenticate(credentials, typeName, requestOptions) {
				const type = credentialTypes[typeName];
				if (typeof type?.authenticate === 'function') return await type.authenticate(credentials, requestOptions);
				return requestOptions;
			},
			async updateCredentials() {},
			async updateCredentialsOauthTokenData() {},
			getCredentialsProperties: (typeName) => credentialTypes[typeName]?.properties ?? [],
		};
	}
}

module.exports = { CredentialStore, credentialTypes };
