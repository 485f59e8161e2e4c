'use strict';
// A minimal LSP client over stdio for the tests: Content-Length framing, JSON-RPC 2.0 requests,
// notifications and responses, `$/cancelRequest` on a cancellation token, and default answers to the
// server's own requests. It has the shape src/main.js expects of vscode-languageclient's client
// (start, stop, sendRequest(method, params, token), sendNotification), so the extension's logic
// runs against a real server process.

const { spawn } = require('child_process');

class ResponseError extends Error {
  constructor(code, message, data) {
    super(message);
    this.name = 'ResponseError';
    this.code = code;
    this.data = data;
  }
}

class LspClient {
  /**
   * options: { args, cwd, env, initializationOptions, rootUri, output, settings,
   *            onShowMessageRequest(params) → action|null, timeoutMs }
   */
  constructor(command, options = {}) {
    this.command = command;
    this.options = options;
    this.args = options.args || ['lsp'];
    this.nextId = 1;
    this.pending = new Map();
    this.handlers = new Map();
    this.notifications = [];
    this.serverRequests = [];
    this.sent = [];
    this.stderr = '';
    this.buffer = Buffer.alloc(0);
    this.exited = null;
    this.initializeResult = null;
  }

  log(line) {
    if (this.options.output) this.options.output.appendLine(line);
  }

  /** Spawns the server and runs initialize / initialized. Rejects if the server does not answer. */
  async start() {
    this.proc = spawn(this.command, this.args, {
      cwd: this.options.cwd,
      env: this.options.env || process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.exitPromise = new Promise((resolve) => {
      this.proc.on('exit', (code, signal) => {
        this.exited = { code, signal };
        for (const [, p] of this.pending) p.reject(new Error(`server exited (code ${code}, signal ${signal}) ${this.stderr.slice(-500)}`));
        this.pending.clear();
        resolve(this.exited);
      });
    });
    const spawned = new Promise((resolve, reject) => {
      this.proc.on('error', reject);
      this.proc.on('spawn', resolve);
    });
    this.proc.stdout.on('data', (chunk) => this.onData(chunk));
    this.proc.stderr.on('data', (chunk) => {
      this.stderr += chunk.toString('utf8');
      if (this.stderr.length > 200000) this.stderr = this.stderr.slice(-100000);
    });
    this.proc.stdin.on('error', () => {});
    await spawned;
    const timeoutMs = this.options.timeoutMs || 15000;
    const init = this.sendRequest('initialize', {
      processId: process.pid,
      clientInfo: { name: 'moltres-vscode-tests', version: '0.1.0' },
      rootUri: this.options.rootUri || null,
      workspaceFolders: this.options.rootUri ? [{ uri: this.options.rootUri, name: 'workspace' }] : null,
      capabilities: {
        general: { positionEncodings: ['utf-16'] },
        window: { workDoneProgress: true, showMessage: { messageActionItem: { additionalPropertiesSupport: false } } },
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false }, executeCommand: {} },
        textDocument: { synchronization: { didSave: true }, publishDiagnostics: { relatedInformation: true } },
      },
      initializationOptions: this.options.initializationOptions || {},
      trace: 'off',
    });
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer to initialize within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      this.initializeResult = await Promise.race([init, timeout, this.exitPromise.then((e) => Promise.reject(new Error(`server exited before initialize: ${JSON.stringify(e)} ${this.stderr.slice(-500)}`)))]);
    } finally {
      clearTimeout(timer);
    }
    this.sendNotification('initialized', {});
    return this.initializeResult;
  }

  onData(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.slice(0, headerEnd).toString('ascii');
      const m = /Content-Length:\s*(\d+)/i.exec(header);
      if (!m) {
        this.log(`lspClient: bad header ${JSON.stringify(header)}`);
        this.buffer = this.buffer.slice(headerEnd + 4);
        continue;
      }
      const length = Number(m[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.slice(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.slice(headerEnd + 4 + length);
      let message;
      try {
        message = JSON.parse(body);
      } catch (err) {
        this.log(`lspClient: invalid JSON from server: ${body.slice(0, 200)}`);
        continue;
      }
      this.dispatch(message);
    }
  }

  dispatch(message) {
    if (message.id !== undefined && message.method === undefined) {
      const p = this.pending.get(message.id);
      if (!p) return;
      this.pending.delete(message.id);
      if (message.error) p.reject(new ResponseError(message.error.code, message.error.message, message.error.data));
      else p.resolve(message.result === undefined ? null : message.result);
      return;
    }
    if (message.id !== undefined) {
      this.serverRequests.push(message);
      Promise.resolve(this.answerServerRequest(message)).then(
        (result) => this.write({ jsonrpc: '2.0', id: message.id, result: result === undefined ? null : result }),
        (err) => this.write({ jsonrpc: '2.0', id: message.id, error: { code: -32603, message: String(err && err.message) } }),
      );
      return;
    }
    this.notifications.push(message);
    if (message.method === 'window/logMessage' || message.method === 'window/showMessage') {
      this.log(`[server] ${message.params && message.params.message}`);
    }
    const hs = this.handlers.get(message.method);
    if (hs) for (const h of hs) h(message.params);
  }

  answerServerRequest(message) {
    switch (message.method) {
      case 'workspace/configuration':
        return (message.params.items || []).map((item) => {
          const s = this.options.settings || {};
          if (!item.section) return s;
          return item.section.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), { moltres: s }) ?? null;
        });
      case 'window/showMessageRequest':
        return this.options.onShowMessageRequest ? this.options.onShowMessageRequest(message.params) : null;
      case 'window/workDoneProgress/create':
      case 'client/registerCapability':
      case 'client/unregisterCapability':
        return null;
      case 'workspace/workspaceFolders':
        return this.options.rootUri ? [{ uri: this.options.rootUri, name: 'workspace' }] : null;
      default:
        return null;
    }
  }

  write(message) {
    if (!this.proc || this.exited) return;
    this.sent.push(message);
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  /** A request; a cancellation token (onCancellationRequested) sends `$/cancelRequest` for it. */
  sendRequest(method, params, token) {
    const id = this.nextId++;
    const promise = new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
    });
    if (token && token.isCancellationRequested) {
      this.pending.delete(id);
      return Promise.reject(new ResponseError(-32800, 'Request cancelled'));
    }
    this.write({ jsonrpc: '2.0', id, method, params });
    if (token && token.onCancellationRequested) {
      const sub = token.onCancellationRequested(() => {
        if (this.pending.has(id)) this.sendNotification('$/cancelRequest', { id });
      });
      promise.then(
        () => sub && sub.dispose && sub.dispose(),
        () => sub && sub.dispose && sub.dispose(),
      );
    }
    return promise;
  }

  sendNotification(method, params) {
    this.write({ jsonrpc: '2.0', method, params });
  }

  onNotification(method, handler) {
    if (!this.handlers.has(method)) this.handlers.set(method, new Set());
    this.handlers.get(method).add(handler);
    return { dispose: () => this.handlers.get(method).delete(handler) };
  }

  /** Waits for a notification matching `predicate` (already received or future). */
  waitForNotification(method, predicate = () => true, timeoutMs = 10000) {
    const found = this.notifications.find((n) => n.method === method && predicate(n.params));
    if (found) return Promise.resolve(found.params);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(`no ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      const sub = this.onNotification(method, (params) => {
        if (!predicate(params)) return;
        clearTimeout(timer);
        sub.dispose();
        resolve(params);
      });
    });
  }

  didOpen(uri, text, languageId = 'moltres', version = 1) {
    this.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** shutdown + exit; kills the process if it does not exit within 5 s. */
  async stop() {
    if (!this.proc || this.exited) return this.exited;
    try {
      await Promise.race([this.sendRequest('shutdown', null), new Promise((r) => setTimeout(r, 5000))]);
    } catch (_) {
      /* already gone */
    }
    this.sendNotification('exit', null);
    try {
      this.proc.stdin.end();
    } catch (_) {
      /* closed */
    }
    const killer = setTimeout(() => {
      if (!this.exited) this.proc.kill('SIGKILL');
    }, 5000);
    const result = await this.exitPromise;
    clearTimeout(killer);
    return result;
  }
}

/** A client factory for src/main.js's `deps.createClient`. */
function clientFactory(command, extra = {}) {
  const created = [];
  const factory = ({ initializationOptions, output, settings }) => {
    const c = new LspClient(command, Object.assign({ initializationOptions, output, settings: initializationOptions }, extra));
    created.push(c);
    return c;
  };
  factory.created = created;
  return factory;
}

module.exports = { LspClient, ResponseError, clientFactory };
