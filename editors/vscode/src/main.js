'use strict';
// Activation: wires the language client, the commands, the Show SQL provider, the results panel and
// the status bar together. It takes the `vscode` API and a client factory as parameters, so the same
// code runs in VS Code (extension.js) and in the tests (a stand-in for `vscode`, a plain LSP client).

const { readSettings, serverSettings, SECTION } = require('./config');
const { createCommands, COMMANDS } = require('./commands');
const { SqlDocumentProvider, SCHEME } = require('./sqlDocument');
const { ResultsPanel } = require('./resultsPanel');
const { ConnectionStatus, readWorkspaceToml } = require('./connections');

const OUTPUT_NAME = 'Moltres Language Server';

/**
 * deps.createClient({ vscode, settings, initializationOptions, output }) → a client with
 *   start(): Promise, stop(): Promise, sendRequest(method, params, token): Promise,
 *   sendNotification(method, params)
 * deps.resultsPanel (optional) replaces the webview panel.
 */
async function activate(context, vscode, deps) {
  const output = deps.output || vscode.window.createOutputChannel(OUTPUT_NAME);
  const state = context.workspaceState;
  const settings = () => readSettings(vscode);
  const initial = settings();
  const connection = {
    name: (state && state.get && state.get('moltres.activeConnection')) || initial.defaultConnection || '',
    url: '',
  };
  const status = new ConnectionStatus(vscode);
  status.setConnection(connection.name, urlOf(initial, connection.name));
  const resultsPanel = deps.resultsPanel || new ResultsPanel(vscode, context.extensionUri);

  let client = null;
  let running = false;
  let tomlSeen = false;

  const ctx = {
    vscode,
    getClient: () => (running ? client : null),
    resultsPanel,
    connection,
    status,
    settings,
    output,
    state,
    readToml: () => readWorkspaceToml(vscode),
  };
  const handlers = createCommands(ctx);
  const sqlProvider = new SqlDocumentProvider(vscode, handlers.fetchSql);

  const subs = context.subscriptions;
  subs.push(output, status, sqlProvider, { dispose: () => resultsPanel.dispose && resultsPanel.dispose() });
  subs.push(vscode.workspace.registerTextDocumentContentProvider(SCHEME, sqlProvider));
  for (const id of Object.values(COMMANDS)) {
    subs.push(vscode.commands.registerCommand(id, (...args) => handlers[id](...args)));
  }

  const refreshVisibility = () => status.updateVisibility(vscode.window.activeTextEditor, tomlSeen);
  subs.push(vscode.window.onDidChangeActiveTextEditor(refreshVisibility));
  readWorkspaceToml(vscode)
    .then((files) => {
      tomlSeen = files.length > 0;
      if (!connection.name) {
        const d = files.find((f) => f.defaultConnection);
        if (d) status.setConnection(d.defaultConnection, (d.connections[d.defaultConnection] || {}).url);
      }
      refreshVisibility();
    })
    .catch(() => refreshVisibility());

  // Show SQL previews follow their source (debounced).
  const timers = new Map();
  subs.push(
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!e.document || e.document.languageId !== 'moltres') return;
      const key = e.document.uri.toString();
      clearTimeout(timers.get(key));
      timers.set(key, setTimeout(() => sqlProvider.sourceChanged(key), 400));
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.uri && doc.uri.scheme === SCHEME) sqlProvider.closed(doc.uri);
    }),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );

  function initializationOptions() {
    const opts = serverSettings(settings());
    if (connection.name) opts.activeConnection = connection.name;
    return opts;
  }

  async function startClient() {
    const s = settings();
    status.setState('starting');
    client = deps.createClient({ vscode, settings: s, initializationOptions: initializationOptions(), output });
    try {
      await client.start();
      running = true;
      status.setState('ready');
      setContext(true);
    } catch (err) {
      running = false;
      const missing = err && (err.code === 'ENOENT' || /ENOENT|not found|spawn/i.test(String(err.message)));
      const message = missing
        ? `Moltres: cannot start the language server "${s.serverPath} lsp". Install moltres or set "moltres.server.path".`
        : `Moltres: the language server did not start: ${(err && err.message) || err}`;
      output.appendLine(message);
      status.setState('error', missing ? `"${s.serverPath}" not found` : String((err && err.message) || err));
      setContext(false);
      // Not awaited: activation must not wait for the user to dismiss the message.
      Promise.resolve(vscode.window.showErrorMessage(message, 'Open Settings', 'Show Log')).then((choice) => {
        if (choice === 'Open Settings') vscode.commands.executeCommand('workbench.action.openSettings', 'moltres.server.path');
        if (choice === 'Show Log') output.show(true);
      });
    }
  }

  async function stopClient() {
    const c = client;
    running = false;
    client = null;
    setContext(false);
    if (c) {
      try {
        await c.stop();
      } catch (err) {
        output.appendLine(`Moltres: stopping the language server: ${(err && err.message) || err}`);
      }
    }
  }

  function setContext(value) {
    Promise.resolve(vscode.commands.executeCommand('setContext', 'moltres.serverRunning', value)).catch(() => {});
  }

  subs.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      if (e.affectsConfiguration(`${SECTION}.server.path`)) {
        output.appendLine('Moltres: "moltres.server.path" changed; restarting the language server.');
        await stopClient();
        await startClient();
        return;
      }
      const s = settings();
      if (!connection.url) status.setConnection(connection.name, urlOf(s, connection.name));
      if (running && client) {
        client.sendNotification('workspace/didChangeConfiguration', { settings: { [SECTION]: initializationOptions() } });
      }
    }),
  );
  subs.push({ dispose: () => stopClient() });

  await startClient();
  refreshVisibility();

  return {
    ctx,
    handlers,
    sqlProvider,
    resultsPanel,
    status,
    getClient: () => client,
    isRunning: () => running,
    restart: async () => {
      await stopClient();
      await startClient();
    },
    stop: stopClient,
  };
}

function urlOf(settings, name) {
  const c = name && settings.connections ? settings.connections[name] : undefined;
  return c ? (typeof c === 'string' ? c : c.url || '') : '';
}

module.exports = { activate, OUTPUT_NAME };
