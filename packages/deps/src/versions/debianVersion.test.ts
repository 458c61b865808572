import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareDebianVersions, parseDebianVersion } from './debianVersion.js';

test('epoch, then upstream, then revision', () => {
  assert.ok(compareDebianVersions('9.9-9', '1:0.1-1') < 0);
  assert.equal(compareDebianVersions('0:1.0', '1.0-0'), 0);
});

test('~ sorts before everything, even the end; letters before other characters', () => {
  assert.ok(compareDebianVersions('1.0~rc1', '1.0') < 0);
  assert.ok(compareDebianVersions('1.2.3-1~deb7u1', '1.2.3-1') < 0);
  assert.ok(compareDebianVersions('1.0a', '1.0+') < 0);
});

test('a non-numeric epoch or stray characters do not parse', () => {
  assert.equal(parseDebianVersion('a:1.0').ok, false);
  assert.equal(parseDebianVersion('1.0 beta').ok, false);
  assert.equal(parseDebianVersion('1.0-a_b').ok, false);
});
