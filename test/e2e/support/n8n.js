// @ts-check
/**
 * Drives a real n8n from the e2e tests. The implementation lives in scripts/n8n/ (shared with
 * `npm start`); see scripts/n8n/instance.js for every method's contract.
 */
'use strict';

const { N8N_START_TIMEOUT_MS, N8nInstance, packPackage, removePackedTarballs, nodeOutput, n8nInstall, TEST_ENCRYPTION_KEY } = require('../../../scripts/n8n/instance');
const { httpRequest } = require('../../../scripts/n8n/http');
const { waitFor } = require('../../../scripts/n8n/process');

module.exports = { N8N_START_TIMEOUT_MS, N8nInstance, packPackage, removePackedTarballs, nodeOutput, n8nInstall, TEST_ENCRYPTION_KEY, httpRequest, waitFor };
