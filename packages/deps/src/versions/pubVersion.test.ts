import { test } from 'node:test';
import assert from 'node:assert/strict';
import { comparePubVersions, parsePubVersion } from './pubVersion.js';

test('unlike SemVer, a build follows the bare version and builds compare', () => {
  assert.ok(comparePubVersions('1.0.0', '1.0.0+build') < 0);
  assert.ok(comparePubVersions('1.2.3+9', '1.2.3+a') < 0);
  assert.ok(comparePubVersions('1.0.0-pre+build', '1.0.0') < 0);
});

test('unparseable input is a result', () => {
  assert.equal(parsePubVersion('any').ok, false);
});
