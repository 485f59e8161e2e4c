'use strict';
// extension.js itself: loaded with the `vscode` stand-in and a stand-in for vscode-languageclient
// (whose client talks to the stub server over stdio through test/lspClient.js), so the entry point's
// wiring — server command, client options, the skipped executeCommand feature — is checked here.
const test = require('node:test');
const assert = require('node:assert');
const path = require('path');
const Module = require('module');
const { createFakeVscode, Uri } = require('./fakeVscode');
const { LspClient } = require('./lspClient');

const extRoot = path.resolve(__dirname, '..');
const STUB = path.join(__dirname, 'fixtures', 'stubServer.js');

function fakeLanguageClientModule(created) {
  class LanguageClient {
    constructor(id, name, serverOptions, clientOptions) {
      Object.assign(this, { id, name, serverOptions, clientOptions, features: [] });
      // what vscode-languageclient's constructor does: register its built-in features
      this.registerFeature({ registrationType: { method: 'textDocument/hover' } });
      this.registerFeature({ registrationType: { method: 'workspace/executeCommand' } });
      this.registerFeature({ registrationType: { method: 'textDocument/completion' } });
      created.push(this);
    }
    registerFeature(feature) {
      this.features.push(feature);
    }
    async start() {
      this.inner = new LspClient(this.serverOptions.command, {
        args: this.serverOptions.args,
        initializationOptions: this.clientOptions.initializationOptions,
        output: this.clientOptions.outputChannel,
      });
      return this.inner.start();
    }
    stop() {
      return this.inner && this.inner.stop();
    }
    sendRequest(method, params, token) {
      return this.inner.sendRequest(method, params, token);
    }
    sendNotification(method, params) {
      return this.inner.sendNotification(method, params);
    }
  }
  return { LanguageClient, TransportKind: { stdio: 0, ipc: 1, pipe: 2, socket: 3 } };
}

test('extension.js starts `<server.path> lsp` through vscode-languageclient and runs commands through it', async (t) => {
  const fake = createFakeVscode({ settings: { 'moltres.server.path': STUB, 'moltres.preview.rowLimit': 3 } });
  const created = [];
  const lc = fakeLanguageClientModule(created);
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    if (request === 'vscode') return fake.vscode;
    if (request === 'vscode-languageclient/node') return lc;
    return load.call(this, request, parent, isMain);
  };
  t.after(() => {
    Module._load = load;
  });
  delete require.cache[require.resolve('../extension')];
  const ext = require('../extension');
  const context = fake.context(extRoot);
  const api = await ext.activate(context);
  t.after(() => ext.deactivate());

  const [client] = created;
  assert.equal(client.id, 'moltres', 'the id makes the client honour moltres.trace.server');
  assert.equal(client.serverOptions.command, STUB);
  assert.deepEqual(client.serverOptions.args, ['lsp']);
  assert.equal(client.serverOptions.transport, lc.TransportKind.stdio);
  assert.deepEqual(client.clientOptions.documentSelector.map((d) => d.language), ['moltres', 'moltres']);
  assert.equal(client.clientOptions.initializationOptions.preview.rowLimit, 3);
  assert.equal(client.clientOptions.outputChannel, fake.log.outputs[0]);
  assert.equal(fake.log.outputs[0].name, 'Moltres Language Server');
  assert.deepEqual(
    client.features.map((f) => f.registrationType.method),
    ['textDocument/hover', 'textDocument/completion'],
    'the executeCommand feature is left out (the extension registers those command ids itself)',
  );
  assert.ok(api.isRunning());

  const uri = Uri.file('/w/entry.moltres');
  client.inner.didOpen(uri.toString(), 'db.table("orders").select()');
  fake.openEditor(uri, 'db.table("orders").select()', 0, 3);
  const result = await fake.vscode.commands.executeCommand('moltres.runQuery');
  assert.equal(result.rows.length, 3);
  assert.ok(fake.log.panels[0].webview.html.includes('"rowCount":3'));
});
