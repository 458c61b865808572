import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareMavenVersions } from './mavenVersion.js';

test('qualifiers: alpha < beta < milestone < rc < snapshot < release < sp', () => {
  const ordered = ['1-alpha', '1-beta', '1-m1', '1-rc', '1-SNAPSHOT', '1', '1-sp'];
  for (let i = 1; i < ordered.length; i++) {
    assert.ok(compareMavenVersions(ordered[i - 1] ?? '', ordered[i] ?? '') < 0, ordered[i]);
  }
});

test('aliases and trailing nulls', () => {
  assert.equal(compareMavenVersions('1.0.0.Final', '1'), 0);
  assert.equal(compareMavenVersions('1cr', '1-rc'), 0);
  assert.equal(compareMavenVersions('1-ga-1', '1-1'), 0);
  assert.equal(compareMavenVersions('1a1', '1-alpha-1'), 0);
});

test('separators count: -number < .number, and .qualifier < -qualifier', () => {
  assert.ok(compareMavenVersions('2.0-1', '2.0.1') < 0);
  assert.ok(compareMavenVersions('1.5.9.RC1', '1.5.9-RC0') < 0);
});

test('deep nesting and odd characters still order', () => {
  assert.ok(compareMavenVersions('a1'.repeat(10_000), 'a2') < 0);
  assert.equal(compareMavenVersions('', '0'), 0);
});
