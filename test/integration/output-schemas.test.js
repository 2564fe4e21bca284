// @ts-check
/**
 * The output schemas n8n's editor shows before a node has run (docs/output-schemas.md): one file
 * per node version and operation, shipped in dist/, and true to what each operation returns from
 * the simulator.
 */
const fs = require('node:fs');
const path = require('node:path');

const nodeClasses = require('../../index.js');
const { declaredProperties, resolvePointer, schemaProblems, validate } = require('../support/jsonSchema');
const { nodes } = require('./outputSchemas.cases');

const ROOT = path.resolve(__dirname, '../..');
const ROUTERS = {
	clickPesa: require('../../dist/nodes/ClickPesa/actions/router').operationsByResource,
	clik2pay: require('../../dist/nodes/Clik2pay/actions/router').operationsByResource,
};

/** The version folder n8n looks in: the editor asks for `1.1.0` for typeVersion 1.1, `1.0.0` for 1. */
const versionFolder = (/** @type {number} */ version) => `v${String(version).split('.').concat(['0', '0']).slice(0, 3).join('.')}`;

/** @param {string} type */
function versionsOf(type) {
	const NodeClass = nodeClasses[type.charAt(0).toUpperCase() + type.slice(1)];
	const { version } = new NodeClass().description;
	return Array.isArray(version) ? version : [version];
}

/** Every file below `dir`, relative to it, `/`-separated; none when it does not exist. @param {string} dir */
function filesBelow(dir) {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
		.sort();
}

/** @param {string} type */
const routerPairs = (type) => Object.entries(ROUTERS[type]).flatMap(([resource, operations]) => Object.keys(operations).map((operation) => `${resource}/${operation}`));

/** @param {string} file */
const readSchema = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** A value of a JSON type the schema does not allow, or undefined when it allows every type. @param {string[]} types */
function valueOfAnotherType(types) {
	const samples = { string: 'text', number: 1.5, boolean: true, object: {}, array: [], null: null };
	const allowed = (/** @type {string} */ type) => types.includes(type) || (type === 'number' && types.includes('integer'));
	const other = Object.keys(samples).find((type) => !allowed(type));
	return other === undefined ? undefined : { value: samples[other] };
}

describe.each(nodes)('output schemas of the $folder node', ({ type, folder, start, startFresh, runs }) => {
	const sourceDir = path.join(ROOT, 'nodes', folder, '__schema__');
	const distDir = path.join(ROOT, 'dist', 'nodes', folder, '__schema__');
	const versions = versionsOf(type);
	const expectedFiles = versions.flatMap((version) => routerPairs(type).map((pair) => `${versionFolder(version)}/${pair}.json`)).sort();

	describe('the files', () => {
		test('one schema per node version and operation of the router, and no other file', () => {
			expect(expectedFiles.length).toBeGreaterThan(0);
			expect(filesBelow(sourceDir)).toEqual(expectedFiles);
		});

		test('the build copies them unchanged into dist/, where n8n looks for them next to the node file', () => {
			expect(fs.existsSync(path.join(distDir, '..', `${folder}.node.js`))).toBe(true);
			expect(filesBelow(distDir)).toEqual(expectedFiles);
			for (const file of expectedFiles) {
				expect(fs.readFileSync(path.join(distDir, file), 'utf8')).toBe(fs.readFileSync(path.join(sourceDir, file), 'utf8'));
			}
		});

		test.each(expectedFiles)('%s is a schema the editor can show', (file) => {
			const schema = readSchema(path.join(sourceDir, file));
			expect(schemaProblems(schema)).toEqual([]);
			// What the editor requires before it uses a schema (an object with properties), and the
			// type it shows: the first of a list, so that one must not be null.
			expect(schema.type).toBe('object');
			expect(Object.keys(schema.properties ?? {}).length).toBeGreaterThan(0);
			const firstTypes = [];
			const collect = (part, at) => {
				if (Array.isArray(part.type) && part.type[0] === 'null') firstTypes.push(at);
				for (const [key, child] of Object.entries(part.properties ?? {})) collect(child, `${at}.${key}`);
				if (part.items) collect(part.items, `${at}[]`);
			};
			collect(schema, '$');
			expect(firstTypes).toEqual([]);
		});
	});

	test('every operation of the router is run against the simulator below', () => {
		expect(Object.keys(runs).sort()).toEqual(routerPairs(type).sort());
	});

	describe('each schema is true to what the operation returns from the simulator', () => {
		/** @type {any} */
		let f;
		const extra = [];
		const fresh = async () => {
			const fixture = await startFresh();
			extra.push(fixture);
			return fixture;
		};
		beforeAll(async () => {
			f = await start();
		});
		afterAll(async () => {
			for (const fixture of [f, ...extra]) await fixture?.sim.stop();
		});

		const cases = versions.flatMap((version) => Object.keys(runs).map((pair) => /** @type {[string, number]} */ ([pair, version])));

		test.each(cases)(
			'%s (node version %s)',
			async (pair, version) => {
				const file = `${versionFolder(version)}/${pair}.json`;
				const schema = readSchema(path.join(distDir, file));
				const visited = new Set();
				const problems = [];
				/** @type {Record<string, any>[]} */
				const items = [];
				for (const run of runs[pair]) {
					const outputs = await run.run(f, version, fresh);
					expect(outputs.flat().length).toBeGreaterThan(0);
					outputs.forEach((output, index) => {
						const pointer = run.outputs?.[index] ?? '#';
						for (const item of output) {
							if (pointer === '#') items.push(item.json);
							for (const error of validate(resolvePointer(schema, pointer), item.json, { undeclared: 'error', visited }, '$', pointer)) {
								problems.push(`${run.name}, output ${index}: ${error}`);
							}
						}
					});
				}
				expect(problems).toEqual([]);
				// A property no run produced is one the schema promises without proof.
				expect(declaredProperties(schema).filter((pointer) => !visited.has(pointer))).toEqual([]);

				// The check can fail: without a property the schema requires, or with a value of a type
				// it does not allow, the item no longer validates.
				const required = schema.required ?? [];
				expect(required.length).toBeGreaterThan(0);
				const [item] = items;
				for (const key of required) {
					const { [key]: _removed, ...without } = item;
					expect(validate(schema, without)).toContain(`$: required property "${key}" is missing`);
					const types = [schema.properties[key].type].flat();
					const other = valueOfAnotherType(types);
					if (other) expect(validate(schema, { ...item, [key]: other.value }).some((error) => error.startsWith(`$.${key}: expected`))).toBe(true);
				}
			},
			180_000,
		);
	});
});
