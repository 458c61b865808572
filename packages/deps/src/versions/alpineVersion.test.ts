import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareAlpineVersions, parseAlpineVersion } from './alpineVersion.js';

function sign(a: string, b: string): number {
  return Math.sign(compareAlpineVersions(a, b));
}

test('numbers, then letter, then suffixes, then the -r release', () => {
  assert.equal(sign('1.10', '1.9'), 1);
  assert.equal(sign('1.2a', '1.2'), 1);
  assert.equal(sign('1.2_rc1', '1.2'), -1);
  assert.equal(sign('1.2_p1', '1.2'), 1);
  assert.equal(sign('1.2-r10', '1.2-r9'), 1);
  assert.equal(sign('1.2-r0', '1.2'), 0);
  assert.equal(sign('1.2_alpha_beta', '1.2_alpha'), -1);
});

test('after the first number, a leading zero makes the part compare as text', () => {
  assert.equal(sign('1.01', '1.1'), -1);
  assert.equal(sign('1.010', '1.01'), 1);
  assert.equal(sign('01', '1'), 0);
  assert.equal(sign('1.0', '1'), 0);
});

test('suffix order is alpha < beta < pre < rc < none < cvs < svn < git < hg < p', () => {
  const ordered = [
    '1_alpha',
    '1_beta',
    '1_pre',
    '1_rc',
    '1',
    '1_cvs',
    '1_svn',
    '1_git',
    '1_hg',
    '1_p',
  ];
  for (let i = 1; i < ordered.length; i++)
    assert.equal(sign(ordered[i - 1] ?? '', ordered[i] ?? ''), -1, ordered[i]);
  assert.equal(sign('1_pre1', '1_p1'), -1);
});

test('commit hashes are ignored', () => {
  assert.equal(sign('1.2_git20240101~abc123-r0', '1.2_git20240101~def456-r0'), 0);
});

test('numbers of any size compare exactly', () => {
  assert.equal(sign(`1.${'9'.repeat(40)}`, `1.${'9'.repeat(39)}8`), 1);
  assert.equal(sign(`1-r${'9'.repeat(30)}1`, `1-r${'9'.repeat(30)}0`), 1);
});

test('two invalid versions compare as text; an invalid one loses to an equal valid one', () => {
  assert.equal(sign('1.0bc', '1.0'), 1);
  assert.equal(sign('0.8.21.r2', '0.8.21.r1'), 1);
  assert.equal(sign('1.2_blah', '1.2'), -1);
  assert.equal(sign('1-r0-ruff2', '1-r0-ruff1'), 0);
});

test('parseAlpineVersion accepts only well-formed versions and names the offset', () => {
  const parsed = parseAlpineVersion('1.2.3b_rc1_p2~a1b2-r4');
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.version.numbers, ['1', '2', '3']);
  assert.equal(parsed.version.letter, 'b');
  assert.deepEqual(parsed.version.suffixes, [
    { name: 'rc', number: '1' },
    { name: 'p', number: '2' },
  ]);
  assert.equal(parsed.version.hash, '~a1b2');
  assert.equal(parsed.version.release, '4');

  assert.deepEqual(parseAlpineVersion('1.2_blah'), {
    ok: false,
    reason: 'unexpected "_blah" at offset 3',
  });
  assert.deepEqual(parseAlpineVersion('1-r1x'), {
    ok: false,
    reason: 'unexpected "x" at offset 4',
  });
  assert.equal(parseAlpineVersion('').ok, false);
  assert.equal(parseAlpineVersion('v1.2').ok, false);
  assert.equal(parseAlpineVersion('1.2.3-R1').ok, false);
});

test('hostile and huge input gives an order without hanging', () => {
  const started = Date.now();
  const inputs = [
    '1.'.repeat(50_000),
    '_p'.repeat(50_000),
    `1${'_alpha'.repeat(20_000)}x`,
    `1-r${'0'.repeat(100_000)}`,
    '~'.repeat(100_000),
    '\u0000💥',
  ];
  for (const a of inputs) for (const b of inputs) assert.equal(sign(a, b) + sign(b, a), 0);
  assert.ok(Date.now() - started < 5_000);
});
