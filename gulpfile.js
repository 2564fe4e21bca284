// tsc compiles the TypeScript; gulp copies what tsc does not: SVG/PNG icons, the codex
// `.node.json` files and the output schemas (`__schema__/**/*.json`, docs/output-schemas.md) that
// n8n reads next to each node.
const { src, dest } = require('gulp');

function copyStaticFiles() {
	return src(['icons/*.{png,svg}', 'nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:static'] = copyStaticFiles;
exports.default = copyStaticFiles;
