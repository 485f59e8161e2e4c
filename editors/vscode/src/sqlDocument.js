'use strict';
// Show SQL: a read-only virtual document (`moltres-sql:` scheme) with the compiled SQL of the
// statement at the cursor, or of the whole file, in a chosen dialect. Its content comes from the
// server's `moltres.showSQL` command each time VS Code asks for it.

const path = require('path');

const SCHEME = 'moltres-sql';

/** The virtual document's URI: a readable path for the tab title, the request in the query. */
function sqlUri(vscode, request) {
  const base = path.posix.basename(vscode.Uri.parse(request.uri).path || 'untitled');
  const where = request.scope === 'file' ? 'file' : `line ${request.position.line + 1}`;
  const label = `${base} (${where}${request.dialect ? `, ${request.dialect}` : ''}).sql`;
  return vscode.Uri.from({ scheme: SCHEME, path: '/' + label, query: encodeURIComponent(JSON.stringify(request)) });
}

function parseSqlUri(uri) {
  try {
    return JSON.parse(decodeURIComponent(uri.query));
  } catch (_) {
    return null;
  }
}

function formatValue(v) {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return `'${v.replace(/'/g, "''")}'`;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function parameterBlock(parameters, dialect) {
  if (!parameters || parameters.length === 0) return [];
  const lines = ['-- parameters:'];
  parameters.forEach((p, i) => {
    const marker = dialect === 'postgresql' ? `$${i + 1}` : `?${i + 1}`;
    const value = p && typeof p === 'object' && 'value' in p ? p.value : p;
    lines.push(`--   ${marker} = ${formatValue(value)}`);
  });
  return lines;
}

function ensureSemicolon(sql) {
  const s = String(sql || '').replace(/\s+$/, '');
  return s && !s.endsWith(';') ? s + ';' : s;
}

/**
 * The document text for a `moltres.showSQL` response: a comment header (source, dialect, parameters)
 * and the SQL. Accepts `{sql, parameters, dialect}` or, for a whole file, `{statements: [...]}`.
 */
function formatSqlDocument(response, request) {
  const r = response || {};
  const source = request && request.uri ? path.posix.basename(decodeURIComponent(String(request.uri).replace(/^[a-z-]+:\/\//i, '/'))) : '';
  const dialect = r.dialect || (request && request.dialect) || '';
  const lines = ['-- Moltres: compiled SQL (read-only preview; edit the .moltres file)'];
  if (source) {
    lines.push(`-- source: ${source}${request.scope === 'file' ? ' (whole file)' : `, statement at line ${request.position.line + 1}`}`);
  }
  if (dialect) lines.push(`-- dialect: ${dialect}`);
  if (Array.isArray(r.statements)) {
    lines.push('');
    r.statements.forEach((s, i) => {
      lines.push(`-- statement ${i + 1}${s.line !== undefined ? ` (line ${Number(s.line) + 1})` : ''}${s.kind ? `: ${s.kind}` : ''}`);
      lines.push(...parameterBlock(s.parameters, s.dialect || dialect));
      lines.push(ensureSemicolon(s.sql), '');
    });
    return lines.join('\n');
  }
  lines.push(...parameterBlock(r.parameters, dialect));
  lines.push('', ensureSemicolon(r.sql), '');
  return lines.join('\n');
}

class SqlDocumentProvider {
  /** fetch(request, token) → the server's `moltres.showSQL` response */
  constructor(vscode, fetch) {
    this.vscode = vscode;
    this.fetch = fetch;
    this.emitter = new vscode.EventEmitter();
    this.onDidChange = this.emitter.event;
    this.open = new Set();
  }

  async provideTextDocumentContent(uri, token) {
    const request = parseSqlUri(uri);
    if (!request) return '-- Moltres: this SQL preview has no source.\n';
    this.open.add(uri.toString());
    try {
      const response = await this.fetch(request, token);
      return formatSqlDocument(response, request);
    } catch (err) {
      return `-- Moltres could not compile this statement:\n${String((err && err.message) || err)
        .split('\n')
        .map((l) => `--   ${l}`)
        .join('\n')}\n`;
    }
  }

  /** The source changed: previews of it are recomputed (VS Code asks again for open ones). */
  sourceChanged(sourceUri) {
    for (const key of this.open) {
      const uri = this.vscode.Uri.parse(key);
      const request = parseSqlUri(uri);
      if (request && request.uri === sourceUri) this.emitter.fire(uri);
    }
  }

  closed(uri) {
    this.open.delete(uri.toString());
  }

  dispose() {
    this.emitter.dispose();
  }
}

module.exports = { SCHEME, SqlDocumentProvider, sqlUri, parseSqlUri, formatSqlDocument };
