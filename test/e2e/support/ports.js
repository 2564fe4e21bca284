// @ts-check
'use strict';

/** freePort(): a free port on 127.0.0.1; isPortInUse(port). Implemented in scripts/n8n/ports.js. */
module.exports = require('../../../scripts/n8n/ports');
