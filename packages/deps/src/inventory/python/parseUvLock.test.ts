import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseUvLock } from './parseUvLock.js';

const FIXTURES = fileURLToPath(
  new URL('../../../../../../shared/data/lockfiles/python/uvlock/', import.meta.url),
);
const skip = existsSync(FIXTURES) ? false : `fixtures absent: ${FIXTURES}`;

function fixture(name: string) {
  const result = parseUvLock(readFileSync(FIXTURES + name, 'utf8'), name);
  assert.ok(result.ok, `${name} should parse`);
  assert.deepEqual(result.warnings, []);
  return result;
}

function summary(name: string) {
  return fixture(name).packages.map(
    (p) => `${p.purl} ${p.scope} ${p.source} ${String(p.location.line)} ${String(p.direct)}`,
  );
}

test('every uv.lock fixture parses or fails cleanly', { skip }, () => {
  const files = readdirSync(FIXTURES);
  assert.ok(files.length >= 9);
  const failed = files.filter(
    (file) => !parseUvLock(readFileSync(FIXTURES + file, 'utf8'), file).ok,
  );
  assert.deepEqual(failed, ['not-toml.txt']);
});

test('the workspace member is the root, not a package', { skip }, () => {
  assert.deepEqual(summary('no-packages.lock'), []);
  assert.deepEqual(summary('no-dependencies.lock'), []);
  assert.deepEqual(summary('one-package.lock'), ['pkg:pypi/emoji@2.14.0 prod registry 5 true']);
  assert.deepEqual(summary('two-packages.lock'), [
    'pkg:pypi/emoji@2.14.0 prod registry 5 true',
    'pkg:pypi/protobuf@4.25.5 prod registry 14 true',
  ]);
  assert.deepEqual(summary('source-git.lock'), ['pkg:pypi/ruff@0.8.1 prod git 5 true']);
  assert.deepEqual(fixture('one-package.lock').packages[0]?.paths, [['uv-lockfiles', 'emoji']]);
});

test('extras make their whole subtree optional; paths go through the member', { skip }, () => {
  const { packages } = fixture('grouped-packages.lock');
  assert.deepEqual(
    packages.filter((p) => p.scope !== 'optional').map((p) => p.name),
    ['emoji'],
  );
  assert.deepEqual(
    packages.filter((p) => p.direct).map((p) => p.name),
    ['black', 'click', 'emoji', 'flake8'],
  );
  const colorama = packages.find((p) => p.name === 'colorama');
  assert.equal(colorama?.location.line, 51);
  assert.deepEqual(colorama.paths, [
    ['uv-lockfiles', 'click', 'colorama'],
    ['uv-lockfiles', 'black', 'click', 'colorama'],
  ]);
  assert.equal(packages.length, 14);
});

test('dev groups, version-qualified references and several members', () => {
  const lock = [
    '[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { editable = "." }',
    'dependencies = [{ name = "lib" }, { name = "idna", version = "3.4" }]',
    '[package.dev-dependencies]\ntest = [{ name = "pytest" }, { name = "idna", version = "2.0" }]',
    '[[package]]\nname = "lib"\nsource = { virtual = "lib" }',
    '[[package]]\nname = "idna"\nversion = "3.4"\nsource = { registry = "https://pypi.org/simple" }',
    '[[package]]\nname = "idna"\nversion = "2.0"\nsource = { url = "https://example.com/idna-2.0.tar.gz" }',
    '[[package]]\nname = "pytest"\nversion = "8.0.0"\nsource = { path = "wheels/pytest.whl" }',
  ].join('\n');
  const result = parseUvLock(lock, 'uv.lock');
  assert.ok(result.ok);
  assert.deepEqual(
    result.packages.map((p) => [p.purl, p.scope, p.source, p.direct, p.paths]),
    [
      ['pkg:pypi/idna@3.4', 'prod', 'registry', true, [['(root)', 'app', 'idna']]],
      ['pkg:pypi/idna@2.0', 'dev', 'url', true, [['(root)', 'app', 'idna']]],
      ['pkg:pypi/pytest@8.0.0', 'dev', 'local', true, [['(root)', 'app', 'pytest']]],
    ],
  );
});

test('malformed input fails cleanly or is skipped with a warning', () => {
  const broken = parseUvLock('[[package]]\nname = "a"\nname = "b"\n', 'uv.lock');
  assert.equal(broken.ok, false);
  assert.equal(broken.error.line, 3);
  const result = parseUvLock('[[package]]\nname = "a"\n', 'uv.lock');
  assert.deepEqual(result, {
    ok: true,
    packages: [],
    warnings: ['uv.lock:2: package without a name and version; skipped'],
  });
});
