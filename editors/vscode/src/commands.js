'use strict';
// The editor commands. Each one names the statement at the cursor (or the file) and asks the server
// through `workspace/executeCommand` with one argument object:
//   { uri, position: {line, character}, dialect?, limit?, connection? }
// then shows what comes back: the results panel, a Show SQL document, a message.

const path = require('path');
const { panelPayload } = require('./resultsPanel');
const { sqlUri } = require('./sqlDocument');
const { connectionItems, mergeConnections, readWorkspaceToml } = require('./connections');
const { dialectOf, redactUrl } = require('./config');

const COMMANDS = {
  runQuery: 'moltres.runQuery',
  runFile: 'moltres.runFile',
  showSQL: 'moltres.showSQL',
  explain: 'moltres.explain',
  refreshSchema: 'moltres.refreshSchema',
  selectConnection: 'moltres.selectConnection',
};

const REQUEST_CANCELLED = -32800; // LSP RequestCancelled

class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
    this.code = REQUEST_CANCELLED;
  }
}

/** The argument object for a command on `editor`'s cursor; `extra` adds dialect/limit/connection. */
function commandArgument(editor, extra = {}) {
  const pos = editor.selection ? editor.selection.active : { line: 0, character: 0 };
  const arg = { uri: editor.document.uri.toString(), position: { line: pos.line, character: pos.character } };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== null && v !== '') arg[k] = v;
  return arg;
}

/** True when a response (or an error's data) says the write statement waits for the user's yes. */
function needsConfirmation(value) {
  if (!value || typeof value !== 'object') return false;
  const v = value.data && typeof value.data === 'object' ? value.data : value;
  return Boolean(v.needsConfirmation || v.requiresConfirmation || v.confirmationRequired);
}

function isCancellation(err) {
  return Boolean(err) && (err.code === REQUEST_CANCELLED || err.name === 'Cancelled' || err.name === 'CancellationError');
}

function errorMessage(err) {
  if (!err) return 'unknown error';
  const code = err.data && (err.data.code || err.data.diagnosticCode);
  const msg = String(err.message || err).replace(/^Request [^ ]+ failed with message: /, '');
  return code && !msg.includes(code) ? `${msg} [${code}]` : msg;
}

function plural(n, word) {
  const v = Number(n) || 0;
  return `${v.toLocaleString('en-US')} ${word}${v === 1 ? '' : 's'}`;
}

function formatMs(ms) {
  if (ms === undefined || ms === null) return '';
  return ms < 1000 ? `${Math.round(ms * 10) / 10} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/**
 * Creates the command handlers. `ctx`:
 *   vscode        the VS Code API (or a stand-in)
 *   getClient()   the language client (sendRequest(method, params, token)); null while not running
 *   resultsPanel  { show(payload) }
 *   sqlProvider   (not called directly: Show SQL opens a `moltres-sql:` document)
 *   connection    { name, url } the active connection, updated by Select Connection
 *   status        ConnectionStatus (optional)
 *   settings()    readSettings result
 *   output        the output channel (for "Show Log")
 *   state         a Memento for the active connection (optional)
 */
function createCommands(ctx) {
  const { vscode } = ctx;

  function activeMoltresEditor() {
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document && editor.document.languageId === 'moltres') return editor;
    // The results panel or a Show SQL document may have focus: use the last visible Moltres editor.
    const visible = (vscode.window.visibleTextEditors || []).find((e) => e.document && e.document.languageId === 'moltres');
    if (visible) return visible;
    vscode.window.showWarningMessage('Moltres: open a .moltres file and put the cursor on a statement first.');
    return null;
  }

  /** The editor and argument for a command: from a code lens argument, else from the active editor. */
  function target(passed, extra) {
    if (passed && typeof passed === 'object' && typeof passed.uri === 'string') {
      const editor = (vscode.window.visibleTextEditors || []).find((e) => e.document.uri.toString() === passed.uri);
      return { editor, argument: Object.assign({}, extra, passed) };
    }
    const editor = activeMoltresEditor();
    if (!editor) return null;
    return { editor, argument: commandArgument(editor, extra) };
  }

  function activeConnectionName() {
    return ctx.connection && ctx.connection.name ? ctx.connection.name : undefined;
  }

  /**
   * Sends one `workspace/executeCommand` under a cancellable progress notification. Cancelling
   * cancels the request (the client sends `$/cancelRequest`, which also stops a running query).
   */
  async function execute(command, argument, title) {
    const client = ctx.getClient();
    if (!client) {
      throw Object.assign(new Error('the Moltres language server is not running (see the "Moltres Language Server" output)'), { notRunning: true });
    }
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Moltres: ${title}`, cancellable: true },
      (_progress, token) =>
        new Promise((resolve, reject) => {
          let done = false;
          const sub =
            token && token.onCancellationRequested
              ? token.onCancellationRequested(() => {
                  if (!done) {
                    done = true;
                    reject(new CancelledError());
                  }
                })
              : null;
          client.sendRequest('workspace/executeCommand', { command, arguments: [argument] }, token).then(
            (value) => {
              if (sub) sub.dispose();
              if (!done) {
                done = true;
                resolve(value);
              }
            },
            (err) => {
              if (sub) sub.dispose();
              if (!done) {
                done = true;
                reject(err);
              }
            },
          );
        }),
    );
  }

  /** execute + the write-statement confirmation: asks once, then repeats with `confirmed: true`. */
  async function executeConfirming(command, argument, title) {
    let result;
    try {
      result = await execute(command, argument, title);
    } catch (err) {
      if (!needsConfirmation(err)) throw err;
      result = err.data;
      result.needsConfirmation = true;
    }
    if (!needsConfirmation(result)) return result;
    const detail = [result.message || 'This statement changes the database.', result.sql ? `\n${result.sql}` : '']
      .join('')
      .trim();
    const choice = await vscode.window.showWarningMessage(
      'Moltres: run this write statement?',
      { modal: true, detail },
      'Run',
    );
    if (choice !== 'Run') return { declined: true };
    return execute(command, Object.assign({}, argument, { confirmed: true }), `${title} (confirmed)`);
  }

  function reportError(what, err) {
    if (isCancellation(err)) {
      if (vscode.window.setStatusBarMessage) vscode.window.setStatusBarMessage(`Moltres: ${what} cancelled`, 3000);
      return;
    }
    const actions = ctx.output ? ['Show Log'] : [];
    const p = vscode.window.showErrorMessage(`Moltres ${what} failed: ${errorMessage(err)}`, ...actions);
    if (p && p.then) {
      p.then((choice) => {
        if (choice === 'Show Log' && ctx.output) ctx.output.show(true);
      });
    }
  }

  function describe(editor, argument) {
    const file = editor ? path.posix.basename(editor.document.uri.path || '') : path.posix.basename(argument.uri);
    return { file, line: argument.position ? argument.position.line + 1 : undefined };
  }

  async function runQuery(passed) {
    const s = ctx.settings();
    const t = target(passed, { limit: s.rowLimit, connection: activeConnectionName() });
    if (!t) return undefined;
    const { file, line } = describe(t.editor, t.argument);
    try {
      const result = await executeConfirming(COMMANDS.runQuery, t.argument, `running ${file}:${line}`);
      if (!result || result.declined) return result;
      const title = `${file}:${line}`;
      if (result.kind === 'mutation' || (!result.columns && result.rowCount !== undefined)) {
        vscode.window.showInformationMessage(`Moltres: ${plural(result.rowCount, 'row')} affected (${formatMs(result.elapsedMs)}).`);
      }
      ctx.resultsPanel.show(panelPayload(COMMANDS.runQuery, result, { title: `Results: ${title}`, baseName: path.posix.parse(file).name }));
      return result;
    } catch (err) {
      reportError('Run Query', err);
      return undefined;
    }
  }

  async function runFile(passed) {
    const t = target(passed && passed.uri ? { uri: passed.uri } : undefined, {});
    if (!t) return undefined;
    const argument = { uri: t.argument.uri };
    const s = ctx.settings();
    if (s.rowLimit) argument.limit = s.rowLimit;
    if (ctx.connection && ctx.connection.name) argument.connection = ctx.connection.name;
    const { file } = describe(t.editor, argument);
    try {
      const result = await executeConfirming(COMMANDS.runFile, argument, `running ${file}`);
      if (!result || result.declined) return result;
      const n = (result.statements || []).length;
      if (n === 0) {
        vscode.window.showInformationMessage(`Moltres: ${file} has no statement to run.`);
        return result;
      }
      ctx.resultsPanel.show(panelPayload(COMMANDS.runFile, result, { title: `Results: ${file}`, baseName: path.posix.parse(file).name }));
      return result;
    } catch (err) {
      reportError('Run File', err);
      return undefined;
    }
  }

  async function explain(passed) {
    const t = target(passed, { connection: activeConnectionName() });
    if (!t) return undefined;
    const { file, line } = describe(t.editor, t.argument);
    try {
      const result = await execute(COMMANDS.explain, t.argument, `explaining ${file}:${line}`);
      if (!result) return result;
      ctx.resultsPanel.show(
        panelPayload(COMMANDS.explain, { plan: result.plan, sql: result.sql, kind: 'explain' }, { title: `Plan: ${file}:${line}`, baseName: 'plan' }),
      );
      return result;
    } catch (err) {
      reportError('Explain', err);
      return undefined;
    }
  }

  /**
   * Show SQL. With an argument (`{uri, position?, scope?, dialect?}`, e.g. from a code lens) it opens
   * that preview; without one it offers: statement at the cursor or the whole file, in each dialect,
   * the active connection's dialect first (Enter takes the statement in that dialect).
   */
  async function showSQL(passed) {
    let request;
    if (passed && typeof passed === 'object' && typeof passed.uri === 'string') {
      request = Object.assign({ scope: passed.position ? 'statement' : 'file' }, passed);
    } else {
      const editor = activeMoltresEditor();
      if (!editor) return undefined;
      const base = commandArgument(editor);
      const preferred = dialectOf(ctx.connection && ctx.connection.url ? { url: ctx.connection.url, dialect: ctx.connection.dialect } : null);
      const dialects = preferred === 'postgresql' ? ['postgresql', 'sqlite'] : ['sqlite', 'postgresql'];
      const items = [];
      for (const scope of ['statement', 'file']) {
        for (const dialect of dialects) {
          items.push({
            label: scope === 'statement' ? `$(symbol-method) Statement at line ${base.position.line + 1}` : '$(file-code) Whole file',
            description: dialect,
            scope,
            dialect,
          });
        }
      }
      const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Show the compiled SQL of…', title: 'Moltres: Show SQL' });
      if (!picked) return undefined;
      request = { uri: base.uri, scope: picked.scope, dialect: picked.dialect };
      if (picked.scope === 'statement') request.position = base.position;
    }
    if (ctx.connection && ctx.connection.name && !request.connection) request.connection = ctx.connection.name;
    const uri = sqlUri(vscode, request);
    try {
      let doc = await vscode.workspace.openTextDocument(uri);
      if (doc.languageId !== 'sql' && vscode.languages && vscode.languages.setTextDocumentLanguage) {
        doc = await vscode.languages.setTextDocumentLanguage(doc, 'sql');
      }
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
      return doc;
    } catch (err) {
      reportError('Show SQL', err);
      return undefined;
    }
  }

  /** What the Show SQL provider calls: `moltres.showSQL` with `{uri, position?, dialect}`. */
  async function fetchSql(request, token) {
    const client = ctx.getClient();
    if (!client) throw new Error('the Moltres language server is not running');
    const arg = { uri: request.uri };
    if (request.position && request.scope !== 'file') arg.position = request.position;
    if (request.scope === 'file') arg.scope = 'file';
    if (request.dialect) arg.dialect = request.dialect;
    if (request.connection) arg.connection = request.connection;
    return client.sendRequest('workspace/executeCommand', { command: COMMANDS.showSQL, arguments: [arg] }, token);
  }

  async function refreshSchema() {
    const argument = {};
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document && editor.document.languageId === 'moltres') argument.uri = editor.document.uri.toString();
    if (ctx.connection && ctx.connection.name) argument.connection = ctx.connection.name;
    try {
      const result = await execute(COMMANDS.refreshSchema, argument, 'refreshing the schema');
      const n = result && typeof result.tables === 'number' ? result.tables : undefined;
      vscode.window.showInformationMessage(n === undefined ? 'Moltres: schema refreshed.' : `Moltres: schema refreshed (${plural(n, 'table')}).`);
      return result;
    } catch (err) {
      reportError('Refresh Schema', err);
      return undefined;
    }
  }

  /** The quick pick of connections (settings + moltres.toml); the choice goes to the server. */
  async function selectConnection(passed) {
    let name = passed && typeof passed === 'object' && passed.connection ? passed.connection : typeof passed === 'string' ? passed : undefined;
    if (!name) {
      const s = ctx.settings();
      const toml = ctx.readToml ? await ctx.readToml() : await readWorkspaceToml(vscode);
      const connections = mergeConnections(s.connections, toml);
      const items = connectionItems(connections, ctx.connection && ctx.connection.name);
      if (items.length === 0) {
        const choice = await vscode.window.showInformationMessage(
          'Moltres: no connections configured. Add them under "moltres.connections" in the settings or in moltres.toml.',
          'Open Settings',
        );
        if (choice === 'Open Settings') vscode.commands.executeCommand('workbench.action.openSettings', 'moltres.connections');
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(items, {
        title: 'Moltres: Select Connection',
        placeHolder: 'The connection `db` refers to in this workspace',
        matchOnDescription: true,
        matchOnDetail: true,
      });
      if (!picked) return undefined;
      name = picked.connection;
      ctx.connection.dialect = dialectOf(connections[name]);
    }
    try {
      const result = await execute(COMMANDS.selectConnection, { connection: name }, `connecting to ${name}`);
      const chosen = (result && result.connection) || name;
      ctx.connection.name = chosen;
      ctx.connection.url = (result && result.url) || '';
      if (result && result.dialect) ctx.connection.dialect = result.dialect;
      if (ctx.status) ctx.status.setConnection(chosen, redactUrl(ctx.connection.url));
      if (ctx.state && ctx.state.update) await ctx.state.update('moltres.activeConnection', chosen);
      if (vscode.window.setStatusBarMessage) vscode.window.setStatusBarMessage(`Moltres: using ${chosen}`, 3000);
      return result;
    } catch (err) {
      reportError('Select Connection', err);
      return undefined;
    }
  }

  return {
    [COMMANDS.runQuery]: runQuery,
    [COMMANDS.runFile]: runFile,
    [COMMANDS.showSQL]: showSQL,
    [COMMANDS.explain]: explain,
    [COMMANDS.refreshSchema]: refreshSchema,
    [COMMANDS.selectConnection]: selectConnection,
    fetchSql,
    execute,
  };
}

module.exports = { COMMANDS, createCommands, commandArgument, needsConfirmation, isCancellation, errorMessage, CancelledError };
