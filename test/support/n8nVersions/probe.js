// @ts-check
/**
 * Child process of test/integration/n8n-versions.test.js, run under one n8n install's own Node:
 *   node probe.js <that install's node_modules>
 * It loads THAT install's n8n-core and n8n-workflow (our compiled nodes in dist/ get the same
 * copies, as in n8n), builds n8n-core's real ExecuteContext, and provokes each failure against
 * local servers on 127.0.0.1 through n8n's real request helpers: a connection dropped after the
 * request was read, a timeout, a refused connection, a `.invalid` host (never resolves), and 4xx/5xx
 * answers with each provider's error body. It prints, as one JSON object on stdout, how our code
 * classified each failure and what the user reads (message, description, HTTP code of the n8n
 * error). No real internet; a few seconds in all.
 */
const http = require('http');
const Module = require('module');
const path = require('path');

const n8nModules = path.resolve(process.argv[2] ?? '');
const repo = path.resolve(__dirname, '../../..');

// Every `require('n8n-workflow' | 'n8n-core')` outside the install resolves into it: our dist and
// the test helpers then share n8n's copies (instanceof NodeApiError holds, as inside n8n).
const resolveFilename = /** @type {any} */ (Module)._resolveFilename;
/** @type {any} */ (Module)._resolveFilename = function (request, parent, ...rest) {
	if (/^n8n-(workflow|core)(\/|$)/.test(request) && !String(parent?.filename ?? '').startsWith(n8nModules)) {
		return resolveFilename.call(this, request, { ...parent, paths: [n8nModules] }, ...rest);
	}
	return resolveFilename.call(this, request, parent, ...rest);
};

const core = require('n8n-core');
const workflowPackage = require('n8n-workflow');
const { CredentialStore } = require(path.join(repo, 'test/support/credentialStore'));
const { additionalDataFor } = require(path.join(repo, 'test/support/additionalData'));
const nodeClasses = require(path.join(repo, 'index.js'));
const { sendWithRetries } = require(path.join(repo, 'dist/nodes/shared/send'));
const { toNodeError } = require(path.join(repo, 'dist/nodes/shared/errors'));
const { givesRetryAdvice } = require(path.join(repo, 'dist/nodes/shared/httpFailure'));
const { CLICKPESA } = require(path.join(repo, 'dist/nodes/ClickPesa/transport/errorBody'));
const { CLIK2PAY } = require(path.join(repo, 'dist/nodes/Clik2pay/transport/errorBody'));

/** Bodies as each provider sends them (docs: clickpesa-api.md §8, clik2pay-api.md §5.2). */
const BODIES = {
	clickpesa400: { statusCode: 400, message: ['amount must be a string', 'currency must be TZS'], error: 'Bad Request' },
	clickpesa500: { message: 'Error validating fee, try again later' },
	clickpesa409: { message: 'Order reference ORD1 already used: Create a different reference' },
	clik2pay503: { title: 'Service Unavailable', detail: 'Clik2pay is down for maintenance' },
	clik2pay404: { title: 'Not Found', detail: 'Payment request 7d0e not found' },
	clik2pay429: { detail: 'Daily payment limit reached' },
};

/** The fake provider: token endpoint, and `/<mode>/…` paths that fail as the mode says. */
function startServer() {
	/** @type {Record<string, number>} */
	const hits = {};
	const dropped = new Set();
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const url = String(req.url);
			if (url.endsWith('/oauth2/token')) {
				res.writeHead(200, { 'content-type': 'application/json' });
				return res.end(JSON.stringify({ access_token: 'probe-token', expires_in: 3600 }));
			}
			const [, mode] = url.split('/');
			hits[mode] = (hits[mode] ?? 0) + 1;
			const status = Number(/^(\d{3})/.exec(mode)?.[1]);
			if (mode === 'drop') return req.socket.destroy();
			// The first request for each path is dropped, later ones answered.
			if (mode === 'dropFirst' && !dropped.has(url)) return dropped.add(url), req.socket.destroy();
			if (mode === 'hang') return; // never answers: the client's timeout fires
			if (status) {
				const body = BODIES[/** @type {keyof typeof BODIES} */ (`${mode.replace(/^\d{3}-/, '')}${status}`)];
				res.writeHead(status, { 'content-type': 'application/json' });
				return res.end(JSON.stringify(body ?? {}));
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ id: '7d0e', status: 'CREATED', amount: 25 }));
		});
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('net').AddressInfo} */ (server.address());
			resolve({ port, hits, stop: () => (server.closeAllConnections?.(), server.close()) });
		}),
	);
}

/**
 * A port nothing listens on: a privileged one nobody serves here. listen(0) never hands it out, so no
 * server another test file starts (simulators, n8n) can be there when the probe connects; a port
 * bound and released by the probe could be taken in between (it once answered another server's 404).
 */
const REFUSED_PORT = 1;

/** n8n-core's real ExecuteContext for the Clik2pay node (its `helpers` are that version's request helpers). */
function executeContext(credentials, parameters) {
	const nodeType = new nodeClasses.Clik2pay();
	const node = {
		id: 'probe',
		name: 'Clik2pay',
		type: 'n8n-nodes-clickpesa-clik2pay.clik2pay',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { clik2payApi: { id: 'probe-credential', name: 'Probe' } },
	};
	const nodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) };
	const workflow = new workflowPackage.Workflow({ id: 'probe', name: 'probe', nodes: [node], connections: {}, active: false, nodeTypes, settings: {} });
	const additionalData = additionalDataFor(credentials, 'probe', { currentNodeExecutionIndex: 0 });
	const items = [{ json: {}, pairedItem: { item: 0 } }];
	const inputData = { main: [items] };
	const runExecutionData = workflowPackage.createRunExecutionData?.() ?? { resultData: { runData: {} }, executionData: { contextData: {}, nodeExecutionStack: [], metadata: {}, waitingExecution: {}, waitingExecutionSource: {} } };
	const executeData = { node, data: inputData, source: { main: [{ previousNode: 'Input' }] } };
	const context = new core.ExecuteContext(workflow, node, additionalData, 'manual', runExecutionData, 0, items, inputData, executeData, []);
	return { nodeType, context };
}

/** What the user reads of an n8n error, and our classification where the error was a ProviderError. */
function shown(error) {
	return {
		errorClass: error?.constructor?.name,
		message: error?.message,
		description: error?.description ?? null,
		httpCode: error?.httpCode ?? null,
		retryAdvice: givesRetryAdvice(error?.message) || givesRetryAdvice(error?.description),
	};
}

async function main() {
	const started = Date.now();
	const server = await startServer();
		const local = `http://127.0.0.1:${server.port}`;
	const credentials = new CredentialStore();
	const credentialFor = (baseUrl) => {
		credentials.set('clik2payApi', { environment: 'custom', authUrl: local, baseUrl, username: 'probe', password: 'probe-pass', apiKey: 'probe-key', accessToken: '' });
	};
	const hostOf = {
		drop: `${local}/drop`,
		dropFirst: `${local}/dropFirst`,
		hang: `${local}/hang`,
		refused: `http://127.0.0.1:${REFUSED_PORT}/refused`,
		dns: 'http://clik2pay-probe.invalid/dns',
	};

	/** @type {Record<string, unknown>} */
	const sends = {};
	/** One request through our send path (sendWithRetries) and that version's helpers. */
	const send = async (name, { url, provider = CLIK2PAY, method = 'GET', idempotent = method === 'GET', timeout = 5_000, attempts = 2 }) => {
		credentialFor(local);
		const { context } = executeContext(credentials, {});
		const mode = new URL(url).pathname.split('/')[1];
		const before = server.hits[mode] ?? 0;
		const at = Date.now();
		try {
			await sendWithRetries(context, {
				provider,
				credentialType: 'clik2payApi',
				request: { method, url, json: true, timeout },
				label: `${provider.name} ${method} /${mode}`,
				idempotent,
				attempts,
				maxRetryWaitMs: 10,
			});
			sends[name] = { ok: true, sent: (server.hits[mode] ?? 0) - before };
		} catch (error) {
			const { kind, code, status } = error.failure ?? {};
			sends[name] = {
				thrown: error?.constructor?.name,
				kind,
				code: code ?? null,
				status: status ?? null,
				providerMessage: error.providerMessage ?? null,
				moneyMayHaveMoved: error.moneyMayHaveMoved,
				sent: (server.hits[mode] ?? 0) - before,
				ms: Date.now() - at,
				nodeError: shown(toNodeError(context.getNode(), error, 0)),
			};
		}
	};

	for (const [name, url] of Object.entries({ drop: hostOf.drop, refused: hostOf.refused, dns: hostOf.dns })) {
		await send(`${name}:POST`, { url: `${url}/payment-requests`, method: 'POST' });
		await send(`${name}:GET`, { url: `${url}/payment-requests/7d0e` });
	}
	await send('timeout:POST', { url: `${hostOf.hang}/payment-requests`, method: 'POST', timeout: 300 });
	await send('timeout:GET', { url: `${hostOf.hang}/payment-requests/7d0e`, timeout: 300 });
	await send('dropFirst:GET', { url: `${hostOf.dropFirst}/payment-requests/7d0e` });
	await send('clik2pay503:POST', { url: `${local}/503-clik2pay/payment-requests`, method: 'POST' });
	await send('clik2pay503:GET', { url: `${local}/503-clik2pay/payment-requests/7d0e` });
	await send('clik2pay404:GET', { url: `${local}/404-clik2pay/payment-requests/7d0e` });
	await send('clik2pay429:POST', { url: `${local}/429-clik2pay/payment-requests`, method: 'POST' });
	await send('clik2pay429:GET', { url: `${local}/429-clik2pay/payment-requests/7d0e` });
	await send('clickpesa400:POST', { url: `${local}/400-clickpesa/payments/initiate-ussd-push-request`, method: 'POST', provider: CLICKPESA });
	await send('clickpesa409:POST', { url: `${local}/409-clickpesa/payments/initiate-ussd-push-request`, method: 'POST', provider: CLICKPESA });
	await send('clickpesa500:GET', { url: `${local}/500-clickpesa/payments/ORD1`, provider: CLICKPESA });

	/** What n8n's helper itself throws for a dropped connection: its shape differs between versions. */
	const raw = {};
	{
		credentialFor(local);
		const { context } = executeContext(credentials, {});
		const error = await context.helpers.httpRequestWithAuthentication.call(context, 'clik2payApi', { method: 'POST', url: `${hostOf.drop}/raw`, json: true }).catch((thrown) => thrown);
		raw.drop = { errorClass: error?.constructor?.name, code: error?.code ?? null, httpCode: error?.httpCode ?? null, causeCode: error?.cause?.code ?? null };
	}

	/** The whole Clik2pay node, as a workflow runs it: the item error the user reads. */
	const nodeRuns = {};
	const run = async (name, baseUrl, parameters) => {
		credentialFor(baseUrl);
		const { nodeType, context } = executeContext(credentials, parameters);
		const mode = new URL(baseUrl).pathname.split('/')[1];
		const before = server.hits[mode] ?? 0;
		try {
			const output = await nodeType.execute.call(context);
			nodeRuns[name] = { ok: true, output: output[0].map((item) => item.json), sent: (server.hits[mode] ?? 0) - before };
		} catch (error) {
			nodeRuns[name] = { ...shown(error), sent: (server.hits[mode] ?? 0) - before };
		}
	};
	const create = { resource: 'paymentRequest', operation: 'create', type: 'ECOMM', amount: 25, payerName: 'Jane Doe', payerEmail: 'jane@example.com', payerMobileNumber: '+1 (416) 555-1234', deliveryMode: 'NONE', additionalFields: {} };
	const get = { resource: 'paymentRequest', operation: 'get', paymentRequestId: '7d0e5a52-3c1b-4d5e-9f6a-0b1c2d3e4f50' };
	await run('create:drop', hostOf.drop, create);
	await run('create:refused', hostOf.refused, create);
	await run('create:503', `${local}/503-clik2pay`, create);
	await run('get:dropFirst', hostOf.dropFirst, get);

	server.stop();
	const versions = {
		n8n: require(path.join(n8nModules, 'n8n', 'package.json')).version,
		core: require('n8n-core/package.json').version,
		workflow: require('n8n-workflow/package.json').version,
		node: process.versions.node,
	};
	process.stdout.write(JSON.stringify({ versions, ms: Date.now() - started, raw, sends, nodeRuns }));
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(String(error?.stack ?? error));
		process.exit(1);
	},
);
