'use strict';
// The results panel's pure parts: sort order, CSV/JSON/TSV text, the virtual window, chart detection,
// and the HTML (CSP, nonce, escaping) — without VS Code or a browser.
const test = require('node:test');
const assert = require('node:assert');
const R = require('../media/results');
const { renderResultsHtml, panelPayload, normalizeResult, jsonForScript, makeNonce } = require('../src/resultsPanel');

const cols = [{ name: 'id', type: 'integer' }, { name: 'name', type: 'text' }, { name: 'amount', type: 'real' }];
const rows = [
  [1, 'b10', 5],
  [2, null, 100],
  [3, 'b9', null],
  [4, 'A1', 20.5],
  [5, 'b10', -3],
];

test('sort: numeric-aware, natural text order, NULLs last in both directions, stable', () => {
  assert.deepEqual(R.sortOrder(rows, 2, 'asc').map((i) => rows[i][2]), [-3, 5, 20.5, 100, null]);
  assert.deepEqual(R.sortOrder(rows, 2, 'desc').map((i) => rows[i][2]), [100, 20.5, 5, -3, null]);
  assert.deepEqual(R.sortOrder(rows, 1, 'asc').map((i) => rows[i][1]), ['A1', 'b9', 'b10', 'b10', null]);
  assert.deepEqual(R.sortOrder(rows, 1, 'asc').filter((i) => rows[i][1] === 'b10'), [0, 4], 'ties keep their order');
  assert.deepEqual(R.sortOrder(rows, 1, 'desc').map((i) => rows[i][1]), ['b10', 'b10', 'b9', 'A1', null]);
  assert.deepEqual(R.sortOrder(rows, 0, null), [0, 1, 2, 3, 4]);
  assert.deepEqual(R.sortOrder([['10'], ['9'], ['x'], [null]], 0, 'asc').map((i) => i), [1, 0, 2, 3], 'numeric strings sort as numbers, before text');
});

test('sort state cycles asc → desc → unsorted on one column; another column starts at asc', () => {
  let s = R.nextSort(null, 2);
  assert.deepEqual(s, { column: 2, direction: 'asc' });
  s = R.nextSort(s, 2);
  assert.deepEqual(s, { column: 2, direction: 'desc' });
  assert.equal(R.nextSort(s, 2), null);
  assert.deepEqual(R.nextSort(s, 0), { column: 0, direction: 'asc' });
});

test('CSV: RFC 4180 quoting, CRLF, header, NULL as empty, in the current order', () => {
  const c = [{ name: 'a' }, { name: 'b,c' }];
  const r = [['x', 'say "hi"'], [null, 'line1\nline2'], [1.5, true], [' pad', { k: 1 }]];
  assert.equal(
    R.toCSV(c, r),
    'a,"b,c"\r\nx,"say ""hi"""\r\n,"line1\nline2"\r\n1.5,true\r\n" pad","{""k"":1}"\r\n',
  );
  assert.equal(R.toCSV(c, r, [2]), 'a,"b,c"\r\n1.5,true\r\n');
});

test('JSON export: objects keyed by column name, NULL as null, duplicate names disambiguated', () => {
  const text = R.toJSON([{ name: 'id' }, { name: 'id' }, { name: 'v' }], [[1, 2, null]]);
  assert.deepEqual(JSON.parse(text), [{ id: 1, id_2: 2, v: null }]);
  assert.ok(text.endsWith('\n'));
});

test('TSV for copy row: tabs and newlines inside values become spaces, NULL empty', () => {
  assert.equal(R.toTSV([1, 'a\tb', null, 'x\ny']), '1\ta b\t\tx y');
});

test('virtual window: visible rows plus a buffer, spacer heights add up', () => {
  const total = 10000;
  const h = R.ROW_HEIGHT;
  let w = R.virtualWindow(0, 600, total);
  assert.deepEqual([w.start, w.end, w.top], [0, Math.ceil(600 / h) + 1 + R.BUFFER_ROWS, 0]);
  w = R.virtualWindow(5000 * h, 600, total);
  assert.equal(w.start, 5000 - R.BUFFER_ROWS);
  assert.equal(w.end, 5000 + Math.ceil(600 / h) + 1 + R.BUFFER_ROWS);
  assert.equal(w.top + (w.end - w.start) * h + w.bottom, total * h, 'the scroll height stays that of all rows');
  assert.ok(w.end - w.start < 100);
  w = R.virtualWindow(total * h + 500, 600, total);
  assert.equal(w.end, total);
  assert.equal(w.bottom, 0);
  w = R.virtualWindow(0, 600, 5);
  assert.deepEqual([w.start, w.end, w.bottom], [0, 5, 0]);
  w = R.virtualWindow(-50, 0, 0);
  assert.deepEqual([w.start, w.end], [0, 0]);
});

test('chart: a key column plus numeric columns → bar; temporal key → line; otherwise none', () => {
  const spec = R.chartSpec([{ name: 'status', type: 'text' }, { name: 'total', type: 'real' }, { name: 'n', type: 'integer' }], [['paid', 10, 1], ['open', null, 2]]);
  assert.equal(spec.type, 'bar');
  assert.deepEqual(spec.labels, ['paid', 'open']);
  assert.deepEqual(spec.series.map((s) => s.name), ['total', 'n']);
  assert.deepEqual(spec.series[0].values, [10, null]);
  const line = R.chartSpec([{ name: 'day', type: 'date' }, { name: 'total', type: 'real' }], [['2024-01-01', 1], ['2024-01-02', 3]]);
  assert.equal(line.type, 'line');
  const untyped = R.chartSpec([{ name: 'day' }, { name: 'v' }], [['2024-01-01', 1], ['2024-01-02', 3]]);
  assert.equal(untyped.type, 'line', 'ISO dates without a type make a line chart');
  assert.equal(R.chartSpec([{ name: 'a', type: 'text' }, { name: 'b', type: 'text' }, { name: 'n', type: 'integer' }], [['x', 'y', 1]]), null);
  assert.equal(R.chartSpec([{ name: 'a', type: 'text' }], [['x']]), null);
  assert.equal(R.chartSpec(cols, []), null);
  const svg = R.chartSVG(spec);
  assert.match(svg, /^<svg class="chart"/);
  assert.equal((svg.match(/<rect class="series series-0"/g) || []).length, 2, 'one bar per non-NULL value + the legend');
  assert.ok(!R.chartSVG(R.chartSpec([{ name: '<b>', type: 'text' }, { name: 'v', type: 'real' }], [['<script>', 1]])).includes('<script>'), 'labels are escaped');
});

test('panel HTML: strict CSP with the nonce, no remote content, escaped data, theme CSS', () => {
  const nonce = makeNonce();
  assert.match(nonce, /^[A-Za-z0-9]{16,}$/);
  const payload = panelPayload('moltres.runQuery', {
    columns: cols,
    rows: [[1, '</script><script>alert(1)</script>', 2]],
    rowCount: 1,
    truncated: false,
    elapsedMs: 3,
    sql: 'SELECT "<x>" FROM t',
  });
  const html = renderResultsHtml(payload, {
    nonce,
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/results.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/results.css',
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)[1];
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, new RegExp(`script-src 'nonce-${nonce}'`));
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  const scripts = html.match(/<script\b[^>]*>/g);
  assert.equal(scripts.length, 2);
  assert.ok(scripts.every((s) => s.includes(`nonce="${nonce}"`) || s.includes('type="application/json"')), 'every executable script has the nonce');
  assert.doesNotMatch(html, /<script>alert/, 'data cannot close the data script');
  assert.equal((html.match(/<\/script>/g) || []).length, 2);
  assert.match(html, /SELECT &quot;&lt;x&gt;&quot; FROM t/);
  assert.doesNotMatch(html, /https?:\/\/(?!file\+\.vscode-resource)/, 'no remote URLs');
  assert.doesNotMatch(html, /style="/, 'no inline styles (CSP)');
  const data = JSON.parse(/<script type="application\/json" id="moltres-data">([\s\S]*?)<\/script>/.exec(html)[1]);
  assert.equal(data.results[0].rows[0][1], '</script><script>alert(1)</script>');
  assert.match(html, /id="row-count" class="meta" data-count="1">1 rows/);
  assert.throws(() => renderResultsHtml(payload, { nonce: 'bad nonce"', scriptUri: '', styleUri: '', cspSource: '' }));
  assert.equal(jsonForScript({ a: '\u2028<' }), '{"a":"\\u2028\\u003c"}');
});

test('results are normalised: queries, mutations, plans, run-file statements', () => {
  assert.equal(normalizeResult({ rowCount: 3, elapsedMs: 1, sql: 'UPDATE', kind: 'mutation' }).kind, 'mutation');
  assert.equal(normalizeResult({ rowCount: 3, sql: 'DELETE' }).kind, 'mutation');
  assert.equal(normalizeResult({ plan: 'SCAN t', sql: 'SELECT' }).kind, 'explain');
  const q = normalizeResult({ columns: ['a'], rows: [[1]] });
  assert.deepEqual(q.columns, [{ name: 'a' }]);
  assert.equal(q.rowCount, 1);
  assert.deepEqual(normalizeResult({ columns: [{ name: 'a' }, { name: 'b' }], rows: [{ b: 2, a: 1 }, { a: 3 }] }).rows, [[1, 2], [3, null]], 'object rows follow the column order');
  const p = panelPayload('moltres.runFile', { statements: [{ line: 4, kind: 'query', columns: [], rows: [] }] });
  assert.equal(p.results[0].title, 'Statement 1 (line 5) · query');
  // runQuery on a `with db.transaction()` header runs the block: one result per statement, not one empty result.
  const block = panelPayload('moltres.runQuery', { statements: [{ line: 2, kind: 'mutation', rowCount: 1 }, { line: 3, kind: 'mutation', rowCount: 1 }] });
  assert.equal(block.results.length, 2);
  assert.equal(block.results[1].title, 'Statement 2 (line 4) · mutation');
});

test('SQL tab highlighting: keywords, identifiers, strings, parameters, numbers, comments; text preserved', () => {
  const sql = 'SELECT "a", count(*) AS n FROM t WHERE x = ? AND y = \'it\'\'s\' AND z = $1 -- note\nLIMIT 10';
  const pieces = R.highlightSql(sql);
  assert.equal(pieces.map((p) => p[1]).join(''), sql);
  const kinds = Object.fromEntries(pieces.filter((p) => p[0]).map((p) => [p[1], p[0]]));
  assert.equal(kinds.SELECT, 'keyword');
  assert.equal(kinds['"a"'], 'identifier');
  assert.equal(kinds["'it''s'"], 'string');
  assert.equal(kinds['?'], 'param');
  assert.equal(kinds.$1, 'param');
  assert.equal(kinds['10'], 'number');
  assert.equal(kinds['-- note'], 'comment');
  assert.equal(kinds.count, undefined, 'function names stay plain');
  for (let i = 1; i < pieces.length; i++) assert.ok(pieces[i][0] || pieces[i - 1][0], 'plain pieces are merged');
});
