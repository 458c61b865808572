import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareHackageVersions, parseHackageVersion } from './hackageVersion.js';

test('versions are lists of numbers', () => {
  assert.ok(compareHackageVersions('1.0', '1.0.0') < 0);
  assert.ok(compareHackageVersions('0.11.3.0', '1.0') < 0);
});

test('a dash or letters do not parse', () => {
  assert.equal(parseHackageVersion('1.0-2').ok, false);
  assert.equal(parseHackageVersion('1.0a').ok, false);
});
