import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareGoVersions, parseGoVersion } from './goVersion.js';

test('a pseudo-version is a pre-release of the next version, ordered by its timestamp', () => {
  const early = 'v0.0.0-20200101000000-abcdef123456';
  const late = 'v0.0.0-20210101000000-123456abcdef';
  assert.ok(compareGoVersions(early, late) < 0);
  assert.ok(compareGoVersions(late, 'v0.0.1') < 0);
  assert.ok(compareGoVersions('v1.2.3', 'v1.2.4-0.20200101000000-abcdef123456') < 0);
  assert.ok(compareGoVersions('v1.2.4-0.20200101000000-abcdef123456', 'v1.2.4') < 0);
});

test('+incompatible is build metadata and is ignored', () => {
  assert.equal(compareGoVersions('v2.0.0+incompatible', 'v2.0.0'), 0);
  assert.ok(compareGoVersions('v2.0.0+incompatible', 'v2.0.1+incompatible') < 0);
});

test('OSV writes Go versions without the v', () => {
  assert.equal(compareGoVersions('1.20.1', 'v1.20.1'), 0);
});

test('an uppercase V or a non-numeric core is refused', () => {
  assert.equal(parseGoVersion('V1.0.0').ok, false);
  assert.equal(parseGoVersion('master').ok, false);
});
