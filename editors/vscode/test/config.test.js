'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { parseMoltresToml, serverSettings, redactUrl, dialectOf, readSettings } = require('../src/config');
const { connectionItems, mergeConnections, ConnectionStatus } = require('../src/connections');
const { formatSqlDocument, sqlUri, parseSqlUri } = require('../src/sqlDocument');
const { commandArgument, needsConfirmation, errorMessage, isCancellation } = require('../src/commands');
const { createFakeVscode, Uri } = require('./fakeVscode');

test('moltres.toml: connections, default, comments, quoted names, inline tables', () => {
  const t = parseMoltresToml(`
# workspace connections
default_connection = "shop"   # the default
preview_row_limit = 500

[connections.shop]
url = "sqlite:///shop.db"
dialect = 'sqlite'

[connections."prod db"]
url = "postgresql://app@db:5432/prod"
password_env = "PROD_PASSWORD"

[connections]
scratch = "sqlite:///:memory:"
inline = { url = "sqlite:///x.db", dialect = "sqlite" }
`);
  assert.equal(t.defaultConnection, 'shop');
  assert.deepEqual(t.connections.shop, { url: 'sqlite:///shop.db', dialect: 'sqlite' });
  assert.deepEqual(t.connections['prod db'], { url: 'postgresql://app@db:5432/prod' });
  assert.deepEqual(t.connections.scratch, { url: 'sqlite:///:memory:' });
  assert.deepEqual(t.connections.inline, { url: 'sqlite:///x.db', dialect: 'sqlite' });
});

test('server settings mirror the moltres.* settings as nested objects', () => {
  const { vscode } = createFakeVscode({ settings: { 'moltres.connections': { a: { url: 'sqlite:///a.db' }, b: 'postgresql://x/y' }, 'moltres.allowWrites': true, 'moltres.defaultConnection': 'a' } });
  const s = readSettings(vscode);
  assert.equal(s.serverPath, 'moltres');
  assert.equal(s.rowLimit, 1000);
  assert.equal(s.timeoutSeconds, 30);
  assert.deepEqual(serverSettings(s), {
    connections: { a: { url: 'sqlite:///a.db' }, b: { url: 'postgresql://x/y' } },
    preview: { rowLimit: 1000 },
    query: { timeoutSeconds: 30 },
    allowWrites: true,
    defaultConnection: 'a',
  });
});

test('URLs are shown without passwords; the dialect comes from the URL scheme', () => {
  assert.equal(redactUrl('postgresql://u:p%40ss@h:5432/db?sslmode=require'), 'postgresql://u:***@h:5432/db?sslmode=require');
  assert.equal(redactUrl('postgresql+psycopg2://u@/db?host=/sock'), 'postgresql+psycopg2://u@/db?host=/sock');
  assert.equal(redactUrl('sqlite:////abs/path.db'), 'sqlite:////abs/path.db');
  assert.equal(dialectOf({ url: 'postgresql+psycopg2://u@/db' }), 'postgresql');
  assert.equal(dialectOf({ url: 'postgres://u@/db' }), 'postgresql');
  assert.equal(dialectOf({ url: 'sqlite:///a.db' }), 'sqlite');
  assert.equal(dialectOf({ url: 'x', dialect: 'sqlite' }), 'sqlite');
});

test('connection picker items: settings override moltres.toml, the active one first and checked', () => {
  const merged = mergeConnections({ shop: { url: 'sqlite:///settings.db' } }, [{ source: 'moltres.toml', connections: { shop: { url: 'sqlite:///toml.db' }, pg: { url: 'postgresql://u:pw@h/db' } } }]);
  assert.equal(merged.shop.url, 'sqlite:///settings.db');
  const items = connectionItems(merged, 'pg');
  assert.deepEqual(items.map((i) => i.connection), ['pg', 'shop']);
  assert.equal(items[0].label, '$(check) pg');
  assert.equal(items[0].detail, 'postgresql://u:***@h/db');
  assert.equal(items[0].description, 'postgresql · moltres.toml');
  assert.equal(items[1].label, '$(database) shop');
});

test('status bar item: connection name, redacted tooltip, error state, visibility', () => {
  const fake = createFakeVscode();
  const s = new ConnectionStatus(fake.vscode);
  const item = fake.log.statusItems[0];
  assert.equal(item.command, 'moltres.selectConnection');
  assert.match(item.text, /sync~spin/);
  s.setState('ready');
  s.setConnection('wh', 'postgresql://me:secret@h/db');
  assert.equal(item.text, '$(database) wh');
  assert.doesNotMatch(item.tooltip, /secret/);
  s.setState('error', 'not found');
  assert.equal(item.text, '$(error) wh');
  assert.equal(item.backgroundColor.id, 'statusBarItem.errorBackground');
  s.updateVisibility({ document: { languageId: 'python' } }, false);
  assert.equal(item.visible, false);
  s.updateVisibility({ document: { languageId: 'moltres' } }, false);
  assert.equal(item.visible, true);
  s.updateVisibility(undefined, true);
  assert.equal(item.visible, true);
});

test('Show SQL document text and URIs', () => {
  const { vscode } = createFakeVscode();
  const req = { uri: 'file:///w/orders.moltres', position: { line: 4, character: 2 }, dialect: 'sqlite', scope: 'statement' };
  const uri = sqlUri(vscode, req);
  assert.equal(uri.scheme, 'moltres-sql');
  assert.equal(uri.path, '/orders.moltres (line 5, sqlite).sql');
  assert.deepEqual(parseSqlUri(Uri.parse(uri.toString())), req, 'the request survives a round trip through the URI string');
  const text = formatSqlDocument({ sql: 'SELECT * FROM "t" WHERE "a" = ? AND "b" = ?', parameters: ["it's", null], dialect: 'sqlite' }, req);
  assert.equal(
    text,
    [
      '-- Moltres: compiled SQL (read-only preview; edit the .moltres file)',
      '-- source: orders.moltres, statement at line 5',
      '-- dialect: sqlite',
      '-- parameters:',
      "--   ?1 = 'it''s'",
      '--   ?2 = NULL',
      '',
      'SELECT * FROM "t" WHERE "a" = ? AND "b" = ?;',
      '',
    ].join('\n'),
  );
  const pg = formatSqlDocument({ sql: 'SELECT $1', parameters: [{ value: 5 }], dialect: 'postgresql' }, req);
  assert.match(pg, /--   \$1 = 5\n\nSELECT \$1;/);
});

test('command arguments, confirmation and error helpers', () => {
  const editor = { document: { uri: Uri.file('/w/a.moltres') }, selection: { active: { line: 3, character: 7 } } };
  assert.deepEqual(commandArgument(editor, { limit: 50, connection: '', dialect: undefined }), {
    uri: 'file:///w/a.moltres',
    position: { line: 3, character: 7 },
    limit: 50,
  });
  assert.ok(needsConfirmation({ needsConfirmation: true }));
  assert.ok(needsConfirmation({ code: -32001, message: 'x', data: { requiresConfirmation: true } }));
  assert.ok(!needsConfirmation({ rowCount: 1 }));
  assert.equal(errorMessage({ message: 'Request workspace/executeCommand failed with message: no such table: ordrs', data: { code: 'MOL6001' } }), 'no such table: ordrs [MOL6001]');
  assert.ok(isCancellation({ code: -32800 }));
  assert.ok(!isCancellation(new Error('x')));
});
