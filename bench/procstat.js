// @ts-check
/**
 * CPU time used so far by every live process of a process group (Linux /proc): for `n8n start`,
 * its main process and the task runner it spawned. Processes that already exited are not counted.
 */
'use strict';

const fs = require('node:fs');
const { execFileSync } = require('node:child_process');

let ticksPerSecond = 0;

/** @param {number} pgid @returns {number} user + system CPU, ms */
function groupCpuMs(pgid) {
	if (!ticksPerSecond) ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
	let ticks = 0;
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat;
		try {
			stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue; // exited meanwhile
		}
		// Fields after "(comm)": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (Number(fields[2]) !== pgid) continue;
		ticks += Number(fields[11]) + Number(fields[12]);
	}
	return (ticks * 1000) / ticksPerSecond;
}

module.exports = { groupCpuMs };
