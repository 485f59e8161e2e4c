#!/usr/bin/env node
'use strict';
// Generates syntaxes/moltres.tmLanguage.json from the name lists below.
// Run `node syntaxes/build-grammar.js` after editing; the tests check the JSON is up to date.
// The name lists mirror the Moltres API reference (API.md): §d for F functions, §b for DataFrame
// methods, §c for Column methods, §a.2 for Database methods.

const F_FUNCTIONS = {
  aggregate: ['sum', 'avg', 'min', 'max', 'count', 'count_distinct', 'stddev', 'variance', 'corr', 'covar',
    'percentile_cont', 'percentile_disc', 'collect_list', 'collect_set'],
  string: ['upper', 'lower', 'length', 'trim', 'ltrim', 'rtrim', 'substring', 'replace', 'concat', 'instr',
    'locate', 'lpad', 'rpad', 'initcap', 'regexp_replace', 'split', 'regexp_extract', 'translate'],
  math: ['round', 'floor', 'ceil', 'abs', 'sqrt', 'exp', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2',
    'log', 'log10', 'log2', 'sign', 'signum', 'hypot', 'pow', 'power'],
  datetime: ['year', 'month', 'day', 'hour', 'minute', 'second', 'dayofweek', 'dayofyear', 'quarter',
    'weekofyear', 'week', 'date_trunc', 'date_add', 'date_sub', 'datediff', 'months_between', 'last_day',
    'unix_timestamp', 'from_unixtime', 'current_date', 'current_timestamp', 'date_format', 'to_date',
    'to_timestamp', 'add_months'],
  window: ['row_number', 'rank', 'dense_rank', 'ntile', 'percent_rank', 'cume_dist', 'lag', 'lead',
    'first_value', 'last_value', 'nth_value'],
  array: ['array', 'array_length', 'array_max', 'array_min', 'array_contains', 'array_position',
    'array_append', 'array_prepend', 'array_remove', 'array_distinct', 'array_sum', 'array_sort'],
  json: ['json_extract', 'json_array_length', 'json_tuple', 'from_json', 'to_json'],
  conditional: ['when', 'coalesce', 'greatest', 'least', 'isnull', 'isnotnull', 'isnan', 'isinf'],
  subquery: ['scalar_subquery', 'exists', 'not_exists'],
  misc: ['lit', 'monotonically_increasing_id', 'explode', 'rand', 'randn', 'hash', 'md5', 'sha1', 'sha2',
    'base64', 'crc32', 'soundex'],
};

const DATAFRAME_METHODS = ['select', 'selectExpr', 'select_expr', 'with_column', 'withColumn', 'with_columns',
  'withColumns', 'with_column_renamed', 'withColumnRenamed', 'drop', 'where', 'filter', 'order_by', 'orderBy',
  'sort', 'limit', 'distinct', 'drop_duplicates', 'dropDuplicates', 'join', 'cross_join', 'crossJoin',
  'semi_join', 'anti_join', 'group_by', 'groupBy', 'agg', 'pivot', 'union', 'union_all', 'unionAll',
  'intersect', 'except_', 'cte', 'recursive_cte', 'explode', 'fillna', 'dropna', 'na', 'fill', 'sample',
  'select_for_update', 'select_for_share', 'describe', 'summary', 'collect', 'count', 'head', 'take', 'first',
  'tail', 'show', 'nunique', 'columns', 'dtypes', 'schema', 'print_schema', 'printSchema', 'write', 'mode',
  'save_as_table', 'saveAsTable', 'insertInto', 'insert_into', 'to_sql', 'show_sql', 'to_sqlalchemy',
  'polars', 'pandas', 'option', 'options', 'partition_by', 'bucket_by', 'sort_by', 'primary_key', 'csv',
  'json', 'jsonl', 'parquet', 'text', 'save', 'from_list', 'from_table'];

const COLUMN_METHODS = ['alias', 'cast', 'is_null', 'is_not_null', 'isin', 'between', 'like', 'ilike',
  'startswith', 'endswith', 'contains', 'asc', 'desc', 'over', 'otherwise', 'when', 'partitionBy', 'orderBy',
  'rowsBetween', 'rangeBetween'];

const DATABASE_METHODS = ['table', 'sql', 'execute_sql', 'insert', 'update', 'delete', 'merge', 'create_table',
  'drop_table', 'create_index', 'drop_index', 'transaction', 'is_in_transaction', 'get_transaction_status',
  'batch', 'get_table_names', 'get_view_names', 'get_columns', 'schema', 'tables', 'reflect', 'reflect_table',
  'show_tables', 'show_schema', 'explain', 'create_dataframe', 'createDataFrame', 'read', 'load', 'scan_csv',
  'scan_json', 'scan_jsonl', 'scan_parquet', 'scan_text', 'close', 'dialect', 'compile_plan', 'execute_plan'];

const TRANSACTION_METHODS = ['commit', 'rollback', 'savepoint', 'rollback_to_savepoint', 'release_savepoint',
  'is_active', 'is_readonly', 'isolation_level'];

// Python statements that a .moltres file may not use (the server reports them); highlighted as keywords.
const PYTHON_ONLY_KEYWORDS = ['def', 'class', 'for', 'while', 'if', 'elif', 'else', 'lambda', 'return', 'yield',
  'try', 'except', 'finally', 'raise', 'pass', 'break', 'continue', 'global', 'nonlocal', 'del', 'async',
  'await', 'assert'];

const ID = '[[:alpha:]_][[:alnum:]_]*';
const alt = (names) => [...new Set(names)].sort((a, b) => b.length - a.length || a.localeCompare(b)).join('|');
const allFunctions = Object.values(F_FUNCTIONS).flat();

const DIGITS = '[0-9](?:_?[0-9])*';
const EXPONENT = `[eE][+-]?${DIGITS}`;

function quoted(kind, quote, { triple = false, raw = false } = {}) {
  const q = quote === '"' ? '"' : "'";
  const delim = triple ? q.repeat(3) : q;
  const escaped = delim.replace(/"/g, '"');
  const rule = {
    name: `string.quoted.${kind}${triple ? '.block' : ''}${raw ? '.raw' : ''}.moltres`,
    begin: `(${raw ? '[rR][bBuU]?|[bBuU][rR]' : '[bBuU]?'})(${escaped})`,
    beginCaptures: {
      1: { name: 'storage.type.string.moltres' },
      2: { name: 'punctuation.definition.string.begin.moltres' },
    },
    end: triple ? `(${escaped})` : `(${escaped})|((?<!\\\\)\\n)`,
    endCaptures: triple
      ? { 1: { name: 'punctuation.definition.string.end.moltres' } }
      : { 1: { name: 'punctuation.definition.string.end.moltres' }, 2: { name: 'invalid.illegal.newline.moltres' } },
    patterns: [{ include: raw ? '#raw-string-content' : '#string-escape' }],
  };
  return rule;
}

// A string used as a name (col("amount"), db.table("orders")): one line, scoped as a string whose
// content is also the named thing.
function nameString(quote, nameScope) {
  const kind = quote === '"' ? 'double' : 'single';
  const body = quote === '"' ? '(?:[^"\\\\\\n]|\\\\.)*' : "(?:[^'\\\\\\n]|\\\\.)*";
  return {
    name: `string.quoted.${kind}.moltres`,
    match: `([rR]?)(${quote})(${body})(${quote})`,
    captures: {
      1: { name: 'storage.type.string.moltres' },
      2: { name: 'punctuation.definition.string.begin.moltres' },
      3: { name: nameScope },
      4: { name: 'punctuation.definition.string.end.moltres' },
    },
  };
}

function callWithName(begin, captures, metaName, nameScope) {
  return {
    name: metaName,
    begin,
    beginCaptures: captures,
    end: '\\)',
    endCaptures: { 0: { name: 'punctuation.parenthesis.end.moltres' } },
    patterns: [nameString('"', nameScope), nameString("'", nameScope), { include: '#arguments' }],
  };
}

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Moltres',
  scopeName: 'source.moltres',
  fileTypes: ['moltres'],
  patterns: [
    { include: '#comment' },
    { include: '#import' },
    { include: '#with-statement' },
    { include: '#binding' },
    { include: '#expression' },
  ],
  repository: {
    comment: {
      name: 'comment.line.number-sign.moltres',
      match: '(#).*$\\n?',
      captures: { 1: { name: 'punctuation.definition.comment.moltres' } },
    },
    import: {
      patterns: [
        {
          name: 'meta.statement.import.moltres',
          begin: `^\\s*(from)\\s+(\\.*${ID}(?:\\.${ID})*)\\s+(import)\\b`,
          beginCaptures: {
            1: { name: 'keyword.control.import.moltres' },
            2: { name: 'entity.name.namespace.moltres' },
            3: { name: 'keyword.control.import.moltres' },
          },
          end: '(?=#)|$',
          patterns: [
            { name: 'keyword.control.import.moltres', match: '\\bas\\b' },
            { name: 'punctuation.separator.element.moltres', match: ',' },
            { name: 'punctuation.parenthesis.moltres', match: '[()]' },
            { name: 'variable.other.imported.moltres', match: ID },
          ],
        },
        {
          name: 'meta.statement.import.moltres',
          match: `^\\s*(import)\\s+(${ID}(?:\\.${ID})*)(?:\\s+(as)\\s+(${ID}))?`,
          captures: {
            1: { name: 'keyword.control.import.moltres' },
            2: { name: 'entity.name.namespace.moltres' },
            3: { name: 'keyword.control.import.moltres' },
            4: { name: 'variable.other.imported.moltres' },
          },
        },
      ],
    },
    'with-statement': {
      name: 'meta.statement.with.moltres',
      begin: '^\\s*(with)\\b',
      beginCaptures: { 1: { name: 'keyword.control.with.moltres' } },
      end: '(:)\\s*(?=#|$)|(?=#)|$',
      endCaptures: { 1: { name: 'punctuation.section.block.begin.moltres' } },
      patterns: [
        {
          match: `\\b(as)\\s+(${ID})`,
          captures: { 1: { name: 'keyword.control.as.moltres' }, 2: { name: 'entity.name.variable.binding.moltres' } },
        },
        { include: '#expression' },
      ],
    },
    binding: {
      match: `^\\s*(${ID})\\s*(=)(?!=)`,
      captures: {
        1: { name: 'entity.name.variable.binding.moltres' },
        2: { name: 'keyword.operator.assignment.moltres' },
      },
    },
    expression: {
      patterns: [
        { include: '#comment' },
        { include: '#string' },
        { include: '#number' },
        { include: '#constant' },
        { include: '#keyword' },
        { include: '#column-call' },
        { include: '#lit-call' },
        { include: '#table-call' },
        { include: '#database' },
        { include: '#functions-namespace' },
        { include: '#builtin-class' },
        { include: '#method' },
        { include: '#builtin-function' },
        { include: '#group' },
        { include: '#operator' },
        { include: '#punctuation' },
        { include: '#identifier' },
      ],
    },
    arguments: {
      patterns: [
        { include: '#keyword-argument' },
        { include: '#expression' },
      ],
    },
    'keyword-argument': {
      match: `\\b(${ID})\\s*(=)(?!=)`,
      captures: {
        1: { name: 'variable.parameter.keyword.moltres' },
        2: { name: 'keyword.operator.assignment.moltres' },
      },
    },
    string: {
      patterns: [
        quoted('double', '"', { triple: true, raw: true }),
        quoted('single', "'", { triple: true, raw: true }),
        quoted('double', '"', { triple: true }),
        quoted('single', "'", { triple: true }),
        quoted('double', '"', { raw: true }),
        quoted('single', "'", { raw: true }),
        quoted('double', '"'),
        quoted('single', "'"),
      ],
    },
    'string-escape': {
      name: 'constant.character.escape.moltres',
      match: '\\\\(?:[\\\\\'"abfnrtv]|\\n|[0-7]{1,3}|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|N\\{[^}\\n]+\\})',
    },
    'raw-string-content': {
      // In a raw string a backslash escapes nothing but still keeps the next quote inside the string.
      match: '\\\\.',
    },
    number: {
      patterns: [
        { name: 'constant.numeric.hex.moltres', match: '\\b0[xX](?:_?[0-9A-Fa-f])+\\b' },
        { name: 'constant.numeric.binary.moltres', match: '\\b0[bB](?:_?[01])+\\b' },
        { name: 'constant.numeric.octal.moltres', match: '\\b0[oO](?:_?[0-7])+\\b' },
        {
          name: 'constant.numeric.float.moltres',
          match: `(?<![[:alnum:]_.])(?:${DIGITS}\\.(?:${DIGITS})?(?:${EXPONENT})?|\\.${DIGITS}(?:${EXPONENT})?|${DIGITS}${EXPONENT})(?![[:alnum:]_])`,
        },
        { name: 'constant.numeric.integer.decimal.moltres', match: `(?<![[:alnum:]_.])${DIGITS}(?![[:alnum:]_])` },
      ],
    },
    constant: {
      patterns: [
        { name: 'constant.language.boolean.moltres', match: '\\b(?:True|False)\\b' },
        { name: 'constant.language.null.moltres', match: '\\bNone\\b' },
      ],
    },
    keyword: {
      patterns: [
        { name: 'keyword.control.import.moltres', match: '\\b(?:from|import|as)\\b' },
        { name: 'keyword.control.with.moltres', match: '\\bwith\\b' },
        { name: 'keyword.operator.logical.python.moltres', match: '\\b(?:and|or|not|in|is)\\b' },
        { name: 'keyword.control.flow.python-only.moltres', match: `\\b(?:${alt(PYTHON_ONLY_KEYWORDS)})\\b` },
      ],
    },
    'column-call': callWithName(
      '\\b(col|column)\\s*(\\()',
      { 1: { name: 'support.function.column.moltres' }, 2: { name: 'punctuation.parenthesis.begin.moltres' } },
      'meta.function-call.column.moltres',
      'variable.other.column.moltres',
    ),
    'lit-call': {
      name: 'meta.function-call.literal.moltres',
      begin: '(?<!\\.)\\b(lit)\\s*(\\()',
      beginCaptures: {
        1: { name: 'support.function.literal.moltres' },
        2: { name: 'punctuation.parenthesis.begin.moltres' },
      },
      end: '\\)',
      endCaptures: { 0: { name: 'punctuation.parenthesis.end.moltres' } },
      patterns: [{ include: '#arguments' }],
    },
    'table-call': callWithName(
      '(\\.)\\s*(table)\\s*(\\()',
      {
        1: { name: 'punctuation.accessor.moltres' },
        2: { name: 'support.function.database.moltres' },
        3: { name: 'punctuation.parenthesis.begin.moltres' },
      },
      'meta.function-call.table.moltres',
      'entity.name.type.table.moltres',
    ),
    database: {
      patterns: [
        {
          match: `(?<=\\bdb)(\\.)\\s*(${alt(DATABASE_METHODS)})\\b`,
          captures: {
            1: { name: 'punctuation.accessor.moltres' },
            2: { name: 'support.function.database.moltres' },
          },
        },
        { name: 'support.variable.database.moltres', match: '\\bdb\\b' },
        { name: 'support.function.connect.moltres', match: '\\bconnect\\b(?=\\s*\\()' },
      ],
    },
    'functions-namespace': {
      patterns: [
        {
          match: `\\b(F)\\s*(\\.)\\s*(${alt(allFunctions)})\\b`,
          captures: {
            1: { name: 'support.module.functions.moltres' },
            2: { name: 'punctuation.accessor.moltres' },
            3: { name: 'support.function.builtin.moltres' },
          },
        },
        {
          match: `\\b(F)\\s*(\\.)\\s*(${ID})`,
          captures: {
            1: { name: 'support.module.functions.moltres' },
            2: { name: 'punctuation.accessor.moltres' },
            3: { name: 'invalid.illegal.unknown-function.moltres' },
          },
        },
        { name: 'support.module.functions.moltres', match: '\\bF\\b' },
      ],
    },
    'builtin-class': {
      name: 'support.class.moltres',
      match: '\\b(?:Window|Records)\\b',
    },
    method: {
      patterns: [
        {
          match: `(\\.)\\s*(${alt(TRANSACTION_METHODS)})\\b`,
          captures: {
            1: { name: 'punctuation.accessor.moltres' },
            2: { name: 'support.function.method.transaction.moltres' },
          },
        },
        {
          match: `(\\.)\\s*(${alt(DATAFRAME_METHODS)})\\b`,
          captures: {
            1: { name: 'punctuation.accessor.moltres' },
            2: { name: 'support.function.method.dataframe.moltres' },
          },
        },
        {
          match: `(\\.)\\s*(${alt(COLUMN_METHODS)})\\b`,
          captures: {
            1: { name: 'punctuation.accessor.moltres' },
            2: { name: 'support.function.method.column.moltres' },
          },
        },
        {
          match: `(\\.)\\s*(${ID})(?=\\s*\\()`,
          captures: {
            1: { name: 'punctuation.accessor.moltres' },
            2: { name: 'entity.name.function.method.moltres' },
          },
        },
        {
          match: `(\\.)\\s*(${ID})`,
          captures: {
            1: { name: 'punctuation.accessor.moltres' },
            2: { name: 'variable.other.property.moltres' },
          },
        },
      ],
    },
    'builtin-function': {
      name: 'support.function.builtin.moltres',
      match: `(?<!\\.)\\b(?:${alt(allFunctions)})\\b(?=\\s*\\()`,
    },
    group: {
      patterns: [
        {
          name: 'meta.group.parenthesis.moltres',
          begin: '\\(',
          beginCaptures: { 0: { name: 'punctuation.parenthesis.begin.moltres' } },
          end: '\\)',
          endCaptures: { 0: { name: 'punctuation.parenthesis.end.moltres' } },
          patterns: [{ include: '#arguments' }],
        },
        {
          name: 'meta.group.list.moltres',
          begin: '\\[',
          beginCaptures: { 0: { name: 'punctuation.definition.list.begin.moltres' } },
          end: '\\]',
          endCaptures: { 0: { name: 'punctuation.definition.list.end.moltres' } },
          patterns: [{ include: '#expression' }],
        },
        {
          name: 'meta.group.dict.moltres',
          begin: '\\{',
          beginCaptures: { 0: { name: 'punctuation.definition.dict.begin.moltres' } },
          end: '\\}',
          endCaptures: { 0: { name: 'punctuation.definition.dict.end.moltres' } },
          patterns: [{ include: '#expression' }],
        },
      ],
    },
    operator: {
      patterns: [
        { name: 'keyword.operator.arithmetic.moltres', match: '\\*\\*|//|[+\\-*/%]' },
        { name: 'keyword.operator.comparison.moltres', match: '==|!=|<=|>=|<|>' },
        { name: 'keyword.operator.logical.moltres', match: '[&|~]' },
        { name: 'keyword.operator.assignment.moltres', match: '=' },
      ],
    },
    punctuation: {
      patterns: [
        { name: 'punctuation.separator.element.moltres', match: ',' },
        { name: 'punctuation.separator.colon.moltres', match: ':' },
        { name: 'punctuation.accessor.moltres', match: '\\.' },
        { name: 'punctuation.parenthesis.end.moltres', match: '[)\\]}]' },
      ],
    },
    identifier: {
      name: 'variable.other.readwrite.moltres',
      match: ID,
    },
  },
};

module.exports = { grammar, F_FUNCTIONS, DATAFRAME_METHODS, COLUMN_METHODS, DATABASE_METHODS, TRANSACTION_METHODS };

if (require.main === module) {
  const path = require('path');
  const out = path.join(__dirname, 'moltres.tmLanguage.json');
  require('fs').writeFileSync(out, JSON.stringify(grammar, null, 2) + '\n');
  console.log(`wrote ${out} (${allFunctions.length} F functions)`);
}
