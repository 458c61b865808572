import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '@vigil/core';
import { scanFileSet } from '../scanFileSet.js';

async function redos(text: string, sources: 'default' | 'exports' = 'exports'): Promise<Finding[]> {
  const { findings, warnings } = await scanFileSet({ 'lib.js': text }, { sources });
  assert.deepEqual(warnings, []);
  return findings.filter((finding) => finding.ruleId === 'code/redos');
}

function lines(findings: readonly Finding[]): number[] {
  return findings
    .map((finding) => (finding.location.kind === 'file' ? finding.location.startLine : 0))
    .sort((a, b) => a - b);
}

test('an exponential literal applied to a parameter: reported at the method, with the flow', async () => {
  const findings = await redos(
    [
      'module.exports = function parse(body) {',
      '  const part = body.trim();',
      '  return /^(.*,)+(.+)?$/.test(part);',
      '};',
    ].join('\n'),
  );
  assert.equal(findings.length, 1);
  const [finding] = findings;
  assert.ok(finding?.location.kind === 'file');
  assert.equal(finding.location.startLine, 3);
  assert.equal(finding.location.startColumn, 26);
  assert.match(finding.message, /exponential backtracking in `\(\.\*,\)\+`/);
  assert.match(finding.message, /^parameter body of exported default reaches /);
  const flow = finding.flows?.[0] ?? [];
  assert.deepEqual(
    flow.map((step) => step.location.startLine),
    [1, 2, 3],
  );
  assert.equal(finding.severity, 'medium');
  assert.deepEqual(finding.cwe, ['CWE-1333', 'CWE-400']);
});

test('a polynomial search through a constant far above, on the line of `.replace(` in a chain', async () => {
  const findings = await redos(
    [
      'var TRAILING = /\\s+$/;',
      '',
      'function clean(text) {',
      '  return String(text)',
      '    .toLowerCase()',
      "    .replace(TRAILING, '');",
      '}',
      'module.exports = clean;',
    ].join('\n'),
  );
  assert.deepEqual(lines(findings), [6]);
  assert.match(
    findings[0]?.message ?? '',
    /polynomial time: the search retries `\\s\+` at every position/,
  );
  assert.match(findings[0]?.message ?? '', /pattern on line 1/);
});

test('anchored and linear patterns, and untainted strings, are not reported', async () => {
  const findings = await redos(
    [
      'const WORD = /^[a-z]+$/;',
      'exports.check = function (name, list) {',
      '  WORD.test(name);',
      "  name.replace(/^\\s+/, '');",
      '  name.split(/,/);',
      "  name.replace(/[<>&]/g, '');",
      "  'a fixed string   '.replace(/\\s+$/, '');",
      '  return /^(a+)+$/.test(list.length);',
      '};',
    ].join('\n'),
  );
  assert.deepEqual(lines(findings), []);
});

test('patterns from `new RegExp` of constants, object properties and tables of literals', async () => {
  const findings = await redos(
    [
      "const SPACE = ' \\\\t';",
      "const trailing = new RegExp('[' + SPACE + ']+$');",
      'function Parser() {}',
      "Parser.number = new RegExp(`^(\\\\d+)*${'x'}$`, 'i');",
      'const rules = { email: /^.+@.+\\..+$/, word: /^\\w+$/ };',
      'module.exports = function (text, kind) {',
      "  text.replace(trailing, '');",
      '  Parser.number.exec(text);',
      '  if (rules[kind].test(text)) return true;',
      "  return text.match('a+b');",
      '};',
    ].join('\n'),
  );
  assert.deepEqual(lines(findings), [7, 8, 9, 10]);
  const [, number, table] = findings;
  assert.match(number?.message ?? '', /\/\^\(\\d\+\)\*x\$\/i \(exponential/);
  assert.match(table?.message ?? '', /\^\.\+@\.\+/);
});

test('request data split by a search pattern in an Express handler', async () => {
  const findings = await redos(
    [
      "const express = require('express');",
      'const app = express();',
      "app.get('/', (req, res) => {",
      "  const tokens = (req.headers['if-none-match'] || '').split(/ *, */);",
      '  res.json(tokens);',
      '});',
    ].join('\n'),
    'default',
  );
  assert.deepEqual(lines(findings), [4]);
});

test('a length bound before the match is a sanitiser; a whole-string pattern test is not', async () => {
  const findings = await redos(
    [
      'exports.a = function (s) {',
      '  if (s.length > 256) return null;',
      '  return /^(\\w+\\s?)+$/.exec(s);',
      '};',
      'exports.b = function (s) {',
      '  if (MAX_LENGTH < s.length) throw new Error("too long");',
      '  return /^(\\w+\\s?)+$/.exec(s);',
      '};',
      'exports.c = function (s) {',
      '  if (!/^[\\w ]+$/.test(s)) return null;',
      '  return /^(\\w+\\s?)+$/.exec(s);',
      '};',
    ].join('\n'),
  );
  assert.deepEqual(lines(findings), [11]);
});

test('a pattern chosen in branches: the worst candidate is reported', async () => {
  const findings = await redos(
    [
      'module.exports = function (s, strict) {',
      '  let re = /^[a-z]+$/;',
      '  if (strict) re = /^([a-z]+)+$/;',
      '  return re.test(s);',
      '};',
    ].join('\n'),
  );
  assert.deepEqual(lines(findings), [4]);
  assert.match(findings[0]?.message ?? '', /exponential/);
});

test('a pattern joined from an array of constants, and one exported by another module', async () => {
  const { findings } = await scanFileSet(
    {
      'patterns.js': [
        'module.exports = /([a-z\\d])([A-Z]+)/g;',
        'module.exports.TRAILING = /[\\s.]+$/;',
      ].join('\n'),
      'index.js': [
        "const CAMEL = require('./patterns');",
        "const { TRAILING } = require('./patterns');",
        "const parts = ['[\\\\u001B\\\\u009B][[\\\\]()#;?]*', '(?:\\\\d+;?)*m'];",
        "const ANSI = new RegExp(parts.join('|'), 'g');",
        'module.exports = function (s) {',
        "  return s.replace(ANSI, '').replace(CAMEL, '$1 $2').replace(TRAILING, '');",
        '};',
      ].join('\n'),
    },
    { sources: 'exports' },
  );
  const messages = findings
    .filter((finding) => finding.ruleId === 'code/redos')
    .map((finding) => finding.message);
  assert.equal(messages.length, 2, messages.join('\n'));
  assert.ok(
    messages.some((message) => message.includes('exponential backtracking in `(?:\\d+;?)*`')),
  );
  assert.ok(
    messages.some((message) => /…\.replace\(…\) with .*pattern at patterns\.js:2/.test(message)),
  );
});

test('methods of an exported instance of a local constructor or class are library entry points', async () => {
  const findings = await redos(
    [
      'function Types() { this.types = {}; }',
      'Types.prototype.lookup = function (path) {',
      "  return this.types[path.replace(/.*[\\.\\/\\\\]/, '').toLowerCase()];",
      '};',
      'class Colors {',
      '  parse(text) { return /^rgb\\(\\s*(\\d+\\s*,?\\s*)+\\)$/.exec(text); }',
      '}',
      'module.exports = new Types();',
      'module.exports.colors = new Colors();',
    ].join('\n'),
  );
  assert.deepEqual(lines(findings), [3, 6]);
});

test('number formatting bounds the text: a pattern over `toExponential()` is not reported', async () => {
  const findings = await redos(
    [
      'module.exports = function (x) {',
      '  return x.toExponential().match(/^.\\.?(.*)e(.+)$/);',
      '};',
    ].join('\n'),
  );
  assert.deepEqual(lines(findings), []);
});
