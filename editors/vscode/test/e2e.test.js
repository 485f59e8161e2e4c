'use strict';
// End to end: the extension's activate() and commands (with the `vscode` stand-in) against the real
// `moltres lsp` given by MOLTRES_BIN, on the demo shop database made by `moltres demo`.
// Without MOLTRES_BIN, or when the binary does not answer `initialize`, the tests skip with the
// reason — or fail when MOLTRES_REQUIRE_SERVER=1 (as the main test script sets it).
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { createFakeVscode, Uri } = require('./fakeVscode');
const { LspClient, clientFactory } = require('./lspClient');
const { activate } = require('../src/main');

const extRoot = path.resolve(__dirname, '..');
const fixtures = path.join(__dirname, 'fixtures', 'e2e');
const BIN = process.env.MOLTRES_BIN;
const REQUIRED = process.env.MOLTRES_REQUIRE_SERVER === '1';

/** Why the server cannot be used (null when it can). Probes `initialize` once. */
async function serverProblem() {
  if (!BIN) return 'MOLTRES_BIN is not set (point it at a built `moltres` binary)';
  if (!fs.existsSync(BIN)) return `MOLTRES_BIN=${BIN} does not exist`;
  const probe = new LspClient(BIN, { timeoutMs: 20000, cwd: os.tmpdir() });
  try {
    const result = await probe.start();
    if (!result || !result.capabilities) return `${BIN} lsp answered initialize without capabilities`;
    return null;
  } catch (err) {
    return `${BIN} lsp does not answer initialize: ${String(err.message).split("\n")[0]}`;
  } finally {
    try {
      await probe.stop();
    } catch (_) {
      /* ignore */
    }
  }
}

let problem;
let work;

test.before(async () => {
  problem = await serverProblem();
  if (problem) {
    const msg = `e2e: ${problem}`;
    if (REQUIRED) console.error(`FAIL ${msg} (MOLTRES_REQUIRE_SERVER=1)`);
    else console.log(`SKIP ${msg}`);
    return;
  }
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'moltres-vscode-e2e-'));
  try {
    execFileSync(BIN, ['demo', '--db', `sqlite:///${path.join(work, 'shop.db')}`], { stdio: 'pipe', timeout: 60000 });
  } catch (err) {
    problem = `\`${BIN} demo --db sqlite:///…/shop.db\` failed: ${String(err.stderr || err.message).trim().split('\n')[0]}`;
    if (REQUIRED) console.error(`FAIL e2e: ${problem}`);
    return;
  }
  for (const f of fs.readdirSync(fixtures)) fs.copyFileSync(path.join(fixtures, f), path.join(work, f));
});

/** Each e2e test: skipped (or failed, when required) without a server. */
function e2e(name, fn) {
  test(name, async (t) => {
    if (problem) {
      if (REQUIRED) assert.fail(`the end-to-end test needs the real server: ${problem}`);
      t.skip(problem);
      return;
    }
    await fn(t);
  });
}

async function start(t, extraSettings = {}, answers = {}) {
  const db = path.join(work, 'shop.db');
  const fake = createFakeVscode({
    settings: Object.assign(
      {
        'moltres.server.path': BIN,
        'moltres.connections': { shop: { url: `sqlite:///${db}`, dialect: 'sqlite' } },
        'moltres.defaultConnection': 'shop',
        'moltres.preview.rowLimit': 1000,
        'moltres.query.timeoutSeconds': 60,
      },
      extraSettings,
    ),
    workspaceFolder: work,
    answers,
  });
  const factory = clientFactory(BIN, {
    cwd: work,
    rootUri: Uri.file(work).toString(),
    onShowMessageRequest: (params) => (params.actions || []).find((a) => /run|yes|allow|confirm|execute/i.test(a.title)) || null,
  });
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
    for (const c of factory.created) if (!c.exited) await c.stop();
  });
  assert.ok(api.isRunning(), `the server started: ${fake.log.messages.map((m) => m.text).join('; ')}`);
  const client = factory.created[0];
  function open(name, lineMatch) {
    const file = path.join(work, name);
    const text = fs.readFileSync(file, 'utf8');
    const uri = Uri.file(file);
    client.didOpen(uri.toString(), text);
    const line = lineMatch === undefined ? 0 : text.split('\n').findIndex((l) => (typeof lineMatch === 'string' ? l.startsWith(lineMatch) : lineMatch.test(l)));
    assert.ok(line >= 0, `${lineMatch} is in ${name}`);
    fake.openEditor(uri, text, line, 0);
    return { uri, text, line };
  }
  return { fake, api, client, open, factory };
}

function sqlite(db, sql) {
  const out = execFileSync('python3', ['-c', 'import sqlite3,sys,json; print(json.dumps(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchall()))', db, sql], { encoding: 'utf8' });
  return JSON.parse(out);
}

function errors(fake) {
  return fake.log.messages.filter((m) => m.kind === 'error').map((m) => m.text);
}

e2e('the server advertises the six commands and accepts the settings', async (t) => {
  const { client } = await start(t);
  const commands = (client.initializeResult.capabilities.executeCommandProvider || {}).commands || [];
  for (const c of ['moltres.runQuery', 'moltres.runFile', 'moltres.showSQL', 'moltres.explain', 'moltres.refreshSchema', 'moltres.selectConnection']) {
    assert.ok(commands.includes(c), `executeCommandProvider lists ${c} (has ${JSON.stringify(commands)})`);
  }
});

e2e('every semantic token modifier of the server legend that VS Code does not predefine is contributed', async (t) => {
  const { client } = await start(t);
  const provider = client.initializeResult.capabilities.semanticTokensProvider;
  assert.ok(provider && provider.legend, 'the server advertises a semantic tokens legend');
  const standard = new Set(['declaration', 'definition', 'readonly', 'static', 'deprecated', 'abstract', 'async', 'modification', 'documentation', 'defaultLibrary']);
  const custom = provider.legend.tokenModifiers.filter((m) => !standard.has(m));
  assert.ok(custom.length > 0, 'the legend has custom modifiers');
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
  const contributed = (pkg.contributes.semanticTokenModifiers || []).map((m) => m.id);
  assert.deepEqual([...custom].sort(), [...contributed].sort());
});

e2e('Run Query on an example file → the panel receives the rows the database has', async (t) => {
  const { fake, open } = await start(t);
  open('shop.moltres', /^by_status$/);
  const result = await fake.vscode.commands.executeCommand('moltres.runQuery');
  assert.deepEqual(errors(fake), []);
  assert.ok(result, 'a result');
  assert.deepEqual(result.columns.map((c) => c.name), ['status', 'total', 'n']);
  const expected = sqlite(path.join(work, 'shop.db'), 'SELECT status, sum(amount), count(*) FROM orders WHERE amount > 100 GROUP BY status ORDER BY 2 DESC');
  assert.equal(result.rows.length, expected.length);
  result.rows.forEach((row, i) => {
    assert.equal(row[0], expected[i][0]);
    assert.ok(Math.abs(Number(row[1]) - expected[i][1]) < 1e-6, `total ${row[1]} ≈ ${expected[i][1]}`);
    assert.equal(Number(row[2]), expected[i][2]);
  });
  assert.equal(result.rowCount, expected.length);
  assert.equal(result.truncated, false);
  assert.equal(typeof result.elapsedMs, 'number');
  assert.match(result.sql, /SELECT/i);
  const html = fake.log.panels[0].webview.html;
  const data = JSON.parse(/<script type="application\/json" id="moltres-data">([\s\S]*?)<\/script>/.exec(html)[1]);
  assert.deepEqual(data.results[0].rows, result.rows, 'the panel shows exactly the rows');
});

e2e('the row limit setting truncates and says so', async (t) => {
  const { fake, open } = await start(t, { 'moltres.preview.rowLimit': 5 });
  open('shop.moltres', 'db.table("orders").select()');
  const result = await fake.vscode.commands.executeCommand('moltres.runQuery');
  assert.deepEqual(errors(fake), []);
  const total = sqlite(path.join(work, 'shop.db'), 'SELECT count(*) FROM orders')[0][0];
  assert.ok(total > 5, 'the demo has more than 5 orders');
  assert.equal(result.rows.length, 5);
  assert.equal(result.truncated, true);
});

e2e('Show SQL opens a SQL document for the statement, in the chosen dialect', async (t) => {
  const { fake, open } = await start(t, {}, { quickPick: (items) => items.find((i) => i.scope === 'statement' && i.description === 'postgresql') });
  open('shop.moltres', /^by_status$/);
  const doc = await fake.vscode.commands.executeCommand('moltres.showSQL');
  const text = doc.getText();
  assert.doesNotMatch(text, /could not compile/, text);
  assert.match(text, /-- dialect: postgresql/);
  assert.match(text, /SELECT/i);
  assert.match(text, /orders/);
  assert.match(text, /GROUP BY/i);
});

e2e('Explain returns the plan; Refresh Schema counts the tables; Select Connection switches', async (t) => {
  const { fake, open } = await start(t);
  open('shop.moltres', /^by_status$/);
  const plan = await fake.vscode.commands.executeCommand('moltres.explain');
  assert.deepEqual(errors(fake), []);
  assert.ok(plan && typeof plan.plan === 'string' && plan.plan.length > 0, 'a plan');
  const schema = await fake.vscode.commands.executeCommand('moltres.refreshSchema');
  assert.ok(schema.tables >= 4, `tables: ${schema.tables}`);
  const sel = await fake.vscode.commands.executeCommand('moltres.selectConnection', { connection: 'shop' });
  assert.equal(sel.connection, 'shop');
  assert.match(fake.log.statusItems[0].text, /shop/);
});

e2e('Run File runs every statement in order', async (t) => {
  const { fake, open } = await start(t);
  open('two.moltres');
  const result = await fake.vscode.commands.executeCommand('moltres.runFile');
  assert.deepEqual(errors(fake), []);
  assert.equal(result.statements.length, 2);
  assert.equal(result.statements[0].rows.length, 3);
  assert.ok(result.statements[0].line < result.statements[1].line);
});

e2e('an error names the problem in the message', async (t) => {
  const { fake, open } = await start(t);
  open('shop.moltres', 'db.table("orders").select(col("amout"))');
  const result = await fake.vscode.commands.executeCommand('moltres.runQuery');
  assert.equal(result, undefined);
  const [msg] = errors(fake);
  assert.match(msg || '', /amout/, `error message: ${msg}`);
});

e2e('a write statement runs after confirmation', async (t) => {
  const { fake, open } = await start(t, { 'moltres.allowWrites': false }, { warning: (text, options) => (options && options.modal ? 'Run' : undefined) });
  open('shop.moltres', 'db.update(');
  const result = await fake.vscode.commands.executeCommand('moltres.runQuery');
  assert.deepEqual(errors(fake), []);
  assert.ok(result && result.kind === 'mutation', `a mutation result: ${JSON.stringify(result)}`);
  assert.equal(typeof result.rowCount, 'number');
});

e2e('cancelling a running query sends $/cancelRequest and the server keeps serving', async (t) => {
  const { fake, open, client } = await start(t, {}, { onProgress: (entry) => { if (entry.options.title.includes('slow.moltres')) setTimeout(() => entry.source.cancel(), 800); } });
  open('slow.moltres');
  const started = Date.now();
  const result = await fake.vscode.commands.executeCommand('moltres.runQuery');
  assert.equal(result, undefined);
  assert.deepEqual(errors(fake), [], 'cancelling is not an error');
  assert.ok(client.sent.some((m) => m.method === '$/cancelRequest'));
  assert.ok(Date.now() - started < 15000);
  open('two.moltres');
  const again = await fake.vscode.commands.executeCommand('moltres.runQuery');
  assert.ok(again && again.rows && again.rows.length === 3, 'the next query runs');
});
