// @ts-check
/**
 * One implementation of "prepare a user folder, install the package tarball, import, start n8n",
 * shared by `npm start` (scripts/start.js) and the e2e tests (test/e2e/support/).
 */
'use strict';

module.exports = {
	...require('./instance'),
	...require('./versions'),
	...require('./ports'),
	...require('./process'),
	...require('./http'),
	...require('./toolchain'),
};
