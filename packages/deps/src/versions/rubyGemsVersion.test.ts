import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareRubyGemsVersions, parseRubyGemsVersion } from './rubyGemsVersion.js';

test('letter segments make a prerelease', () => {
  assert.ok(compareRubyGemsVersions('1.2.4.beta', '1.2.4') < 0);
  assert.ok(compareRubyGemsVersions('1.0.a10', '1.0.a.9') > 0);
  assert.equal(compareRubyGemsVersions('1.0.a2', '1.0.a.2'), 0);
  assert.equal(compareRubyGemsVersions('1.0-1', '1.0.pre.1'), 0);
});

test('trailing zeros do not count', () => {
  assert.equal(compareRubyGemsVersions('1.0.0', '1'), 0);
});

test('text that is no version does not parse', () => {
  assert.equal(parseRubyGemsVersion('beta').ok, false);
  assert.equal(parseRubyGemsVersion('1.0 beta').ok, false);
});
