// @ts-check
/**
 * Resume on Callback across n8n versions (issue #23; the n8n facts are in docs/n8n-resume.md).
 *
 * - Band versions (N8N_BAND_VERSIONS in scripts/toolchain.sh: 2.8.4, before fromParameter; 2.38.7,
 *   after fromParameter but before n8n-core forwards every output of a resumed node): one run each
 *   on a started n8n; the mode is refused before anything is parked, naming the version needed.
 *   (The pinned 1.123.81 gets the same check in wait.e2e.test.js; the pinned 2.41.1 resumes there.)
 * - n8n 2.41.1 restarted again and again (RESUME_RACE_ROUNDS, default 4) with three paid orders
 *   waiting, their callbacks fired at three moments of the start-up: the first accepted connection,
 *   the waiting-webhook route's first answer, and crash recovery's first amended execution. A
 *   callback the node's path answered 2xx resumed its order onto Paid exactly once (the Paid branch
 *   calls this test: n8n's crash recovery may rewrite the stored execution afterwards); one answered
 *   otherwise (ClickPesa then calls once more) is not on Paid and is either still waiting, its
 *   deadline item carrying the reason, or not `success` with an error log line naming the order.
 *   n8n's own 200 "n8n is starting up. Please wait" (before its database is ready) never reaches
 *   the node: that order must still be waiting, untouched (docs/n8n-resume.md §5).
 */
'use strict';

const http = require('node:http');
const { startSimulator } = require('../../simulator');
const { N8N_START_TIMEOUT_MS, N8nInstance, packPackage, removePackedTarballs, nodeOutput, httpRequest, waitFor } = require('./support/n8n');
const { bandN8nVersions, pinnedN8nVersions, readPinnedVersions } = require('./support/versions');
const { ourNode, itemsNode, orderStart, chainWorkflow, simulatorCredentials } = require('./workflows');

const MINUTE = 60_000;
const unique = (prefix) => `${prefix}${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e4)}`;
const post = async (url, body = {}) => await httpRequest(url, { method: 'POST', body, timeoutMs: 30_000 });
const is2xx = (status) => status >= 200 && status < 300;

const waitOnCallback = (orderReference) =>
	ourNode('Wait', 'clickPesa', { resource: 'payment', operation: 'waitForPayment', waitMode: 'callback', orderReference, deadlineHours: 24, options: {} });

let tarball;
beforeAll(async () => {
	tarball = await packPackage();
}, 5 * MINUTE);
afterAll(() => removePackedTarballs());

const bands = bandN8nVersions();
(bands.length > 0 ? describe.each(bands) : describe.skip.each(['none']))('Resume on Callback on n8n %s: refused before parking', (version) => {
	let sim;
	/** @type {N8nInstance} */
	let n8n;

	beforeAll(async () => {
		sim = await startSimulator({ port: 0 });
		// Installs this n8n into the toolchain's cache on first use (3 to 5 minutes), like the pinned ones.
		n8n = await N8nInstance.create({ version, tarball });
		await n8n.start();
		await n8n.importCredentials(simulatorCredentials(sim));
		await n8n.importWorkflow(chainWorkflow('e2eResumeBand', [itemsNode('Order', [{ orderReference: unique('BAND') }]), waitOnCallback('={{ $json.orderReference }}')]));
	}, 20 * MINUTE);

	afterAll(async () => {
		await n8n?.destroy();
		await sim?.stop();
	}, 2 * MINUTE);

	test('the node fails with the version it needs and what to use instead; nothing waits', async () => {
		const run = await n8n.execute('e2eResumeBand', { timeoutMs: 2 * MINUTE });
		expect(run.status).toBe('error');
		expect(run.error.message).toBe('Resume on Callback needs n8n 2.39 or later');
		expect(run.error.description).toMatch(/Wait Mode "Poll", or the ClickPesa Trigger/);
		expect(run.raw.waitTill ?? null).toBeNull();
		expect((await n8n.executions()).filter((row) => row.status === 'waiting')).toEqual([]);
	}, 3 * MINUTE);
});

// n8n 2.41.1 (the pinned 2.x): skipped when E2E_N8N_VERSIONS leaves it out.
const { n8n2 } = readPinnedVersions();
const raceVersions = pinnedN8nVersions().filter((version) => version === n8n2);
/** Restarts of n8n, and paid orders whose callbacks race each start. */
const ROUNDS = Number(process.env.RESUME_RACE_ROUNDS || 4);

(raceVersions.length > 0 ? describe.each(raceVersions) : describe.skip.each(['none']))('Resume on Callback on n8n %s: callbacks while n8n starts', (version) => {
	let sim;
	/** @type {N8nInstance} */
	let n8n;
	const log = [];
	/**
	 * What the Paid branch does: tells the shop the order is paid (an HTTP call to this test). The
	 * calls per order reference are the ground truth of "went on to Paid", whatever n8n's crash
	 * recovery later writes into the execution's stored data.
	 * @type {Map<string, number>}
	 */
	const paidCalls = new Map();
	/** @type {http.Server} */
	let shop;

	beforeAll(async () => {
		sim = await startSimulator({ port: 0, clickpesa: { customerDelayMs: null } });
		shop = http.createServer((request, response) => {
			const orderReference = decodeURIComponent(String(request.url).replace(/^\/paid\//, ''));
			paidCalls.set(orderReference, (paidCalls.get(orderReference) ?? 0) + 1);
			response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
		});
		await new Promise((resolve) => shop.listen(0, '127.0.0.1', () => resolve(undefined)));
		const shopPort = /** @type {import('node:net').AddressInfo} */ (shop.address()).port;
		n8n = await N8nInstance.create({ version, tarball });
		await n8n.start();
		await n8n.importCredentials(simulatorCredentials(sim));
		const [order, resumeUrl] = orderStart('race-order', '5a1e0000-0000-4000-8000-0000000000f0');
		const push = ourNode('Push', 'clickPesa', { resource: 'payment', operation: 'initiateUssdPush', amount: 2500, currency: 'TZS', orderReference: '={{ $json.orderReference }}', phoneNumber: '0712 345 678' });
		const wait = waitOnCallback("={{ $('Resume URL').item.json.orderReference }}");
		const notPaid = { id: '5a1e0000-0000-4000-8000-0000000000f3', name: 'Not Paid', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [800, -100], parameters: {} };
		const paid = {
			id: '5a1e0000-0000-4000-8000-0000000000f4',
			name: 'Paid',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [800, 100],
			parameters: { method: 'POST', url: `=http://127.0.0.1:${shopPort}/paid/{{ encodeURIComponent($json.orderReference) }}`, options: {} },
		};
		await n8n.importWorkflow({
			id: 'e2eResumeRace',
			name: 'E2E e2eResumeRace',
			active: false,
			nodes: [order, resumeUrl, push, wait, notPaid, paid],
			connections: {
				Order: { main: [[{ node: 'Resume URL', type: 'main', index: 0 }]] },
				'Resume URL': { main: [[{ node: 'Push', type: 'main', index: 0 }]] },
				Push: { main: [[{ node: 'Wait', type: 'main', index: 0 }]] },
				Wait: { main: [[{ node: 'Not Paid', type: 'main', index: 0 }], [{ node: 'Paid', type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
			pinData: {},
		});
		await n8n.activate('e2eResumeRace');
		await n8n.waitForWebhook('race-order');
	}, 15 * MINUTE);

	afterAll(async () => {
		await n8n?.destroy();
		await sim?.stop();
		await new Promise((resolve) => (shop ? shop.close(() => resolve(undefined)) : resolve(undefined)));
		if (log.length > 0) process.stderr.write(`resume race, per order (first answer → end):\n  ${log.join('\n  ')}\n`);
	}, 2 * MINUTE);

	const rowOf = async (id) => (await n8n.executions()).find((row) => row.id === id);

	/** Starts one paid order and returns its waiting execution and resume URL. */
	async function parkPaidOrder() {
		const orderReference = unique('RACE');
		const before = (await n8n.executions()).reduce((max, row) => Math.max(max, row.id), 0);
		expect((await post(n8n.webhookUrl('race-order'), { orderReference })).status).toBe(200);
		/** @type {{ id: number, resumeUrl: string } | undefined} */
		let found;
		await waitFor(async () => {
			for (const row of (await n8n.executions()).filter((candidate) => candidate.id > before && candidate.status === 'waiting')) {
				const [item] = nodeOutput(await n8n.executionData(row.id), 'Resume URL');
				if (item?.orderReference === orderReference) found = { id: row.id, resumeUrl: item.resumeUrl };
			}
			return Boolean(found);
		}, { timeoutMs: MINUTE, what: `order ${orderReference} to wait` });
		if (!found) throw new Error('unreachable');
		sim.completePayment(orderReference, 'SUCCESS');
		return { orderReference, executionId: found.id, resumeUrl: found.resumeUrl };
	}

	/** n8n's own answer to every request until its database is ready: the node never sees the call. */
	const N8N_STARTING = 'n8n is starting up. Please wait';

	/**
	 * Calls `url` once `ready()` holds, retrying only while n8n refuses connections (it does not listen
	 * yet); bounded by n8n's start-up.
	 * @param {string} url @param {() => Promise<boolean>} ready
	 */
	async function callbackWhen(url, ready) {
		const deadline = Date.now() + N8N_START_TIMEOUT_MS;
		let lastError;
		while (Date.now() < deadline) {
			try {
				if (await ready()) {
					const { status, body } = await post(url);
					return { status, body };
				}
			} catch (error) {
				lastError = error;
			}
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		throw new Error(`no answer from ${url} while n8n started: ${lastError}`);
	}

	/** When each order of a round calls back: three moments of n8n's start-up. */
	const moments = [
		// as soon as n8n accepts a connection (it may still be migrating its database)
		{ name: 'first connection', ready: async () => true },
		// as soon as the waiting-webhook route answers (crash recovery runs about then)
		{
			name: 'route live',
			ready: async () => {
				const probe = await post(`${n8n.baseUrl}/webhook-waiting/999999999`);
				return probe.body !== N8N_STARTING && !/Cannot POST/.test(probe.body);
			},
		},
		// as soon as crash recovery has amended the first waiting execution (or n8n is up without one)
		{ name: 'recovery', ready: async () => /\[Recovery\]|Editor is now accessible/.test(n8n.mainLog()) },
	];

	/** The stack entry n8n passes on at the deadline carries the reason (resumeOnCallback.ts). */
	const deadlineItem = (data) => data.executionData?.nodeExecutionStack?.[0]?.data?.main?.[0]?.[0]?.json;

	test('each paid order resumes on Paid exactly once, or is never answered 2xx by the node and ends visibly', async () => {
		for (let round = 0; round < ROUNDS; round++) {
			const orders = await Promise.all(moments.map(async () => await parkPaidOrder()));
			await n8n.stop();
			const starting = n8n.start();
			const answers = await Promise.all(orders.map(async (order, i) => [await callbackWhen(order.resumeUrl, moments[i].ready)]));
			await starting;
			// ClickPesa calls again when it was not answered 2xx: once more, now that n8n has started.
			for (const [index, order] of orders.entries()) {
				if (!is2xx(answers[index][0].status)) answers[index].push(await post(order.resumeUrl));
			}
			for (const [index, order] of orders.entries()) {
				const calls = answers[index];
				const resumedBy = calls.find((call) => is2xx(call.status) && call.body !== N8N_STARTING);
				const id = String(order.executionId);
				// Taken over by n8n: its Paid branch must tell the shop. Otherwise it must not be running.
				const row = await waitFor(async () => {
					const current = await rowOf(order.executionId);
					if (!current || ['new', 'running'].includes(current.status)) return false;
					return resumedBy && !paidCalls.has(order.orderReference) ? false : current;
				}, { timeoutMs: MINUTE, what: `execution ${id} to settle`, details: () => n8n.mainLog().slice(-3000) });
				const paidRuns = paidCalls.get(order.orderReference) ?? 0;
				const data = await n8n.executionData(order.executionId);
				const described = calls.map((call) => (call.body === N8N_STARTING ? `${call.status} (n8n starting)` : is2xx(call.status) ? String(call.status) : `${call.status} ${call.body.replace(/\s+/g, ' ').slice(0, 100)}`)).join(', ');
				const logged = n8n.mainLog().includes(`but n8n did not resume execution ${id} `) ? ', error logged by the node' : '';
				log.push(`round ${round}, ${moments[index].name}, execution ${id}: ${described} → Paid ran ${paidRuns}×, stored ${row.status}${logged}`);
				if (resumedBy) {
					// Answered 2xx by the node's path: n8n had taken the execution over; it went on to Paid, once.
					expect(JSON.parse(resumedBy.body)).toEqual({ message: 'Payment confirmed by ClickPesa' });
					expect(paidRuns).toBe(1);
					if (row.status === 'success') {
						expect(nodeOutput(data, 'Wait', 1)).toEqual([expect.objectContaining({ outcome: 'paid', orderReference: order.orderReference })]);
						expect(data.resultData.runData['Not Paid']).toBeUndefined();
					}
					// Otherwise n8n's crash recovery overwrote the record of a run it did not own (docs/n8n-resume.md §5).
					continue;
				}
				expect(paidRuns).toBe(0);
				if (row.status === 'waiting') {
					// Untouched (n8n answered "starting up" itself, or the call was refused): still parked, and at
					// its deadline the order leaves on Not Paid saying ClickPesa was not asked again.
					expect(deadlineItem(data)).toEqual(expect.objectContaining({ orderReference: order.orderReference, outcome: 'unknown', outcomeReason: expect.stringContaining('check the order with Get Status') }));
					continue;
				}
				// Confirmed paid but n8n did not resume it: never answered 2xx, not success, and logged with the order.
				expect(calls.every((call) => !is2xx(call.status))).toBe(true);
				expect(row.status).not.toBe('success');
				expect(n8n.mainLog()).toContain(`ClickPesa confirmed order "${order.orderReference}" (paid) but n8n did not resume execution ${id}`);
			}
		}
		// No execution went on to Paid twice over all the restarts.
		expect([...paidCalls.entries()].filter(([, count]) => count > 1)).toEqual([]);
	}, ROUNDS * 4 * MINUTE);
});
