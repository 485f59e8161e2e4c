'use strict';
// Settings: what the extension reads from `moltres.*`, what it sends the server, and the connection
// names found in the workspace's moltres.toml (for the connection picker).

const SECTION = 'moltres';

/** Every setting the extension reads, with its default. The manifest test checks each is declared. */
const SETTING_DEFAULTS = {
  'server.path': 'moltres',
  connections: {},
  defaultConnection: '',
  'preview.rowLimit': 1000,
  'query.timeoutSeconds': 30,
  allowWrites: false,
  'trace.server': 'off',
};

function readSettings(vscode, scope) {
  const cfg = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    serverPath: cfg.get('server.path', SETTING_DEFAULTS['server.path']) || 'moltres',
    connections: cfg.get('connections', SETTING_DEFAULTS.connections) || {},
    defaultConnection: cfg.get('defaultConnection', SETTING_DEFAULTS.defaultConnection) || '',
    rowLimit: cfg.get('preview.rowLimit', SETTING_DEFAULTS['preview.rowLimit']),
    timeoutSeconds: cfg.get('query.timeoutSeconds', SETTING_DEFAULTS['query.timeoutSeconds']),
    allowWrites: Boolean(cfg.get('allowWrites', SETTING_DEFAULTS.allowWrites)),
    trace: cfg.get('trace.server', SETTING_DEFAULTS['trace.server']) || 'off',
  };
}

/**
 * The server's settings object: sent as `initializationOptions` and, on change, as
 * `workspace/didChangeConfiguration` `{ settings: { moltres: … } }`.
 */
function serverSettings(settings) {
  const connections = {};
  for (const [name, c] of Object.entries(settings.connections || {})) {
    if (!c) continue;
    const entry = typeof c === 'string' ? { url: c } : { url: String(c.url || '') };
    if (c.dialect) entry.dialect = c.dialect;
    connections[name] = entry;
  }
  const out = {
    connections,
    preview: { rowLimit: settings.rowLimit },
    query: { timeoutSeconds: settings.timeoutSeconds },
    allowWrites: settings.allowWrites,
  };
  if (settings.defaultConnection) out.defaultConnection = settings.defaultConnection;
  return out;
}

/**
 * Connection names and URLs from a moltres.toml: `[connections.NAME]` (or `[connections."NAME"]`)
 * tables with `url` / `dialect` keys, and a top-level `default_connection` / `defaultConnection` /
 * `default`. A small reader for those keys only; the server reads the file itself.
 */
function parseMoltresToml(text) {
  const result = { connections: {}, defaultConnection: '' };
  let table = null;
  for (const raw of String(text).split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      const parts = splitKey(header[1]);
      table = parts;
      if (parts[0] === 'connections' && parts.length === 2 && !result.connections[parts[1]]) {
        result.connections[parts[1]] = {};
      }
      continue;
    }
    const kv = /^("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=\s*(.+)$/.exec(line);
    if (!kv) continue;
    const key = splitKey(kv[1]);
    const value = tomlValue(kv[2]);
    const fullKey = (table || []).concat(key);
    if (fullKey.length === 1 && /^(default_connection|defaultConnection|default)$/.test(fullKey[0]) && typeof value === 'string') {
      result.defaultConnection = value;
    } else if (fullKey[0] === 'connections' && fullKey.length === 3 && (fullKey[2] === 'url' || fullKey[2] === 'dialect')) {
      const c = (result.connections[fullKey[1]] = result.connections[fullKey[1]] || {});
      if (typeof value === 'string') c[fullKey[2]] = value;
    } else if (fullKey[0] === 'connections' && fullKey.length === 2 && typeof value === 'string') {
      result.connections[fullKey[1]] = { url: value }; // connections.name = "url"
    } else if (fullKey[0] === 'connections' && fullKey.length === 2 && value && typeof value === 'object') {
      result.connections[fullKey[1]] = value; // connections.name = { url = "…" }
    }
  }
  return result;
}

function splitKey(s) {
  const parts = [];
  const re = /\s*("([^"]*)"|'([^']*)'|[^.\s]+)\s*(\.|$)/g;
  let m;
  while ((m = re.exec(s)) && m[0] !== '') {
    parts.push(m[2] !== undefined ? m[2] : m[3] !== undefined ? m[3] : m[1]);
    if (m[4] === '') break;
  }
  return parts;
}

function tomlValue(s) {
  s = s.trim();
  let m;
  if ((m = /^"((?:[^"\\]|\\.)*)"/.exec(s))) return m[1].replace(/\\(["\\])/g, '$1');
  if ((m = /^'([^']*)'/.exec(s))) return m[1];
  if (/^(true|false)\b/.test(s)) return s.startsWith('true');
  if ((m = /^[+-]?\d[\d_]*(\.\d+)?/.exec(s))) return Number(m[0].replace(/_/g, ''));
  if ((m = /^\{(.*)\}$/.exec(s))) {
    const o = {};
    for (const part of m[1].split(',')) {
      const kv = /^\s*([A-Za-z0-9_-]+)\s*=\s*(.+?)\s*$/.exec(part);
      if (kv) o[kv[1]] = tomlValue(kv[2]);
    }
    return o;
  }
  return undefined;
}

/** URLs shown in the UI never carry a password: `postgresql://u:secret@h/db` → `postgresql://u:***@h/db`. */
function redactUrl(url) {
  return String(url || '').replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@?#]*):[^@/?#]*@/i, '$1:***@');
}

function dialectOf(connection) {
  if (!connection) return undefined;
  if (connection.dialect) return connection.dialect;
  const scheme = /^([a-z][a-z0-9.-]*)(\+[^:]*)?:/i.exec(connection.url || '');
  if (!scheme) return undefined;
  const s = scheme[1].toLowerCase();
  return s === 'postgres' ? 'postgresql' : s;
}

module.exports = {
  SECTION,
  SETTING_DEFAULTS,
  readSettings,
  serverSettings,
  parseMoltresToml,
  redactUrl,
  dialectOf,
};
