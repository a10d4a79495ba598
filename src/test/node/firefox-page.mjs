// The page in a real Firefox (ESR, headless) driven by puppeteer-core over WebDriver BiDi: no geckodriver.
// Run by WebPageFirefoxIT: `node firefox-page.mjs CONFIG.json`. It only observes: every figure goes into one
// JSON object printed on stdout (the last line), and the Java test asserts on it. A step that throws records
// its error under its name and the next steps still run. Diagnostics go to stderr.
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
// puppeteer-core is installed under target/firefox-driver (src/test/node/install.sh), not next to this file
const require = createRequire(config.modules + '/');
const puppeteer = require('puppeteer-core');

const result = { steps: {}, console: [], pageErrors: [], dialogs: [], canary: {} };

// Loopback only: every request that is not to 127.0.0.1/localhost goes to a closed local port (Firefox never
// proxies loopback), and the background services that would go online are off (puppeteer sets most of these).
const PREFS = {
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1', 'network.proxy.http_port': 9,
  'network.proxy.ssl': '127.0.0.1', 'network.proxy.ssl_port': 9,
  'network.proxy.no_proxies_on': '127.0.0.1,localhost',
  'network.proxy.allow_hijacking_localhost': false,
  'network.dns.disablePrefetch': true, 'network.prefetch-next': false, 'network.predictor.enabled': false,
  'network.captive-portal-service.enabled': false, 'network.connectivity-service.enabled': false,
  'app.update.auto': false, 'app.update.enabled': false, 'app.update.service.enabled': false,
  'toolkit.telemetry.enabled': false, 'toolkit.telemetry.unified': false, 'toolkit.telemetry.server': '',
  'datareporting.policy.dataSubmissionEnabled': false, 'browser.ping-centre.telemetry': false,
  'extensions.systemAddon.update.enabled': false, 'browser.region.update.enabled': false,
  'browser.region.network.url': '', 'media.gmp-manager.updateEnabled': false,
  'browser.safebrowsing.update.enabled': false, 'services.sync.enabled': false,
  // the page's PNG/SVG buttons save into the test's folder, without asking
  'browser.download.folderList': 2, 'browser.download.dir': config.downloads, 'browser.download.useDownloadDir': true,
  'browser.download.always_ask_before_handling_new_types': false, 'browser.download.manager.showWhenStarting': false,
  'browser.download.start_downloads_in_tmp_dir': false, 'browser.download.alwaysOpenPanel': false,
  'browser.helperApps.neverAsk.saveToDisk': 'image/png,image/svg+xml',
};

let current = 'launch';
async function step(name, fn) {
  current = name;
  const t0 = Date.now();
  try {
    result.steps[name] = await fn();
  } catch (e) {
    result.steps[name] = { error: String(e && e.stack || e) };
    process.stderr.write(`step ${name} failed: ${e && e.stack || e}\n`);
  }
  result.steps[name].millis = Date.now() - t0;
}

let browser;
const t0 = Date.now();
try {
  browser = await puppeteer.launch({
    browser: 'firefox', executablePath: config.firefox, headless: true,
    defaultViewport: { width: config.width, height: config.height }, extraPrefsFirefox: PREFS,
    protocolTimeout: 60_000, timeout: 60_000, dumpio: false,
  });
  result.browser = await browser.version();
  result.launchMillis = Date.now() - t0;
  const page = await browser.newPage();
  page.setDefaultTimeout(30_000);
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn' || m.type() === 'warning') result.console.push(current + ': ' + m.type() + ': ' + m.text());
  });
  page.on('pageerror', (e) => result.pageErrors.push(current + ': ' + String(e && e.message || e)));
  page.on('dialog', async (d) => { result.dialogs.push(d.type() + ': ' + d.message()); await d.dismiss(); });
  // A CSP violation is an event in the page; reported on the console, where the listener above collects it.
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber);
    });
  });

  const js = (fn, ...args) => page.evaluate(fn, ...args);
  /**
   * Polls a predicate in the page until it holds. Not page.waitForFunction: over BiDi that one builds its
   * predicate with `new Function` inside the page, which the page's CSP (no 'unsafe-eval') rightly refuses.
   */
  const waitFor = (fn, ...args) => waitWithin(30_000, fn, ...args);
  async function waitWithin(millis, fn, ...args) {
    const deadline = Date.now() + millis;
    for (;;) {
      if (await js(fn, ...args)) return;
      if (Date.now() > deadline) throw new Error('timed out waiting for ' + String(fn).slice(0, 200) + ' ' + JSON.stringify(args));
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  async function open(query) {
    await page.goto(config.base + '/' + query, { waitUntil: 'load' });
    await waitWithin(60_000, () => document.body.dataset.ready === 'true');
  }
  /** A real mouse click on the canvas at the node, centred first. */
  async function clickNode(id) {
    const at = await js((id) => {
      const cy = window.infrapivot.state.cy, n = cy.getElementById(id);
      cy.center(n);
      const p = n.renderedPosition(), r = document.getElementById('cy').getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    }, id);
    await page.mouse.click(at.x, at.y);
  }
  const rowsOfType = (type) => js((type) => [...document.querySelectorAll('#list-body tr td:first-child')]
    .filter((td) => td.textContent === type).length, type);
  const visibleNodes = (type) => js((type) => window.infrapivot.state.cy.nodes('[type = "' + type + '"]').not('.hidden').length, type);

  await step('load', async () => {
    await open('');
    return await js(() => ({
      indicators: Number(document.getElementById('count-indicators').textContent),
      folded: Number(document.getElementById('count-folded').textContent),
      drawn: window.infrapivot.state.cy.nodes().not('.group').length,
      groups: window.infrapivot.state.cy.nodes('.group').length,
      rows: document.querySelectorAll('#list-body tr').length,
      userAgent: navigator.userAgent,
    }));
  });

  const measureLayout = () => js(() => {
    const rect = (sel) => {
      const e = document.querySelector(sel);
      if (!e) return null;
      const r = e.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height,
        scrollWidth: e.scrollWidth, clientWidth: e.clientWidth };
    };
    const de = document.documentElement;
    // the rightmost edge of anything in the top bar (a bar that wraps keeps everything inside the width)
    const rightmost = (sel) => Math.max(0, ...[...document.querySelectorAll(sel)].map((e) => e.getBoundingClientRect().right));
    return {
      innerWidth: window.innerWidth, innerHeight: window.innerHeight,
      docScrollWidth: de.scrollWidth, docClientWidth: de.clientWidth,
      docScrollHeight: de.scrollHeight, docClientHeight: de.clientHeight,
      bodyScrollWidth: document.body.scrollWidth,
      barRightmost: rightmost('#bar *'),
      bar: rect('#bar'), main: rect('#main'), filters: rect('#filters'), center: rect('#center'), cy: rect('#cy'),
      list: rect('#list-wrap'), side: rect('#side'), canvas: rect('#cy canvas'),
    };
  });

  await step('layout', measureLayout);

  await step('click', async () => {
    await clickNode(config.clickNode);
    await waitFor((value) => document.getElementById('inspector-title')?.textContent.includes(value)
      && document.querySelectorAll('#inspector tr.fact').length > 0, config.clickValue);
    // the inspector's facts arrive in one render; let it settle before reading them
    await new Promise((r) => setTimeout(r, 300));
    const read = await js(() => ({
      title: document.getElementById('inspector-title').textContent,
      relations: [...new Set([...document.querySelectorAll('#inspector tr.fact td:first-child')]
        .map((td) => td.textContent.replace('← ', '')))],
      selectedRow: document.querySelector('#list-body tr.selected')?.textContent ?? null,
      selectedNode: window.infrapivot.state.selected,
      // the side panel fits its inspector: no sideways scrolling to reach a fact's evidence
      side: { scrollWidth: document.getElementById('side').scrollWidth, clientWidth: document.getElementById('side').clientWidth,
        right: document.getElementById('side').getBoundingClientRect().right,
        factsRight: Math.max(0, ...[...document.querySelectorAll('#inspector table.facts')].map((t) => t.getBoundingClientRect().right)) },
    }));
    await page.screenshot({ path: config.screenshot, type: 'png' });
    return read;
  });

  await step('filter', async () => {
    const box = `input[data-filter=type][value=${config.filterType}]`;
    const before = await rowsOfType(config.filterType);
    await page.click(box);
    await waitFor((t) => [...document.querySelectorAll('#list-body tr td:first-child')]
      .every((td) => td.textContent !== t), config.filterType);
    const hidden = { rows: await rowsOfType(config.filterType), nodes: await visibleNodes(config.filterType),
      otherNodes: await visibleNodes(config.otherType), checked: await js((s) => document.querySelector(s).checked, box) };
    await page.click(box);
    await waitFor((t) => [...document.querySelectorAll('#list-body tr td:first-child')]
      .some((td) => td.textContent === t), config.filterType);
    const restored = { rows: await rowsOfType(config.filterType), nodes: await visibleNodes(config.filterType) };
    // the search box narrows the table to matching values (typed, key by key)
    await page.type('#search', config.clickValue);
    await waitFor((v) => {
      const rows = [...document.querySelectorAll('#list-body tr')];
      return rows.length > 0 && rows.every((r) => r.textContent.includes(v));
    }, config.clickValue);
    const searchRows = await js(() => document.querySelectorAll('#list-body tr').length);
    return { before, hidden, restored, searchRows };
  });

  await step('timeline', async () => {
    await open('');
    const edgeIds = (shownOnly) => js((shownOnly) => {
      let e = window.infrapivot.state.cy.edges();
      if (shownOnly) e = e.not('.hidden');
      return e.filter((x) => !x.id().startsWith('ge:')).map((x) => x.id());
    }, shownOnly);
    // a real click on the "to" slider a fifth of the way along its track (Firefox's own range input)
    const r = await js(() => {
      const b = document.getElementById('time-to').getBoundingClientRect();
      return { x: b.left, y: b.top + b.height / 2, w: b.width };
    });
    await page.mouse.click(r.x + r.w * 0.2, r.y);
    await waitFor(() => Number(document.getElementById('time-to').value) < 500);
    // the page re-filters on each input event; wait until the graph reflects the slider
    await new Promise((res) => setTimeout(res, 500));
    const window_ = await js(() => window.infrapivot.window());
    const toValue = await js(() => Number(document.getElementById('time-to').value));
    const shown = await edgeIds(true), drawn = await edgeIds(false);
    // back to the whole span with the keyboard (End on the focused slider)
    await page.focus('#time-to');
    await page.keyboard.press('End');
    await waitFor(() => Number(document.getElementById('time-to').value) === 1000);
    await new Promise((res) => setTimeout(res, 500));
    const allShown = await js(() => window.infrapivot.state.cy.edges().not('.hidden').length);
    const allEdges = await js(() => window.infrapivot.state.cy.edges().length);
    return { from: window_.from, to: window_.to, toValue, shown, drawn, allShown, allEdges };
  });

  await step('hostile', async () => {
    const h = config.hostile;
    await open('?case=' + encodeURIComponent(h.case));
    const count = await js(() => document.getElementById('count-indicators').textContent);
    const listText = await js(() => document.getElementById('list').innerText);
    // a real click on the URL's row in the table opens it in the inspector
    const rowAt = await js((url) => {
      const tr = [...document.querySelectorAll('#list-body tr')].find((r) => r.textContent.includes(url));
      tr.scrollIntoView({ block: 'center' });
      const b = tr.getBoundingClientRect();
      return { x: b.left + 10, y: b.top + b.height / 2 };
    }, h.jsUrl);
    await page.mouse.click(rowAt.x, rowAt.y);
    await waitFor((url) => document.getElementById('inspector-title')?.textContent.includes(url), h.jsUrl);
    const urlTitle = await js(() => document.getElementById('inspector-title').textContent);
    const factsOf = {};
    for (const id of h.ids) {
      await js((id) => window.infrapivot.select(id, true), id);
      await waitFor((id) => window.infrapivot.state.selected === id
        && document.querySelectorAll('#inspector tr.fact').length > 0, id);
      factsOf[id] = await js(() => document.getElementById('inspector').innerText);
    }
    await js((id) => window.infrapivot.select(id, true), h.domain);
    await waitFor(() => document.getElementById('inspector').innerText.includes('window.__xss=2'));
    // the raw evidence of a fact, shown as text
    await waitFor(() => [...document.querySelectorAll('#inspector td:last-child button')]
      .some((b) => b.textContent.startsWith('#')));
    await page.evaluate(() => [...document.querySelectorAll('#inspector td:last-child button')]
      .find((b) => b.textContent.startsWith('#')).scrollIntoView({ block: 'center' }));
    const evidenceButton = await page.evaluateHandle(() => [...document.querySelectorAll('#inspector td:last-child button')]
      .find((b) => b.textContent.startsWith('#')));
    await evidenceButton.click();
    await waitFor(() => document.getElementById('evidence-text').textContent.includes('Registrant Organization'));
    // anything the payloads would have run gets a moment to run
    await new Promise((res) => setTimeout(res, 500));
    return await js((factsOf) => ({
      count: document.getElementById('count-indicators').textContent,
      factsOf,
      evidence: document.getElementById('evidence-text').textContent,
      xss: typeof window.__xss === 'undefined' ? null : String(window.__xss),
      images: document.querySelectorAll('img').length,
      inlineScripts: document.querySelectorAll('script:not([src])').length,
      badLinks: [...document.querySelectorAll('a[href]')].filter((a) => !/^https?:/.test(a.href)).map((a) => a.href),
    }), factsOf).then((o) => ({ ...o, listText, urlTitle, countAtLoad: count }));
  });

  await step('keyboard', async () => {
    // the table from the keyboard: focus the first row, ↓ moves to the next, Enter opens it in the inspector
    await open('');
    const next = await js(() => {
      const tr = document.querySelector('#list-body tr');
      tr.focus();
      return tr.nextElementSibling.dataset.id;
    });
    await page.keyboard.press('ArrowDown');
    const focused = await js(() => document.activeElement?.dataset?.id ?? null);
    await page.keyboard.press('Enter');
    await waitFor((id) => window.infrapivot.state.selected === id
      && document.querySelectorAll('#inspector tr.fact').length > 0, next);
    return { next, focused, selected: await js(() => window.infrapivot.state.selected),
      title: await js(() => document.getElementById('inspector-title').textContent) };
  });

  await step('group', async () => {
    // the largest folded group: a click on it on the canvas draws its first page of members, "fold back" removes them
    await open('');
    const drawnNodes = () => js(() => window.infrapivot.state.cy.nodes().not('.group').not('.agg').length);
    const g = await js(() => {
      const g = [...window.infrapivot.state.groups.values()].sort((a, b) => b.count - a.count)[0];
      return { id: g.id, count: g.count, type: g.type };
    });
    const drawn = await drawnNodes();
    const folded = await js(() => Number(document.getElementById('count-folded').textContent));
    await clickNode(g.id);
    const page1 = Math.min(100, g.count);
    await waitFor((n) => window.infrapivot.state.cy.nodes().not('.group').not('.agg').length === n
      && document.getElementById('group-shown') !== null, drawn + page1);
    const opened = await js(() => ({
      title: document.getElementById('inspector-title').textContent,
      shown: document.getElementById('group-shown').textContent,
      folded: Number(document.getElementById('count-folded').textContent),
    }));
    await page.click('#group-fold');
    await waitFor((n) => window.infrapivot.state.cy.nodes().not('.group').not('.agg').length === n, drawn);
    const back = await js(() => ({ shown: document.getElementById('group-shown').textContent,
      folded: Number(document.getElementById('count-folded').textContent) }));
    return { group: g, drawn, folded, page: page1, opened, afterFold: await drawnNodes(), back };
  });

  await step('cancel', async () => {
    // a run of the test's slow (active) source on an address, cancelled from its line under "runs"
    await open('');
    await js((id) => window.infrapivot.select(id, true), config.cancelNode);
    await waitFor(() => document.querySelector('#source-choices input[value=slow]') !== null);
    await page.click('#allow-active');
    for (const box of await page.$$('#source-choices input')) {
      const [value, checked, disabled] = await box.evaluate((b) => [b.value, b.checked, b.disabled]);
      if (!disabled && checked !== (value === 'slow')) await box.click();
    }
    const ticked = await js(() => [...document.querySelectorAll('#source-choices input:checked')].map((b) => b.value));
    await page.click('#lookup-button');
    await waitFor(() => document.querySelector('#run-list li')?.textContent.includes('running'));
    const t0 = Date.now();
    await page.click('#run-list li .cancel');
    await waitFor(() => document.querySelector('#run-list li').dataset.state === 'cancelled');
    return { ticked, cancelMillis: Date.now() - t0,
      state: await js(() => document.querySelector('#run-list li').className) };
  });

  await step('export', async () => {
    // the PNG and SVG buttons on the hostile case: files saved by Firefox, read by the Java test
    await open('?case=' + encodeURIComponent(config.hostile.case));
    await page.click('#export-png');
    await page.click('#export-svg');
    const names = ['infrapivot-' + config.hostile.case + '.png', 'infrapivot-' + config.hostile.case + '.svg'];
    // Firefox writes a download as NAME.part and renames it when done
    const done = () => names.every((n) => existsSync(join(config.downloads, n)))
      && !readdirSync(config.downloads).some((n) => n.endsWith('.part'));
    for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 100));
    return { names, files: readdirSync(config.downloads) };
  });

  await step('live', async () => {
    // a case made from the page's form, looked up with the ticked sources; the run streams (Server-Sent Events)
    const live = config.live;
    await open('');
    await page.type('#new-case-name', live.name);
    await page.type('#new-case-seed', live.seed);
    await page.click('#new-case button[type=submit]');
    await waitFor((seed) => document.getElementById('inspector').innerText.includes(seed), live.seed);
    await waitFor(() => document.querySelector('#source-choices input[value=dns]') !== null);
    const before = await js(() => ({
      count: document.getElementById('count-indicators').textContent,
      dnsTicked: document.querySelector('#source-choices input[value=dns]').checked,
      slowTicked: document.querySelector('#source-choices input[value=slow]')?.checked ?? null,
    }));
    // the graph is read again when the run ends, and each reading marks the page ready when drawn
    await js(() => { delete document.body.dataset.ready; });
    await page.click('#lookup-button');
    await waitFor(() => document.querySelector('#run-list li') !== null);
    await waitWithin(60_000, () => document.querySelector('#run-list li').dataset.state === 'done');
    const progress = await js(() => document.querySelector('#run-list li .progress').textContent);
    await waitFor(() => document.body.dataset.ready === 'true');
    const count = await js(() => Number(document.getElementById('count-indicators').textContent));
    return { before, progress, count, caseName: await js(() => window.infrapivot.state.caseName) };
  });

  await step('laptop', async () => {
    // a 768-pixel laptop screen less the browser's own toolbars and tabs
    await page.setViewport({ width: config.width, height: config.laptopHeight });
    await open('');
    const m = await measureLayout();
    await page.setViewport({ width: config.width, height: config.height });
    return m;
  });

  await step('failures', async () => {
    // API calls that fail (here cut off by the test, as leaving the page or a stopped server does) are said on the
    // status line; none may end as an unhandled rejection, which Firefox reports as a page error
    const errorsBefore = result.pageErrors.length;
    await open('');
    const cut = new Set();
    await page.setRequestInterception(true);
    const onRequest = (r) => {
      const path = new URL(r.url()).pathname;
      if (cut.has(path)) r.abort('failed'); else r.continue();
    };
    page.on('request', onRequest);
    try {
      cut.add('/api/recipes');
      await js((id) => window.infrapivot.select(id, true), config.clickNode);
      await waitFor(() => document.getElementById('status').textContent.startsWith('recipes: '));
      const recipes = await js(() => document.getElementById('status').textContent);
      cut.add('/api/graph');
      await page.select('#case-select', config.hostile.case);
      await waitFor(() => document.getElementById('status').textContent.startsWith('cannot load: '));
      const graph = await js(() => document.getElementById('status').textContent);
      // a moment for a rejection to surface
      await new Promise((res) => setTimeout(res, 500));
      return { recipes, graph, pageErrors: result.pageErrors.slice(errorsBefore) };
    } finally {
      page.off('request', onRequest);
      await page.setRequestInterception(false);
    }
  });

  // Last: proof that the watchers above see a CSP violation and an uncaught error (they are not deaf).
  await step('canary', async () => {
    const consoleBefore = result.console.length, errorsBefore = result.pageErrors.length;
    await js(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__canary = 1';
      document.body.append(s);
      setTimeout(() => { throw new Error('canary error'); }, 0);
    });
    await new Promise((res) => setTimeout(res, 1000));
    result.canary = { console: result.console.splice(consoleBefore), pageErrors: result.pageErrors.splice(errorsBefore),
      ran: await js(() => window.__canary === 1) };
    return {};
  });
} catch (e) {
  result.fatal = String(e && e.stack || e);
} finally {
  if (browser) await browser.close().catch((e) => process.stderr.write('close: ' + e + '\n'));
}
result.totalMillis = Date.now() - t0;
process.stdout.write(JSON.stringify(result) + '\n');
