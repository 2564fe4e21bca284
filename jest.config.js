/** Tests run against the compiled package in dist/ (what users install): `npm test` builds first. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.js'],
	testSequencer: '<rootDir>/test/support/sequencer.js',
	testTimeout: 30000,
	verbose: false,
};
