import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareRpmVersions, parseRpmVersion } from './rpmVersion.js';

test('~ sorts before the end, ^ after it', () => {
  assert.ok(compareRpmVersions('1.0~rc1', '1.0') < 0);
  assert.ok(compareRpmVersions('1.0', '1.0^git1') < 0);
  assert.ok(compareRpmVersions('1.0^git1', '1.0.1') < 0);
});

test('epoch first; a missing epoch is zero; a missing release comes first', () => {
  assert.ok(compareRpmVersions('3', '1:2') < 0);
  assert.equal(compareRpmVersions('01:2', '1:2'), 0);
  assert.ok(compareRpmVersions('1', '1-0') < 0);
  assert.ok(compareRpmVersions('0:3.10.0-229.el7', '0:3.10.0-229.1.2.ael7b') < 0);
});

test('empty text does not parse', () => {
  assert.equal(parseRpmVersion(' ').ok, false);
});
