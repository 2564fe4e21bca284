// @ts-check
'use strict';

/**
 * readPinnedVersions() → { n8n2, n8n1, node24, node22 } from scripts/toolchain.sh;
 * pinnedN8nVersions() → the n8n versions to test (E2E_N8N_VERSIONS=2.41.1 restricts);
 * nodeVersionFor(n8nVersion). Implemented in scripts/n8n/versions.js.
 */
module.exports = require('../../../scripts/n8n/versions');
