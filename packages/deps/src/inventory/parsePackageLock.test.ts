import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePackageLock } from './parsePackageLock.js';

const FIXTURES = fileURLToPath(
  new URL('../../../../../shared/data/lockfiles/javascript/packagelockjson/', import.meta.url),
);
const skip = existsSync(FIXTURES) ? false : `fixtures absent: ${FIXTURES}`;

function fixture(name: string) {
  const result = parsePackageLock(readFileSync(FIXTURES + name, 'utf8'), name);
  assert.ok(result.ok, `${name} should parse`);
  return result;
}

function summary(name: string) {
  return fixture(name).packages.map((p) => `${p.name}@${p.version} ${p.scope} ${p.source}`);
}

test('every package-lock fixture parses or fails cleanly', { skip }, () => {
  const files = readdirSync(FIXTURES, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `${entry.parentPath}/${entry.name}`);
  assert.ok(files.length >= 30);
  let failed = 0;
  for (const file of files) {
    const result = parsePackageLock(readFileSync(file, 'utf8'), file);
    if (!result.ok) failed++;
  }
  assert.equal(failed, 2, 'only not-json.txt and null.v2.jsontest are invalid');
});

test('v1 and v2 one-package and dev fixtures', { skip }, () => {
  for (const name of ['one-package.v1.json', 'one-package.v2.json']) {
    const wrappy = fixture(name).packages.at(0);
    assert.equal(wrappy?.purl, 'pkg:npm/wrappy@1.0.2');
    assert.equal(wrappy.scope, 'prod');
    assert.equal(wrappy.source, 'registry');
  }
  assert.deepEqual(summary('one-package-dev.v1.json'), ['wrappy@1.0.2 dev registry']);
  assert.deepEqual(summary('one-package-dev.v2.json'), ['wrappy@1.0.2 dev registry']);
});

test('v2 nested install paths, lines and paths from the root', { skip }, () => {
  const { packages } = fixture('nested-dependencies.v2.json');
  assert.deepEqual(
    packages.map((p) => [p.name, p.version, p.location.line]),
    [
      ['postcss', '6.0.23', 10],
      ['postcss-calc', '7.0.1', 23],
      ['postcss', '7.0.16', 34],
      ['supports-color', '6.1.0', 47],
      ['supports-color', '5.5.0', 58],
    ],
  );
  assert.ok(
    packages.every((p) => !p.direct),
    'the root declares nothing',
  );
});

test(
  'v1 nesting resolves the nearest copy; without a manifest unrequired top-level entries are direct',
  { skip },
  () => {
    const { packages } = fixture('nested-dependencies.v1.json');
    const inner = packages.find((p) => p.version === '6.1.0');
    assert.deepEqual(inner?.paths, [['(root)', 'postcss-calc', 'postcss', 'supports-color']]);
    assert.deepEqual(
      packages.filter((p) => p.direct).map((p) => p.name),
      ['postcss-calc'],
    );
  },
);

test('aliases take the real package name, in v1 and v2', { skip }, () => {
  const expected = [
    'pkg:npm/%40babel/code-frame@7.0.0',
    'pkg:npm/string-width@5.1.2',
    'pkg:npm/string-width@4.2.0',
  ];
  assert.deepEqual(
    fixture('alias.v1.json').packages.map((p) => p.purl),
    expected,
  );
  const v2 = fixture('alias.v2.json').packages;
  assert.deepEqual(
    v2.map((p) => p.purl),
    expected,
  );
  assert.ok(v2.every((p) => p.direct));
});

test('optional, devOptional and scoped packages', { skip }, () => {
  assert.deepEqual(summary('optional-package.v2.json'), [
    'wrappy@1.0.2 optional registry',
    'supports-color@5.5.0 optional registry',
  ]);
  assert.deepEqual(
    fixture('scoped-packages.v2.json').packages.map((p) => p.purl),
    ['pkg:npm/%40babel/code-frame@7.0.0', 'pkg:npm/wrappy@1.0.2'],
  );
});

test('git dependencies, file: dependencies and an entry without a version', { skip }, () => {
  const commits = fixture('commits.v2.json');
  assert.equal(commits.packages.find((p) => p.name === 'babel-preset-php')?.source, 'git');
  assert.equal(commits.packages.find((p) => p.name === 'ansi-styles')?.source, 'registry');
  assert.deepEqual(commits.warnings, [
    'packages["node_modules/raven-js"] has no string "version"; skipped',
  ]);
  const v1 = fixture('commits.v1.json').packages.find((p) => p.name === 'is-number-2');
  assert.equal(v1?.version, 'd5ac0584ee9ae7bd9288220a39780f155b9ad4c8');
  assert.equal(v1.source, 'git');
  assert.deepEqual(summary('files.v1.json'), [
    'lodash@1.3.1 prod registry',
    'other_package@file:deps/other_package prod local',
  ]);
  assert.deepEqual(summary('files.v2.json'), [
    'etag@1.8.0 dev local',
    'abbrev@1.0.9 dev registry',
    'abbrev@2.3.4 dev registry',
  ]);
});

const workspaceLock = JSON.stringify(
  {
    name: 'app',
    lockfileVersion: 3,
    packages: {
      '': { name: 'app', workspaces: ['packages/*'], dependencies: { a: '^1.0.0' } },
      'node_modules/@acme/lib': { resolved: 'packages/lib', link: true },
      'node_modules/a': {
        version: '1.0.0',
        resolved: 'https://registry.npmjs.org/a/-/a-1.0.0.tgz',
        dependencies: { b: '^1' },
      },
      'node_modules/b': { version: '1.0.0', dependencies: { a: '^1' } },
      'node_modules/c': { version: '2.0.0', dev: true, peer: true },
      'packages/lib': { name: '@acme/lib', version: '0.1.0', devDependencies: { c: '^2' } },
    },
  },
  null,
  2,
);

test('workspaces: link targets are local, direct, and make their own dependencies direct', () => {
  const result = parsePackageLock(workspaceLock, 'package-lock.json');
  assert.ok(result.ok);
  const byName = new Map(result.packages.map((p) => [p.name, p]));
  assert.deepEqual([...byName.keys()], ['a', 'b', 'c', '@acme/lib']);
  assert.equal(byName.get('@acme/lib')?.source, 'local');
  assert.equal(byName.get('@acme/lib')?.direct, true);
  assert.equal(byName.get('@acme/lib')?.purl, 'pkg:npm/%40acme/lib@0.1.0');
  assert.equal(byName.get('c')?.direct, true);
  assert.equal(byName.get('c')?.scope, 'dev');
  assert.deepEqual(byName.get('c')?.paths, [['app', '@acme/lib', 'c']]);
  assert.equal(byName.get('b')?.direct, false);
  assert.deepEqual(byName.get('b')?.paths, [['app', 'a', 'b']], 'the a ↔ b cycle ends');
  const keyLine = workspaceLock.split('\n').findIndex((l) => l.includes('"node_modules/a"')) + 1;
  assert.equal(byName.get('a')?.location.line, keyLine);
});

test('malformed input is an error value with a position', () => {
  const truncated = parsePackageLock('{\n  "lockfileVersion": 2,\n  "packages": {', 'x');
  assert.deepEqual(truncated, {
    ok: false,
    error: { message: 'unexpected end of JSON', line: 3, column: 16 },
  });
  const unknown = parsePackageLock('{"lockfileVersion": 7}', 'x');
  assert.equal(unknown.ok, false);
  const array = parsePackageLock('{"lockfileVersion": 3,\n"packages": []}', 'x');
  assert.deepEqual(array, {
    ok: false,
    error: { message: '"packages" must be an object', line: 1 },
  });
  const numberVersion = parsePackageLock(
    '{"lockfileVersion": 3, "packages": {"node_modules/a": {"version": 1}}}',
    'x',
  );
  assert.ok(numberVersion.ok);
  assert.equal(numberVersion.packages.length, 0);
  assert.equal(numberVersion.warnings.length, 1);
  assert.equal(
    parsePackageLock('['.repeat(100_000), 'x').ok,
    false,
    'deep nesting is refused, not a stack overflow',
  );
});
