import { test } from 'node:test';
import assert from 'node:assert/strict';
import { superLinearRegex } from './superLinearRegex.js';

test('nested quantifiers that match the same text backtrack exponentially', () => {
  const result = superLinearRegex('^(.*,)+(.+)?$', '');
  assert.equal(result?.complexity, 'exponential');
  assert.equal(result.cause, 'nested');
  assert.equal(result.quantifier, '(.*,)+');
  assert.deepEqual([result.start, result.end], [1, 7]);
  assert.equal(result.character, ',');
  assert.equal(superLinearRegex('^(a+)+$', '')?.complexity, 'exponential');
});

test('two quantifiers trading characters in one attempt backtrack polynomially', () => {
  const result = superLinearRegex('^.+@.+\\..+$', '');
  assert.equal(result?.complexity, 'polynomial');
  assert.equal(result.cause, 'adjacent');
  assert.equal(result.quantifier, '.+@.+');
});

test('an unanchored search retried at every position is polynomial; anchors and sticky stop it', () => {
  const trailing = superLinearRegex('\\s+$', '');
  assert.equal(trailing?.complexity, 'polynomial');
  assert.equal(trailing.cause, 'search');
  assert.equal(trailing.quantifier, '\\s+');
  assert.equal(superLinearRegex(' *, *', '')?.cause, 'search');
  assert.equal(superLinearRegex('^\\s+', ''), undefined);
  assert.equal(superLinearRegex('\\s+$', 'y'), undefined);
  // with `m`, `^` matches after every line break: no longer an anchor for the whole input
  assert.equal(superLinearRegex('^\\s+b', 'm')?.cause, 'search');
});

test('linear patterns are not reported', () => {
  for (const pattern of [
    '^[a-z]+$',
    '\\d+',
    '[^\\w]+',
    '^\\s*$',
    '\\$\\{([^}]+)\\}',
    '^[\\w.+-]+@[\\w-]+\\.[\\w.-]+$',
  ]) {
    assert.equal(superLinearRegex(pattern, 'g'), undefined, pattern);
  }
});

test('patterns that do not parse, unknown flags and huge patterns give no verdict, never a throw', () => {
  assert.equal(superLinearRegex('(a+', ''), undefined);
  assert.equal(superLinearRegex('a+)', ''), undefined);
  assert.equal(superLinearRegex('(a+)+', 'Q'), undefined);
  assert.equal(superLinearRegex('\\p{Nope}+', 'u'), undefined);
  assert.equal(superLinearRegex(`(?:${'a'.repeat(30_000)})+x+x+$`, ''), undefined);
  assert.equal(superLinearRegex('', ''), undefined);
});

test('patterns too costly to analyse (deep nesting, many quantifiers) are skipped at once', () => {
  const started = performance.now();
  assert.equal(superLinearRegex(`${'('.repeat(40)}a*${')*'.repeat(40)}`, ''), undefined);
  assert.equal(superLinearRegex('[a-z]*x?'.repeat(160), ''), undefined);
  assert.equal(superLinearRegex(`(a+)${'\\1*'.repeat(500)}`, ''), undefined);
  assert.ok(performance.now() - started < 1_000);
  // escaped parentheses and classes are neither groups nor quantifiers
  assert.equal(
    superLinearRegex(`${'\\('.repeat(40)}[(*+?]${'\\)'.repeat(40)}(a+)+$`, '')?.complexity,
    'exponential',
  );
});

test('a long generated character class is analysed quickly, and verdicts are cached per flags', () => {
  const ranges = Array.from(
    { length: 2000 },
    (_, i) => `\\u${(0x100 + i * 4).toString(16).padStart(4, '0')}`,
  ).join('');
  const pattern = `([${ranges}])([A-Z][a-z])`;
  const started = performance.now();
  superLinearRegex(pattern, 'g');
  assert.ok(performance.now() - started < 2_000);
  const first = superLinearRegex('^(\\d+)*x$', '');
  assert.equal(first?.complexity, 'exponential');
  assert.equal(superLinearRegex('^(\\d+)*x$', ''), first);
  assert.equal(superLinearRegex('^(\\d+)*x$', 'y')?.complexity, 'exponential');
});

test('a repeated bounded repetition with a suffix that can fail is exponential (scslre misses it)', () => {
  const email = superLinearRegex(
    '^([a-zA-Z0-9_.+-])+@(([a-zA-Z0-9-])+\\.)+([a-zA-Z0-9]{2,4})+$',
    '',
  );
  assert.equal(email?.complexity, 'exponential');
  assert.equal(email.cause, 'nested');
  assert.equal(email.quantifier, '([a-zA-Z0-9]{2,4})+');
  assert.equal(email.character, 'a');
  assert.equal(superLinearRegex('^(?:\\d{1,3})+x', '')?.character, '1');
  assert.equal(superLinearRegex('^(\\s{1,2})+;', '')?.character, ' ');
  // one way to split a run (fixed count), or nothing after the repetition that could fail
  assert.equal(superLinearRegex('^([a-z]{3})+$', ''), undefined);
  assert.equal(superLinearRegex('^([a-z]{2,4})+', ''), undefined);
  // a body of more than one bounded repetition is left to scslre
  assert.equal(superLinearRegex('^(?:a{1,2}b)+$', ''), undefined);
});
