// @ts-check
'use strict';

/**
 * What every scenario gets from bench/run.js.
 * @typedef {object} Context
 * @property {typeof import('../settings').settings} settings
 * @property {import('../../simulator').Simulator} sim
 * @property {import('../../scripts/n8n').N8nInstance} n8n
 * @property {{ unpaced: Credential, paced: Credential, signed: Credential, reconcile: Credential }} credentials
 * @property {(line: string) => void} log
 * @property {string} checksumKey the signed credential's Checksum Key
 *
 * @typedef {{ id: string, name: string }} Credential
 *
 * A line of the results table; `met` is absent when there is no target, only a number to report.
 * @typedef {{ measure: string, ours: string, theirs: string, ratio: string, target: string, met?: boolean }} Row
 */

module.exports = {};
