import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareSemverVersions, parseSemverVersion } from './semverVersion.js';

test('a release follows its pre-releases, which order by identifier', () => {
  assert.ok(compareSemverVersions('1.0.0-alpha', '1.0.0-alpha.1') < 0);
  assert.ok(compareSemverVersions('1.0.0-beta.2', '1.0.0-beta.11') < 0);
  assert.ok(compareSemverVersions('1.0.0-rc.1', '1.0.0') < 0);
});

test('build metadata and a v prefix do not count', () => {
  assert.equal(compareSemverVersions('v1.2.3+build', '1.2.3+other'), 0);
});

test('missing minor and patch are zero; a fourth number is build metadata', () => {
  assert.equal(compareSemverVersions('1', '1.0.0'), 0);
  assert.deepEqual(parseSemverVersion('1.1.3.4.5'), {
    ok: true,
    version: { core: ['1', '1', '3'], prerelease: [], build: ['4', '5'] },
  });
});

test('numbers of any size compare exactly', () => {
  assert.ok(
    compareSemverVersions('999999999999999999999999999991', '999999999999999999999999999999') < 0,
  );
});

test('unparseable versions are results, ordered before every valid version', () => {
  for (const text of ['', 'latest', '1.x', '1.0.0-', '1.0.0-a..b', '1.0.0+']) {
    assert.equal(parseSemverVersion(text).ok, false, text);
  }
  assert.ok(compareSemverVersions('latest', '0.0.0') < 0);
  assert.ok(compareSemverVersions('1.x', '2.x') < 0);
});
