import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateNesting } from './estimateNesting.js';
import { isCodePath, parseSource } from './parseSource.js';

test('parses JS, JSX, TS, TSX, ESM and CommonJS', () => {
  const cases: [string, string][] = [
    ['a.js', "const x = require('x');\nmodule.exports = () => <div>{x}</div>;\n"],
    ['a.mjs', "import x from 'x';\nexport default x;\n"],
    ['a.cjs', "'use strict';\nreturn;\n"],
    ['a.ts', 'const n: number = 1;\nexport function f<T>(a: T): T { return a; }\n'],
    ['a.tsx', 'export const C = (p: { n: string }) => <b>{p.n}</b>;\n'],
  ];
  for (const [path, text] of cases) {
    assert.equal(parseSource(path, text).kind, 'parsed', path);
  }
});

test('a syntax error gives the position of the first error', () => {
  const outcome = parseSource('bad.js', 'const a = 1;\nfoo(`x${a}` + ;\n');
  assert.deepEqual(outcome.kind === 'error' && [outcome.line, outcome.column > 1], [2, true]);
});

test('truncated, binary and empty input never throws', () => {
  const source = "app.get('/', (req, res) => { res.send(`<p>${req.query.q}</p>`); });\n";
  for (let cut = 0; cut < source.length; cut += 7) {
    const outcome = parseSource('cut.js', source.slice(0, cut));
    assert.ok(['parsed', 'error'].includes(outcome.kind));
  }
  assert.ok(
    ['parsed', 'error'].includes(parseSource('bin.js', '\u0000\uFFFD\u0001'.repeat(100)).kind),
  );
  assert.equal(parseSource('empty.ts', '').kind, 'parsed');
});

test('minified, oversized and deeply nested files are skipped with the reason', () => {
  const long = parseSource('bundle.min.js', `var a=${'1+'.repeat(6000)}1;`);
  assert.equal(long.kind === 'skipped' && long.reason, 'line-length');
  const big = parseSource('big.js', 'x = 1;\n'.repeat(200_000));
  assert.equal(big.kind === 'skipped' && big.reason, 'size');
  // these overflow oxc-parser's native stack (SIGSEGV) when handed to it
  for (const text of [
    `x = ${'('.repeat(9000)}1${')'.repeat(9000)};`,
    `x = ${'[\n'.repeat(20_000)}`,
    `y = ${'a ?\nb :\n'.repeat(9000)}1;`,
    `${'a =\n'.repeat(9000)}1;`,
    `x = \`${'${`'.repeat(5000)}`,
  ]) {
    const outcome = parseSource('deep.js', text, {
      maxBytes: 10_000_000,
      maxLineLength: 10_000_000,
      maxNesting: 1500,
    });
    assert.equal(outcome.kind === 'skipped' && outcome.reason, 'nesting', text.slice(0, 20));
  }
});

test('estimateNesting ignores brackets in strings and comments, resets at commas', () => {
  assert.equal(estimateNesting('"(((((" // ((((\n/* [[[[ */ `((( ${a} (((`'), 1);
  assert.ok(estimateNesting('f(a, b, c, d, e, f, g)') <= 2);
  assert.ok(estimateNesting('[' + '1, '.repeat(10_000) + ']') < 5);
  assert.ok(estimateNesting('(((((x)))))') >= 5);
});

test('isCodePath: sources yes, declaration files no', () => {
  for (const path of ['a.js', 'b/c.tsx', 'd.mjs', 'e.cts', 'f.jsx'])
    assert.ok(isCodePath(path), path);
  for (const path of ['a.d.ts', 'b.json', 'c.md', 'd.d.mts']) assert.ok(!isCodePath(path), path);
});
