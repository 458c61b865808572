import { test } from 'node:test';
import assert from 'node:assert/strict';
import { comparePyPIVersions, parsePyPIVersion } from './pypiVersion.js';

test('spellings PEP 440 normalises compare equal', () => {
  assert.equal(comparePyPIVersions('1.0RC1', '1.0rc1'), 0);
  assert.equal(comparePyPIVersions('v1.0', '1.0'), 0);
  assert.equal(comparePyPIVersions('1.0-1', '1.0.post1'), 0);
  assert.equal(comparePyPIVersions('1.0.alpha', '1.0a0'), 0);
  assert.equal(comparePyPIVersions('1.0', '1.0.0'), 0);
});

test('dev < pre < final < post, epochs first, local labels last', () => {
  const ordered = [
    '1.0.dev0',
    '1.0a1',
    '1.0b2.dev1',
    '1.0rc1',
    '1.0',
    '1.0+local',
    '1.0.post1',
    '1!0.1',
  ];
  for (let i = 1; i < ordered.length; i++) {
    assert.ok(comparePyPIVersions(ordered[i - 1] ?? '', ordered[i] ?? '') < 0, ordered[i]);
  }
});

test('versions PEP 440 rejects are legacy versions, before all others', () => {
  const legacy = parsePyPIVersion('0.9-doduo');
  assert.equal(legacy.ok && legacy.version.kind, 'legacy');
  assert.ok(comparePyPIVersions('0.9-doduo', '0.1') < 0);
});

test('empty text does not parse', () => {
  assert.equal(parsePyPIVersion('  ').ok, false);
});
