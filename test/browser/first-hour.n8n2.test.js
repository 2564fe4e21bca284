// @ts-check
/** The first hour of a new user in the pinned n8n 2.x (the walk itself: firstHour.js), unless E2E_N8N_VERSIONS leaves it out. */
'use strict';

const { firstHour } = require('./firstHour');
const { readPinnedVersions, pinnedN8nVersions } = require('../e2e/support/versions');

const version = readPinnedVersions().n8n2;
if (pinnedN8nVersions().includes(version)) firstHour(version);
else test.skip(`n8n ${version} is not among E2E_N8N_VERSIONS`, () => {});
