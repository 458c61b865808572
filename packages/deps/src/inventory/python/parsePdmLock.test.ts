import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePdmLock } from './parsePdmLock.js';

const FIXTURES = fileURLToPath(
  new URL('../../../../../../shared/data/lockfiles/python/pdmlock/', import.meta.url),
);
const skip = existsSync(FIXTURES) ? false : `fixtures absent: ${FIXTURES}`;

function summary(name: string) {
  const result = parsePdmLock(readFileSync(FIXTURES + name, 'utf8'), name);
  assert.ok(result.ok, `${name} should parse`);
  assert.deepEqual(result.warnings, []);
  return result.packages.map((p) => `${p.purl} ${p.scope} ${p.source} ${String(p.location.line)}`);
}

test('every pdm.lock fixture parses or fails cleanly', { skip }, () => {
  const files = readdirSync(FIXTURES);
  assert.ok(files.length >= 9);
  const failed = files.filter(
    (file) => !parsePdmLock(readFileSync(FIXTURES + file, 'utf8'), file).ok,
  );
  assert.deepEqual(failed, ['not-toml.txt']);
});

test('groups: default is prod, dev is dev, other groups optional', { skip }, () => {
  assert.deepEqual(summary('empty.toml'), []);
  assert.deepEqual(summary('single-package.toml'), ['pkg:pypi/toml@0.10.2 prod registry 11']);
  assert.deepEqual(summary('two-packages.toml'), [
    'pkg:pypi/six@1.16.0 prod registry 11',
    'pkg:pypi/toml@0.10.2 prod registry 22',
  ]);
  assert.deepEqual(summary('dev-dependency.toml'), [
    'pkg:pypi/pyroute2@0.7.11 dev registry 11',
    'pkg:pypi/toml@0.10.2 prod registry 23',
    'pkg:pypi/win-inet-pton@1.1.0 dev registry 34',
  ]);
  assert.deepEqual(summary('optional-dependency.toml'), [
    'pkg:pypi/pyroute2@0.7.11 optional registry 11',
    'pkg:pypi/toml@0.10.2 prod registry 23',
    'pkg:pypi/win-inet-pton@1.1.0 optional registry 34',
  ]);
});

test('git entries and entry lines', { skip }, () => {
  assert.deepEqual(summary('git-dependency.toml'), ['pkg:pypi/toml@0.10.2 prod git 11']);
  assert.deepEqual(summary('names-outside-package-block.toml'), [
    'pkg:pypi/first-pkg@1.0.0 prod registry 12',
    'pkg:pypi/second-pkg@2.0.0 prod registry 26',
  ]);
});

test('malformed input fails cleanly or is skipped with a warning', () => {
  const broken = parsePdmLock('name = "x"\nname = "y"\n', 'pdm.lock');
  assert.equal(broken.ok, false);
  assert.equal(broken.error.line, 2);
  const result = parsePdmLock(
    '[[package]]\nname = "a"\ngroups = ["default"]\n[[package]]\nname = "b"\nversion = "2"\npath = "./b"\n',
    'pdm.lock',
  );
  assert.ok(result.ok);
  assert.deepEqual(
    result.packages.map((p) => `${p.purl} ${p.source}`),
    ['pkg:pypi/b@2 local'],
  );
  assert.deepEqual(result.warnings, ['pdm.lock:2: package without a name and version; skipped']);
});
