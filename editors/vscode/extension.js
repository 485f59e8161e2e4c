'use strict';
// VS Code entry point. All logic lives in src/ and takes the `vscode` API and the language client as
// parameters (see src/main.js); this file only supplies the real ones.

const vscode = require('vscode');
const { activate: activateWith } = require('./src/main');

let api;

/** The language client from vscode-languageclient, started as `<moltres.server.path> lsp` over stdio. */
function createLanguageClient({ settings, initializationOptions, output }) {
  const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

  // The server advertises moltres.runQuery & co. as executeCommand commands; the extension registers
  // the same ids as editor commands (with UI around them). vscode-languageclient would register them a
  // second time and fail, so its executeCommand feature is left out; the commands call
  // `workspace/executeCommand` themselves.
  class MoltresLanguageClient extends LanguageClient {
    registerFeature(feature) {
      const method = feature && ((feature.registrationType && feature.registrationType.method) || feature.method);
      if (method === 'workspace/executeCommand') return;
      super.registerFeature(feature);
    }
  }

  const serverOptions = {
    command: settings.serverPath,
    args: ['lsp'],
    transport: TransportKind.stdio,
  };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'moltres' },
      { scheme: 'untitled', language: 'moltres' },
    ],
    initializationOptions,
    outputChannel: output,
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/moltres.toml'),
    },
    progressOnInitialization: true,
  };
  // The client id 'moltres' makes the client honour the `moltres.trace.server` setting.
  return new MoltresLanguageClient('moltres', 'Moltres Language Server', serverOptions, clientOptions);
}

async function activate(context) {
  api = await activateWith(context, vscode, { createClient: createLanguageClient });
  return api;
}

async function deactivate() {
  if (api) await api.stop();
}

module.exports = { activate, deactivate, createLanguageClient };
