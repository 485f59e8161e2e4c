'use strict';
// Renders the results panel's real HTML + media/results.js + media/results.css in headless Chromium
// with a 10,000-row result, drives it through the page's #test= hash and checks the DOM it dumps.
// Screenshots go to test-output/vscode/. Run: node --test editors/vscode/test/browser/
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { renderResultsHtml, panelPayload } = require('../../src/resultsPanel');

const extRoot = path.resolve(__dirname, '../..');
const repoRoot = path.resolve(extRoot, '../..');
const outDir = process.env.MOLTRES_TEST_OUTPUT || path.join(repoRoot, 'test-output', 'vscode');

function findChromium() {
  for (const name of [process.env.CHROMIUM, 'chromium', 'chromium-browser', 'google-chrome']) {
    if (!name) continue;
    try {
      execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'pipe' });
      return name;
    } catch (_) {
      /* next */
    }
  }
  return null;
}
const chromium = findChromium();

const STATUSES = ['paid', 'shipped', 'cancelled', 'pending, "late"', 'refunded\nlater'];
function bigResult(n) {
  const rows = [];
  for (let i = 0; i < n; i++) {
    rows.push([
      i + 1,
      i % 7 === 3 ? null : `customer ${String((i * 7919) % n).padStart(5, '0')}`,
      STATUSES[i % STATUSES.length],
      i % 11 === 0 ? null : Math.round(((i * 37) % 1000) * 1.25 * 100) / 100,
      `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    ]);
  }
  return {
    columns: [
      { name: 'id', type: 'integer' },
      { name: 'name', type: 'text' },
      { name: 'status', type: 'text' },
      { name: 'amount', type: 'real' },
      { name: 'ordered_at', type: 'timestamp' },
    ],
    rows,
    rowCount: n,
    truncated: true,
    elapsedMs: 12.4,
    sql: 'SELECT "id", "name", "status", "amount", "ordered_at"\nFROM "orders"\nWHERE "amount" > ?\nLIMIT 10000',
  };
}

const NONCE = 'dGVzdG5vbmNlMTIzNDU2';
function writePage(name, payload, extraCss = '') {
  const dir = path.join(outDir, 'panel');
  fs.mkdirSync(dir, { recursive: true });
  for (const f of ['results.js', 'results.css']) fs.copyFileSync(path.join(extRoot, 'media', f), path.join(dir, f));
  let css = 'results.css';
  if (extraCss) {
    fs.writeFileSync(path.join(dir, `${name}.css`), extraCss + '\n' + fs.readFileSync(path.join(extRoot, 'media', 'results.css'), 'utf8'));
    css = `${name}.css`;
  }
  const html = renderResultsHtml(payload, { nonce: NONCE, scriptUri: 'results.js', styleUri: css, cspSource: 'file:' });
  const file = path.join(dir, `${name}.html`);
  fs.writeFileSync(file, html);
  return file;
}

function run(args, timeout = 60000) {
  // Each launch gets its own profile directory, so two Chromium processes never wait on one profile's lock,
  // and a launch that hangs (seen on a loaded 2-core machine) is retried once before the test fails.
  let lastError;
  for (let attempt = 1; attempt <= 2; attempt++) {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'moltres-chromium-'));
    try {
      return execFileSync(
        chromium,
        ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--hide-scrollbars=false',
          '--allow-file-access-from-files', '--virtual-time-budget=3000', '--run-all-compositor-stages-before-draw',
          '--no-first-run', '--no-default-browser-check', `--user-data-dir=${profile}`,
          ...args],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 },
      );
    } catch (error) {
      lastError = error;
      if (error.code !== 'ETIMEDOUT') throw error;
    } finally {
      fs.rmSync(profile, { recursive: true, force: true });
    }
  }
  throw lastError;
}

/** Loads the page with a #test= script and returns the JSON the page wrote to #test-output. */
function drive(file, script, size = '1200,800') {
  const dom = run([`--window-size=${size}`, '--dump-dom', `file://${file}#test=${encodeURIComponent(script)}`]);
  const m = /<pre id="test-output"[^>]*>([\s\S]*?)<\/pre>/.exec(dom);
  assert.ok(m, 'the page has #test-output');
  assert.match(m[0], /data-done="true"/, 'the page ran its test script (a script error or CSP block stops it)');
  const text = m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return { out: JSON.parse(text), dom };
}

function screenshot(file, png, script = '', size = '1200,720') {
  fs.mkdirSync(path.dirname(png), { recursive: true });
  run([`--window-size=${size}`, `--screenshot=${png}`, `file://${file}${script ? '#test=' + encodeURIComponent(script) : ''}`]);
  assert.ok(fs.existsSync(png) && fs.statSync(png).size > 5000, `screenshot ${png} written`);
}

const skip = chromium ? false : 'chromium is not installed (scripts/test-vscode.sh installs it)';

test('results panel in headless Chromium', { skip }, async (t) => {
  const payload = panelPayload('moltres.runQuery', bigResult(10000), { title: 'orders', baseName: 'orders' });
  const file = writePage('big', payload);

  await t.test('10,000 rows are virtualised and counted', () => {
    const { out, dom } = drive(file, 'tab:results');
    assert.equal(out.rowCountLabel, '10,000 rows');
    assert.ok(out.renderedRows > 10 && out.renderedRows < 120, `rendered ${out.renderedRows} rows, expected a window`);
    const trCount = (dom.match(/<tr[\s>]/g) || []).length;
    assert.ok(trCount < 150, `the DOM has ${trCount} <tr>, far fewer than 10,000`);
    assert.deepEqual(out.firstRows[0].slice(0, 3), ['1', 'customer 00000', 'paid']);
    assert.match(dom, /class="null"/, 'NULL is shown as a badge');
    assert.match(dom, /Showing the first 10,000 rows/, 'truncation notice');
  });

  await t.test('scrolling moves the window; the header stays on top (sticky)', () => {
    const { out } = drive(file, 'scroll:120000');
    assert.equal(out.scrollTop, 120000, 'the scroll height covers all 10,000 rows');
    assert.equal(out.headerPosition, 'sticky');
    assert.equal(out.headerOffset, 0, 'the header is at the top of the scrolled table');
    assert.deepEqual(out.cspViolations, [], 'no Content-Security-Policy violations');
    assert.equal(out.window.start, Math.floor(120000 / 24) - 20);
    assert.equal(out.firstRows[0][0], String(out.window.start + 1));
    assert.ok(out.renderedRows < 120);
  });

  await t.test('sorting by amount descending puts the largest first and NULLs last', () => {
    const { out } = drive(file, 'sort:3:desc');
    const amounts = out.firstRows.map((r) => Number(r[3]));
    for (let i = 1; i < amounts.length; i++) assert.ok(amounts[i - 1] >= amounts[i], `descending: ${amounts}`);
    assert.equal(amounts[0], Math.max(...payload.results[0].rows.map((r) => r[3] || 0)));
    const last = drive(file, `sort:3:desc;scroll:${10000 * 24}`).out;
    const tail = last.firstRows.map((r) => r[3]);
    assert.ok(tail.every((v) => v === null), `the bottom of the table holds the NULLs: ${JSON.stringify(tail)}`);
  });

  await t.test('clicking a header sorts ascending (numeric, not text order)', () => {
    const { out } = drive(file, 'click:0;click:0');
    assert.deepEqual(out.sortAfterClick, { column: 0, direction: 'desc' });
    assert.equal(out.firstRows[0][0], '10000');
    assert.equal(out.firstRows[1][0], '9999');
  });

  await t.test('arrow keys move the selected cell and keep it in view', () => {
    const { out } = drive(file, 'select:0:0;key:ArrowDown;key:ArrowDown;key:ArrowRight;copycell;key:PageDown');
    assert.ok(out.selected.row > 2, 'Page Down moves a screen');
    assert.equal(out.copyCell, 'customer 05838', 'row 3, column name');
    assert.ok(out.window.start <= out.selected.row && out.selected.row < out.window.end);
  });

  await t.test('an empty result says so', () => {
    const empty = writePage('empty', panelPayload('moltres.runQuery', { columns: [{ name: 'id', type: 'integer' }], rows: [], rowCount: 0, truncated: false, elapsedMs: 1, sql: 'SELECT 1 WHERE 0' }));
    const { out, dom } = drive(empty, 'tab:results');
    assert.equal(out.rowCountLabel, '0 rows');
    assert.match(dom, /No rows\./);
  });

  await t.test('CSV export text follows RFC 4180', () => {
    const { out } = drive(file, 'export:csv');
    const csv = out.export_csv;
    const lines = csv.split('\r\n');
    assert.equal(lines[0], 'id,name,status,amount,ordered_at');
    assert.equal(lines[1], '1,customer 00000,paid,,2024-01-01');
    assert.equal(lines[4], '4,,"pending, ""late""",138.75,2024-04-04');
    assert.ok(csv.includes('"refunded\nlater"'), 'a value with a newline is quoted');
    assert.ok(csv.endsWith('\r\n'));
  });

  await t.test('JSON export and copy row (TSV)', () => {
    const { out } = drive(file, 'select:3:2;copyrow;copycell;export:json');
    const json = JSON.parse(out.export_json);
    assert.equal(json.length, 10000);
    assert.deepEqual(json[3], { id: 4, name: null, status: 'pending, "late"', amount: 138.75, ordered_at: '2024-04-04' });
    assert.equal(out.copyRow, '4\t\tpending, "late"\t138.75\t2024-04-04');
    assert.equal(out.copyCell, 'pending, "late"');
  });

  await t.test('screenshots: table (dark), SQL tab, chart, light theme', () => {
    screenshot(file, path.join(outDir, 'results-panel.png'), 'select:2:2;scroll:0');
    screenshot(file, path.join(outDir, 'results-panel-scrolled.png'), 'scroll:48000');
    screenshot(file, path.join(outDir, 'results-panel-sql.png'), 'tab:sql');
    const chart = panelPayload('moltres.runQuery', {
      columns: [{ name: 'country', type: 'text' }, { name: 'total', type: 'real' }, { name: 'n', type: 'integer' }],
      rows: [['DE', 5230.5, 41], ['FR', 4100, 33], ['US', 9800.25, 70], ['JP', 2300, 18], ['BR', null, 0], ['IT', 3150.75, 25]],
      rowCount: 6,
      truncated: false,
      elapsedMs: 3.2,
      sql: 'SELECT "country", sum("amount") AS "total", count(*) AS "n" FROM "orders" GROUP BY "country"',
    }, { title: 'by country' });
    const chartFile = writePage('chart', chart);
    const { out } = drive(chartFile, 'tab:chart');
    assert.equal(out.chartType, 'bar');
    screenshot(chartFile, path.join(outDir, 'results-panel-chart.png'), 'tab:chart');
    const light = writePage('light', payload, ':root { --vscode-editor-background: #ffffff; --vscode-editor-foreground: #1f1f1f; --vscode-foreground: #1f1f1f; --vscode-editorGroupHeader-tabsBackground: #f3f3f3; --vscode-editorGroup-border: #e5e5e5; --vscode-list-hoverBackground: #f0f0f0; --vscode-descriptionForeground: #6f6f6f; --vscode-button-secondaryBackground: #e5e5e5; --vscode-button-secondaryForeground: #1f1f1f; --vscode-badge-background: #c4c4c4; --vscode-badge-foreground: #333; --vscode-inputValidation-warningBackground: #f6f5d2; --vscode-list-activeSelectionBackground: #0060c0; }');
    screenshot(light, path.join(outDir, 'results-panel-light.png'), 'select:1:1');
    assert.equal(drive(file, 'tab:results').out.bodyBackground, 'rgb(30, 30, 30)', 'dark fallback colours');
    assert.equal(drive(light, 'tab:results').out.bodyBackground, 'rgb(255, 255, 255)', 'the theme variables are used');
  });

  await t.test('a run-file result offers a statement picker; a mutation shows its row count', () => {
    const multi = panelPayload('moltres.runFile', {
      statements: [
        { line: 2, kind: 'query', sql: 'SELECT 1 AS "x"', columns: [{ name: 'x', type: 'integer' }], rows: [[1]], rowCount: 1, elapsedMs: 1 },
        { line: 5, kind: 'mutation', sql: 'UPDATE "customers" SET "active" = ? WHERE "email" IS NULL', rowCount: 3, elapsedMs: 2 },
      ],
    });
    const f = writePage('multi', multi);
    const { out, dom } = drive(f, 'result:1');
    assert.equal(out.rowCountLabel, '3 rows affected');
    assert.match(dom, /<select id="statement-picker"/);
  });
});
