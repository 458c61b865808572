import { test } from 'node:test';
import assert from 'node:assert/strict';
import { comparePackagistVersions, parsePackagistVersion } from './packagistVersion.js';

test('stability suffixes: dev < alpha < beta < RC < stable < patch', () => {
  const ordered = ['1.0-dev', '1.0alpha1', '1.0-b2', '1.0RC1', '1.0', '1.0pl1', '1.0-patch2'];
  for (let i = 1; i < ordered.length; i++) {
    assert.ok(comparePackagistVersions(ordered[i - 1] ?? '', ordered[i] ?? '') < 0, ordered[i]);
  }
});

test('a v prefix, separators and letter-digit switches are normalised', () => {
  assert.equal(comparePackagistVersions('V1.0.0', 'v1.0.0'), 0);
  assert.equal(comparePackagistVersions('1.25.0beta2.1', '1.25.0-b2.1'), 0);
  assert.ok(comparePackagistVersions('dev-main', '0.1') < 0);
});

test('empty text does not parse', () => {
  assert.equal(parsePackagistVersion('').ok, false);
});
