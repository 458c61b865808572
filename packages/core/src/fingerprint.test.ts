import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fingerprint, sha256 } from './fingerprint.js';

const RULE = 'secrets/github-pat';
const PATH = 'src/config.ts';
const CONTENT = sha256('the value found');

test('the same rule, path and content always give the same 32-hex-digit fingerprint', () => {
  const first = fingerprint(RULE, PATH, CONTENT);
  assert.equal(fingerprint(RULE, PATH, CONTENT), first);
  assert.match(first, /^[0-9a-f]{32}$/);
});

test('a fixed input keeps a fixed fingerprint, so existing baselines stay valid', () => {
  // The first 32 hex digits of SHA-256("r\0p\0c").
  assert.equal(fingerprint('r', 'p', 'c'), '1fb73e5a5478b36eb5aa6045e45647cf');
});

test('the rule, the path and the content each change the fingerprint', () => {
  const base = fingerprint(RULE, PATH, CONTENT);
  const variants = [
    fingerprint('secrets/github-oauth-token', PATH, CONTENT),
    fingerprint(RULE, 'src/config.js', CONTENT),
    fingerprint(RULE, PATH, sha256('another value')),
  ];
  for (const variant of variants) assert.notEqual(variant, base);
  assert.equal(new Set(variants).size, variants.length);
});

test('fields are separated, so moving characters between them changes the fingerprint', () => {
  assert.notEqual(fingerprint('ab', 'c', 'd'), fingerprint('a', 'bc', 'd'));
  assert.notEqual(fingerprint('a', 'bc', 'd'), fingerprint('a', 'b', 'cd'));
});

test('line numbers cannot enter a fingerprint: it takes rule, path and content only', () => {
  assert.equal(fingerprint.length, 3);
});

test('sha256 is the full hex SHA-256 digest', () => {
  assert.equal(sha256(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.notEqual(sha256('a'), sha256('b'));
});
