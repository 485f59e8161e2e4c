'use strict';
// package.json is consistent with the code: commands, settings, activation, grammar, language
// configuration, files it names.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributes = pkg.contributes;
const codeFiles = ['extension.js', ...fs.readdirSync(path.join(root, 'src')).map((f) => path.join('src', f))].filter((f) => f.endsWith('.js'));
const code = Object.fromEntries(codeFiles.map((f) => [f, fs.readFileSync(path.join(root, f), 'utf8')]));
const allCode = Object.values(code).join('\n');

const contributed = new Set(contributes.commands.map((c) => c.command));
const { COMMANDS } = require('../src/commands');
const { SETTING_DEFAULTS } = require('../src/config');

test('package.json has the marketplace fields and the one dependency', () => {
  for (const key of ['name', 'displayName', 'description', 'version', 'publisher', 'license', 'repository', 'categories', 'keywords', 'icon', 'main', 'engines']) {
    assert.ok(pkg[key], `package.json has ${key}`);
  }
  assert.deepEqual(Object.keys(pkg.dependencies), ['vscode-languageclient']);
  assert.equal(pkg.dependencies['vscode-languageclient'], '^9.0.1');
  assert.match(pkg.engines.vscode, /^\^1\.(\d+)\.\d+$/);
  assert.ok(Number(/^\^1\.(\d+)/.exec(pkg.engines.vscode)[1]) >= 82, 'vscode-languageclient 9 needs VS Code 1.82+');
  assert.ok(fs.existsSync(path.join(root, pkg.main)), 'main exists');
  assert.ok(fs.existsSync(path.join(root, pkg.icon)), 'icon exists');
  assert.match(pkg.icon, /\.png$/, 'the marketplace icon must be a PNG');
  assert.ok(fs.existsSync(path.join(root, 'LICENSE')));
  assert.ok(fs.existsSync(path.join(root, 'README.md')));
  assert.ok(fs.existsSync(path.join(root, 'CHANGELOG.md')));
});

test('every contributed command is registered by the code, and every registered command is contributed', () => {
  const registered = new Set(Object.values(COMMANDS));
  assert.deepEqual([...contributed].sort(), [...registered].sort());
  for (const c of contributes.commands) {
    assert.ok(c.title && c.category === 'Moltres', `${c.command} has a title and the Moltres category`);
    assert.match(c.icon, /^\$\([a-z-]+\)$/, `${c.command} has a codicon`);
  }
});

test('every moltres.* command id that appears in the code is contributed', () => {
  const ids = new Set();
  for (const m of allCode.matchAll(/['"`](moltres\.[A-Za-z]+)['"`]/g)) ids.add(m[1]);
  const notCommands = new Set(['moltres.results', 'moltres.activeConnection', 'moltres.serverRunning', 'moltres.connection', 'moltres.connections', 'moltres.server.path', 'moltres.toml']);
  for (const id of ids) {
    if (notCommands.has(id)) continue;
    assert.ok(contributed.has(id), `${id} used in code is contributed`);
  }
});

test('keybindings and menus name contributed commands; Ctrl/Cmd+Enter runs the statement, Ctrl/Cmd+Shift+Enter the file', () => {
  for (const k of contributes.keybindings) {
    assert.ok(contributed.has(k.command), `keybinding ${k.key} → ${k.command} is contributed`);
    assert.match(k.when, /editorLangId == moltres/);
  }
  const run = contributes.keybindings.find((k) => k.command === 'moltres.runQuery');
  assert.equal(run.key, 'ctrl+enter');
  assert.equal(run.mac, 'cmd+enter');
  const file = contributes.keybindings.find((k) => k.command === 'moltres.runFile');
  assert.equal(file.key, 'ctrl+shift+enter');
  assert.equal(file.mac, 'cmd+shift+enter');
  for (const [menu, entries] of Object.entries(contributes.menus)) {
    for (const e of entries) assert.ok(contributed.has(e.command), `${menu}: ${e.command} is contributed`);
  }
  const palette = new Set(contributes.menus.commandPalette.map((e) => e.command));
  for (const id of contributed) assert.ok(palette.has(id), `${id} has a command palette when clause`);
});

test('when clauses use only known context keys, and the extension sets its own', () => {
  const known = new Set(['editorLangId', 'resourceLangId', 'editorTextFocus', 'moltres.serverRunning']);
  const clauses = [
    ...contributes.keybindings.map((k) => k.when),
    ...Object.values(contributes.menus).flat().map((e) => e.when),
  ].filter(Boolean);
  for (const w of clauses) {
    for (const m of w.matchAll(/[A-Za-z][\w.]*(?=\s*(==|!=|&&|\|\||$))/g)) {
      if (m[0] === 'moltres') continue; // the value in "== moltres"
      assert.ok(known.has(m[0]), `unknown context key ${m[0]} in "${w}"`);
    }
  }
  assert.match(allCode, /'setContext', 'moltres\.serverRunning'/);
});

test('every setting the code reads is declared, and every declared setting is read', () => {
  const declared = new Set(Object.keys(contributes.configuration.properties));
  const read = new Set();
  for (const [file, text] of Object.entries(code)) {
    for (const m of text.matchAll(/\bcfg\.get\(\s*'([^']+)'/g)) read.add(`moltres.${m[1]}`);
    for (const m of text.matchAll(/getConfiguration\(\s*'moltres'\s*\)\.get\(\s*'([^']+)'/g)) read.add(`moltres.${m[1]}`);
    assert.doesNotMatch(text, /getConfiguration\(\s*'(?!moltres')/, `${file} reads only the moltres section`);
  }
  for (const key of Object.keys(SETTING_DEFAULTS)) read.add(`moltres.${key}`);
  for (const key of read) assert.ok(declared.has(key), `${key} is read in code but not declared`);
  for (const key of declared) assert.ok(read.has(key), `${key} is declared but never read`);
  for (const key of ['moltres.server.path', 'moltres.connections', 'moltres.defaultConnection', 'moltres.preview.rowLimit', 'moltres.query.timeoutSeconds', 'moltres.allowWrites', 'moltres.trace.server']) {
    assert.ok(declared.has(key), `${key} declared`);
    const p = contributes.configuration.properties[key];
    assert.ok(p.description || p.markdownDescription, `${key} is described`);
    assert.deepEqual(SETTING_DEFAULTS[key.slice('moltres.'.length)], p.default, `${key}: the code's default equals the declared default`);
  }
  assert.deepEqual(contributes.configuration.properties['moltres.trace.server'].enum, ['off', 'messages', 'verbose']);
});

test('activation events match the contributions', () => {
  const languages = contributes.languages.map((l) => l.id);
  assert.deepEqual(languages, ['moltres']);
  assert.deepEqual(pkg.activationEvents.sort(), ['onLanguage:moltres', 'workspaceContains:**/moltres.toml']);
  for (const e of pkg.activationEvents) {
    const m = /^onLanguage:(.+)$/.exec(e);
    if (m) assert.ok(languages.includes(m[1]), `${e} names a contributed language`);
  }
  // Contributed commands activate the extension by themselves on VS Code 1.74+ (no onCommand needed).
  assert.ok(!pkg.activationEvents.some((e) => e.startsWith('onCommand:')));
  assert.match(allCode, /language: 'moltres'/, 'the client\'s document selector names the language');
});

test('the grammar contribution matches the grammar file and the language', () => {
  const [g] = contributes.grammars;
  assert.equal(g.language, 'moltres');
  assert.equal(g.scopeName, 'source.moltres');
  const grammar = JSON.parse(fs.readFileSync(path.join(root, g.path), 'utf8'));
  assert.equal(grammar.scopeName, g.scopeName);
  // every scope name ends with the language id
  const names = [];
  (function walk(x) {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) {
        if ((k === 'name' || k === 'contentName') && typeof v === 'string') names.push(v);
        else walk(v);
      }
    }
  })(grammar.repository);
  assert.ok(names.length > 50);
  for (const n of names) for (const s of n.split(' ')) assert.match(s, /\.moltres$/, `scope ${s} ends with .moltres`);
  // includes resolve
  const text = JSON.stringify(grammar);
  for (const m of text.matchAll(/"include":"#([^"]+)"/g)) assert.ok(grammar.repository[m[1]], `#${m[1]} exists`);
});

test('the grammar JSON is what syntaxes/build-grammar.js generates', () => {
  const { grammar } = require('../syntaxes/build-grammar');
  const onDisk = JSON.parse(fs.readFileSync(path.join(root, 'syntaxes', 'moltres.tmLanguage.json'), 'utf8'));
  assert.deepEqual(onDisk, JSON.parse(JSON.stringify(grammar)), 'run: node syntaxes/build-grammar.js');
});

test('the grammar knows all 129 F functions of the API reference', () => {
  const { F_FUNCTIONS } = require('../syntaxes/build-grammar');
  const all = Object.values(F_FUNCTIONS).flat();
  assert.equal(all.length, 129);
  assert.equal(new Set(all).size, 129);
  const counts = Object.fromEntries(Object.entries(F_FUNCTIONS).map(([k, v]) => [k, v.length]));
  assert.deepEqual(counts, { aggregate: 14, string: 18, math: 21, datetime: 25, window: 11, array: 12, json: 5, conditional: 8, subquery: 3, misc: 12 });
});

test('the language configuration parses and its patterns compile', () => {
  const lang = contributes.languages[0];
  assert.deepEqual(lang.extensions, ['.moltres']);
  const conf = JSON.parse(fs.readFileSync(path.join(root, lang.configuration), 'utf8'));
  assert.equal(conf.comments.lineComment, '#');
  assert.deepEqual(conf.brackets, [['{', '}'], ['[', ']'], ['(', ')']]);
  const opens = conf.autoClosingPairs.map((p) => p.open);
  for (const o of ['(', '[', '{', '"', "'", '"""']) assert.ok(opens.includes(o), `auto-closes ${o}`);
  const surround = conf.surroundingPairs.map((p) => p[0]);
  for (const o of ['(', '[', '{', '"', "'"]) assert.ok(surround.includes(o), `surrounds with ${o}`);
  const increase = new RegExp(conf.indentationRules.increaseIndentPattern);
  assert.ok(increase.test('with db.transaction() as txn:'));
  assert.ok(increase.test('    with db.transaction(savepoint=True) as inner:  # nested'));
  assert.ok(!increase.test('db.table("orders").select()'));
  new RegExp(conf.indentationRules.decreaseIndentPattern);
  new RegExp(conf.onEnterRules[0].beforeText);
  const word = new RegExp(conf.wordPattern, 'g');
  assert.deepEqual('col("amount") > 1.5'.match(word), ['col', 'amount', '1.5']);
  assert.ok(new RegExp(conf.folding.markers.start).test('# region totals'));
  assert.ok(new RegExp(conf.folding.markers.end).test('  # endregion'));
  assert.equal(conf.folding.offSide, true);
});

test('.vscodeignore keeps tests and sources of generated files out of the package', () => {
  const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split(/\r?\n/);
  for (const p of ['test/**', 'syntaxes/build-grammar.js']) assert.ok(ignore.includes(p), `.vscodeignore has ${p}`);
  assert.ok(!ignore.some((l) => /^(media|src|syntaxes)\/\*\*$/.test(l)), 'runtime folders are packaged');
});

test('the README documents every command, keybinding and setting', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  for (const c of contributes.commands) {
    assert.ok(readme.includes(c.title), `README mentions "${c.title}"`);
    assert.ok(readme.includes(c.command), `README mentions ${c.command}`);
  }
  for (const key of Object.keys(contributes.configuration.properties)) assert.ok(readme.includes(key), `README mentions ${key}`);
  assert.match(readme, /Ctrl\+Enter/);
  assert.match(readme, /npx @vscode\/vsce package/);
});

test('snippets and editor defaults for the language', () => {
  const [s] = contributes.snippets;
  assert.equal(s.language, 'moltres');
  const snippets = JSON.parse(fs.readFileSync(path.join(root, s.path), 'utf8'));
  for (const [name, snip] of Object.entries(snippets)) {
    assert.ok(snip.prefix && Array.isArray(snip.body) && snip.description, `snippet ${name} is complete`);
  }
  const defaults = contributes.configurationDefaults['[moltres]'];
  assert.equal(defaults['editor.tabSize'], 4);
  assert.equal(defaults['editor.semanticHighlighting.enabled'], true, "the server's semantic tokens refine the grammar");
});
