import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareVersions, parseEcosystem } from './compareVersions.js';

const ECOSYSTEMS = [
  'npm',
  'crates.io',
  'Hex',
  'Go',
  'PyPI',
  'Maven',
  'RubyGems',
  'NuGet',
  'Packagist',
  'Pub',
  'Debian',
  'Ubuntu',
  'Red Hat',
  'Rocky Linux',
  'AlmaLinux',
  'openSUSE',
  'SUSE',
  'CRAN',
  'Hackage',
  'Alpine',
];

test('OSV ecosystem names, with or without a release after the colon', () => {
  assert.equal(parseEcosystem('Debian:12'), 'Debian');
  assert.equal(parseEcosystem('Red Hat:rhel_aus:8.4::appstream'), 'Red Hat');
  assert.equal(parseEcosystem('PyPI'), 'PyPI');
  assert.equal(parseEcosystem('pypi'), undefined);
  assert.equal(parseEcosystem('Alpine:v3.20'), 'Alpine');
  assert.equal(parseEcosystem('Wolfi'), undefined);
});

test('dispatches on the ecosystem and is undefined for an unknown one', () => {
  assert.ok((compareVersions('PyPI', '1.0rc1', '1.0') ?? 0) < 0);
  assert.ok((compareVersions('Debian:12', '1.0~rc1', '1.0') ?? 0) < 0);
  assert.ok((compareVersions('Maven', '1.0-SNAPSHOT', '1.0') ?? 0) < 0);
  assert.equal(compareVersions('npm', 'v1.2.3', '1.2.3'), 0);
  assert.ok((compareVersions('Alpine:v3.20', '1.2.3_rc1-r0', '1.2.3-r0') ?? 0) < 0);
  assert.equal(compareVersions('Unknown', '1', '2'), undefined);
});

test('every ecosystem orders "0" before a release, as OSV "introduced: 0" needs', () => {
  for (const ecosystem of ECOSYSTEMS) {
    assert.ok((compareVersions(ecosystem, '0', '1.2') ?? 0) < 0, ecosystem);
  }
});

test('garbage and 100 KB inputs give an order without throwing or hanging', () => {
  const hostile = [
    '',
    ' ',
    '\u0000',
    '💥',
    '1'.repeat(100_000),
    '1.'.repeat(50_000),
    'a1'.repeat(50_000),
    '1-'.repeat(50_000),
    '~'.repeat(100_000),
    ':'.repeat(100_000),
    `1.0${'-0'.repeat(50_000)}!`,
    `1+${'a.'.repeat(50_000)}!`,
    `v1.2.3-${'alpha.'.repeat(16_000)}+`,
  ];
  const started = Date.now();
  for (const ecosystem of ECOSYSTEMS) {
    for (const a of hostile) {
      for (const b of [hostile[4] ?? '', '1.0', a]) {
        const order = compareVersions(ecosystem, a, b);
        assert.equal(typeof order, 'number', `${ecosystem}: ${a.slice(0, 20)}`);
        const reversed = compareVersions(ecosystem, b, a) ?? 0;
        assert.equal(Math.sign(reversed) + Math.sign(order ?? 0), 0, `${ecosystem}: antisymmetry`);
      }
    }
  }
  assert.ok(Date.now() - started < 30_000, 'hostile inputs took too long');
});
