// @ts-check
/**
 * The first hour of a new user (README "First start"), in headless Chromium against each pinned n8n
 * (E2E_N8N_VERSIONS restricts): the sandbox is set up by the code `npm start` runs
 * (scripts/sandbox.js: package installed, simulator seeded and wired to the trigger examples,
 * credentials and examples imported, owner account), in a temp folder on free ports. Then, as a user:
 * sign in with the account the banner prints, see the examples, search the node creator, read the
 * canvas, the node and credential panels and where their docs links lead, let the editor ask for our
 * output schemas, run examples, and use the simulator page the banner points to.
 *
 * Screenshots of every step go to test/browser/screenshots/<version>/ (git-ignored). Needs a built
 * dist/ and Debian's chromium (or CHROMIUM_PATH). Chromium resolves no host but 127.0.0.1, so a docs
 * link is checked by the address it opens, never fetched.
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// See hosted-pages.test.js: puppeteer-core is an ES module, loaded past Jest's module registry.
const puppeteer = /** @type {typeof import('puppeteer-core')} */ (process.getBuiltinModule('node:module').createRequire(__filename)('puppeteer-core'));

const { Sandbox, readExamples } = require('../../scripts/sandbox');
const { packPackage, removePackedTarballs, waitFor } = require('../e2e/support/n8n');
const { freePort } = require('../e2e/support/ports');

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const NPM_PAGE = `https://www.npmjs.com/package/${PACKAGE.name}`;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCREENSHOTS = path.join(__dirname, 'screenshots');
const MINUTE = 60_000;
/** Generous: on a busy 2-core machine one editor page load has taken half a minute. */
const UI_TIMEOUT = 2 * MINUTE;

jest.setTimeout(6 * MINUTE);

/** The anchors GitHub and npm give README headings: lower case, punctuation dropped, spaces to "-". */
const README_ANCHORS = new Set(
	fs
		.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
		.split('\n')
		.filter((line) => /^#{1,6} /.test(line))
		.map((line) =>
			line
				.replace(/^#+ /, '')
				.trim()
				.toLowerCase()
				.replace(/[^\p{L}\p{N} _-]/gu, '')
				.replace(/ /g, '-'),
		),
);

/** Where a node type's output schemas would be in the package: dist/nodes/<Node>/__schema__/. */
const NODE_DIRS = Object.fromEntries(
	PACKAGE.n8n.nodes.map((/** @type {string} */ file) => {
		const dir = path.dirname(file);
		const base = path.basename(file, '.node.js');
		return [`${PACKAGE.name}.${base.charAt(0).toLowerCase()}${base.slice(1)}`, dir];
	}),
);

/**
 * A docs address as a user's browser gets it: which page, and the README anchor, which has to come
 * last (a tracking query n8n might add after it would become part of the anchor).
 * @param {string} url
 */
function docsLink(url) {
	const parsed = new URL(url);
	const anchor = parsed.hash.slice(1);
	return { page: `${parsed.origin}${parsed.pathname}`, anchor, anchorIsAReadmeHeading: anchor === '' || README_ANCHORS.has(anchor) };
}
/** @param {string} anchor */
const ourDocs = (anchor = '') => ({ page: NPM_PAGE, anchor, anchorIsAReadmeHeading: true });

/** @param {DOMRect | { top: number, bottom: number, left: number, right: number }} a @param {typeof a} b */
const overlaps = (a, b) => a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;

/**
 * The walk for one n8n version; first-hour.n8n2.test.js and first-hour.n8n1.test.js call it, so that
 * the two versions can run side by side in two jest workers.
 * @param {string} version
 */
function firstHour(version) {
	describe(`the first hour in n8n ${version}`, () => {
		const major = Number(version.split('.')[0]);
		const shotsDir = path.join(SCREENSHOTS, version);
		const examples = readExamples(ROOT);
		/** @type {string} */
		let local;
		/** @type {Sandbox} */
		let box;
		/** @type {string} */
		let banner;
		/** @type {import('puppeteer-core').Browser} */
		let browser;
		/** @type {import('puppeteer-core').Page} */
		let page;
		let shotCount = 0;
		/** Every answer to the editor's requests for this package's output schemas. */
		/** @type {{ status: number, path: string }[]} */
		const schemaAnswers = [];

		beforeAll(async () => {
			if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (.ci/run installs it) or set CHROMIUM_PATH`);
			fs.rmSync(shotsDir, { recursive: true, force: true });
			fs.mkdirSync(shotsDir, { recursive: true });
			local = fs.mkdtempSync(path.join(os.tmpdir(), `first-hour-${version}-`));
			box = new Sandbox({ local, version, port: await freePort(), simulatorPort: await freePort() });
			// What `npm start` does after building: pack, install, simulator, imports, n8n, owner.
			await box.createN8n({ tarball: await packPackage() });
			await box.startSimulator();
			await box.importAll();
			banner = await box.startN8n();

			browser = await puppeteer.launch({
				executablePath: CHROMIUM,
				headless: true,
				args: ['--no-sandbox', '--disable-dev-shm-usage', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
			});
			page = await browser.newPage();
			await page.setViewport({ width: 1440, height: 900 });
			page.setDefaultTimeout(UI_TIMEOUT);
			page.setDefaultNavigationTimeout(UI_TIMEOUT);
			page.on('dialog', (dialog) => void dialog.accept());
			// The simulator page reloads itself every few seconds; a person can switch that off, so do we.
			// window.open of an address elsewhere (the node creator's Docs link) only records it; n8n's own
			// pages (the approval form n8n opens in a pop-up) open as they do for a person.
			await page.evaluateOnNewDocument(() => {
				localStorage.setItem('simControlPageRefresh', 'off');
				const opened = /** @type {string[]} */ ([]);
				Object.assign(window, { __opened: opened });
				const openForReal = window.open.bind(window);
				window.open = (url, ...rest) => {
					if (url !== undefined && new URL(String(url), location.href).origin === location.origin) return openForReal(url, ...rest);
					opened.push(String(url));
					return null;
				};
			});
			page.on('response', (response) => {
				const { pathname } = new URL(response.url());
				if (pathname.startsWith(`/schemas/${PACKAGE.name}.`)) schemaAnswers.push({ status: response.status(), path: pathname });
			});
		}, 20 * MINUTE);

		afterAll(async () => {
			await browser?.close();
			await box?.stop();
			if (local && process.env.KEEP_N8N !== '1') fs.rmSync(local, { recursive: true, force: true, maxRetries: 3 });
			removePackedTarballs();
		}, 2 * MINUTE);

		const shot = async (/** @type {string} */ name) => {
			shotCount += 1;
			await page.screenshot({ path: path.join(shotsDir, `${String(shotCount).padStart(2, '0')}-${name}.png`) });
		};
		const bannerValue = (/** @type {string} */ label) => {
			const line = banner.split('\n').find((text) => text.trimStart().startsWith(`${label}:`));
			if (!line) throw new Error(`the banner has no "${label}:" line:\n${banner}`);
			return line.slice(line.indexOf(':') + 1).trim();
		};
		const editor = (/** @type {string} */ route) => `${box.requireN8n().baseUrl}${route}`;
		const visibleText = (/** @type {import('puppeteer-core').ElementHandle<Element>} */ handle) =>
			handle.evaluate((element) => /** @type {HTMLElement} */ (element).innerText.replace(/\s+/g, ' ').trim());

		async function openWorkflow(/** @type {string} */ id) {
			await page.goto(editor(`/workflow/${id}`), { waitUntil: 'domcontentloaded' });
			await page.waitForSelector('[data-test-id="canvas-node"]');
		}
		const canvasNode = (/** @type {string} */ name) => `[data-test-id="canvas-node"][data-node-name="${name}"]`;

		/** Opens a node's panel as a user does, by double-clicking it on the canvas. */
		async function openNode(/** @type {string} */ name) {
			await clickWhenReady(`${canvasNode(name)} [data-test-id="canvas-default-node"]`, 2);
			await page.waitForSelector('[data-test-id="ndv"] [data-test-id="node-parameters"]');
		}

		/**
		 * Clicks as a person does: once the element (the first visible match of a selector, or a handle) is
		 * in view, enabled, has stopped moving (the same box for 3 frames: a panel that slides in is not
		 * clicked half-way) and nothing covers its middle (a closing panel's backdrop fades out first).
		 * @param {string | import('puppeteer-core').ElementHandle<Element>} target
		 */
		async function clickWhenReady(target, count = 1) {
			const element = await page.waitForFunction(
				(/** @type {string | Element} */ wanted) => {
					const candidate = typeof wanted === 'string' ? [...document.querySelectorAll(wanted)].find((match) => match.getBoundingClientRect().width > 0) : wanted;
					if (!candidate || !candidate.isConnected) return undefined;
					const element = /** @type {HTMLElement & { __box?: string, __still?: number }} */ (candidate);
					element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
					const rect = element.getBoundingClientRect();
					const box = `${rect.left},${rect.top},${rect.width},${rect.height}`;
					element.__still = element.__box === box ? (element.__still ?? 0) + 1 : 0;
					element.__box = box;
					if (element.__still < 3 || rect.width === 0 || rect.height === 0) return undefined;
					if (rect.right <= 0 || rect.bottom <= 0 || rect.left >= innerWidth || rect.top >= innerHeight) return undefined;
					const style = getComputedStyle(element);
					if (style.visibility === 'hidden' || style.pointerEvents === 'none') return undefined;
					if (/** @type {HTMLButtonElement} */ (element).disabled || element.getAttribute('aria-disabled') === 'true') return undefined;
					const top = document.elementFromPoint((rect.left + rect.right) / 2, (rect.top + rect.bottom) / 2);
					return top && element.contains(top) ? element : undefined;
				},
				{ polling: 'raf' },
				target,
			);
			await /** @type {import('puppeteer-core').ElementHandle<Element>} */ (element).click({ count });
		}

		/**
		 * The element's box once it has stopped moving (the same box for 3 frames).
		 * @param {import('puppeteer-core').ElementHandle<Element>} handle
		 * @returns {Promise<{ x: number, y: number, width: number, height: number }>}
		 */
		async function restingBox(handle) {
			const box = await page.waitForFunction(
				(/** @type {Element & { __box?: string, __still?: number }} */ element) => {
					const rect = element.getBoundingClientRect();
					const key = `${rect.left},${rect.top},${rect.width},${rect.height}`;
					element.__still = element.__box === key ? (element.__still ?? 0) + 1 : 0;
					element.__box = key;
					return element.__still >= 3 && rect.width > 0 ? { x: rect.left, y: rect.top, width: rect.width, height: rect.height } : undefined;
				},
				{ polling: 'raf' },
				handle,
			);
			return box.jsonValue();
		}
		const center = (/** @type {{ x: number, y: number, width: number, height: number }} */ box) => /** @type {[number, number]} */ ([box.x + box.width / 2, box.y + box.height / 2]);

		/** Closes the node panel with its own button: 2.x "×", 1.x "Back to canvas". */
		async function closeNode() {
			await clickWhenReady('[data-test-id="ndv-close-button"], [data-test-id="back-to-canvas"]');
			await page.waitForSelector('[data-test-id="ndv"] [data-test-id="node-parameters"]', { hidden: true });
		}

		/**
		 * Opens and closes a node and waits for the editor's request for the output schema of the node
		 * before it (`schema`: "<type>/<version>/<resource>/<operation>.json"), which it makes before any run.
		 */
		async function openAndCloseAskingForSchema(/** @type {string} */ name, /** @type {string} */ schema) {
			const asked = page.waitForResponse((response) => new URL(response.url()).pathname === `/schemas/${PACKAGE.name}.${schema}`);
			await openNode(name);
			await asked;
			await shot(`schema-asked-${name.replace(/\W+/g, '-')}`);
			await closeNode();
		}

		/** The canvas subtitle of each named node. */
		const subtitles = (/** @type {string[]} */ names) =>
			Promise.all(names.map((name) => page.$eval(`${canvasNode(name)} [class*="subtitle"]`, (element) => element.textContent?.trim())));

		/** Clicks "Execute workflow" and resolves with the item count shown on the edge leaving `from`. */
		async function executeWorkflow(/** @type {string} */ from) {
			await clickWhenReady('[data-test-id="execute-workflow-button"]');
			const label = await page.waitForFunction(
				(name) => /** @type {HTMLElement | null} */ (document.querySelector(`[data-test-id="edge-label"][data-source-node-name="${name}"]`))?.innerText.trim() || undefined,
				{},
				from,
			);
			return label.jsonValue();
		}

		/** The "Docs" link among the links under `scope`, and where clicking it leads. */
		async function docsLinkIn(/** @type {string} */ scope) {
			const link = await page.waitForFunction(
				(selector) => [...document.querySelectorAll(`${selector} a`)].find((element) => /^(open )?docs$/i.test(element.textContent?.trim() ?? '')),
				{},
				scope,
			);
			return docsLink(await addressOpenedBy(() => clickWhenReady(/** @type {any} */ (link))));
		}

		/** What the simulator page shows in its webhook table, newest first. */
		async function simulatorWebhooks() {
			await page.goto(simulatorPage(), { waitUntil: 'domcontentloaded' });
			return page.$$eval('#webhooks tbody tr', (rows) => rows.map((row) => /** @type {HTMLTableRowElement} */ (row).innerText.replace(/\s+/g, ' ')));
		}
		const simulatorPage = () => bannerValue('Simulator control').split(' ')[0];

		/** The first execution listed in a workflow's Executions tab. */
		async function latestExecution(/** @type {string} */ id) {
			await page.goto(editor(`/workflow/${id}/executions`), { waitUntil: 'domcontentloaded' });
			const item = await page.waitForSelector('[data-test-id="current-executions-list"] [data-test-id^="execution-details-"]');
			return visibleText(/** @type {any} */ (item));
		}

		/** The URL a click opens in a new tab or through window.open (never loaded: no host resolves). */
		async function addressOpenedBy(/** @type {() => Promise<unknown>} */ click) {
			await page.evaluate(() => {
				/** @type {string[]} */ (/** @type {any} */ (window).__opened).length = 0;
			});
			/** @type {(target: import('puppeteer-core').Target) => void} */
			let onTarget = () => {};
			let settled = false;
			const newTab = new Promise((resolve) => {
				onTarget = (target) => {
					if (target.opener() === page.target()) resolve(target);
				};
				browser.on('targetcreated', onTarget);
			});
			try {
				await click();
				const opened = await Promise.race([
					newTab.then(async (/** @type {any} */ target) => {
						const url = target.url();
						await (await target.page())?.close();
						return url;
					}),
					waitFor(() => (settled ? 'settled' : page.evaluate(() => /** @type {string[]} */ (/** @type {any} */ (window).__opened)[0])), {
						timeoutMs: UI_TIMEOUT,
						what: 'a new tab or window.open',
					}),
				]);
				return String(opened);
			} finally {
				settled = true;
				browser.off('targetcreated', onTarget);
			}
		}

		/** Hovers the "?" beside a parameter's label and returns its tooltip, with what it covers. */
		async function parameterTooltip(/** @type {string} */ parameter) {
			const label = await page.waitForSelector(`[data-test-id="parameter-item"]:has([data-test-id="${parameter}-parameter-input-options-container"]) [data-test-id="input-label"] label`);
			if (!label) throw new Error(`no label for ${parameter}`);
			// The panel may still be sliding in: point at where the label and its "?" come to rest.
			await page.mouse.move(...center(await restingBox(label)), { steps: 4 });
			const icon = await label.waitForSelector('[data-icon="circle-help"]');
			if (!icon) throw new Error(`no "?" icon beside ${parameter}`);
			const [x, y] = center(await restingBox(icon));
			await page.mouse.move(x, y, { steps: 4 });
			// The visible tooltip nearest to the icon (2.x: .n8n-tooltip, 1.x: a dark .el-popper).
			const tooltip = await page.waitForFunction(
				(x, y) => {
					const distance = (/** @type {Element} */ element) => {
						const rect = element.getBoundingClientRect();
						return Math.hypot((rect.left + rect.right) / 2 - x, (rect.top + rect.bottom) / 2 - y);
					};
					const shown = [...document.querySelectorAll('.n8n-tooltip, .el-popper.is-dark, [role="tooltip"]')].filter(
						(element) =>
							element.getBoundingClientRect().height > 4 &&
							getComputedStyle(element).visibility !== 'hidden' &&
							/** @type {HTMLElement} */ (element).innerText.trim() !== '' &&
							distance(element) < 150,
					);
					return shown.sort((a, b) => distance(a) - distance(b))[0];
				},
				{},
				x,
				y,
			);
			return page.evaluate(
				(tip, name) => {
					const rect = (/** @type {Element | null | undefined} */ element) => {
						const r = element?.getBoundingClientRect();
						return r ? { top: r.top, bottom: r.bottom, left: r.left, right: r.right } : undefined;
					};
					const items = [...document.querySelectorAll('[data-test-id="node-parameters"] [data-test-id="parameter-item"]')];
					const index = items.findIndex((item) => item.querySelector(`[data-test-id="${name}-parameter-input-options-container"]`));
					const next = items.slice(index + 1).find((item) => item.getBoundingClientRect().height > 0);
					return {
						text: /** @type {HTMLElement} */ (tip).innerText.trim(),
						tip: rect(/** @type {Element} */ (tip)),
						input: rect(document.querySelector(`[data-test-id="parameter-input-${name}"]`)),
						nextLabel: /** @type {HTMLElement | undefined} */ (next?.querySelector('[data-test-id="input-label"]'))?.innerText.split('\n')[0].trim(),
						next: rect(next),
					};
				},
				tooltip,
				parameter,
			);
		}

		test('the banner prints the sign-in address, the owner account the sandbox made and the simulator page', async () => {
			const owner = JSON.parse(fs.readFileSync(path.join(local, 'owner.json'), 'utf8'));
			expect(banner).toContain(`n8n ${version} is ready`);
			expect(bannerValue('Editor')).toBe(editor(`/signin?redirect=${encodeURIComponent('/home/workflows')}`));
			expect(bannerValue('Sign in with')).toBe(`${owner.email}  /  ${owner.password}`);
			expect(bannerValue('Simulator control')).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${box.simulatorPort}/__control/page `));
			for (const example of examples) expect(banner).toContain(`- ${example.name}${example.active ? ' (active)' : ''}  ${editor(`/workflow/${example.id}`)}`);
		});

		test('signing in with that account opens the workflow list with every example; the two trigger examples are active', async () => {
			const [email, password] = bannerValue('Sign in with').split('  /  ');
			await page.goto(bannerValue('Editor'), { waitUntil: 'domcontentloaded' });
			await page.waitForSelector('[data-test-id="emailOrLdapLoginId"] input');
			await shot('sign-in');
			await page.type('[data-test-id="emailOrLdapLoginId"] input', email);
			await page.type('[data-test-id="password"] input', password);
			await clickWhenReady('[data-test-id="form-submit-button"]');
			await page.waitForSelector('[data-test-id="workflow-card-name"]');
			expect(new URL(page.url()).pathname).toBe('/home/workflows');
			await page.waitForFunction((count) => document.querySelectorAll('[data-test-id="resources-list-item-workflow"]').length >= count, {}, examples.length);
			await shot('workflow-list');
			const cards = await page.$$eval('[data-test-id="resources-list-item-workflow"]', (elements) =>
				elements.map((card) => ({
					name: /** @type {HTMLElement} */ (card.querySelector('[data-test-id="workflow-card-name"]'))?.innerText.trim(),
					text: /** @type {HTMLElement} */ (card).innerText.replace(/\s+/g, ' '),
				})),
			);
			expect(cards.map((card) => card.name).sort()).toEqual(examples.map((example) => example.name).sort());
			// 2.x calls an active workflow "Published", 1.x "Active" (and the others "Inactive").
			const active = cards.filter((card) => /\b(Published|Active)\b/.test(card.text)).map((card) => card.name);
			expect(active.sort()).toEqual(examples.filter((example) => example.active).map((example) => example.name).sort());
			expect(active).toContain('Mark an order paid when Clik2pay reports the payment');
		});


		/**
		 * Searches the node creator for an app and opens its entry: the entries found, the description
		 * shown in the results (2.x only; 1.x shows none there) and on the entry, and where Docs leads.
		 */
		async function searchApp(/** @type {string} */ app) {
			await clickWhenReady('[data-test-id="node-creator-plus-button"]');
			const search = await page.waitForSelector('[data-test-id="node-creator-search-bar"]');
			await search?.type(app);
			await page.waitForFunction(
				(name) => [...document.querySelectorAll('[data-test-id="node-creator-item-name"]')].some((element) => element.textContent?.trim() === name),
				{},
				app,
			);
			await shot(`node-search-${app}`);
			const items = await page.$$('[data-test-id="node-creator"] [data-test-id="item-iterator-item"]');
			const names = await Promise.all(items.map((item) => item.$eval('[data-test-id="node-creator-item-name"]', (element) => element.textContent?.trim())));
			const listed = await items[0].$('[data-test-id="node-creator-item-description"]');
			const inResults = listed ? await visibleText(listed) : null;
			await clickWhenReady(items[0]);
			// The entry's details: its description is the element with the "description" style class.
			const details = await page.waitForFunction(
				() =>
					[...document.querySelectorAll('[data-test-id="node-creator"] [class*="_description_"]')].find(
						(element) => !element.closest('[data-test-id="item-iterator-item"]') && (element.textContent ?? '').trim() !== '',
					),
			);
			await shot(`node-details-${app}`);
			const onEntry = await visibleText(/** @type {any} */ (details));
			const docs = await docsLinkIn('[data-test-id="node-creator"]');
			await escapeUntilGone('[data-test-id="node-creator"]');
			return { names, inResults, onEntry, docs };
		}

		test('node search finds each app by the words billing teams use (the aliases in its codex file)', async () => {
			/** @type {Record<string, string[]>} app name in the node creator → aliases of its action node */
			const aliasesOf = {
				ClickPesa: JSON.parse(fs.readFileSync(path.join(ROOT, 'nodes', 'ClickPesa', 'ClickPesa.node.json'), 'utf8')).alias,
				Clik2pay: JSON.parse(fs.readFileSync(path.join(ROOT, 'nodes', 'Clik2pay', 'Clik2pay.node.json'), 'utf8')).alias,
			};
			await openWorkflow('exListTodaysPayments');
			await clickWhenReady('[data-test-id="node-creator-plus-button"]');
			// Typed as a person types: into the search bar, which keeps the focus; each word replaces the last (select all, type).
			await clickWhenReady('[data-test-id="node-creator-search-bar"]');
			const replaceQuery = async (/** @type {string} */ text) => {
				await page.keyboard.down('Control');
				await page.keyboard.press('KeyA');
				await page.keyboard.up('Control');
				await page.keyboard.type(text);
			};
			/** @type {Record<string, string>} */
			const notFound = {};
			for (const [app, aliases] of Object.entries(aliasesOf)) {
				for (const alias of aliases) {
					// A word nothing matches first, so that the app still listed for the previous word is gone.
					await replaceQuery('qqxxzz');
					await page.waitForFunction(
						(name) => ![...document.querySelectorAll('[data-test-id="node-creator-item-name"]')].some((element) => element.textContent?.trim() === name),
						{},
						app,
					);
					await replaceQuery(alias);
					const found = await page
						.waitForFunction(
							(name) => [...document.querySelectorAll('[data-test-id="node-creator-item-name"]')].some((element) => element.textContent?.trim() === name),
							{ timeout: MINUTE },
							app,
						)
						.then(() => true, () => false);
					if (!found) {
						notFound[alias] = (await page.$$eval('[data-test-id="node-creator-item-name"]', (elements) => elements.map((element) => element.textContent?.trim()).join(', '))) || '(nothing)';
					}
				}
			}
			await shot('node-search-alias');
			await escapeUntilGone('[data-test-id="node-creator"]');
			expect(notFound).toEqual({});
		});

		const CLICKPESA_APP = /^Collect and pay out money in Tanzania with ClickPesa; starts a workflow when/;
		const CLIK2PAY_APP = /^Request, refund and send money in Canada by Interac e-Transfer with Clik2pay; starts a workflow when/;

		test('"List today\'s successful payments": node search describes both apps, the subtitle names the operation, a run lists the 3 seeded successful payments', async () => {
			await openWorkflow('exListTodaysPayments');
			await shot('canvas-exListTodaysPayments');
			const seen = {
				clickPesaSearch: await searchApp('ClickPesa'),
				clik2paySearch: await searchApp('Clik2pay'),
				subtitles: await subtitles(["Today's Payments"]),
			};
			// Opening the node after ours before any run makes the editor ask for our node's output schema.
			await openAndCloseAskingForSchema('Daily Total', 'clickPesa/1.0.0/payment/getMany.json');
			const items = await executeWorkflow("Today's Payments");
			await shot('list-todays-payments-run');
			const search = (/** @type {RegExp} */ app) => ({
				names: [expect.any(String)],
				// 2.x shows the description in the results, 1.x only on the entry.
				inResults: major >= 2 ? expect.stringMatching(app) : null,
				onEntry: expect.stringMatching(app),
				docs: ourDocs(),
			});
			expect({ ...seen, items }).toEqual({
				clickPesaSearch: { ...search(CLICKPESA_APP), names: ['ClickPesa'] },
				clik2paySearch: { ...search(CLIK2PAY_APP), names: ['Clik2pay'] },
				subtitles: ['Get Many: Payment'],
				items: '3 items',
			});
		});

		/** Presses Escape until `selector` is gone (a panel may step back a view first), at most 3 times. */
		async function escapeUntilGone(/** @type {string} */ selector) {
			for (let attempt = 0; attempt < 3; attempt++) {
				await page.keyboard.press('Escape');
				const gone = await page.waitForSelector(selector, { hidden: true, timeout: 5000 }).then(() => true, () => false);
				if (gone) return;
			}
			throw new Error(`${selector} is still open after pressing Escape 3 times`);
		}

		/**
		 * Opens a node with a phone field: Docs link, and the field's tooltip with what it covers. n8n puts
		 * the tooltip above the label, over the bottom of the field before it (8 px between that field and
		 * the label, whatever the text's length); what a description can keep clear is its own input and
		 * the field after it.
		 */
		async function phoneField(/** @type {string} */ node, /** @type {string} */ parameter) {
			await openNode(node);
			const tip = await parameterTooltip(parameter);
			await shot(`tooltip-${parameter}`);
			if (!tip.tip || !tip.input || !tip.next) throw new Error(`tooltip, input or next field not found: ${JSON.stringify(tip)}`);
			const docs = await docsLinkIn('[data-test-id="ndv"]');
			await closeNode();
			return { tooltip: tip.text, coversItsInput: overlaps(tip.tip, tip.input), coversTheNextField: overlaps(tip.tip, tip.next), nextField: tip.nextLabel, docs };
		}

		test('"Send a USSD push": subtitle, Docs, the phone tooltip; the push sent from the editor is answered by the simulated customer and runs the active ClickPesa Trigger example', async () => {
			await openWorkflow('exUssdPushWaitPay');
			await shot('canvas-exUssdPushWaitPay');
			const seen = { subtitles: await subtitles(['Send USSD Push']), phone: await phoneField('Send USSD Push', 'phoneNumber') };
			await clickWhenReady('[data-test-id="execute-workflow-button"]');
			await page.waitForSelector(`${canvasNode('Send USSD Push')} [data-test-id="canvas-node-status-success"]`);
			await shot('ussd-push-run');
			// The simulated customer answers after a few seconds; the page lists the webhook once reloaded.
			const sent = `clickpesa PAYMENT RECEIVED ${editor('/webhook/clickpesa')} 200`;
			await waitFor(async () => (await simulatorWebhooks()).some((row) => row.includes(sent)), {
				timeoutMs: 2 * MINUTE,
				intervalMs: 1000,
				what: `"${sent}" on the simulator page`,
			});
			await shot('simulator-page-clickpesa-webhook');
			const execution = await latestExecution('exMarkOrderPaidHook');
			await shot('clickpesa-trigger-execution');
			expect({ ...seen, execution }).toEqual({
				subtitles: ['Initiate USSD Push: Payment'],
				phone: {
					tooltip: 'The customer’s mobile-money number, in any usual format (sent as 255…)',
					coversItsInput: false,
					coversTheNextField: false,
					nextField: 'If the Reference Was Already Used',
					docs: ourDocs('clickpesa-node'),
				},
				execution: expect.stringContaining('Succeeded'),
			});
		});

		test('Clik2pay example: starts from "Run", subtitles, our icon, Docs, the phone tooltip; the request it makes, approved on the simulator page, runs the active Clik2pay Trigger example', async () => {
			const ourIcon = `/icons/${PACKAGE.name}/dist/icons/clik2pay.svg`;
			await openWorkflow('c2pPaymentRequest01');
			await shot('canvas-c2pPaymentRequest01');
			const icon = await page.$eval(`${canvasNode('Create Payment Request')} img`, (img) => ({ src: img.getAttribute('src') ?? '', loaded: img.complete && img.naturalWidth > 0 }));
			const seen = {
				manualTriggers: await page.$$eval('[data-test-id="canvas-node"][data-node-type="n8n-nodes-base.manualTrigger"]', (nodes) =>
					nodes.map((node) => /** @type {HTMLElement} */ (node).innerText.split('\n')[0].trim()),
				),
				subtitles: await subtitles(['Create Payment Request', 'Get Payment Request']),
				icon: { ...icon, isOurFile: (await page.evaluate(async (src) => (await fetch(src)).text(), icon.src)) === fs.readFileSync(path.join(ROOT, 'dist', 'icons', 'clik2pay.svg'), 'utf8') },
				phone: await phoneField('Create Payment Request', 'payerMobileNumber'),
			};
			await openAndCloseAskingForSchema('Get Payment Request', 'clik2pay/1.0.0/paymentRequest/create.json');
			const items = await executeWorkflow('Create Payment Request');
			await shot('clik2pay-request-run');

			await page.goto(simulatorPage(), { waitUntil: 'domcontentloaded' });
			const approve = await page.waitForSelector('#waiting tr:has(td) button[id^="approve-"]');
			const waiting = await approve?.evaluate((button) => /** @type {HTMLTableRowElement} */ (button.closest('tr')).innerText.replace(/\s+/g, ' '));
			const requestId = String(await approve?.evaluate((button) => button.id.slice('approve-'.length)));
			await Promise.all([page.waitForNavigation(), clickWhenReady(/** @type {any} */ (approve))]);
			await shot('clik2pay-request-approved');
			const notice = await page.$eval('#notice', (element) => element.textContent?.trim());
			const [webhook] = await page.$$eval('#webhooks tbody tr', (rows) => rows.map((row) => /** @type {HTMLTableRowElement} */ (row).innerText.replace(/\s+/g, ' ')));
			const execution = await latestExecution('c2pMarkPaidHook');
			await shot('clik2pay-trigger-execution');
			await openWorkflow('c2pMarkPaidHook');
			await shot('canvas-c2pMarkPaidHook');
			const triggerIcon = await page.$eval(`${canvasNode('Clik2pay Trigger')} img`, (img) => img.getAttribute('src'));

			expect({ ...seen, items, waiting, notice, webhook, execution, triggerIcon }).toEqual({
				manualTriggers: ['Run'],
				subtitles: ['Create: Payment Request', 'Get: Payment Request'],
				icon: { src: ourIcon, loaded: true, isOurFile: true },
				phone: {
					tooltip: 'A North American mobile number in any usual format (sent as 4165551234)',
					coversItsInput: false,
					coversTheNextField: false,
					nextField: 'Delivery Mode',
					docs: ourDocs('clik2pay-node'),
				},
				items: '1 item',
				waiting: expect.stringContaining(`${requestId} ECOMM CAD 25 Jane Doe CREATED`),
				notice: `Payment request ${requestId} is PAID; webhook PAYMENT-COMPLETED answered 200.`,
				webhook: expect.stringContaining(`clik2pay PAYMENT-COMPLETED ${editor('/webhook/clik2pay')} 200`),
				execution: expect.stringContaining('Succeeded'),
				triggerIcon: ourIcon,
			});
		});

		/** The pop-up n8n opens for a Wait node's form (the approval page), once it has loaded. */
		async function approvalPopup(/** @type {() => Promise<unknown>} */ click) {
			const opened = browser.waitForTarget((target) => target.opener() === page.target() && target.url().includes('/form-waiting/'), { timeout: 3 * MINUTE });
			await click();
			const popup = /** @type {import('puppeteer-core').Page} */ (await (await opened).page());
			popup.setDefaultTimeout(UI_TIMEOUT);
			await popup.setViewport({ width: 900, height: 900 });
			// n8n opens the pop-up as soon as the node reports that it waits, which can be before n8n has
			// stored the execution as waiting; n8n then leaves that first request unanswered (a blank page
			// that keeps loading). A person reloads it, and so does the walk, until the form is there.
			for (let attempt = 1; ; attempt++) {
				const shown = await popup.waitForSelector('#submit-btn', { timeout: 15_000 }).then(() => true, () => false);
				if (shown) return popup;
				if (attempt === 8) throw new Error(`the approval page (${popup.url()}) showed no form after ${attempt} loads: ${await popup.evaluate(() => document.body?.innerText ?? '')}`);
				await popup.reload({ waitUntil: 'domcontentloaded' }).catch(() => undefined);
			}
		}

		/** On the approval page: reads what it shows, picks a decision as a person does (its label), submits, and reads the answer. */
		async function decide(/** @type {import('puppeteer-core').Page} */ popup, /** @type {string} */ decision, /** @type {string} */ name) {
			const shown = await popup.$eval('body', (body) => body.innerText.replace(/\s+/g, ' ').trim());
			const label = await popup.waitForFunction((text) => [...document.querySelectorAll('label')].find((element) => element.textContent?.trim() === text), {}, decision);
			await /** @type {import('puppeteer-core').ElementHandle<Element>} */ (label).click();
			shotCount += 1;
			await popup.screenshot({ path: path.join(shotsDir, `${String(shotCount).padStart(2, '0')}-${name}-page.png`) });
			await popup.click('#submit-btn');
			await popup.waitForSelector('#submitted-form', { visible: true });
			const answer = await popup.$eval('#submitted-form', (element) => /** @type {HTMLElement} */ (element).innerText.replace(/\s+/g, ' ').trim());
			await popup.close();
			return { shown, answer };
		}

		/**
		 * Waits until the named node shows the status on the canvas: "success", or "error" (2.x marks a
		 * failed node "canvas-node-status-mark-error", 1.x draws it red with the "node-execution-error" icon).
		 */
		const nodeStatus = (/** @type {string} */ name, /** @type {'success' | 'error'} */ status, timeout = UI_TIMEOUT) =>
			page.waitForSelector(
				(status === 'error'
					? ['[data-test-id="canvas-node-status-mark-error"]', '[data-test-id="canvas-node-status-error"]', '[data-icon="node-execution-error"]']
					: ['[data-test-id="canvas-node-status-success"]']
				)
					.map((selector) => `${canvasNode(name)} ${selector}`)
					.join(', '),
				{ timeout },
			);
		/** The item counts on the edges leaving a node, in output order. */
		const edgeLabels = (/** @type {string} */ from) =>
			page.$$eval(`[data-test-id="edge-label"][data-source-node-name="${from}"]`, (labels) => labels.map((label) => /** @type {HTMLElement} */ (label).innerText.trim()));

		test('"Refund run with approval": Execute workflow opens the approval page (n8n Form); Reject ends the run as failed and pays nothing; Approve pays the three refunds', async () => {
			const what = /Approve the refunds\? 3 refunds, TZS [\d,]+ in all \(fees TZS 900 included\), paid from a balance of TZS [\d,.]+: TZS 12,000 to .+ TZS 7,500 to .+ TZS 4,250 to .+Decision.*Approve: pay these refunds Reject: pay nothing/;
			await openWorkflow('exRefundRunApproval');
			await shot('canvas-exRefundRunApproval');
			const rejectPage = await approvalPopup(() => clickWhenReady('[data-test-id="execute-workflow-button"]'));
			const rejected = await decide(rejectPage, 'Reject: pay nothing', 'refund-reject');
			await nodeStatus('Rejected: Nothing Paid', 'error');
			await shot('refund-rejected-canvas');
			const rejectedRefundRan = await page.$(`${canvasNode('Refund')} [data-test-id="canvas-node-status-success"]`);
			const rejectedExecution = await latestExecution('exRefundRunApproval');
			await shot('refund-rejected-execution');

			await openWorkflow('exRefundRunApproval');
			const approvePage = await approvalPopup(() => clickWhenReady('[data-test-id="execute-workflow-button"]'));
			const approved = await decide(approvePage, 'Approve: pay these refunds', 'refund-approve');
			// ClickPesa takes one payout a minute: three refunds take two minutes.
			await nodeStatus('Record Result', 'success', 5 * MINUTE);
			await shot('refund-approved-canvas');
			const refunded = await edgeLabels('Refund');
			const approvedExecution = await latestExecution('exRefundRunApproval');
			await shot('refund-approved-execution');

			expect({ rejected, rejectedRefundRan: rejectedRefundRan !== null, rejectedExecution, approved, refunded, approvedExecution }).toEqual({
				rejected: { shown: expect.stringMatching(what), answer: expect.stringContaining('after a rejection nothing is paid') },
				rejectedRefundRan: false,
				rejectedExecution: expect.stringMatching(/\b(Error|Failed)\b/),
				approved: { shown: expect.stringMatching(what), answer: expect.stringContaining('Approved refunds are paid now') },
				refunded: ['3 items'],
				approvedExecution: expect.stringContaining('Succeeded'),
			});
		}, 12 * MINUTE);

		// Resume on Callback needs n8n 2.39 or later: the walk runs where the feature exists.
		(major >= 2 ? test : test.skip)('"Send a checkout link, wait until it is paid": Execute workflow runs the sample order; nothing leaves Wait for Payment while it waits; paid on the checkout page the simulator page links to, the order leaves on Paid', async () => {
			await openWorkflow('exCheckoutWaitPaid');
			await shot('canvas-exCheckoutWaitPaid');
			await clickWhenReady('[data-test-id="execute-workflow-button"]');
			await page.waitForSelector(`${canvasNode('Wait for Payment')}.waiting`);
			await nodeStatus('Send the Link to the Customer', 'success');
			await shot('checkout-waiting');
			const whileWaiting = { notPaidAndPaid: await edgeLabels('Wait for Payment') };

			// A person opens the simulator page in a new tab and pays the link as the customer.
			const simulator = await browser.newPage();
			simulator.setDefaultTimeout(UI_TIMEOUT);
			await simulator.setViewport({ width: 1440, height: 900 });
			await simulator.goto(simulatorPage(), { waitUntil: 'domcontentloaded' });
			const open = await simulator.waitForSelector('#waiting a[id^="open-ORDER"]');
			const row = await open?.evaluate((link) => /** @type {HTMLTableRowElement} */ (link.closest('tr')).innerText.replace(/\s+/g, ' '));
			await Promise.all([simulator.waitForNavigation(), open?.click()]);
			const checkoutTitle = await simulator.$eval('h1', (element) => element.textContent?.trim());
			// The customer's number is filled in from the link; the customer only pays.
			await Promise.all([simulator.waitForNavigation(), simulator.click('#mobile-pay')]);
			shotCount += 1;
			await simulator.screenshot({ path: path.join(shotsDir, `${String(shotCount).padStart(2, '0')}-checkout-paid.png`) });
			await simulator.close();

			await nodeStatus('Mark the Order Paid', 'success', 3 * MINUTE);
			await shot('checkout-paid-canvas');
			const afterPaid = { notPaidAndPaid: await edgeLabels('Wait for Payment'), cancelled: await page.$(`${canvasNode('Cancel the Order')} [data-test-id="canvas-node-status-success"]`) };
			const execution = await latestExecution('exCheckoutWaitPaid');
			await shot('checkout-execution');
			expect({ whileWaiting, row, checkoutTitle, afterPaid: { ...afterPaid, cancelled: afterPaid.cancelled !== null }, execution }).toEqual({
				whileWaiting: { notPaidAndPaid: ['', ''] },
				row: expect.stringMatching(/^ORDER\w+ checkout TZS 25,000 .* Open the checkout page$/),
				checkoutTitle: 'Pay TZS 25,000',
				afterPaid: { notPaidAndPaid: ['', '1 item'], cancelled: false },
				execution: expect.stringContaining('Succeeded'),
			});
		}, 8 * MINUTE);

		test('credentials: both tested against the simulator, each notice gives the npx command, each docs link opens its README section', async () => {
			const notices = {
				simClickPesa: 'ClickPesa has no sandbox: every call moves real money. To try workflows safely, run the simulator (npx clickpesa-clik2pay-simulator) and point Base URL at the URL it prints.',
				simClik2pay: 'Simulator: run npx clickpesa-clik2pay-simulator and use the URLs and test credentials it prints.',
			};
			/** @type {Record<string, unknown>} */
			const seen = {};
			await page.goto(editor('/home/credentials'), { waitUntil: 'domcontentloaded' });
			for (const [id, name] of [
				['simClickPesa', 'ClickPesa (simulator)'],
				['simClik2pay', 'Clik2pay (simulator)'],
			]) {
				// Opened from its card in the list, as a user does.
				const card = await page.waitForFunction(
					(title) => [...document.querySelectorAll('[data-test-id="resources-list-item"]')].find((element) => element.textContent?.includes(title)),
					{},
					name,
				);
				await clickWhenReady(/** @type {any} */ (card));
				const modal = '[data-test-id="editCredential-modal"]';
				// n8n tests a credential when it is opened; the green line shows the simulator accepted it.
				const tested = page
					.waitForSelector(`${modal} [data-test-id="credentials-config-container-test-success"]`, { visible: true, timeout: MINUTE })
					.then((element) => element && visibleText(element), () => 'no visible "Connection tested successfully" within a minute');
				const notice = await page.waitForFunction(
					(selector) => [...document.querySelectorAll(`${selector} .notice`)].find((element) => element.textContent?.includes('npx')),
					{},
					modal,
				);
				const testedText = await tested;
				await shot(`credential-${id}`);
				seen[id] = {
					name: await page.$eval(`${modal} [data-test-id="credential-name"]`, (element) => /** @type {HTMLElement} */ (element).innerText.trim()),
					tested: testedText,
					notice: await visibleText(/** @type {any} */ (notice)),
					docs: await docsLinkIn(modal),
				};
				await escapeUntilGone(modal);
			}
			expect(seen).toEqual({
				simClickPesa: { name: 'ClickPesa (simulator)', tested: expect.stringContaining('Connection tested successfully'), notice: notices.simClickPesa, docs: ourDocs('clickpesa-credential') },
				simClik2pay: { name: 'Clik2pay (simulator)', tested: expect.stringContaining('Connection tested successfully'), notice: notices.simClik2pay, docs: ourDocs('clik2pay-credential') },
			});
		});

		test('the simulator page from the banner: waiting payments to approve or decline, payments (seeded), payouts, webhooks, faults, request log', async () => {
			await page.goto(simulatorPage(), { waitUntil: 'domcontentloaded' });
			await shot('simulator-page');
			expect(await page.$eval('h1', (element) => element.textContent?.trim())).toBe('Simulator control');
			expect(await page.$$eval('section > h2', (headings) => headings.map((heading) => heading.textContent?.trim()))).toEqual(
				expect.arrayContaining(['Waiting for the customer', 'Recent payments', 'Recent payouts', 'Clik2pay payment requests', 'Webhooks sent', 'Faults', 'Request log']),
			);
			expect(await page.$eval('#waiting', (element) => /** @type {HTMLElement} */ (element).innerText)).toMatch(/"Customer approves".*"Customer declines"/s);
			const payments = await page.$$eval('#payments tbody tr', (rows) => rows.map((row) => /** @type {HTMLTableRowElement} */ (row).cells[0].textContent?.trim()));
			expect(payments).toEqual(expect.arrayContaining(['DEMO1', 'DEMO2', 'DEMO3', 'DEMO4']));
		});

		test('output schemas: every one the editor asked for, for our nodes, is there (no 404)', async () => {
			// Each schema is asked for here (a node opened before any run asks for the schema of the node
			// before it), whatever the steps above managed to open.
			for (const [workflowId, node, schema] of [
				['exListTodaysPayments', 'Daily Total', 'clickPesa/1.0.0/payment/getMany.json'],
				['c2pPaymentRequest01', 'Get Payment Request', 'clik2pay/1.0.0/paymentRequest/create.json'],
				['exDailyBalanceStmt', "Today's Statement", 'clickPesa/1.1.0/account/getBalance.json'],
			]) {
				await openWorkflow(workflowId);
				await openAndCloseAskingForSchema(node, schema);
			}
			expect(schemaAnswers.map((answer) => answer.path)).toEqual(
				expect.arrayContaining([
					`/schemas/${PACKAGE.name}.clickPesa/1.0.0/payment/getMany.json`,
					`/schemas/${PACKAGE.name}.clik2pay/1.0.0/paymentRequest/create.json`,
					`/schemas/${PACKAGE.name}.clickPesa/1.1.0/account/getBalance.json`,
				]),
			);
			const missing = [...new Set(schemaAnswers.filter((answer) => answer.status >= 400).map((answer) => `${answer.path} → ${answer.status}`))];
			if (missing.length > 0) {
				const where = missing.map((answer) => {
					const [, , type, schemaVersion, ...rest] = answer.split(' ')[0].split('/');
					return `  ${answer}: the package has no ${NODE_DIRS[type] ?? type}/__schema__/v${schemaVersion}/${rest.join('/')}`;
				});
				throw new Error(
					`n8n ${version} asked for ${missing.length} output schema(s) of ${PACKAGE.name} and did not get them, so the editor shows ` +
						`no schema of these nodes before they run:\n${where.join('\n')}`,
				);
			}
		});
	});
}

module.exports = { firstHour };
