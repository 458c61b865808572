import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactSecret } from './redact.js';

test('a long secret shows its first four characters and its length', () => {
  // Assembled at run time so the file holds nothing token-shaped.
  assert.deepEqual(redactSecret(['ghp', 'R3n9xQ2mKcL7vT8pW4sY6dF1gH5jZ0abcdef'].join('_')), {
    redacted: 'ghp_…',
    length: 40,
  });
});

test('short secrets show at most a quarter of their characters', () => {
  const cases: [string, string][] = [
    ['', '…'],
    ['a', '…'],
    ['abc', '…'],
    ['abcd', 'a…'],
    ['abcdefg', 'a…'],
    ['abcdefgh', 'ab…'],
    ['abcdefghijkl', 'abc…'],
    ['abcdefghijklmnop', 'abcd…'],
  ];
  for (const [secret, redacted] of cases) {
    assert.deepEqual(redactSecret(secret), { redacted, length: secret.length }, secret);
  }
});

test('no length reveals more than four characters nor more than a quarter of the value', () => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let length = 0; length <= 200; length++) {
    const secret = Array.from({ length }, (_, i) => alphabet.charAt((i * 7) % 62)).join('');
    const { redacted, length: reported } = redactSecret(secret);
    assert.equal(reported, length);
    assert.ok(redacted.endsWith('…'), redacted);
    const shown = redacted.slice(0, -1);
    assert.ok(shown.length <= 4, `${length}: shows ${shown.length}`);
    assert.ok(shown.length * 4 <= length, `${length}: shows ${shown.length}`);
    assert.ok(secret.startsWith(shown));
    if (length >= 8) assert.ok(!redacted.includes(secret.slice(4)), 'the rest never shows');
  }
});
