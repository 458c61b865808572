import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingLines } from './findingLines.test.support.js';
import { scanFileSet } from './scanFileSet.js';

test('a flow across files: route → helper module → sink, with every step in the path', async () => {
  const { findings, warnings } = await scanFileSet({
    'src/routes/users.ts': [
      "import { Router } from 'express';",
      "import { findUser } from '../db/users.js';",
      'const router = Router();',
      "router.get('/users/:id', async (req, res) => {",
      '  const user = await findUser(req.params.id);',
      '  res.json(user);',
      '});',
      'export default router;',
    ].join('\n'),
    'src/db/users.ts': [
      "import { pool } from './pool.js';",
      'export async function findUser(id: string) {',
      '  const sql = `SELECT * FROM users WHERE id = ${id}`;',
      '  return pool.query(sql);',
      '}',
    ].join('\n'),
    'src/db/pool.ts': "import pg from 'pg';\nexport const pool = new pg.Pool();\n",
  });
  assert.deepEqual(warnings, []);
  assert.deepEqual(findingLines(findings), ['code/sql-injection src/db/users.ts:4']);
  const [finding] = findings;
  const [flow] = finding?.flows ?? [];
  assert.ok(flow);
  assert.deepEqual(
    flow.map((step) => `${step.location.path}:${String(step.location.startLine)}`),
    [
      'src/routes/users.ts:5',
      'src/routes/users.ts:5',
      'src/db/users.ts:2',
      'src/db/users.ts:3',
      'src/db/users.ts:4',
    ],
  );
  assert.equal(flow[0]?.message, 'untrusted input: req.params.id');
  assert.match(flow[flow.length - 1]?.message ?? '', /reaches pool\.query/);
  assert.equal(finding?.confidence, 'medium');
});

test('CommonJS modules, a returned taint across files, and circular imports terminate', async () => {
  const { findings } = await scanFileSet({
    'a.js': [
      "const b = require('./b');",
      "const { exec } = require('child_process');",
      'exports.run = function (req) { exec(b.command(req.query.cmd)); };',
      'exports.echo = function (x) { return b.echo(x); };',
    ].join('\n'),
    'b.js': [
      "const a = require('./a');",
      "module.exports = { command: (c) => 'git ' + c, echo: (x) => a.echo(x) };",
    ].join('\n'),
  });
  assert.deepEqual(findingLines(findings), ['code/command-injection a.js:3']);
});

test('library mode: parameters of exported functions are sources', async () => {
  const files = {
    'index.js': [
      "const { execSync } = require('child_process');",
      'function run(dir) { return execSync(`ls ${dir}`); }',
      'module.exports = { list: run };',
    ].join('\n'),
  };
  assert.deepEqual(findingLines((await scanFileSet(files)).findings), []);
  assert.deepEqual(findingLines((await scanFileSet(files, { sources: 'exports' })).findings), [
    'code/command-injection index.js:2',
  ]);
});

test('library mode: exports read after the module ran, and prototype methods of constructors', async () => {
  const { findings } = await scanFileSet(
    {
      'pointer.js': [
        'module.exports = api;',
        'function api(obj, pointer, value) { return api.set(obj, pointer, value); }',
        'api.set = function set(obj, pointer, value) {',
        "  const tokens = pointer.split('/');",
        '  for (let i = 0; i < tokens.length - 1; i++) obj = obj[tokens[i]];',
        '  obj[tokens[tokens.length - 1]] = value;',
        '};',
      ].join('\n'),
      'stat.js': [
        "const cp = require('child_process');",
        'function Stat() {}',
        "Stat.prototype.free = function (path) { cp.exec('df ' + path); };",
        'module.exports = Stat;',
      ].join('\n'),
    },
    { sources: 'exports' },
  );
  assert.deepEqual(findingLines(findings), [
    'code/command-injection stat.js:3',
    'code/prototype-pollution pointer.js:6',
  ]);
});

test('an iteration callback is a loop body: a path walked in forEach pollutes prototypes', async () => {
  const { findings } = await scanFileSet(
    {
      'set.js': [
        'module.exports.set = function (obj, path, value) {',
        "  const parts = path.split('.');",
        '  parts.forEach(function (part, index) {',
        '    if (index === parts.length - 1) obj[part] = value;',
        '    obj = obj[part];',
        '  });',
        '};',
      ].join('\n'),
    },
    { sources: 'exports' },
  );
  assert.deepEqual(findingLines(findings), ['code/prototype-pollution set.js:4']);
});

test('a function that passes itself on as a callback is analysed once per call chain', async () => {
  // each level passes itself on twice: re-running it per callback would take 2^depth runs
  const body = [
    "const fs = require('fs');",
    'function step(self, index, done) {',
    '  fs.read(self.fd, function () {',
    '    if (index) setImmediate(step, self, index - 1, done);',
    '    else fs.write(self.fd, function () { setImmediate(step, self, 0, done); });',
    '    setImmediate(step, self, index + 1, done);',
    '  });',
    '}',
    'module.exports = step;',
  ].join('\n');
  const started = performance.now();
  const { findings } = await scanFileSet({ 'step.js': body }, { sources: 'exports' });
  assert.deepEqual(findingLines(findings), []);
  assert.ok(performance.now() - started < 2_000, 'finishes quickly');
});

test('a recursive merge and a dot-path setter pollute prototypes in library mode', async () => {
  const { findings } = await scanFileSet(
    {
      'merge.js': [
        'function merge(target, source) {',
        '  for (const key in source) {',
        "    if (typeof source[key] === 'object') merge(target[key], source[key]);",
        '    else target[key] = source[key];',
        '  }',
        '  return target;',
        '}',
        'module.exports = merge;',
      ].join('\n'),
      'set.js': [
        'export function setPath(obj, path, value) {',
        "  const parts = path.split('.');",
        '  let current = obj;',
        '  for (let i = 0; i < parts.length - 1; i++) current = current[parts[i]];',
        '  current[parts[parts.length - 1]] = value;',
        '}',
      ].join('\n'),
      'safe.js': [
        'export function merge(target, source) {',
        '  for (const key of Object.keys(source)) {',
        "    if (key === '__proto__' || key === 'constructor') continue;",
        "    if (typeof source[key] === 'object') merge(target[key], source[key]);",
        '    else target[key] = source[key];',
        '  }',
        '}',
      ].join('\n'),
    },
    { sources: 'exports' },
  );
  assert.deepEqual(findingLines(findings), [
    'code/prototype-pollution merge.js:4',
    'code/prototype-pollution set.js:5',
  ]);
});

test('user-declared sanitisers clean values', async () => {
  const files = {
    'app.js': [
      "const { exec } = require('child_process');",
      "app.get('/', (req, res) => exec('ls ' + shellSafe(req.query.dir)));",
    ].join('\n'),
  };
  assert.equal((await scanFileSet(files)).findings.length, 1);
  assert.equal((await scanFileSet(files, { sanitizers: ['shellSafe'] })).findings.length, 0);
});

test('hostile input: syntax errors warn with the position, deep nesting and huge files never crash', async () => {
  const deepBlocks = `app.get('/', (req, res) => {${'{'.repeat(1400)} eval(req.query.x); ${'}'.repeat(1400)}});`;
  const deepCalls = `const v = ${'f('.repeat(1400)}req.query.x${')'.repeat(1400)};`;
  const deepArrows = `const g = ${'() => '.repeat(700)}1;`;
  const deepIfs = `function h(req) { ${'if (a) '.repeat(1400)} eval(req.body); }`;
  const { findings, warnings } = await scanFileSet({
    'broken.js': 'const a = ;\n',
    'deep1.js': deepBlocks,
    'deep2.js': deepCalls,
    'deep3.js': deepArrows,
    'deep4.js': deepIfs,
    'bundle.min.js': `var a=${'1+'.repeat(10_000)}1;`,
    'too-deep.js': `x = ${'('.repeat(20_000)}1${')'.repeat(20_000)};`,
  });
  assert.ok(Array.isArray(findings));
  const parseError = warnings.find((warning) => warning.code === 'CODE_PARSE_ERROR');
  assert.equal(parseError?.path, 'broken.js');
  assert.equal(parseError.line, 1);
  const skipped = warnings.find((warning) => warning.code === 'CODE_FILES_SKIPPED');
  assert.match(skipped?.message ?? '', /^2 JavaScript\/TypeScript files not analysed/);
  assert.match(skipped?.message ?? '', /bundle\.min\.js/);
  assert.match(skipped?.message ?? '', /too-deep\.js/);
});

test('a sink in a helper module reached from several importers is one finding', async () => {
  const { findings } = await scanFileSet(
    {
      'helper.js': [
        "const { exec } = require('child_process');",
        'module.exports = function run(command) { return exec(command); };',
      ].join('\n'),
      'a.js': "const run = require('./helper');\nexports.a = (x) => run('ls ' + x);",
      'b.js': "const run = require('./helper');\nexports.b = (y) => run('cat ' + y);",
    },
    { sources: 'exports' },
  );
  assert.deepEqual(findingLines(findings), ['code/command-injection helper.js:2']);
});
