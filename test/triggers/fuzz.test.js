// @ts-check
/**
 * Throws random and mutated webhook calls at each trigger's real webhook() (in n8n-core's
 * WebhookContext) and checks two things for every one: the node never throws and never answers
 * 500, and it starts the workflow only for exactly valid calls. Validity is decided by an
 * independent oracle: the simulator's own checksum code for ClickPesa, the literal expected
 * Authorization header for Clik2pay. Seeded, so a failure names the seed and case to replay.
 */
const { CHECKSUM_LIMITS, computeChecksum, computeLegacyChecksum } = require('../../dist/nodes/ClickPesa/transport/checksum');
const { WEBHOOK_BODY_LIMITS } = require('../../dist/nodes/shared/webhooks');
const { canonicalChecksum } = require('../../simulator/clickpesa/checksum');
const { CHECKSUM_KEY, WEBHOOK_USER, WEBHOOK_PASSWORD, GOOD_AUTH, paymentReceivedSample, clik2payEvent, clickPesaTrigger, clik2payTrigger, prng } = require('./helpers');

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const CASES = Number(process.env.FUZZ_CASES ?? 1_000);

const deepText = (depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const DEEP = [deepText(33), deepText(1000), deepText(100_000)];
const HUGE = 'x'.repeat(1_000_000);

const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Every object and array inside a value (iteratively), to pick a mutation site. */
function containers(root) {
	const found = [];
	const pending = [root];
	while (pending.length && found.length < 200) {
		const value = pending.pop();
		if (value === null || typeof value !== 'object') continue;
		found.push(value);
		for (const key of Object.keys(value)) pending.push(value[key]);
	}
	return found;
}

/** The deepest level at which an object or array sits (the root is level 0). */
function maxContainerDepth(root) {
	let max = -1;
	const pending = [{ value: root, depth: 0 }];
	while (pending.length) {
		const { value, depth } = pending.pop();
		if (value === null || typeof value !== 'object') continue;
		max = Math.max(max, depth);
		if (depth > CHECKSUM_LIMITS.maxDepth) continue;
		for (const key of Object.keys(value)) pending.push({ value: value[key], depth: depth + 1 });
	}
	return max;
}

function hasProtoKey(root) {
	return containers(root).some((value) => !Array.isArray(value) && Object.keys(value).includes('__proto__'));
}

function randomValue(rand) {
	switch (rand.int(9)) {
		case 0: return rand.int(1e9);
		case 1: return -rand.next();
		case 2: return null;
		case 3: return true;
		case 4: return [rand.int(5), 'x'];
		case 5: return { nested: { value: rand.int(100) } };
		case 6: return '';
		case 7: return 'PAYMENT RECEIVED';
		default: return Math.random().toString(36).repeat(rand.int(4) + 1);
	}
}

/** Mutations of a JS value (the parsed body); each returns the new body. */
const objectMutations = {
	changeAmount(body, rand) {
		if (isPlainObject(body) && isPlainObject(body.data)) body.data.collectedAmount = String(rand.int(10_000_000));
		return body;
	},
	addKey(body, rand) {
		const site = rand.pick(containers(body));
		if (site && !Array.isArray(site)) site[rand.pick(['extra', 'status', 'id', 'orderReference', 'checksumMethod', 'event'])] = randomValue(rand);
		else if (site) site.push(randomValue(rand));
		return body;
	},
	removeKey(body, rand) {
		const site = rand.pick(containers(body));
		if (site && !Array.isArray(site)) {
			const keys = Object.keys(site);
			if (keys.length) delete site[rand.pick(keys)];
		}
		return body;
	},
	protoKey(body, rand) {
		const site = rand.pick(containers(body).filter(isPlainObject));
		if (site) Object.defineProperty(site, '__proto__', { value: { collectedAmount: '1', polluted: true }, enumerable: true, writable: true, configurable: true });
		return body;
	},
	constructorKey(body, rand) {
		const site = rand.pick(containers(body).filter(isPlainObject));
		if (site) site[rand.pick(['constructor', 'prototype', 'toString', 'hasOwnProperty'])] = { prototype: { polluted: true } };
		return body;
	},
	wrongType(body, rand) {
		if (isPlainObject(body)) body[rand.pick(['event', 'eventType', 'data', 'checksum', 'checksumMethod', 'resource', 'eventType'])] = randomValue(rand);
		return body;
	},
	deepNesting(body, rand) {
		const site = rand.pick(containers(body).filter(isPlainObject));
		if (site) site.deep = JSON.parse(rand.pick(DEEP));
		return body;
	},
	hugeString(body, rand) {
		const site = rand.pick(containers(body).filter(isPlainObject));
		if (site) site.huge = HUGE;
		return body;
	},
	wrapInArray(body) {
		return [body];
	},
	legacySigned(body) {
		if (!isPlainObject(body)) return body;
		const { checksum, checksumMethod, ...rest } = body;
		if (isPlainObject(rest.data)) rest.data.collectedAmount = '9999999';
		return { ...rest, checksum: computeLegacyChecksum(CHECKSUM_KEY, rest), checksumMethod: 'legacy' };
	},
	otherKey(body) {
		if (!isPlainObject(body)) return body;
		const { checksum, checksumMethod, ...rest } = body;
		return { ...rest, checksum: computeChecksum('not-the-key', rest) };
	},
	checksumCase(body) {
		if (isPlainObject(body) && typeof body.checksum === 'string') body.checksum = body.checksum.toUpperCase();
		return body;
	},
	reorderKeys(body) {
		if (!isPlainObject(body)) return body;
		return Object.fromEntries(Object.entries(body).reverse());
	},
};

/** A mutation that cannot apply (e.g. re-signing a body already nested too deep) leaves the body as it is. */
function mutate(name, body, rand) {
	try {
		return objectMutations[name](body, rand);
	} catch {
		return body;
	}
}

/** Turns the (mutated) body into what n8n could hand over, possibly mangling its text. */
function represent(body, rand) {
	let text;
	try {
		text = JSON.stringify(body, null, rand.int(3) === 0 ? 2 : undefined);
	} catch {
		return { request: { body }, text: undefined };
	}
	switch (rand.int(8)) {
		case 0: {
			const at = rand.int(text.length);
			const mangled = text.slice(0, at) + String.fromCharCode(32 + rand.int(95)) + text.slice(at + 1);
			return { request: { body: mangled }, text: mangled };
		}
		case 1: return { request: { body: Buffer.from(text) }, text };
		case 2: return { request: { body: undefined, rawBody: Buffer.from(text) }, text };
		case 3: return { request: { body: text }, text };
		case 4: {
			const junk = rand.pick(['', 'null', 'undefined', '<xml/>', 'a=b&c=d', '\u0000\u0001', text.slice(0, rand.int(text.length))]);
			return { request: { body: junk }, text: junk };
		}
		default: return { request: { body }, text: undefined };
	}
}

function parsedForOracle(request, text) {
	if (text === undefined) return { ok: true, value: request.body };
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false };
	}
}

function clone(value) {
	return JSON.parse(JSON.stringify(value));
}

const CLICKPESA_SAMPLES = [
	paymentReceivedSample(),
	{ event: 'PAYMENT FAILED', data: { id: 'F1', status: 'FAILED', orderReference: 'ORD9', message: 'Insufficient balance', clientId: 'ID1' } },
	{ eventType: 'PAYOUT REFUNDED', data: { id: 'PAY1', status: 'REFUNDED', amount: '20000.00', refund: { message: 'x', refundedAt: '2024-09-02T09:30:00.000Z' }, beneficiary: { accountName: 'Jöhn – Ünïcode' } } },
	{ event: 'DEPOSIT RECEIVED', data: { id: 'DEP1', status: 'SUCCESS', depositAmount: '2000', list: [1, { b: 2, a: [3] }] } },
];

/** The oracle: independent checksum (simulator code) + the documented event shape. */
function clickPesaShouldEmit(parsed, headers) {
	if (!parsed.ok || !isPlainObject(parsed.value)) return false;
	const body = parsed.value;
	if (hasProtoKey(body)) return false;
	const method = body.checksumMethod;
	if (method !== undefined && method !== null && !(typeof method === 'string' && method.trim().toLowerCase() === 'canonical')) return false;
	const inBody = Object.keys(body).includes('checksum') && body.checksum !== null && body.checksum !== '';
	const received = inBody ? body.checksum : headers['x-clickpesa-checksum'];
	if (typeof received !== 'string') return false;
	let expected;
	try {
		expected = canonicalChecksum(CHECKSUM_KEY, body);
	} catch {
		return false;
	}
	if (received.trim().toLowerCase() !== expected || (inBody && received !== received.trim())) return false;
	const name = body.event ?? body.eventType;
	return typeof name === 'string' && name.trim() !== '' && isPlainObject(body.data);
}

describe('fuzz: ClickPesa Trigger webhook()', () => {
	test(`${CASES} random and mutated calls: no crash, no 500, and only validly signed events start the workflow`, async () => {
		const trigger = clickPesaTrigger({}, {}, 'fuzz-clickpesa');
		const rand = prng(SEED);
		const names = Object.keys(objectMutations);
		let emitted = 0;
		const statuses = {};
		for (let index = 0; index < CASES; index++) {
			const sample = clone(rand.pick(CLICKPESA_SAMPLES));
			const sampleChecksum = computeChecksum(CHECKSUM_KEY, sample);
			let body = { ...clone(sample), checksum: sampleChecksum };
			const headers = {};
			const mutationCount = rand.int(4);
			const applied = [];
			for (let m = 0; m < mutationCount; m++) {
				const name = rand.pick(names);
				if ((name === 'deepNesting' || name === 'hugeString') && rand.int(10) !== 0) continue;
				applied.push(name);
				body = mutate(name, body, rand);
			}
			if (rand.int(10) === 0) {
				applied.push('header');
				if (isPlainObject(body) && rand.int(2) === 0) delete body.checksum;
				headers['x-clickpesa-checksum'] = rand.pick([sampleChecksum, 'f'.repeat(64), 'garbage', '']);
			}
			const { request, text } = represent(body, rand);
			const shouldEmit = clickPesaShouldEmit(parsedForOracle(request, text), headers);
			const call = await trigger.call({ ...request, headers });
			const label = `seed ${SEED} case ${index} [${applied.join(', ')}]`;
			if (call.threw !== undefined || call.status === 500 || call.status === undefined) {
				throw new Error(`${label}: threw ${call.threw} / status ${call.status}`);
			}
			if (shouldEmit !== (call.items !== null)) {
				throw new Error(`${label}: expected ${shouldEmit ? 'an execution' : 'no execution'}, got status ${call.status} ${JSON.stringify(call.body)}`);
			}
			if (call.items) {
				emitted++;
				expect(call.items).toHaveLength(1);
				expect(call.items[0].verified).toBe(true);
			} else {
				expect([200, 400, 401]).toContain(call.status);
			}
			statuses[call.status] = (statuses[call.status] ?? 0) + 1;
		}
		// The mix must exercise both sides: plenty of valid calls and every kind of refusal.
		expect(emitted).toBeGreaterThan(CASES * 0.05);
		expect(statuses[400]).toBeGreaterThan(CASES * 0.05);
		expect(statuses[401]).toBeGreaterThan(CASES * 0.1);
	});
});

const GOOD_TOKEN = GOOD_AUTH.slice('Basic '.length);

function authMutation(rand) {
	switch (rand.int(16)) {
		case 0: return undefined;
		case 1: return '';
		case 2: return `Bearer ${GOOD_TOKEN}`;
		case 3: return `basic ${GOOD_TOKEN}`;
		case 4: return `  Basic   ${GOOD_TOKEN}  `;
		case 5: {
			const at = rand.int(GOOD_TOKEN.length);
			return `Basic ${GOOD_TOKEN.slice(0, at)}${String.fromCharCode(33 + rand.int(94))}${GOOD_TOKEN.slice(at + 1)}`;
		}
		case 6: return `Basic ${Buffer.from(`${WEBHOOK_USER}:${WEBHOOK_PASSWORD}x`).toString('base64')}`;
		case 7: return `Basic ${Buffer.from(`${WEBHOOK_USER}:`).toString('base64')}`;
		case 8: return `Basic ${Buffer.from(`${WEBHOOK_PASSWORD}:${WEBHOOK_USER}`).toString('base64')}`;
		case 9: return `Basic ${'A'.repeat(10_000)}`;
		case 10: return `Basic ${GOOD_TOKEN}==`;
		case 11: return `Basic ${Buffer.from(`${WEBHOOK_USER}:${WEBHOOK_PASSWORD}\n`).toString('base64')}`;
		case 12: return `Basic ${GOOD_TOKEN.slice(0, -1)}`;
		case 13: return `Basic ${Buffer.from(`ü${WEBHOOK_USER}:${WEBHOOK_PASSWORD}`).toString('base64')}`;
		default: return GOOD_AUTH;
	}
}

function clik2payBodyIsValid(parsed) {
	if (!parsed.ok) return false;
	const list = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
	if (list.length === 0 || hasProtoKey(parsed.value)) return false;
	return list.every((event) => isPlainObject(event) && typeof event.eventType === 'string' && event.eventType.trim() !== '' && isPlainObject(event.resource)) && maxContainerDepth(parsed.value) < WEBHOOK_BODY_LIMITS.maxDepth;
}

describe('fuzz: Clik2pay Trigger webhook()', () => {
	test(`${CASES} random and mutated calls: no crash, no 500, and nothing starts without the exact Basic credentials`, async () => {
		const trigger = clik2payTrigger({}, {}, 'fuzz-clik2pay');
		const rand = prng(SEED + 1);
		const names = Object.keys(objectMutations).filter((name) => !['legacySigned', 'otherKey', 'checksumCase'].includes(name));
		let emitted = 0;
		const statuses = {};
		for (let index = 0; index < CASES; index++) {
			const count = rand.int(3) + 1;
			const events = Array.from({ length: count }, (_, i) =>
				clik2payEvent({ eventType: rand.pick(['PAYMENT-COMPLETED', 'PAYMENT-FAILED', 'PAYMENT-LINK-FOLLOWED', 'PAYMENT-PROCESSING']) }, { id: `r-${index}-${i}` }),
			);
			let body = rand.int(2) === 0 ? events : events[0];
			const applied = [];
			for (let m = 0, n = rand.int(3); m < n; m++) {
				const name = rand.pick(names);
				if ((name === 'deepNesting' || name === 'hugeString') && rand.int(10) !== 0) continue;
				applied.push(name);
				body = mutate(name, body, rand);
			}
			const authorization = authMutation(rand);
			const headers = authorization === undefined ? {} : { authorization };
			const { request, text } = represent(body, rand);
			const call = await trigger.call({ ...request, headers });
			const label = `seed ${SEED + 1} case ${index} [${applied.join(', ')}] auth ${JSON.stringify(authorization)?.slice(0, 60)}`;
			if (call.threw !== undefined || call.status === 500 || call.status === undefined) {
				throw new Error(`${label}: threw ${call.threw} / status ${call.status}`);
			}
			const authValid = typeof authorization === 'string' && /^\s*basic\s+(\S+)\s*$/i.exec(authorization)?.[1] === GOOD_TOKEN;
			if (!authValid) {
				if (call.items !== null || ![401, 403].includes(call.status)) throw new Error(`${label}: bad auth answered ${call.status}`);
			} else {
				const parsed = parsedForOracle(request, text);
				const valid = clik2payBodyIsValid(parsed);
				if (!valid && call.items !== null) throw new Error(`${label}: invalid body started the workflow`);
				if (valid) {
					const list = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
					const known = list.filter((event) => /^PAYMENT[-_ ](COMPLETED|FAILED|LINK[-_ ]FOLLOWED|PROCESSING)$/i.test(event.eventType.trim()));
					if ((call.items?.length ?? 0) !== known.length) throw new Error(`${label}: expected ${known.length} items, got ${call.items?.length ?? 0} (status ${call.status})`);
				}
				if (call.items) emitted++;
				else expect([200, 400]).toContain(call.status);
			}
			statuses[call.status] = (statuses[call.status] ?? 0) + 1;
		}
		expect(emitted).toBeGreaterThan(CASES * 0.1);
		expect(statuses[401]).toBeGreaterThan(CASES * 0.05);
		expect(statuses[403]).toBeGreaterThan(CASES * 0.05);
		expect(statuses[400]).toBeGreaterThan(CASES * 0.02);
	});
});
