/* Moltres results panel: runs inside the VS Code webview (and in headless Chromium for the tests).
 *
 * The first half is pure functions (sorting, CSV/TSV/JSON text, the virtual window, chart data) that
 * Node's test runner loads with require(); the second half renders the panel when there is a DOM.
 * No libraries, no network: everything the page shows is in the page.
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.MoltresResults = api;
  }
  if (typeof document !== 'undefined' && typeof window !== 'undefined' && document.getElementById('moltres-data')) {
    api.start(window, document);
  }
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  const ROW_HEIGHT = 24; // px; must match `--row-height` in results.css
  const BUFFER_ROWS = 20; // rows rendered above and below the visible window
  const NUMERIC_TYPES = /^(int|integer|bigint|smallint|tinyint|real|double|float|numeric|decimal|number)/i;
  const TEMPORAL_TYPES = /^(date|time|timestamp|datetime)/i;
  const ISO_DATE = /^\d{4}-\d{2}(-\d{2})?([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

  // ---------- values ----------

  function isNull(v) {
    return v === null || v === undefined;
  }

  function isNumericValue(v) {
    if (typeof v === 'number') return Number.isFinite(v);
    if (typeof v === 'bigint') return true;
    return typeof v === 'string' && v.trim() !== '' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v.trim());
  }

  function isNumericColumn(column, rows, index) {
    if (column && column.type && NUMERIC_TYPES.test(column.type)) return true;
    if (column && column.type && !/^(unknown|any|)$/i.test(column.type)) return false;
    let seen = 0;
    for (let i = 0; i < rows.length && seen < 200; i++) {
      const v = rows[i][index];
      if (isNull(v)) continue;
      if (!isNumericValue(v) || typeof v === 'string') return false;
      seen++;
    }
    return seen > 0;
  }

  /** The text a cell shows and copies (NULL as empty text for copying; the table shows a badge). */
  function cellText(v) {
    if (isNull(v)) return '';
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
    return JSON.stringify(v);
  }

  // ---------- sorting ----------

  /** Compares two cell values ascending: numbers numerically, text naturally (a2 < a10), NULLs last. */
  function compareValues(a, b) {
    const an = isNull(a);
    const bn = isNull(b);
    if (an || bn) return an === bn ? 0 : an ? 1 : -1;
    const aNum = isNumericValue(a);
    const bNum = isNumericValue(b);
    if (aNum && bNum) {
      const d = Number(a) - Number(b);
      return d < 0 ? -1 : d > 0 ? 1 : 0;
    }
    if (aNum !== bNum) return aNum ? -1 : 1; // numbers before text
    if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
    return collator.compare(cellText(a), cellText(b));
  }
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

  /**
   * The row order for a sort: an array of row indexes. direction 'asc' | 'desc' | null (original order).
   * NULLs stay last in both directions; ties keep the original order (stable).
   */
  function sortOrder(rows, columnIndex, direction) {
    const order = rows.map((_, i) => i);
    if (direction !== 'asc' && direction !== 'desc') return order;
    const sign = direction === 'desc' ? -1 : 1;
    order.sort((i, j) => {
      const a = rows[i][columnIndex];
      const b = rows[j][columnIndex];
      const an = isNull(a);
      const bn = isNull(b);
      let c;
      if (an || bn) c = an === bn ? 0 : an ? 1 : -1;
      else c = sign * compareValues(a, b);
      return c !== 0 ? c : i - j;
    });
    return order;
  }

  /** The next state when a header is clicked: asc → desc → unsorted. */
  function nextSort(current, columnIndex) {
    if (!current || current.column !== columnIndex) return { column: columnIndex, direction: 'asc' };
    if (current.direction === 'asc') return { column: columnIndex, direction: 'desc' };
    return null;
  }

  // ---------- export ----------

  /** One CSV field, RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
  function csvField(v) {
    const s = cellText(v);
    return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  /** RFC 4180 CSV: header line, CRLF line breaks, NULL as an empty field. */
  function toCSV(columns, rows, order) {
    const lines = [columns.map((c) => csvField(c.name)).join(',')];
    const idx = order || rows.map((_, i) => i);
    for (const i of idx) lines.push(rows[i].map(csvField).join(','));
    return lines.join('\r\n') + '\r\n';
  }

  /** JSON: an array of objects keyed by column name (duplicate names get a _2, _3 suffix). */
  function toJSON(columns, rows, order) {
    const keys = uniqueNames(columns.map((c) => c.name));
    const idx = order || rows.map((_, i) => i);
    const out = idx.map((i) => {
      const o = {};
      keys.forEach((k, c) => {
        const v = rows[i][c];
        o[k] = v === undefined ? null : v;
      });
      return o;
    });
    return JSON.stringify(out, null, 2) + '\n';
  }

  function uniqueNames(names) {
    const seen = new Map();
    return names.map((n) => {
      const count = (seen.get(n) || 0) + 1;
      seen.set(n, count);
      return count === 1 ? n : `${n}_${count}`;
    });
  }

  /** TSV for the clipboard (pastes into spreadsheets): tabs and newlines inside values become spaces. */
  function toTSV(cells) {
    return cells.map((v) => cellText(v).replace(/[\t\r\n]+/g, ' ')).join('\t');
  }

  // ---------- virtual window ----------

  /**
   * Which rows to render for a scroll position: [start, end) plus spacer heights above and below.
   * Only the visible rows and `buffer` rows on each side become DOM rows.
   */
  function virtualWindow(scrollTop, viewportHeight, total, rowHeight = ROW_HEIGHT, buffer = BUFFER_ROWS) {
    const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
    const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
    const start = Math.max(0, Math.min(total, first - buffer));
    const end = Math.max(start, Math.min(total, first + visible + buffer));
    return { start, end, top: start * rowHeight, bottom: (total - end) * rowHeight };
  }

  // ---------- chart ----------

  /**
   * A chart for a result with one key column and numeric value columns (at most 4 series, 60 points).
   * Returns null when the result does not have that shape.
   */
  function chartSpec(columns, rows, order) {
    if (!columns || columns.length < 2 || !rows || rows.length < 1) return null;
    const numeric = columns.map((c, i) => isNumericColumn(c, rows, i));
    const keyIndex = numeric.indexOf(false) === -1 ? 0 : numeric.indexOf(false);
    const otherKeys = numeric.filter((n, i) => !n && i !== keyIndex).length;
    if (otherKeys > 0) return null; // more than one non-numeric column: not "a key plus numbers"
    const series = [];
    columns.forEach((c, i) => {
      if (i !== keyIndex && numeric[i] && series.length < 4) series.push({ name: c.name, index: i });
    });
    if (series.length === 0) return null;
    const idx = (order || rows.map((_, i) => i)).slice(0, 60);
    const keyColumn = columns[keyIndex];
    const keys = idx.map((i) => rows[i][keyIndex]);
    const temporal =
      (keyColumn.type && TEMPORAL_TYPES.test(keyColumn.type)) ||
      (keys.length > 1 && keys.every((k) => typeof k === 'string' && ISO_DATE.test(k)));
    return {
      type: temporal ? 'line' : 'bar',
      key: keyColumn.name,
      labels: keys.map((k) => (isNull(k) ? 'NULL' : cellText(k))),
      series: series.map((s) => ({
        name: s.name,
        values: idx.map((i) => (isNumericValue(rows[i][s.index]) ? Number(rows[i][s.index]) : null)),
      })),
      truncated: rows.length > idx.length,
    };
  }

  function niceMax(v) {
    if (v <= 0) return 1;
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
    return 10 * p;
  }

  function formatNumber(v) {
    if (Math.abs(v) >= 1e6 || (Math.abs(v) < 1e-3 && v !== 0)) return v.toExponential(2);
    return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 3 });
  }

  /** The chart as an SVG string (escaped text, colours from the theme's chart variables). */
  function chartSVG(spec, width = 720, height = 320, colorIndex = 0) {
    const esc = escapeHtml;
    const m = { left: 64, right: 16, top: 28, bottom: 72 };
    const w = width - m.left - m.right;
    const h = height - m.top - m.bottom;
    const all = spec.series.flatMap((s) => s.values).filter((v) => v !== null);
    const min = Math.min(0, ...all);
    const max = niceMax(Math.max(0, ...all));
    const lo = min < 0 ? -niceMax(-min) : 0;
    const y = (v) => m.top + h - ((v - lo) / (max - lo)) * h;
    const n = spec.labels.length;
    const band = w / Math.max(1, n);
    const parts = [];
    parts.push(`<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(spec.type)} chart of ${esc(spec.series.map((s) => s.name).join(', '))} by ${esc(spec.key)}">`);
    for (let t = 0; t <= 4; t++) {
      const v = lo + ((max - lo) * t) / 4;
      const yy = y(v).toFixed(1);
      parts.push(`<line class="grid-line" x1="${m.left}" x2="${m.left + w}" y1="${yy}" y2="${yy}"/>`);
      parts.push(`<text class="axis-label" x="${m.left - 6}" y="${yy}" text-anchor="end" dominant-baseline="middle">${esc(formatNumber(v))}</text>`);
    }
    const step = Math.max(1, Math.ceil(n / 20));
    spec.labels.forEach((label, i) => {
      if (i % step !== 0) return;
      const x = m.left + band * (i + 0.5);
      const text = label.length > 14 ? label.slice(0, 13) + '…' : label;
      parts.push(`<text class="axis-label" transform="translate(${x.toFixed(1)},${m.top + h + 10}) rotate(35)" text-anchor="start">${esc(text)}</text>`);
    });
    const k = spec.series.length;
    spec.series.forEach((s, si) => {
      const cls = `series series-${(si + colorIndex) % 4}`;
      if (spec.type === 'bar') {
        const bw = Math.max(1, (band * 0.8) / k);
        s.values.forEach((v, i) => {
          if (v === null) return;
          const x = m.left + band * i + band * 0.1 + bw * si;
          const y0 = y(Math.max(0, v));
          const hh = Math.abs(y(v) - y(0));
          parts.push(`<rect class="${cls}" x="${x.toFixed(1)}" y="${y0.toFixed(1)}" width="${bw.toFixed(1)}" height="${hh.toFixed(1)}"><title>${esc(spec.labels[i])}: ${esc(s.name)} = ${esc(formatNumber(v))}</title></rect>`);
        });
      } else {
        const pts = [];
        s.values.forEach((v, i) => {
          if (v !== null) pts.push(`${(m.left + band * (i + 0.5)).toFixed(1)},${y(v).toFixed(1)}`);
        });
        parts.push(`<polyline class="${cls} line" fill="none" points="${pts.join(' ')}"/>`);
        s.values.forEach((v, i) => {
          if (v === null) return;
          parts.push(`<circle class="${cls}" cx="${(m.left + band * (i + 0.5)).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3"><title>${esc(spec.labels[i])}: ${esc(s.name)} = ${esc(formatNumber(v))}</title></circle>`);
        });
      }
    });
    parts.push(`<line class="axis" x1="${m.left}" x2="${m.left + w}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}"/>`);
    spec.series.forEach((s, si) => {
      const x = m.left + si * 140;
      parts.push(`<rect class="series series-${(si + colorIndex) % 4}" x="${x}" y="6" width="10" height="10"/><text class="legend" x="${x + 14}" y="15">${esc(s.name.length > 16 ? s.name.slice(0, 15) + '…' : s.name)}</text>`);
    });
    parts.push('</svg>');
    return parts.join('');
  }

  // ---------- SQL highlighting (for the SQL tab) ----------

  const SQL_KEYWORDS = new Set(
    ('select from where group by order having limit offset join inner left right full outer cross on using as and or not ' +
      'in is null like ilike between case when then else end distinct union all intersect except with recursive insert into ' +
      'values update set delete create table drop index if exists primary key asc desc nulls first last over partition rows ' +
      'range unbounded preceding following current row cast filter within lateral returning conflict do nothing true false')
      .split(' '),
  );

  /** SQL text → [kind, text] pieces: keyword, string, number, identifier (quoted), comment, param, or '' (plain). */
  function highlightSql(sql) {
    const out = [];
    const re = /(--[^\n]*|\/\*[\s\S]*?\*\/)|('(?:[^']|'')*'?)|("(?:[^"]|"")*"?)|(\$\d+|\?\d*|:[A-Za-z_]\w*)|(\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b)|([A-Za-z_][A-Za-z0-9_]*)/g;
    let last = 0;
    let m;
    while ((m = re.exec(sql))) {
      if (m.index > last) out.push(['', sql.slice(last, m.index)]);
      const kind = m[1] ? 'comment' : m[2] ? 'string' : m[3] ? 'identifier' : m[4] ? 'param' : m[5] ? 'number' : SQL_KEYWORDS.has(m[6].toLowerCase()) ? 'keyword' : '';
      if (kind === '' && out.length && out[out.length - 1][0] === '') out[out.length - 1][1] += m[0];
      else out.push([kind, m[0]]);
      last = re.lastIndex;
    }
    if (last < sql.length) out.push(['', sql.slice(last)]);
    const merged = [];
    for (const piece of out) {
      if (piece[0] === '' && merged.length && merged[merged.length - 1][0] === '') merged[merged.length - 1][1] += piece[1];
      else merged.push(piece);
    }
    return merged;
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  }

  // ---------- the page ----------

  function start(win, doc) {
    const vscode = typeof win.acquireVsCodeApi === 'function' ? win.acquireVsCodeApi() : null;
    const payload = JSON.parse(doc.getElementById('moltres-data').textContent);
    const results = payload.results || [];
    const $ = (id) => doc.getElementById(id);
    const state = { index: 0, sort: null, order: [], selected: null, tab: 'results', rendered: null };
    const cspViolations = [];
    doc.addEventListener('securitypolicyviolation', (e) => cspViolations.push(`${e.violatedDirective} ${e.blockedURI || ''}`.trim()));

    function current() {
      return results[state.index] || { columns: [], rows: [] };
    }
    function columns() {
      return current().columns || [];
    }
    function rows() {
      return current().rows || [];
    }

    function post(message) {
      if (vscode) vscode.postMessage(message);
      win.__moltresLastMessage = message;
    }

    function status(text) {
      const el = $('status');
      if (el) {
        el.textContent = text;
        clearTimeout(status.timer);
        status.timer = setTimeout(() => (el.textContent = ''), 2500);
      }
    }

    // --- header
    function renderHeader() {
      const tr = $('header-row');
      tr.textContent = '';
      const cols = columns();
      const numeric = cols.map((c, i) => isNumericColumn(c, rows(), i));
      state.numeric = numeric;
      const corner = doc.createElement('th');
      corner.className = 'rownum';
      corner.textContent = '#';
      tr.appendChild(corner);
      cols.forEach((c, i) => {
        const th = doc.createElement('th');
        th.dataset.col = String(i);
        th.tabIndex = 0;
        th.className = numeric[i] ? 'num' : '';
        const sorted = state.sort && state.sort.column === i ? state.sort.direction : null;
        th.setAttribute('aria-sort', sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none');
        const name = doc.createElement('span');
        name.className = 'col-name';
        name.textContent = c.name;
        th.appendChild(name);
        if (c.type) {
          const type = doc.createElement('span');
          type.className = 'col-type';
          type.textContent = c.type;
          th.appendChild(type);
        }
        const arrow = doc.createElement('span');
        arrow.className = 'sort-arrow';
        arrow.textContent = sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '';
        th.appendChild(arrow);
        th.title = `Sort by ${c.name}`;
        tr.appendChild(th);
      });
    }

    // --- body (virtualised)
    function renderBody(force) {
      const scroller = $('grid-scroll');
      const total = state.order.length;
      const win_ = virtualWindow(scroller.scrollTop, scroller.clientHeight || 600, total);
      if (!force && state.rendered && state.rendered.start === win_.start && state.rendered.end === win_.end) return;
      state.rendered = win_;
      const body = $('grid-body');
      const cols = columns();
      const data = rows();
      const frag = doc.createDocumentFragment();
      frag.appendChild(spacer(win_.top, cols.length + 1, 'top'));
      for (let r = win_.start; r < win_.end; r++) {
        const rowIndex = state.order[r];
        const tr = doc.createElement('tr');
        tr.className = 'row' + (r % 2 ? ' odd' : '');
        tr.dataset.row = String(r);
        const num = doc.createElement('td');
        num.className = 'rownum';
        num.textContent = String(r + 1);
        tr.appendChild(num);
        const values = data[rowIndex];
        for (let c = 0; c < cols.length; c++) {
          const td = doc.createElement('td');
          td.dataset.col = String(c);
          const v = values[c];
          if (isNull(v)) {
            const badge = doc.createElement('span');
            badge.className = 'null';
            badge.textContent = 'NULL';
            td.appendChild(badge);
            if (state.numeric[c]) td.className = 'num';
          } else {
            const text = cellText(v);
            td.textContent = text;
            if (text.length > 40) td.title = text.length > 2000 ? text.slice(0, 2000) + '…' : text;
            if (state.numeric[c]) td.className = 'num';
            else if (typeof v === 'boolean') td.className = 'bool';
          }
          if (state.selected && state.selected.row === r && state.selected.col === c) td.classList.add('selected');
          tr.appendChild(td);
        }
        if (state.selected && state.selected.row === r) tr.classList.add('selected-row');
        frag.appendChild(tr);
      }
      if (total === 0 && cols.length > 0) {
        const tr = doc.createElement('tr');
        tr.className = 'empty';
        const td = doc.createElement('td');
        td.colSpan = cols.length + 1;
        td.textContent = 'No rows.';
        tr.appendChild(td);
        frag.appendChild(tr);
      }
      frag.appendChild(spacer(win_.bottom, cols.length + 1, 'bottom'));
      body.textContent = '';
      body.appendChild(frag);
    }

    function spacer(height, span, where) {
      const tr = doc.createElement('tr');
      tr.className = 'spacer';
      tr.dataset.spacer = where;
      const td = doc.createElement('td');
      td.colSpan = span;
      td.style.height = height + 'px';
      tr.appendChild(td);
      return tr;
    }

    function applySort(sort) {
      state.sort = sort;
      state.order = sort ? sortOrder(rows(), sort.column, sort.direction) : rows().map((_, i) => i);
      state.selected = null;
      renderHeader();
      renderBody(true);
      renderChart();
    }

    // --- summary line, notice, SQL, plan
    function renderMeta() {
      const r = current();
      const count = r.kind === 'mutation' ? r.rowCount : r.rowCount !== undefined ? r.rowCount : rows().length;
      $('row-count').textContent =
        r.kind === 'mutation'
          ? `${Number(count).toLocaleString('en-US')} row${count === 1 ? '' : 's'} affected`
          : r.kind === 'explain'
            ? 'Query plan'
            : `${Number(count).toLocaleString('en-US')} row${count === 1 ? '' : 's'}`;
      $('row-count').dataset.count = String(count);
      $('elapsed').textContent = r.elapsedMs !== undefined ? `${formatMs(r.elapsedMs)}` : '';
      const notice = $('notice');
      if (r.truncated) {
        notice.hidden = false;
        notice.textContent = `Showing the first ${rows().length.toLocaleString('en-US')} rows; the result has more. Raise "moltres.preview.rowLimit" to fetch more.`;
      } else {
        notice.hidden = true;
      }
      renderSql($('sql-text'), r.sql || '');
      const params = r.parameters && r.parameters.length ? `-- parameters: ${JSON.stringify(r.parameters)}` : '';
      $('sql-params').textContent = params;
      $('sql-params').parentElement.hidden = !params;
      const plan = $('plan-text');
      plan.textContent = r.plan || '';
      plan.parentElement.hidden = !r.plan;
      const showGrid = r.kind !== 'mutation' && r.kind !== 'explain';
      $('grid-wrap').hidden = !showGrid;
      $('message').hidden = showGrid;
      $('message').textContent = '';
      if (r.kind === 'mutation') {
        $('message').textContent = `${Number(count).toLocaleString('en-US')} row${count === 1 ? '' : 's'} affected.`;
      } else if (r.kind === 'explain') {
        $('message').appendChild(planBlock(r.plan || ''));
      }
      for (const id of ['copy-cell', 'copy-row', 'export-csv', 'export-json']) $(id).disabled = !showGrid;
    }

    function renderSql(el, sql) {
      el.textContent = '';
      for (const [kind, text] of highlightSql(sql)) {
        if (!kind) {
          el.appendChild(doc.createTextNode(text));
        } else {
          const span = doc.createElement('span');
          span.className = 'sql-' + kind;
          span.textContent = text;
          el.appendChild(span);
        }
      }
    }

    function planBlock(text) {
      const pre = doc.createElement('pre');
      pre.className = 'plan';
      pre.textContent = text;
      return pre;
    }

    function formatMs(ms) {
      if (ms < 1) return `${Number(ms).toFixed(2)} ms`;
      if (ms < 1000) return `${Math.round(ms)} ms`;
      return `${(ms / 1000).toFixed(2)} s`;
    }

    function renderChart() {
      const spec = chartSpec(columns(), rows(), state.order);
      const tab = $('tab-chart');
      tab.hidden = !spec || current().kind === 'mutation' || current().kind === 'explain';
      const host = $('chart');
      host.textContent = '';
      if (!spec) {
        if (state.tab === 'chart') selectTab('results');
        return;
      }
      // The SVG markup is built from escaped text only (chartSVG escapes every label).
      // One chart per value column, each with its own scale (a count next to a sum stays readable).
      spec.series.forEach((s, i) => {
        const one = Object.assign({}, spec, { series: [s] });
        const parsed = new DOMParser().parseFromString(chartSVG(one, 720, spec.series.length > 1 ? 260 : 320, i), 'image/svg+xml');
        host.appendChild(doc.importNode(parsed.documentElement, true));
      });
      const note = doc.createElement('p');
      note.className = 'chart-note';
      note.textContent = `${spec.type === 'line' ? 'Line' : 'Bar'} chart of ${spec.series.map((s) => s.name).join(', ')} by ${spec.key}${spec.truncated ? ' (first 60 rows in the current order)' : ''}.`;
      host.appendChild(note);
      host.dataset.chartType = spec.type;
    }

    function selectTab(tab) {
      state.tab = tab;
      for (const t of ['results', 'sql', 'chart']) {
        const btn = $('tab-' + t);
        btn.setAttribute('aria-selected', String(t === tab));
        btn.classList.toggle('active', t === tab);
        $('panel-' + t).hidden = t !== tab;
      }
      if (tab === 'results') renderBody(true);
    }

    function selectResult(i) {
      state.index = i;
      state.sort = null;
      state.selected = null;
      state.order = rows().map((_, k) => k);
      $('grid-scroll').scrollTop = 0;
      renderMeta();
      renderHeader();
      renderBody(true);
      renderChart();
    }

    // --- copy / export
    function selectedRowValues() {
      const sel = state.selected;
      if (!sel) return null;
      return rows()[state.order[sel.row]];
    }
    function copyCell() {
      const values = selectedRowValues();
      if (!values) return status('Select a cell first.');
      const text = cellText(values[state.selected.col]);
      post({ type: 'copy', what: 'cell', text });
      status('Cell copied.');
      return text;
    }
    function copyRow() {
      const values = selectedRowValues();
      if (!values) return status('Select a row first.');
      const text = toTSV(values);
      post({ type: 'copy', what: 'row', text });
      status('Row copied as TSV.');
      return text;
    }
    function exportAs(format) {
      const text = format === 'csv' ? toCSV(columns(), rows(), state.order) : toJSON(columns(), rows(), state.order);
      post({ type: 'export', format, text, suggestedName: `${payload.baseName || 'result'}.${format}` });
      status(`Exported ${format.toUpperCase()}.`);
      return text;
    }

    // --- events
    $('header-row').addEventListener('click', (e) => {
      const th = e.target.closest('th[data-col]');
      if (th) applySort(nextSort(state.sort, Number(th.dataset.col)));
    });
    $('header-row').addEventListener('keydown', (e) => {
      const th = e.target.closest('th[data-col]');
      if (th && (e.key === 'Enter' || e.key === ' ')) {
        e.preventDefault();
        applySort(nextSort(state.sort, Number(th.dataset.col)));
      }
    });
    $('grid-body').addEventListener('click', (e) => {
      const td = e.target.closest('td[data-col]');
      const tr = e.target.closest('tr[data-row]');
      if (!td || !tr) return;
      state.selected = { row: Number(tr.dataset.row), col: Number(td.dataset.col) };
      renderBody(true);
    });
    let frame = 0;
    $('grid-scroll').addEventListener('scroll', () => {
      if (frame) return;
      frame = win.requestAnimationFrame(() => {
        frame = 0;
        renderBody(false);
      });
    });
    win.addEventListener('resize', () => renderBody(true));
    /** Moves the selected cell with the arrow keys (Page Up/Down by a screen) and keeps it in view. */
    function moveSelection(dRow, dCol) {
      const total = state.order.length;
      const ncols = columns().length;
      if (!total || !ncols) return;
      const sel = state.selected || { row: 0, col: 0 };
      const row = Math.max(0, Math.min(total - 1, sel.row + dRow));
      const col = Math.max(0, Math.min(ncols - 1, sel.col + dCol));
      state.selected = { row, col };
      const scroller = $('grid-scroll');
      const header = $('header-row').offsetHeight || 30;
      const top = row * ROW_HEIGHT;
      if (top < scroller.scrollTop) scroller.scrollTop = top;
      else if (top + ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight - header) {
        scroller.scrollTop = top + ROW_HEIGHT - scroller.clientHeight + header;
      }
      renderBody(true);
    }

    doc.addEventListener('keydown', (e) => {
      if (state.tab === 'results' && state.selected && !e.altKey && !e.ctrlKey && !e.metaKey) {
        const page = Math.max(1, Math.floor(($('grid-scroll').clientHeight || 600) / ROW_HEIGHT) - 1);
        const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], PageUp: [-page, 0], PageDown: [page, 0] };
        if (moves[e.key]) {
          e.preventDefault();
          moveSelection(moves[e.key][0], moves[e.key][1]);
          return;
        }
      }
      const mod = e.ctrlKey || e.metaKey;
      if (mod && (e.key === 'c' || e.key === 'C') && state.selected && !String(win.getSelection && win.getSelection())) {
        e.preventDefault();
        if (e.shiftKey) copyRow();
        else copyCell();
      }
    });
    $('copy-cell').addEventListener('click', copyCell);
    $('copy-row').addEventListener('click', copyRow);
    $('export-csv').addEventListener('click', () => exportAs('csv'));
    $('export-json').addEventListener('click', () => exportAs('json'));
    $('copy-sql').addEventListener('click', () => {
      post({ type: 'copy', what: 'sql', text: current().sql || '' });
      status('SQL copied.');
    });
    for (const t of ['results', 'sql', 'chart']) $('tab-' + t).addEventListener('click', () => selectTab(t));
    const picker = $('statement-picker');
    if (picker) picker.addEventListener('change', () => selectResult(Number(picker.value)));
    win.addEventListener('message', (e) => {
      const m = e.data || {};
      if (m.type === 'exported') status(`Saved ${m.path}`);
    });

    selectResult(0);
    selectTab('results');

    // --- test driver: #test=sort:2:desc;scroll:4800;select:3:1;copyrow;export:csv
    // Lets a headless browser run the panel's actions and read their outcome from #test-output.
    const m = /#test=(.*)$/.exec(win.location.hash || '');
    if (m) {
      const out = { steps: [] };
      for (const step of decodeURIComponent(m[1]).split(';').filter(Boolean)) {
        const [op, a, b] = step.split(':');
        if (op === 'sort') {
          const col = Number(a);
          if (b === 'desc') applySort({ column: col, direction: 'desc' });
          else applySort({ column: col, direction: 'asc' });
          out.sorted = { column: col, direction: b === 'desc' ? 'desc' : 'asc' };
        } else if (op === 'click') {
          // simulate header clicks through the real handler
          $('header-row').querySelector(`th[data-col="${Number(a)}"]`).click();
          out.sortAfterClick = state.sort;
        } else if (op === 'scroll') {
          $('grid-scroll').scrollTop = Number(a);
          renderBody(true);
        } else if (op === 'select') {
          state.selected = { row: Number(a), col: Number(b) };
          renderBody(true);
        } else if (op === 'key') {
          doc.dispatchEvent(new win.KeyboardEvent('keydown', { key: a, bubbles: true }));
          out.selected = state.selected;
        } else if (op === 'copycell') {
          out.copyCell = copyCell();
        } else if (op === 'copyrow') {
          out.copyRow = copyRow();
        } else if (op === 'export') {
          out['export_' + a] = exportAs(a);
        } else if (op === 'tab') {
          selectTab(a);
        } else if (op === 'result') {
          picker.value = a;
          selectResult(Number(a));
        }
        out.steps.push(step);
      }
      const body = $('grid-body');
      out.renderedRows = body.querySelectorAll('tr.row').length;
      out.window = state.rendered;
      out.rowCountLabel = $('row-count').textContent;
      out.firstRows = Array.from(body.querySelectorAll('tr.row'))
        .slice(0, 5)
        .map((tr) => Array.from(tr.querySelectorAll('td[data-col]')).map((td) => (td.querySelector('.null') ? null : td.textContent)));
      out.chartType = $('chart').dataset.chartType || null;
      const th = $('header-row').querySelector('th[data-col]');
      if (th) {
        out.headerPosition = win.getComputedStyle(th).position;
        out.headerOffset = Math.round(th.getBoundingClientRect().top - $('grid-scroll').getBoundingClientRect().top);
      }
      out.scrollTop = $('grid-scroll').scrollTop;
      out.bodyBackground = win.getComputedStyle(doc.body).backgroundColor;
      out.cspViolations = cspViolations;
      const el = $('test-output');
      el.textContent = JSON.stringify(out);
      el.dataset.done = 'true';
    }
  }

  return {
    ROW_HEIGHT,
    BUFFER_ROWS,
    isNull,
    isNumericValue,
    isNumericColumn,
    cellText,
    compareValues,
    sortOrder,
    nextSort,
    csvField,
    toCSV,
    toJSON,
    toTSV,
    virtualWindow,
    chartSpec,
    chartSVG,
    escapeHtml,
    highlightSql,
    start,
  };
});
