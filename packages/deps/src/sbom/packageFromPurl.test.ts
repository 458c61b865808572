import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePurl } from '../inventory/parsePurl.js';
import { sharedInventories, sharedSkip } from './fixtureInventories.js';
import { packageFromPurl, type PurlPackage } from './packageFromPurl.js';

function identity(text: string): PurlPackage {
  const purl = parsePurl(text);
  assert.ok(purl.ok, text);
  return packageFromPurl(purl.purl);
}

test('every ecosystem maps to the inventory conventions', () => {
  const cases: [string, string, string, string, string][] = [
    ['pkg:npm/%40babel/core@7.0.0', 'npm', '@babel/core', '7.0.0', 'pkg:npm/%40babel/core@7.0.0'],
    ['pkg:npm/@babel/core@7.0.0', 'npm', '@babel/core', '7.0.0', 'pkg:npm/%40babel/core@7.0.0'],
    ['pkg:pypi/Django_Rest@3.0', 'PyPI', 'django-rest', '3.0', 'pkg:pypi/django-rest@3.0'],
    [
      'pkg:golang/github.com/BurntSushi/toml@v1.0.0',
      'Go',
      'github.com/BurntSushi/toml',
      '1.0.0',
      'pkg:golang/github.com/BurntSushi/toml@v1.0.0',
    ],
    ['pkg:cargo/rand@0.7.2', 'crates.io', 'rand', '0.7.2', 'pkg:cargo/rand@0.7.2'],
    [
      'pkg:gem/nokogiri@1.13.3?platform=x86_64-linux',
      'RubyGems',
      'nokogiri',
      '1.13.3',
      'pkg:gem/nokogiri@1.13.3',
    ],
    [
      'pkg:composer/laravel/framework@v8.0.0',
      'Packagist',
      'laravel/framework',
      'v8.0.0',
      'pkg:composer/laravel/framework@v8.0.0',
    ],
    [
      'pkg:nuget/Newtonsoft.Json@13.0.1',
      'NuGet',
      'Newtonsoft.Json',
      '13.0.1',
      'pkg:nuget/Newtonsoft.Json@13.0.1',
    ],
    ['pkg:pub/http@0.13.5', 'Pub', 'http', '0.13.5', 'pkg:pub/http@0.13.5'],
    ['pkg:hex/acme/foo@1.0.0', 'Hex', 'foo', '1.0.0', 'pkg:hex/acme/foo@1.0.0'],
    [
      'pkg:maven/org.slf4j/slf4j-api@2.0.0?type=jar',
      'Maven',
      'org.slf4j:slf4j-api',
      '2.0.0',
      'pkg:maven/org.slf4j/slf4j-api@2.0.0',
    ],
    ['pkg:npm/left-pad', 'npm', 'left-pad', '', 'pkg:npm/left-pad'],
  ];
  for (const [text, ecosystem, name, version, purl] of cases) {
    assert.deepEqual(identity(text), { ok: true, ecosystem, name, version, purl }, text);
  }
});

test('unknown types and missing namespaces are reasons, not packages', () => {
  assert.deepEqual(identity('pkg:deb/debian/curl@7.50.3-1'), {
    ok: false,
    reason: 'purl type "deb" is not an ecosystem Vigil inventories',
  });
  const reason = (text: string) => {
    const result = identity(text);
    return result.ok ? '' : result.reason;
  };
  assert.match(reason('pkg:maven/slf4j-api@2.0.0'), /groupId/);
  assert.match(reason('pkg:composer/framework@1'), /vendor/);
});

test(
  'the purl of every package the lockfile parsers find maps back to that package',
  { skip: sharedSkip },
  () => {
    let checked = 0;
    for (const { path, packages } of sharedInventories()) {
      for (const pkg of packages) {
        const result = identity(pkg.purl);
        assert.ok(result.ok, `${path}: ${pkg.purl}`);
        assert.equal(result.ecosystem, pkg.ecosystem, pkg.purl);
        assert.equal(result.version, pkg.version, pkg.purl);
        // PyPI and case-insensitive ecosystems keep the lockfile's spelling in `name`.
        assert.equal(
          result.name.toLowerCase().replaceAll('_', '-'),
          pkg.name.toLowerCase().replaceAll('_', '-'),
          pkg.purl,
        );
        // Qualifiers (a gem's platform) are dropped on purpose.
        assert.equal(result.purl, pkg.purl.replace(/\?.*$/, ''), pkg.purl);
        checked++;
      }
    }
    assert.ok(checked > 100, `${String(checked)} purls checked`);
  },
);
