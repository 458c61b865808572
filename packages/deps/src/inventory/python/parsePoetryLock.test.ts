import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePoetryLock } from './parsePoetryLock.js';

const FIXTURES = fileURLToPath(
  new URL('../../../../../../shared/data/lockfiles/python/poetrylock/', import.meta.url),
);
const skip = existsSync(FIXTURES) ? false : `fixtures absent: ${FIXTURES}`;

function summary(name: string) {
  const result = parsePoetryLock(readFileSync(FIXTURES + name, 'utf8'), name);
  assert.ok(result.ok, `${name} should parse`);
  assert.deepEqual(result.warnings, []);
  return result.packages.map((p) => `${p.purl} ${p.scope} ${p.source} ${String(p.location.line)}`);
}

test('every poetry.lock fixture parses or fails cleanly', { skip }, () => {
  const files = readdirSync(FIXTURES);
  assert.ok(files.length >= 11);
  const failed = files.filter(
    (file) => !parsePoetryLock(readFileSync(FIXTURES + file, 'utf8'), file).ok,
  );
  assert.deepEqual(failed, ['not-toml.txt']);
});

test('Poetry 1.x categories, optional packages and sources', { skip }, () => {
  assert.deepEqual(summary('empty.lock'), []);
  assert.deepEqual(summary('empty-file.lock'), []);
  assert.deepEqual(summary('one-package.lock'), ['pkg:pypi/numpy@1.23.3 prod registry 2']);
  assert.deepEqual(summary('optional-package.lock'), ['pkg:pypi/numpy@1.23.3 optional registry 2']);
  assert.deepEqual(summary('two-packages.lock'), [
    'pkg:pypi/proto-plus@1.22.0 prod registry 2',
    'pkg:pypi/protobuf@4.21.5 prod registry 16',
  ]);
  assert.deepEqual(summary('source-git.lock'), ['pkg:pypi/ike@0.2.0 prod git 2']);
  assert.deepEqual(summary('source-legacy.lock'), ['pkg:pypi/appdirs@1.4.4 prod registry 2']);
});

test('Poetry 2.x groups: main is prod, only other groups is dev', { skip }, () => {
  assert.deepEqual(summary('multiple-packages.v2.lock'), [
    'pkg:pypi/async-timeout@5.0.1 optional registry 4',
    'pkg:pypi/factory-boy@3.3.1 dev registry 17',
    'pkg:pypi/faker@33.3.0 dev registry 36',
    'pkg:pypi/proto-plus@1.22.0 prod registry 52',
    'pkg:pypi/proto-plus@1.23.0 prod registry 71',
    'pkg:pypi/protobuf@4.25.5 prod registry 90',
    'pkg:pypi/python-dateutil@2.9.0.post0 dev registry 111',
    'pkg:pypi/redis@5.2.1 optional registry 126',
    'pkg:pypi/six@1.17.0 prod registry 146',
    'pkg:pypi/typing-extensions@4.12.2 dev registry 158',
    'pkg:pypi/urllib3@2.3.0 dev registry 170',
  ]);
});

test('entry lines ignore names in subtables, comments and multi-line strings', { skip }, () => {
  assert.deepEqual(summary('names-outside-package-block.lock'), [
    'pkg:pypi/first-pkg@1.0.0 prod registry 5',
    'pkg:pypi/second-pkg@2.0.0 prod registry 18',
  ]);
});

test('malformed input fails cleanly or is skipped with a warning', () => {
  const broken = parsePoetryLock('[[package]\nname = "x"\n', 'poetry.lock');
  assert.equal(broken.ok, false);
  assert.equal(broken.error.line, 1);
  assert.equal(parsePoetryLock('package = "x"\n', 'poetry.lock').ok, false);
  assert.equal(parsePoetryLock('package = [1]\n', 'poetry.lock').ok, false);
  const result = parsePoetryLock(
    '[[package]]\nname = "a"\n\n[[package]]\nname = "b"\nversion = "1.0"\n[package.source]\ntype = "directory"\nurl = "../b"\n',
    'poetry.lock',
  );
  assert.ok(result.ok);
  assert.deepEqual(
    result.packages.map((p) => `${p.purl} ${p.source} ${String(p.location.line)}`),
    ['pkg:pypi/b@1.0 local 5'],
  );
  assert.deepEqual(result.warnings, ['poetry.lock:2: package without a name and version; skipped']);
});
