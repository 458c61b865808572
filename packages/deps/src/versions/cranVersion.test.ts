import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareCranVersions, parseCranVersion } from './cranVersion.js';

test('components are numbers; a longer version follows its prefix', () => {
  assert.ok(compareCranVersions('0.9', '0.75') < 0);
  assert.equal(compareCranVersions('0.01.0', '0.1-0'), 0);
  assert.ok(compareCranVersions('0.1.0', '0.1.0.0') < 0);
});

test('letters do not parse', () => {
  assert.equal(parseCranVersion('1.0a').ok, false);
  assert.equal(parseCranVersion('1..0').ok, false);
});
