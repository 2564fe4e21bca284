// @ts-check
/**
 * The ClickPesa node as an AI agent's tool, called the way n8n's AI Agent calls it (n8n-core's
 * createNodeAsTool and makeHandleToolInvocation, test/support/agentTool.js), on both n8n majors:
 * the repository's n8n-core (2.x) in this process, and n8n 1.123.81's own n8n-core and n8n-workflow
 * in a child process under that install's Node (test/support/n8nVersions/toolProbe.js). Money
 * moves only after a preview and a second call with the same values; above a limit nothing is sent.
 */
const path = require('path');
const { execFile } = require('child_process');
const { n8nInstall } = require('../../scripts/n8n/toolchain');
const { toolScenarios } = require('../support/agentTool');

const PROBE = path.join(__dirname, '..', 'support', 'n8nVersions', 'toolProbe.js');
const N8N_1 = '1.123.81';

/** @param {string} node @param {string} modules @returns {Promise<any>} */
function probe(node, modules) {
	return new Promise((resolve, reject) => {
		execFile(node, [PROBE, modules], { timeout: 120_000, maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
			if (error) return reject(new Error(`tool probe failed: ${error.message}\n${stderr}`));
			const line = stdout.split('\n').find((text) => text.startsWith('TOOL_PROBE_RESULT '));
			if (!line) return reject(new Error(`tool probe printed no result\n${stdout}\n${stderr}`));
			resolve(JSON.parse(line.slice('TOOL_PROBE_RESULT '.length)));
		});
	});
}

/** @type {Record<string, any>} */
const observed = {};

beforeAll(async () => {
	const install = await n8nInstall(N8N_1);
	[observed['n8n-core 2.x (repository)'], observed[`n8n ${N8N_1}`]] = await Promise.all([toolScenarios(), probe(path.join(install.nodeBinDir, 'node'), path.join(install.home, 'node_modules'))]);
}, 20 * 60_000);

test(`the child really ran n8n ${N8N_1}'s n8n-core (1.x)`, () => {
	expect(observed[`n8n ${N8N_1}`].versions.n8n).toBe(N8N_1);
	expect(observed[`n8n ${N8N_1}`].versions.core).toMatch(/^1\./);
});

describe.each(['n8n-core 2.x (repository)', `n8n ${N8N_1}`])('as an AI agent’s tool on %s', (version) => {
	test('the tool says it moves money; the first call previews, the second with the confirmation sends, once', () => {
		const { confirm } = observed[version];
		expect(confirm.description).toBe('Create a mobile money payout (moves real money; not idempotent without the same reference) in ClickPesa');
		const [first] = confirm.first.answer;
		expect(first).toMatchObject({ status: 'PREVIEW_NOT_SENT', moneyMoved: false, reference: confirm.orderReference, preview: { receiver: expect.objectContaining({ amount: 20000 }) } });
		expect(first.message).toContain('moves real money and is not idempotent without the same reference');
		// A changed amount with the old confirmation only previews again.
		expect(confirm.changed.answer[0].status).toBe('PREVIEW_NOT_SENT');
		expect(confirm.sent.answer[0]).toMatchObject({ orderReference: confirm.orderReference, paymentState: 'pending' });
		// The agent retries: the same reference returns the same payout, nothing is paid twice.
		expect(confirm.retry.answer[0]).toMatchObject({ orderReference: confirm.orderReference, foundByReference: true });
		// One create accepted (the confirmed call), one refused as a used reference (the retry); none for the previews.
		expect(Object.values(confirm.creates).reduce((sum, count) => sum + count, 0)).toBe(2);
		expect(confirm.creates['409']).toBe(1);
	});

	test('a payout above the credential’s limit: nothing is sent, whatever the agent passes', () => {
		const { limit } = observed[version];
		expect(limit.aboveMax.thrown).toMatch(/of 900,000 TZS is above Max per money out \(50,000 TZS, set on the ClickPesa credential "Test credential"\), so nothing was sent/);
		// Above the approval threshold an agent cannot approve: refused, not previewed.
		expect(limit.aboveApproval.thrown).toMatch(/needs a person's approval .* an AI agent cannot approve it, so nothing was sent/);
		expect(limit.creates).toEqual({});
		expect(limit.previews).toBe(0);
	});
});
