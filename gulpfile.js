// tsc compiles the TypeScript; gulp copies what tsc does not: SVG/PNG icons and the codex
// `.node.json` files that n8n reads next to each node.
const { src, dest } = require('gulp');

function copyStaticFiles() {
	return src(['icons/*.{png,svg}', 'nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:static'] = copyStaticFiles;
exports.default = copyStaticFiles;
