'use strict';
// The active connection: the status-bar item that shows it and the quick pick that changes it.

const { redactUrl, dialectOf, parseMoltresToml } = require('./config');

/** All known connections: settings first, then moltres.toml files (settings win on a name clash). */
function mergeConnections(settingsConnections, tomlFiles) {
  const out = {};
  for (const t of tomlFiles || []) {
    for (const [name, c] of Object.entries(t.connections || {})) {
      if (!out[name]) out[name] = Object.assign({ source: t.source || 'moltres.toml' }, c);
    }
  }
  for (const [name, c] of Object.entries(settingsConnections || {})) {
    const entry = typeof c === 'string' ? { url: c } : Object.assign({}, c);
    out[name] = Object.assign(entry, { source: 'settings' });
  }
  return out;
}

/** Quick-pick items: one per connection, the active one first and marked. */
function connectionItems(connections, active) {
  const names = Object.keys(connections).sort((a, b) => (a === active ? -1 : b === active ? 1 : a.localeCompare(b)));
  return names.map((name) => {
    const c = connections[name];
    const dialect = dialectOf(c);
    return {
      label: `${name === active ? '$(check) ' : '$(database) '}${name}`,
      description: [dialect, c.source].filter(Boolean).join(' · '),
      detail: redactUrl(c.url),
      connection: name,
    };
  });
}

class ConnectionStatus {
  constructor(vscode) {
    this.vscode = vscode;
    this.item = vscode.window.createStatusBarItem('moltres.connection', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Moltres Connection';
    this.item.command = 'moltres.selectConnection';
    this.name = '';
    this.url = '';
    this.state = 'starting';
    this.render();
  }

  /** state: 'starting' | 'ready' | 'error' | 'stopped' */
  setState(state, detail) {
    this.state = state;
    this.detail = detail || '';
    this.render();
  }

  setConnection(name, url) {
    this.name = name || '';
    this.url = url || '';
    this.render();
  }

  render() {
    const { item } = this;
    const icon = this.state === 'starting' ? '$(sync~spin)' : this.state === 'error' ? '$(error)' : '$(database)';
    item.text = `${icon} ${this.name || 'no connection'}`;
    const lines = ['Moltres connection'];
    if (this.name) lines.push(`${this.name}: ${redactUrl(this.url) || '(url from moltres.toml)'}`);
    else lines.push('No connection selected: `db` is the workspace default.');
    if (this.state === 'starting') lines.push('Language server starting…');
    if (this.state === 'error') lines.push(`Language server: ${this.detail || 'not running'}`);
    lines.push('Click to change the connection.');
    item.tooltip = lines.join('\n');
    item.backgroundColor =
      this.state === 'error' && this.vscode.ThemeColor ? new this.vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  /** Shown only while a Moltres file is the active editor (or the workspace has a moltres.toml). */
  updateVisibility(editor, workspaceHasConfig) {
    const isMoltres = editor && editor.document && editor.document.languageId === 'moltres';
    if (isMoltres || workspaceHasConfig) this.item.show();
    else this.item.hide();
  }

  dispose() {
    this.item.dispose();
  }
}

/** Reads every moltres.toml in the workspace (at most 20) into `{source, connections, defaultConnection}`. */
async function readWorkspaceToml(vscode) {
  if (!vscode.workspace.findFiles) return [];
  const files = await vscode.workspace.findFiles('**/moltres.toml', '**/{node_modules,.git,.build}/**', 20);
  const out = [];
  for (const uri of files) {
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      const parsed = parseMoltresToml(Buffer.from(bytes).toString('utf8'));
      out.push(Object.assign({ source: vscode.workspace.asRelativePath ? vscode.workspace.asRelativePath(uri) : uri.fsPath }, parsed));
    } catch (_) {
      /* unreadable file: the server reports it */
    }
  }
  return out;
}

module.exports = { ConnectionStatus, connectionItems, mergeConnections, readWorkspaceToml };
