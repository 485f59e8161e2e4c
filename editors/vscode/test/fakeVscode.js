'use strict';
// A thin stand-in for the `vscode` module: enough of the API for src/ to run in Node, recording what
// the extension shows (messages, quick picks, webview HTML, status bar, documents) so tests can
// assert on it, with scripted answers for the user's choices.

const fs = require('fs');
const path = require('path');

class Uri {
  constructor(scheme, authority, p, query, fragment) {
    this.scheme = scheme;
    this.authority = authority || '';
    this.path = p || '';
    this.query = query || '';
    this.fragment = fragment || '';
  }
  static file(p) {
    return new Uri('file', '', path.resolve(p));
  }
  static parse(s) {
    const m = /^([a-zA-Z][\w+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(s);
    if (!m) throw new Error(`bad uri ${s}`);
    return new Uri(m[1], m[2], decodeURIComponent(m[3]), m[4] ? decodeURIComponent(m[4]) : '', m[5] ? decodeURIComponent(m[5]) : '');
  }
  static from(c) {
    return new Uri(c.scheme, c.authority, c.path, c.query, c.fragment);
  }
  static joinPath(base, ...segments) {
    return new Uri(base.scheme, base.authority, path.posix.join(base.path, ...segments), base.query, base.fragment);
  }
  get fsPath() {
    return this.path;
  }
  with(change) {
    return new Uri(change.scheme || this.scheme, change.authority ?? this.authority, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment);
  }
  toString() {
    const enc = (p) => p.split('/').map(encodeURIComponent).join('/');
    const auth = this.scheme === 'file' || this.authority ? `//${this.authority}` : '';
    return `${this.scheme}:${auth}${enc(this.path)}${this.query ? '?' + encodeURIComponent(this.query) : ''}${this.fragment ? '#' + encodeURIComponent(this.fragment) : ''}`;
  }
  toJSON() {
    return this.toString();
  }
}

class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
}
class Range {
  constructor(start, end) {
    this.start = start;
    this.end = end;
  }
}
class Selection extends Range {
  constructor(anchor, active) {
    super(anchor, active);
    this.anchor = anchor;
    this.active = active;
  }
}

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener) => {
      this.listeners.add(listener);
      return { dispose: () => this.listeners.delete(listener) };
    };
  }
  fire(value) {
    for (const l of [...this.listeners]) l(value);
  }
  dispose() {
    this.listeners.clear();
  }
}

class CancellationTokenSource {
  constructor() {
    const emitter = new EventEmitter();
    this._emitter = emitter;
    this.token = {
      isCancellationRequested: false,
      onCancellationRequested: emitter.event,
    };
  }
  cancel() {
    if (this.token.isCancellationRequested) return;
    this.token.isCancellationRequested = true;
    this._emitter.fire();
  }
  dispose() {}
}

class ThemeColor {
  constructor(id) {
    this.id = id;
  }
}

function createDocument(uri, text, languageId) {
  const lines = text.split(/\r?\n/);
  return {
    uri,
    languageId,
    version: 1,
    getText: () => text,
    lineCount: lines.length,
    lineAt: (n) => ({ text: lines[n] }),
    save: async () => true,
  };
}

/**
 * createFakeVscode({ settings, answers, workspaceFolder, tomlFiles })
 *   settings: { 'moltres.preview.rowLimit': 50, ... } (dotted full keys)
 *   answers:  { quickPick(items, options), warning(message, options, ...actions), error(...), info(...), saveDialog(options) }
 */
function createFakeVscode(opts = {}) {
  const settings = Object.assign({}, opts.settings || {});
  const answers = opts.answers || {};
  const log = {
    messages: [],
    quickPicks: [],
    panels: [],
    statusItems: [],
    outputs: [],
    commands: new Map(),
    executed: [],
    progress: [],
    configReads: new Set(),
    shownDocuments: [],
    clipboard: [],
    written: [],
    statusBarMessages: [],
    contexts: {},
  };
  const providers = new Map();
  const configEmitter = new EventEmitter();
  const activeEditorEmitter = new EventEmitter();
  const changeDocEmitter = new EventEmitter();
  const closeDocEmitter = new EventEmitter();

  function message(kind) {
    return async (text, ...rest) => {
      const options = rest.length && typeof rest[0] === 'object' && rest[0] !== null && !Array.isArray(rest[0]) ? rest.shift() : undefined;
      log.messages.push({ kind, text, options, actions: rest });
      const answer = answers[kind];
      return typeof answer === 'function' ? answer(text, options, ...rest) : undefined;
    };
  }

  const window = {
    activeTextEditor: undefined,
    visibleTextEditors: [],
    onDidChangeActiveTextEditor: activeEditorEmitter.event,
    createOutputChannel(name) {
      const ch = { name, lines: [], appendLine: (l) => ch.lines.push(l), append: (t) => ch.lines.push(t), show() {}, clear() {}, dispose() {} };
      log.outputs.push(ch);
      return ch;
    },
    createStatusBarItem(id, alignment, priority) {
      const item = { id, alignment, priority, text: '', tooltip: '', command: undefined, visible: false, show() { item.visible = true; }, hide() { item.visible = false; }, dispose() {} };
      log.statusItems.push(item);
      return item;
    },
    createWebviewPanel(viewType, title, showOptions, options) {
      const received = new EventEmitter();
      const disposed = new EventEmitter();
      const panel = {
        viewType,
        title,
        showOptions,
        options,
        revealed: 0,
        posted: [],
        htmlHistory: [],
        webview: {
          _html: '',
          get html() {
            return this._html;
          },
          set html(v) {
            this._html = v;
            panel.htmlHistory.push(v);
          },
          cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
          asWebviewUri: (u) => Uri.from({ scheme: 'https', authority: 'file+.vscode-resource.vscode-cdn.net', path: u.path }),
          onDidReceiveMessage: received.event,
          postMessage: async (m) => {
            panel.posted.push(m);
            return true;
          },
        },
        onDidDispose: disposed.event,
        reveal() {
          panel.revealed++;
        },
        dispose() {
          disposed.fire();
        },
        /** test helper: the page posts a message to the extension */
        receive: (m) => received.fire(m),
      };
      log.panels.push(panel);
      return panel;
    },
    async showQuickPick(items, options) {
      const list = await items;
      log.quickPicks.push({ items: list, options });
      return answers.quickPick ? answers.quickPick(list, options) : undefined;
    },
    showInformationMessage: message('info'),
    showWarningMessage: message('warning'),
    showErrorMessage: message('error'),
    setStatusBarMessage(text) {
      log.statusBarMessages.push(text);
      return { dispose() {} };
    },
    async withProgress(options, task) {
      const source = new CancellationTokenSource();
      const entry = { options, source, reports: [] };
      log.progress.push(entry);
      if (answers.onProgress) answers.onProgress(entry);
      return task({ report: (r) => entry.reports.push(r) }, source.token);
    },
    async showTextDocument(doc, options) {
      log.shownDocuments.push({ doc, options });
      return { document: doc, selection: new Selection(new Position(0, 0), new Position(0, 0)) };
    },
    async showSaveDialog(options) {
      return answers.saveDialog ? answers.saveDialog(options) : undefined;
    },
  };

  const workspace = {
    workspaceFolders: opts.workspaceFolder ? [{ uri: Uri.file(opts.workspaceFolder), name: path.basename(opts.workspaceFolder), index: 0 }] : undefined,
    getConfiguration(section) {
      return {
        get(key, def) {
          const full = section ? `${section}.${key}` : key;
          log.configReads.add(full);
          return Object.prototype.hasOwnProperty.call(settings, full) ? settings[full] : def;
        },
        has: (key) => Object.prototype.hasOwnProperty.call(settings, section ? `${section}.${key}` : key),
      };
    },
    onDidChangeConfiguration: configEmitter.event,
    onDidChangeTextDocument: changeDocEmitter.event,
    onDidCloseTextDocument: closeDocEmitter.event,
    registerTextDocumentContentProvider(scheme, provider) {
      providers.set(scheme, provider);
      return { dispose: () => providers.delete(scheme) };
    },
    async openTextDocument(uri) {
      const provider = providers.get(uri.scheme);
      if (provider) {
        const text = await provider.provideTextDocumentContent(uri, new CancellationTokenSource().token);
        return createDocument(uri, text, uri.path.endsWith('.sql') ? 'sql' : 'plaintext');
      }
      return createDocument(uri, fs.readFileSync(uri.fsPath, 'utf8'), uri.path.endsWith('.moltres') ? 'moltres' : 'plaintext');
    },
    async findFiles(include) {
      if (include.includes('moltres.toml')) return (opts.tomlFiles || []).map((f) => Uri.file(f));
      return [];
    },
    asRelativePath: (u) => (opts.workspaceFolder ? path.relative(opts.workspaceFolder, u.fsPath || u) : String(u)),
    createFileSystemWatcher: () => ({ dispose() {} }),
    fs: {
      readFile: async (uri) => fs.readFileSync(uri.fsPath),
      writeFile: async (uri, bytes) => {
        log.written.push({ uri, text: Buffer.from(bytes).toString('utf8') });
      },
    },
  };

  const vscode = {
    Uri,
    Position,
    Range,
    Selection,
    EventEmitter,
    CancellationTokenSource,
    ThemeColor,
    Disposable: class {
      constructor(fn) {
        this.dispose = fn;
      }
    },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
    window,
    workspace,
    languages: {
      async setTextDocumentLanguage(doc, languageId) {
        return Object.assign({}, doc, { languageId });
      },
    },
    commands: {
      registerCommand(id, fn) {
        if (log.commands.has(id)) throw new Error(`command '${id}' already exists`);
        log.commands.set(id, fn);
        return { dispose: () => log.commands.delete(id) };
      },
      async executeCommand(id, ...args) {
        log.executed.push({ id, args });
        if (id === 'setContext') {
          log.contexts[args[0]] = args[1];
          return undefined;
        }
        const fn = log.commands.get(id);
        return fn ? fn(...args) : undefined;
      },
    },
    env: {
      clipboard: {
        writeText: async (t) => {
          log.clipboard.push(t);
        },
      },
    },
  };

  /** Test helpers. */
  const helpers = {
    log,
    settings,
    /** Opens `text` as a Moltres editor with the cursor at (line, character). */
    openEditor(uri, text, line = 0, character = 0, languageId = 'moltres') {
      const doc = createDocument(uri, text, languageId);
      const pos = new Position(line, character);
      const editor = { document: doc, selection: new Selection(pos, pos) };
      window.activeTextEditor = editor;
      window.visibleTextEditors = [editor];
      activeEditorEmitter.fire(editor);
      return editor;
    },
    setConfig(key, value) {
      settings[key] = value;
      configEmitter.fire({ affectsConfiguration: (s) => key === s || key.startsWith(s + '.') });
    },
    changeDocument(doc) {
      changeDocEmitter.fire({ document: doc, contentChanges: [] });
    },
    context(extensionPath) {
      const store = new Map();
      return {
        subscriptions: [],
        extensionUri: Uri.file(extensionPath),
        extensionPath,
        workspaceState: { get: (k, d) => (store.has(k) ? store.get(k) : d), update: async (k, v) => store.set(k, v), keys: () => [...store.keys()] },
        globalState: { get: (k, d) => d, update: async () => {} },
      };
    },
    providers,
  };
  return { vscode, ...helpers };
}

module.exports = { createFakeVscode, Uri, Position, Range, Selection, EventEmitter, CancellationTokenSource };
