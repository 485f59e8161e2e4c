'use strict';
// The extension's activate() and commands, run against the `vscode` stand-in and a language server
// process over stdio (the stub server in fixtures/, which follows the command contract). The same
// flows against the real `moltres lsp` are in e2e.test.js.
const test = require('node:test');
const assert = require('node:assert');
const path = require('path');
const fs = require('fs');
const os = require('os');
const { createFakeVscode, Uri } = require('./fakeVscode');
const { clientFactory } = require('./lspClient');
const { activate } = require('../src/main');

const extRoot = path.resolve(__dirname, '..');
const STUB = path.join(__dirname, 'fixtures', 'stubServer.js');

const SOURCE = [
  'big = db.table("orders").select().where(col("amount") > 100)', // 0
  'big', // 1
  'db.update("customers", where=col("email").is_null(), set={"active": False})', // 2
  'db.table("orders").select().slow()', // 3
  'db.table("orders").select(col("amout"))', // 4
].join('\n');

async function setup(t, opts = {}) {
  const fake = createFakeVscode(
    Object.assign(
      {
        settings: {
          'moltres.server.path': process.execPath,
          'moltres.connections': { shop: { url: 'sqlite:///shop.db', dialect: 'sqlite' }, warehouse: { url: 'postgresql://me:secret@db.example/wh' } },
          'moltres.preview.rowLimit': 10,
        },
      },
      opts,
    ),
  );
  Object.assign(fake.settings, opts.extraSettings || {});
  const factory = clientFactory(process.execPath, { args: [STUB, 'lsp'] });
  const context = fake.context(extRoot);
  const api = await activate(context, fake.vscode, { createClient: factory });
  t.after(async () => {
    for (const d of context.subscriptions) {
      try {
        await d.dispose();
      } catch (_) {
        /* ignore */
      }
    }
  });
  const uri = Uri.file('/work/example/orders.moltres');
  const client = factory.created[0];
  client.didOpen(uri.toString(), SOURCE);
  return { fake, api, client, uri, factory, context };
}

test('activation registers every command, the SQL provider and a status item; the server starts', async (t) => {
  const { fake, api, client } = await setup(t);
  assert.ok(api.isRunning());
  for (const id of ['moltres.runQuery', 'moltres.runFile', 'moltres.showSQL', 'moltres.explain', 'moltres.refreshSchema', 'moltres.selectConnection']) {
    assert.ok(fake.log.commands.has(id), `${id} registered`);
  }
  assert.ok(fake.providers.has('moltres-sql'));
  assert.equal(fake.log.contexts['moltres.serverRunning'], true);
  const opts = client.options.initializationOptions;
  assert.deepEqual(opts.connections.shop, { url: 'sqlite:///shop.db', dialect: 'sqlite' });
  assert.equal(opts.preview.rowLimit, 10);
  assert.equal(opts.allowWrites, false);
  const status = fake.log.statusItems[0];
  assert.equal(status.command, 'moltres.selectConnection');
  assert.match(status.text, /\$\(database\) no connection/);
  const out = fake.log.outputs[0];
  await client.waitForNotification('window/logMessage');
  assert.ok(out.lines.some((l) => l.includes('stub server: initialized')), 'the server log reaches the output channel');
});

test('Run Query sends {uri, position, limit} and the panel receives the rows', async (t) => {
  const { fake, uri } = await setup(t);
  fake.openEditor(uri, SOURCE, 1, 1);
  const result = await fake.vscode.commands.executeCommand('moltres.runQuery');
  assert.equal(result.rows.length, 10, 'the row limit setting went to the server');
  assert.equal(result.truncated, true);
  const panel = fake.log.panels[0];
  assert.ok(panel, 'a results panel was created');
  assert.equal(panel.viewType, 'moltres.results');
  assert.equal(panel.options.enableScripts, true);
  const html = panel.webview.html;
  const data = JSON.parse(/<script type="application\/json" id="moltres-data">([\s\S]*?)<\/script>/.exec(html)[1]);
  assert.equal(data.results[0].rows.length, 10);
  assert.deepEqual(data.results[0].rows[0], [1, 'shipped', 10.5]);
  assert.deepEqual(data.results[0].columns.map((c) => c.name), ['id', 'status', 'amount']);
  assert.match(html, /Content-Security-Policy/);
  assert.equal(fake.log.progress[0].options.cancellable, true);
  assert.match(fake.log.progress[0].options.title, /orders\.moltres:2/);
  // a second run reuses the panel
  await fake.vscode.commands.executeCommand('moltres.runQuery');
  assert.equal(fake.log.panels.length, 1);
  assert.equal(panel.htmlHistory.length, 2);
});

test('the panel copies to the clipboard and exports to a chosen file', async (t) => {
  const target = Uri.file(path.join(os.tmpdir(), 'moltres-export.csv'));
  const { fake, uri } = await setup(t, { answers: { saveDialog: () => target } });
  fake.openEditor(uri, SOURCE, 1, 0);
  await fake.vscode.commands.executeCommand('moltres.runQuery');
  const panel = fake.log.panels[0];
  panel.receive({ type: 'copy', text: '1\tshipped\t10.5' });
  panel.receive({ type: 'export', format: 'csv', text: 'id\r\n1\r\n', suggestedName: 'orders.csv' });
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(fake.log.clipboard, ['1\tshipped\t10.5']);
  assert.equal(fake.log.written[0].text, 'id\r\n1\r\n');
  assert.equal(fake.log.written[0].uri, target);
  assert.deepEqual(panel.posted.at(-1), { type: 'exported', path: target.fsPath });
});

test('cancelling the progress notification sends $/cancelRequest and reports no error', async (t) => {
  const { fake, uri, client } = await setup(t, {
    answers: { onProgress: (entry) => setTimeout(() => entry.source.cancel(), 200) },
  });
  fake.openEditor(uri, SOURCE, 3, 0);
  const result = await fake.vscode.commands.executeCommand('moltres.runQuery');
  assert.equal(result, undefined);
  assert.ok(client.sent.some((m) => m.method === '$/cancelRequest'), 'the client sent $/cancelRequest');
  const received = await client.sendRequest('stub/received', {});
  assert.ok(received.includes('$/cancelRequest'), 'the server received $/cancelRequest');
  assert.equal(fake.log.messages.filter((m) => m.kind === 'error').length, 0);
  assert.ok(fake.log.statusBarMessages.some((m) => /cancelled/.test(m)));
});

test('a server error is shown with the server message and its code', async (t) => {
  const { fake, uri } = await setup(t);
  fake.openEditor(uri, SOURCE, 4, 0);
  await fake.vscode.commands.executeCommand('moltres.runQuery');
  const err = fake.log.messages.find((m) => m.kind === 'error');
  assert.ok(err);
  assert.equal(err.text, "Moltres Run Query failed: unknown column 'amout' (did you mean 'amount'?) [MOL2001]");
  assert.deepEqual(err.actions, ['Show Log']);
});

test('a write statement asks for confirmation; Run repeats it with confirmed: true', async (t) => {
  const { fake, uri, client } = await setup(t, { answers: { warning: (text, options) => (options && options.modal ? 'Run' : undefined) } });
  fake.openEditor(uri, SOURCE, 2, 0);
  const result = await fake.vscode.commands.executeCommand('moltres.runQuery');
  const ask = fake.log.messages.find((m) => m.kind === 'warning');
  assert.ok(ask && ask.options.modal, 'a modal confirmation');
  assert.match(ask.options.detail, /UPDATE "customers"/);
  assert.equal(result.kind, 'mutation');
  assert.equal(result.rowCount, 2);
  const calls = client.sent.filter((m) => m.method === 'workspace/executeCommand');
  assert.equal(calls.length, 2);
  assert.equal(calls[1].params.arguments[0].confirmed, true);
  assert.ok(fake.log.messages.some((m) => m.kind === 'info' && m.text === 'Moltres: 2 rows affected (1.5 ms).'));
});

test('declining the confirmation runs nothing', async (t) => {
  const { fake, uri, client } = await setup(t, { answers: { warning: () => undefined } });
  fake.openEditor(uri, SOURCE, 2, 0);
  const result = await fake.vscode.commands.executeCommand('moltres.runQuery');
  assert.deepEqual(result, { declined: true });
  assert.equal(client.sent.filter((m) => m.method === 'workspace/executeCommand').length, 1);
  assert.equal(fake.log.panels.length, 0);
});

test('Show SQL offers statement/file × dialect and opens a read-only SQL document beside the editor', async (t) => {
  const { fake, uri } = await setup(t, {
    answers: { quickPick: (items) => items.find((i) => i.scope === 'statement' && i.description === 'postgresql') },
  });
  fake.openEditor(uri, SOURCE, 1, 0);
  const doc = await fake.vscode.commands.executeCommand('moltres.showSQL');
  const pick = fake.log.quickPicks[0];
  assert.deepEqual(pick.items.map((i) => `${i.scope}/${i.description}`), ['statement/sqlite', 'statement/postgresql', 'file/sqlite', 'file/postgresql']);
  assert.equal(doc.uri.scheme, 'moltres-sql');
  assert.equal(doc.languageId, 'sql');
  const text = doc.getText();
  assert.match(text, /^-- Moltres: compiled SQL/);
  assert.match(text, /-- source: orders\.moltres, statement at line 2/);
  assert.match(text, /-- dialect: postgresql/);
  assert.match(text, /-- parameters:\n--   \$1 = 100/);
  assert.match(text, /SELECT \* FROM "orders" WHERE "amount" > \$1 -- big;/);
  const shown = fake.log.shownDocuments[0];
  assert.equal(shown.options.viewColumn, fake.vscode.ViewColumn.Beside);
  assert.equal(shown.options.preserveFocus, true);
});

test('Show SQL of the whole file lists each statement', async (t) => {
  const { fake, uri } = await setup(t, { answers: { quickPick: (items) => items.find((i) => i.scope === 'file' && i.description === 'sqlite') } });
  fake.openEditor(uri, SOURCE, 0, 0);
  const doc = await fake.vscode.commands.executeCommand('moltres.showSQL');
  assert.match(doc.uri.path, /orders\.moltres \(file, sqlite\)\.sql$/);
  assert.match(doc.getText(), /-- statement 1 \(line 1\): query\n-- parameters:\n--   \?1 = 100\nSELECT \* FROM "orders" WHERE "amount" > \?;/);
});

test('Show SQL from a code lens argument skips the picker', async (t) => {
  const { fake, uri } = await setup(t);
  const doc = await fake.vscode.commands.executeCommand('moltres.showSQL', { uri: uri.toString(), position: { line: 0, character: 0 }, dialect: 'sqlite' });
  assert.equal(fake.log.quickPicks.length, 0);
  assert.match(doc.getText(), /WHERE "amount" > \? -- big = db\.table/);
});

test('Select Connection: quick pick of settings + moltres.toml, server call, status bar update', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moltres-toml-'));
  const toml = path.join(dir, 'moltres.toml');
  fs.writeFileSync(toml, 'default_connection = "local"\n\n[connections.local]\nurl = "sqlite:///local.db"\n');
  const { fake, client, context } = await setup(t, {
    tomlFiles: [toml],
    workspaceFolder: dir,
    answers: { quickPick: (items) => items.find((i) => i.connection === 'warehouse') },
  });
  const result = await fake.vscode.commands.executeCommand('moltres.selectConnection');
  const items = fake.log.quickPicks[0].items;
  assert.deepEqual(items.map((i) => i.connection).sort(), ['local', 'shop', 'warehouse']);
  const wh = items.find((i) => i.connection === 'warehouse');
  assert.equal(wh.detail, 'postgresql://me:***@db.example/wh', 'passwords are never shown');
  assert.match(wh.description, /postgresql · settings/);
  assert.deepEqual(result, { connection: 'warehouse', url: 'postgresql://me:***@db.example/wh' });
  const status = fake.log.statusItems[0];
  assert.match(status.text, /warehouse/);
  assert.match(status.tooltip, /me:\*\*\*@/);
  assert.equal(context.workspaceState.get('moltres.activeConnection'), 'warehouse');
  const call = client.sent.find((m) => m.method === 'workspace/executeCommand' && m.params.command === 'moltres.selectConnection');
  assert.deepEqual(call.params.arguments, [{ connection: 'warehouse' }]);
  // later commands name the active connection
  fake.openEditor(Uri.file('/work/example/orders.moltres'), SOURCE, 1, 0);
  const run = await fake.vscode.commands.executeCommand('moltres.runQuery');
  assert.equal(run.connection, 'warehouse');
});

test('an unknown connection is an error with the server message', async (t) => {
  const { fake } = await setup(t);
  await fake.vscode.commands.executeCommand('moltres.selectConnection', { connection: 'nope' });
  assert.ok(fake.log.messages.some((m) => m.kind === 'error' && m.text === "Moltres Select Connection failed: unknown connection 'nope'"));
});

test('Run File shows every statement; Explain shows the plan; Refresh Schema reports the table count', async (t) => {
  const { fake, uri } = await setup(t);
  fake.openEditor(uri, SOURCE, 0, 0);
  const file = await fake.vscode.commands.executeCommand('moltres.runFile');
  assert.equal(file.statements.length, 2);
  const html = fake.log.panels[0].webview.html;
  assert.match(html, /<select id="statement-picker"/);
  assert.match(html, /Statement 2 \(line 3\) · mutation/);
  await fake.vscode.commands.executeCommand('moltres.explain');
  assert.match(fake.log.panels[0].webview.html, /SCAN orders/);
  await fake.vscode.commands.executeCommand('moltres.refreshSchema');
  assert.ok(fake.log.messages.some((m) => m.text === 'Moltres: schema refreshed (4 tables).'));
});

test('changing a setting sends workspace/didChangeConfiguration with the moltres section', async (t) => {
  const { fake, client } = await setup(t);
  fake.setConfig('moltres.allowWrites', true);
  await client.waitForNotification('window/logMessage', (p) => /configuration/.test(p.message));
  const note = client.sent.find((m) => m.method === 'workspace/didChangeConfiguration');
  assert.equal(note.params.settings.moltres.allowWrites, true);
  assert.equal(note.params.settings.moltres.preview.rowLimit, 10);
});

test('changing moltres.server.path restarts the server', async (t) => {
  const { fake, factory } = await setup(t);
  fake.setConfig('moltres.server.path', process.execPath);
  for (let i = 0; i < 50 && factory.created.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(factory.created.length, 2);
  await factory.created[0].exitPromise;
  assert.equal(factory.created[0].exited.code, 0, 'the old server got shutdown + exit');
});

test('a missing server binary: error message with Open Settings, status bar in error state, commands explain it', async (t) => {
  const fake = createFakeVscode({ settings: { 'moltres.server.path': '/nonexistent/moltres' } });
  const context = fake.context(extRoot);
  const api = await activate(context, fake.vscode, { createClient: clientFactory('/nonexistent/moltres') });
  t.after(() => context.subscriptions.forEach((d) => d.dispose()));
  assert.equal(api.isRunning(), false);
  const err = fake.log.messages.find((m) => m.kind === 'error');
  assert.match(err.text, /cannot start the language server "\/nonexistent\/moltres lsp"/);
  assert.deepEqual(err.actions, ['Open Settings', 'Show Log']);
  assert.match(fake.log.statusItems[0].text, /\$\(error\)/);
  fake.openEditor(Uri.file('/x.moltres'), 'big', 0, 0);
  await fake.vscode.commands.executeCommand('moltres.runQuery');
  assert.match(fake.log.messages.at(-1).text, /language server is not running/);
});

test('commands without a Moltres editor ask for one', async (t) => {
  const { fake } = await setup(t);
  fake.openEditor(Uri.file('/x.py'), 'print(1)', 0, 0, 'python');
  fake.vscode.window.visibleTextEditors = [];
  await fake.vscode.commands.executeCommand('moltres.runQuery');
  assert.match(fake.log.messages.at(-1).text, /open a \.moltres file/);
});
