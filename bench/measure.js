// @ts-check
/**
 * One measured `n8n execute`: run under GNU time so the CPU time of the n8n process (and of the
 * children it waited for) is known, plus the run's own start/stop stamps and the simulator's counts.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { parseRunJson, runToFiles, freePort, tail } = require('../scripts/n8n');

const GNU_TIME = '/usr/bin/time';

/**
 * @param {import('../scripts/n8n').N8nInstance} n8n
 * @param {string} workflowId
 * @param {{ env?: Record<string, string>, timeoutMs?: number }} [options]
 * @returns {Promise<{ run: any, runData: Record<string, any[]>, wallMs: number, cpuMs: number, peakRssMiB: number }>}
 */
async function executeMeasured(n8n, workflowId, { env = {}, timeoutMs = 10 * 60_000 } = {}) {
	if (!fs.existsSync(GNU_TIME)) {
		throw new Error(`${GNU_TIME} is missing: run "source scripts/toolchain.sh && ensure_debian_packages time"`);
	}
	const label = `bench-${++executions}-${workflowId}`;
	const timeFile = path.join(n8n.logDir, `${label}.time`);
	const result = await runToFiles(
		GNU_TIME,
		['-f', '%U %S %M', '-o', timeFile, n8n.install.bin, 'execute', `--id=${workflowId}`, '--rawOutput'],
		{
			cwd: n8n.userFolder,
			env: n8n.processEnv({ brokerPort: await freePort(), extra: env }),
			stdoutFile: path.join(n8n.logDir, `${label}.out`),
			stderrFile: path.join(n8n.logDir, `${label}.err`),
			timeoutMs,
		},
	);
	const run = parseRunJson(result.stdout) ?? parseRunJson(`${result.stdout}\n${result.stderr}`);
	const failed = run?.data?.resultData?.error;
	if (!run || failed) {
		throw new Error(
			`n8n execute --id=${workflowId} ${failed ? `failed: ${JSON.stringify(failed).slice(0, 500)}` : `printed no run JSON (exit ${result.code})`}\n${tail(result.stdout, 20)}\n${tail(result.stderr, 20)}`,
		);
	}
	// %M: the peak resident set size in KiB of the largest process GNU time waited for (n8n itself).
	const [user, system, peakRssKiB] = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
	return {
		run,
		runData: run.data.resultData.runData,
		wallMs: Date.parse(run.stoppedAt) - Date.parse(run.startedAt),
		cpuMs: (user + system) * 1000,
		peakRssMiB: peakRssKiB / 1024,
	};
}
let executions = 0;

/** The `json` of a node's first main output. @param {Record<string, any[]>} runData @param {string} nodeName */
function outputOf(runData, nodeName) {
	return (runData[nodeName]?.[0]?.data?.main?.[0] ?? []).map((/** @type {{ json: any }} */ item) => item.json);
}

/** Summed execution time of the named nodes. @param {Record<string, any[]>} runData @param {string[]} nodeNames */
function nodesTimeMs(runData, nodeNames) {
	return nodeNames.reduce((sum, name) => sum + (runData[name]?.[0]?.executionTime ?? 0), 0);
}

/**
 * Simulator traffic since the last reset: all requests, by route and status.
 * @param {import('../simulator').Simulator} sim
 */
async function traffic(sim) {
	const counts = (await sim.stats()).counts;
	const entries = Object.entries(counts).filter(([route]) => route.startsWith('clickpesa '));
	const total = entries.reduce((sum, [, entry]) => sum + entry.total, 0);
	const rejected429 = entries.reduce((sum, [, entry]) => sum + (entry.byStatus['429'] ?? 0), 0);
	/** Requests on one route, or only those answered with `status`. @param {string} route @param {number} [status] */
	const route = (route, status) => {
		const entry = counts[`clickpesa ${route}`];
		return (status === undefined ? entry?.total : entry?.byStatus[String(status)]) ?? 0;
	};
	return { total, rejected429, route };
}

/**
 * When did ClickPesa refuse, relative to the first request of the run, and how late did the
 * requests of the first second arrive? (The simulator stamps arrival; it adds its latency before
 * counting a request against the window, the same for every request.)
 * @param {import('../simulator').Simulator} sim
 * @returns {string}
 */
function rateLimitTimeline(sim) {
	const entries = sim.requests(10_000).filter((entry) => entry.provider === 'clickpesa');
	if (entries.length === 0) return 'no requests';
	const start = Date.parse(entries[0].time);
	const at = (/** @type {{ time: string }} */ entry) => Date.parse(entry.time) - start;
	const refused = entries.filter((entry) => entry.status === 429).map(at);
	const firstSecond = entries.filter((entry) => at(entry) < 1000 && entry.status !== 429).map(at);
	return `429s at ${refused.length ? refused.slice(0, 8).join(', ') : 'none'} ms; first-second arrivals at ${firstSecond.slice(0, 12).join(', ')} ms (${firstSecond.length} in all)`;
}

/**
 * The environment of a profiled `n8n execute` (BENCH_PROFILE_DIR): V8's CPU profiler on, writing
 * into `<dir>/<pair>/<side>`. Empty without BENCH_PROFILE_DIR.
 * @param {{ profileDir: string }} settings @param {string} pair @param {string} side
 * @returns {Record<string, string>}
 */
function profileEnv(settings, pair, side) {
	if (!settings.profileDir) return {};
	const dir = path.resolve(settings.profileDir, pair, side);
	fs.mkdirSync(dir, { recursive: true });
	return { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` };
}

module.exports = { executeMeasured, outputOf, nodesTimeMs, traffic, rateLimitTimeline, profileEnv };
