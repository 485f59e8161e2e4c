'use strict';
// The results panel: one webview that shows the last result (a table, a row count for a write
// statement, or a plan). `renderResultsHtml` is a pure function (data + nonce + webview URIs → HTML)
// so the tests can render the page without VS Code; `ResultsPanel` owns the webview.

const crypto = require('crypto');
const path = require('path');

function makeNonce() {
  return crypto.randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

function escapeHtml(s) {
  return String(s === undefined || s === null ? '' : s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
}

/** JSON that is safe inside a <script> element (no `</script>`, no HTML comment openers, no line separators). */
function jsonForScript(value) {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** One statement's result as the page expects it. `kind`: 'query' | 'mutation' | 'explain'. */
function normalizeResult(result, title) {
  const r = result || {};
  let kind = r.kind === 'mutation' ? 'mutation' : r.plan !== undefined && !r.columns ? 'explain' : 'query';
  if (!r.columns && !r.rows && kind === 'query' && r.rowCount !== undefined) kind = 'mutation';
  const columns = (r.columns || []).map((c) => (typeof c === 'string' ? { name: c } : { name: String(c.name), type: c.type || '' }));
  // Rows are arrays in column order; rows sent as objects (name → value) are put in that order.
  const rows = (r.rows || []).map((row) => (Array.isArray(row) ? row : row && typeof row === 'object' ? columns.map((c) => (c.name in row ? row[c.name] : null)) : [row]));
  const out = {
    title: title || '',
    kind,
    columns,
    rows,
    rowCount: r.rowCount !== undefined ? r.rowCount : (r.rows || []).length,
    truncated: Boolean(r.truncated),
    elapsedMs: r.elapsedMs,
    sql: r.sql || '',
  };
  if (r.parameters) out.parameters = r.parameters;
  if (r.plan !== undefined) out.plan = String(r.plan);
  return out;
}

/** The page's data for `moltres.runQuery` / `moltres.explain` (one result) or `moltres.runFile` and a block (many). */
function panelPayload(command, response, meta = {}) {
  let results;
  // runFile, and runQuery on a `with db.transaction()` header (the whole block), answer `{statements: [...]}`.
  if (command === 'moltres.runFile' || (response && Array.isArray(response.statements))) {
    results = ((response && response.statements) || []).map((s, i) =>
      normalizeResult(s, `Statement ${i + 1}${s.line !== undefined ? ` (line ${Number(s.line) + 1})` : ''}${s.kind ? ` · ${s.kind}` : ''}`),
    );
  } else {
    results = [normalizeResult(response, meta.title || '')];
  }
  return { results, baseName: meta.baseName || 'result', source: meta.source || '', title: meta.title || 'Moltres Results' };
}

/**
 * The panel's HTML. `opts`: { nonce, scriptUri, styleUri, cspSource }. Only the script with the nonce
 * runs; styles and scripts come only from the extension's media folder (cspSource); no remote content.
 */
function renderResultsHtml(payload, opts) {
  const { nonce, scriptUri, styleUri, cspSource } = opts;
  if (!nonce || !/^[A-Za-z0-9+/=]+$/.test(nonce)) throw new Error('renderResultsHtml: a base64 nonce is required');
  const results = payload.results || [];
  const first = results[0] || { columns: [], rows: [], rowCount: 0 };
  const csp = [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const picker =
    results.length > 1
      ? `<select id="statement-picker" class="picker" aria-label="Statement">${results
          .map((r, i) => `<option value="${i}">${escapeHtml(r.title || `Statement ${i + 1}`)}</option>`)
          .join('')}</select>`
      : '';
  const count = first.kind === 'mutation' ? first.rowCount : first.rowCount;
  const headerCells = (first.columns || [])
    .map((c, i) => `<th data-col="${i}"><span class="col-name">${escapeHtml(c.name)}</span></th>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp.replace(/[&"<>]/g, "")}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(styleUri)}">
<title>${escapeHtml(payload.title || 'Moltres Results')}</title>
</head>
<body>
<header class="toolbar" role="toolbar">
  ${picker}
  <div class="tabs" role="tablist">
    <button id="tab-results" class="tab active" role="tab" aria-selected="true" aria-controls="panel-results">Results</button>
    <button id="tab-sql" class="tab" role="tab" aria-selected="false" aria-controls="panel-sql">SQL</button>
    <button id="tab-chart" class="tab" role="tab" aria-selected="false" aria-controls="panel-chart" hidden>Chart</button>
  </div>
  <span id="row-count" class="meta" data-count="${escapeHtml(count)}">${escapeHtml(Number(count || 0).toLocaleString('en-US'))} rows</span>
  <span id="elapsed" class="meta">${first.elapsedMs !== undefined ? escapeHtml(first.elapsedMs) + ' ms' : ''}</span>
  <span id="status" class="status" role="status" aria-live="polite"></span>
  <span class="spacer-flex"></span>
  <button id="copy-cell" class="action" title="Copy the selected cell (Ctrl+C)">Copy cell</button>
  <button id="copy-row" class="action" title="Copy the selected row as tab-separated values (Ctrl+Shift+C)">Copy row</button>
  <button id="export-csv" class="action" title="Save the result as CSV">Export CSV</button>
  <button id="export-json" class="action" title="Save the result as JSON">Export JSON</button>
</header>
<div id="notice" class="notice" role="note"${first.truncated ? '' : ' hidden'}>The result was truncated.</div>
<main>
  <section id="panel-results" role="tabpanel" aria-labelledby="tab-results">
    <div id="message" class="message" hidden></div>
    <div id="grid-wrap">
      <div id="grid-scroll" class="grid-scroll" tabindex="0">
        <table class="grid" aria-rowcount="${escapeHtml(first.rows ? first.rows.length : 0)}">
          <thead><tr id="header-row"><th class="rownum">#</th>${headerCells}</tr></thead>
          <tbody id="grid-body"></tbody>
        </table>
      </div>
    </div>
  </section>
  <section id="panel-sql" role="tabpanel" aria-labelledby="tab-sql" hidden>
    <div class="sql-actions"><button id="copy-sql" class="action">Copy SQL</button></div>
    <pre class="sql"><code id="sql-text">${escapeHtml(first.sql)}</code></pre>
    <pre class="sql params"><code id="sql-params"></code></pre>
    <pre class="plan"><code id="plan-text"></code></pre>
  </section>
  <section id="panel-chart" role="tabpanel" aria-labelledby="tab-chart" hidden>
    <div id="chart" class="chart-host"></div>
  </section>
</main>
<pre id="test-output" hidden></pre>
<script type="application/json" id="moltres-data">${jsonForScript(payload)}</script>
<script nonce="${nonce}" src="${escapeHtml(scriptUri)}"></script>
</body>
</html>
`;
}

/** The webview panel: created on first use, revealed beside the editor, reused afterwards. */
class ResultsPanel {
  constructor(vscode, extensionUri) {
    this.vscode = vscode;
    this.extensionUri = extensionUri;
    this.panel = undefined;
    this.lastPayload = undefined;
  }

  show(payload) {
    const vscode = this.vscode;
    this.lastPayload = payload;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        'moltres.results',
        'Moltres Results',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, localResourceRoots: [media], retainContextWhenHidden: true },
      );
      this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'file-icon.svg');
      this.panel.onDidDispose(() => {
        this.panel = undefined;
      });
      this.panel.webview.onDidReceiveMessage((m) => this.onMessage(m));
    } else {
      this.panel.reveal(undefined, true);
    }
    const webview = this.panel.webview;
    this.panel.title = payload.title || 'Moltres Results';
    webview.html = renderResultsHtml(payload, {
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'results.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'results.css')).toString(),
      cspSource: webview.cspSource,
    });
    return this.panel;
  }

  async onMessage(message) {
    const vscode = this.vscode;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'copy') {
      await vscode.env.clipboard.writeText(String(message.text || ''));
    } else if (message.type === 'export') {
      const format = message.format === 'json' ? 'json' : 'csv';
      const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
      const name = path.basename(String(message.suggestedName || `result.${format}`));
      const target = await vscode.window.showSaveDialog({
        defaultUri: folder ? vscode.Uri.joinPath(folder.uri, name) : undefined,
        filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
        saveLabel: `Export ${format.toUpperCase()}`,
      });
      if (!target) return;
      await vscode.workspace.fs.writeFile(target, Buffer.from(String(message.text || ''), 'utf8'));
      if (this.panel) this.panel.webview.postMessage({ type: 'exported', path: target.fsPath || target.toString() });
      vscode.window.showInformationMessage(`Moltres: saved ${format.toUpperCase()} to ${target.fsPath || target.toString()}`);
    }
  }

  dispose() {
    if (this.panel) this.panel.dispose();
  }
}

module.exports = { renderResultsHtml, panelPayload, normalizeResult, ResultsPanel, makeNonce, escapeHtml, jsonForScript };
