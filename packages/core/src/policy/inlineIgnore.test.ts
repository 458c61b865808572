import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findInlineIgnore, parseInlineIgnore, ruleMatches } from './inlineIgnore.js';

const RULE = 'secrets/github-pat';

test('a bare `vigil-ignore` names every rule and gives no reason', () => {
  assert.deepEqual(parseInlineIgnore('token = x // vigil-ignore'), { rules: [], reason: '' });
  assert.deepEqual(parseInlineIgnore('vigil-ignore'), { rules: [], reason: '' });
});

test('`vigil-ignore: a,b reason` names the rules and keeps the reason', () => {
  assert.deepEqual(parseInlineIgnore('x # vigil-ignore: github-pat,aws-access-key-id fixture'), {
    rules: ['github-pat', 'aws-access-key-id'],
    reason: 'fixture',
  });
  assert.deepEqual(parseInlineIgnore('x # vigil-ignore:a , secrets/b   revoked in 2024  '), {
    rules: ['a', 'secrets/b'],
    reason: 'revoked in 2024',
  });
});

test('a reason without a rule list suppresses every rule', () => {
  assert.deepEqual(parseInlineIgnore('x // vigil-ignore test data only'), {
    rules: [],
    reason: 'test data only',
  });
});

test('the directive is read in every comment style, without the comment closer', () => {
  const cases: [string, { rules: string[]; reason: string }][] = [
    [
      'const t = "…"; // vigil-ignore: github-pat example',
      { rules: ['github-pat'], reason: 'example' },
    ],
    ['TOKEN=… # vigil-ignore: github-pat example', { rules: ['github-pat'], reason: 'example' }],
    [
      't = "…"; /* vigil-ignore: github-pat example */',
      { rules: ['github-pat'], reason: 'example' },
    ],
    ['/* vigil-ignore */', { rules: [], reason: '' }],
    ['<!-- vigil-ignore: github-pat example -->', { rules: ['github-pat'], reason: 'example' }],
    ['<!--vigil-ignore-->', { rules: [], reason: '' }],
    ['{# vigil-ignore: github-pat example #}', { rules: ['github-pat'], reason: 'example' }],
    ['<%# vigil-ignore example %>', { rules: [], reason: 'example' }],
  ];
  for (const [line, expected] of cases) {
    assert.deepEqual(parseInlineIgnore(line), expected, line);
  }
});

test('a carriage return left by CRLF line endings is not part of the reason', () => {
  assert.deepEqual(parseInlineIgnore('x // vigil-ignore: github-pat revoked\r'), {
    rules: ['github-pat'],
    reason: 'revoked',
  });
});

test('lines without the directive give nothing', () => {
  for (const line of ['', 'token = x', '// vigil ignore', '# VIGIL-IGNORE', 'vigil_ignore']) {
    assert.equal(parseInlineIgnore(line), undefined, line);
  }
});

test('ruleMatches: the full id, or the id after the scanner prefix, never a partial name', () => {
  assert.ok(ruleMatches('secrets/github-pat', RULE));
  assert.ok(ruleMatches('github-pat', RULE));
  assert.ok(!ruleMatches('pat', RULE));
  assert.ok(!ruleMatches('github', RULE));
  assert.ok(!ruleMatches('deps/github-pat', RULE));
  assert.ok(!ruleMatches('secrets/github-pat-x', RULE));
});

test('ruleMatches: `scanner/*` names every rule of that scanner and no other', () => {
  assert.ok(ruleMatches('secrets/*', RULE));
  assert.ok(!ruleMatches('code/*', RULE));
  assert.ok(!ruleMatches('secret/*', RULE));
  assert.ok(!ruleMatches('*', RULE));
});

test('a directive on the finding line suppresses it', () => {
  const lines = ['one', 'token = x // vigil-ignore: github-pat fixture', 'three'];
  assert.deepEqual(findInlineIgnore(lines, 2, RULE), {
    rules: ['github-pat'],
    reason: 'fixture',
  });
});

test('a directive alone on the line above suppresses it; two lines above does not', () => {
  const lines = ['# vigil-ignore: github-pat fixture', 'token = x', 'other = y'];
  assert.deepEqual(findInlineIgnore(lines, 2, RULE), {
    rules: ['github-pat'],
    reason: 'fixture',
  });
  assert.equal(findInlineIgnore(lines, 3, RULE), undefined);
});

test('a directive below the finding does not suppress it', () => {
  assert.equal(findInlineIgnore(['token = x', '// vigil-ignore'], 1, RULE), undefined);
});

test('a rule list that does not name the rule does not suppress it', () => {
  const lines = ['token = x // vigil-ignore: aws-access-key-id, slack-token not this one'];
  assert.equal(findInlineIgnore(lines, 1, RULE), undefined);
  assert.ok(findInlineIgnore(lines, 1, 'secrets/slack-token'));
});

test('the line itself is checked before the line above', () => {
  const lines = ['// vigil-ignore: github-pat above', 'x // vigil-ignore: github-pat same line'];
  assert.equal(findInlineIgnore(lines, 2, RULE)?.reason, 'same line');
  // When the finding's own line does not name the rule, the line above still may.
  const mixed = ['// vigil-ignore: github-pat above', 'x // vigil-ignore: slack-token other'];
  assert.equal(findInlineIgnore(mixed, 2, RULE)?.reason, 'above');
});

test('line numbers outside the file find nothing and do not throw', () => {
  assert.equal(findInlineIgnore([], 1, RULE), undefined);
  assert.equal(findInlineIgnore(['// vigil-ignore'], 5, RULE), undefined);
  assert.equal(findInlineIgnore(['// vigil-ignore'], 0, RULE), undefined);
});

test('a trailing directive on the line above covers only that line, not the next one', () => {
  const lines = ['a = "first" // vigil-ignore', 'b = "second"'];
  assert.ok(findInlineIgnore(lines, 1, RULE));
  assert.equal(findInlineIgnore(lines, 2, RULE), undefined);
});

test('a word that merely starts with vigil-ignore is not a directive', () => {
  assert.equal(parseInlineIgnore('see docs/vigil-ignored-paths.md'), undefined);
});
