// @ts-check
/**
 * The two credentials that point at a running provider simulator, as `n8n import:credentials` takes
 * them: the sandbox of `npm start` imports them (the examples refer to their ids), and so do the
 * end-to-end suites.
 */
'use strict';

const SIM_CREDENTIALS = {
	clickPesaApi: { id: 'simClickPesa', name: 'ClickPesa (simulator)' },
	clik2payApi: { id: 'simClik2pay', name: 'Clik2pay (simulator)' },
};

/**
 * @param {{ clickpesaBaseUrl: string, clik2payAuthUrl: string, clik2payBaseUrl: string }} sim the simulator's SIMULATOR_READY URLs
 * @param {Record<string, unknown>} [clickPesaData] fields added to (or replacing) the ClickPesa credential's
 * @param {Record<string, unknown>} [clik2payData] the same for Clik2pay
 */
function simulatorCredentials(sim, clickPesaData = {}, clik2payData = {}) {
	return [
		{
			...SIM_CREDENTIALS.clickPesaApi,
			type: 'clickPesaApi',
			data: { clientId: 'SIMCLIENTID', apiKey: 'sim-api-key', baseUrl: sim.clickpesaBaseUrl, rateLimitPerMinute: 120, ...clickPesaData },
		},
		{
			...SIM_CREDENTIALS.clik2payApi,
			type: 'clik2payApi',
			data: {
				environment: 'custom',
				authUrl: sim.clik2payAuthUrl,
				baseUrl: sim.clik2payBaseUrl,
				username: 'sim-user',
				password: 'sim-pass',
				apiKey: 'sim-c2p-api-key',
				...clik2payData,
			},
		},
	];
}

module.exports = { SIM_CREDENTIALS, simulatorCredentials };
