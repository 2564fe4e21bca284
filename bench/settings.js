// @ts-check
/**
 * Every knob of `npm run bench`, read once from the environment so the report can print exactly
 * what was measured.
 */
'use strict';

/** @param {string} name @param {number} fallback */
function numberFromEnv(name, fallback) {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
	return value;
}

/** ClickPesa's documented limit (docs/clickpesa-api.md §8.3): 120 requests per minute per IP. */
const CLICKPESA_LIMIT_PER_MINUTE = 120;

const settings = Object.freeze({
	runs: Math.max(1, numberFromEnv('BENCH_RUNS', 3)),
	latencyMs: numberFromEnv('BENCH_LATENCY_MS', 50),
	ussdItems: numberFromEnv('BENCH_USSD_ITEMS', 500),
	/** The rate-limited USSD run: ClickPesa's 120/min scaled up (see README "Benchmarks"). */
	rateLimitPerMinute: numberFromEnv('BENCH_RATE_LIMIT', 300),
	billPayItems: numberFromEnv('BENCH_BILLPAY_ITEMS', 1000),
	webhookRequests: numberFromEnv('BENCH_WEBHOOK_REQUESTS', 400),
	webhookWarmup: numberFromEnv('BENCH_WEBHOOK_WARMUP', 50),
	webhookConcurrency: Math.max(1, numberFromEnv('BENCH_WEBHOOK_CONCURRENCY', 16)),
	/** The timed webhook requests of a run go out in chunks of this size, the sides taking turns per chunk. */
	webhookChunk: Math.max(1, numberFromEnv('BENCH_WEBHOOK_CHUNK', 50)),
	cpuItems: numberFromEnv('BENCH_CPU_ITEMS', 500),
	/** Plans of the payment-plans pair (Get Status; as many payments are seeded). */
	planItems: Math.max(10, numberFromEnv('BENCH_PLAN_ITEMS', 1000)),
	/** Invoices and payments of the reconcile pair (as many of each). */
	reconcileItems: Math.max(10, numberFromEnv('BENCH_RECONCILE_ITEMS', 10000)),
	/** Extra environment for the webhook pair's `n8n start`, as JSON (all sides alike), e.g. n8n's expression-engine switches. */
	webhookN8nEnv: JSON.parse(process.env.BENCH_WEBHOOK_N8N_ENV || '{}'),
	payoutItems: Math.max(2, numberFromEnv('BENCH_PAYOUT_ITEMS', 10)),
	/** The simulator's payout cooldown (ClickPesa: 60 s between creates) scaled down; our Payout Spacing is set to the same. */
	payoutCooldownMs: Math.max(1, numberFromEnv('BENCH_PAYOUT_COOLDOWN_MS', 2000)),
	/** The two sizes of the memory pair: peak RSS is measured at both, the growth between them compared. */
	memoryItems: (process.env.BENCH_MEMORY_ITEMS ?? '1000,10000').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0).slice(0, 2),
	/** The queue-mode pair: executions started together on 2 workers, USSD pushes in each, and the simulator's limit per address. */
	queueExecutions: Math.max(2, numberFromEnv('BENCH_QUEUE_EXECUTIONS', 4)),
	queueItems: Math.max(1, numberFromEnv('BENCH_QUEUE_ITEMS', 250)),
	queueRateLimit: Math.max(1, numberFromEnv('BENCH_QUEUE_RATE_LIMIT', 300)),
	/** Run only these pairs (comma-separated: ussd, billpay, cpu, webhooks, payouts, reconcile, plans, memory, queue); empty: all. */
	only: (process.env.BENCH_ONLY ?? '').split(',').map((name) => name.trim()).filter(Boolean),
	/** Write V8 CPU profiles of the zero-latency runs into this folder (empty: off). */
	profileDir: process.env.BENCH_PROFILE_DIR ?? '',
});

module.exports = { settings, CLICKPESA_LIMIT_PER_MINUTE };
