import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareNuGetVersions, parseNuGetVersion } from './nugetVersion.js';

test('four numeric parts, missing ones zero, leading zeros ignored', () => {
  assert.equal(compareNuGetVersions('1.0', '1.0.0.0'), 0);
  assert.equal(compareNuGetVersions('1.0.01', '1.0.1.0'), 0);
  assert.ok(compareNuGetVersions('1.0.0', '1.0.0.1-alpha') < 0);
});

test('pre-release labels compare without regard to case; builds are ignored', () => {
  assert.equal(compareNuGetVersions('1.0.0-BETA+AA', '1.0.0-beta+aa'), 0);
  assert.ok(compareNuGetVersions('1.0.0-BETA', '1.0.0-beta2') < 0);
});

test('five numeric parts or stray text do not parse', () => {
  assert.equal(parseNuGetVersion('1.2.3.4.5').ok, false);
  assert.equal(parseNuGetVersion('1.0-').ok, false);
  assert.equal(parseNuGetVersion('[1.0,2.0)').ok, false);
});
