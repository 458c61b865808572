import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePipfileLock } from './parsePipfileLock.js';

const FIXTURES = fileURLToPath(
  new URL('../../../../../../shared/data/lockfiles/python/pipfilelock/', import.meta.url),
);
const skip = existsSync(FIXTURES) ? false : `fixtures absent: ${FIXTURES}`;

function summary(name: string) {
  const result = parsePipfileLock(readFileSync(FIXTURES + name, 'utf8'), name);
  assert.ok(result.ok, `${name} should parse`);
  assert.deepEqual(result.warnings, []);
  return result.packages.map((p) => `${p.purl} ${p.scope} ${p.source} ${String(p.location.line)}`);
}

test('every Pipfile.lock fixture parses or fails cleanly', { skip }, () => {
  const files = readdirSync(FIXTURES);
  assert.ok(files.length >= 10);
  const failed = files.filter(
    (file) => !parsePipfileLock(readFileSync(FIXTURES + file, 'utf8'), file).ok,
  );
  assert.deepEqual(failed.sort(), ['empty-file', 'not-json.txt']);
});

test('default is prod, develop is dev, versions lose their ==', { skip }, () => {
  assert.deepEqual(summary('empty.json'), []);
  assert.deepEqual(summary('one-package.json'), ['pkg:pypi/markupsafe@2.1.1 prod registry 19']);
  assert.deepEqual(summary('one-package-dev.json'), ['pkg:pypi/markupsafe@2.1.1 dev registry 20']);
  assert.deepEqual(summary('minified.json'), ['pkg:pypi/markupsafe@2.1.1 prod registry 1']);
  assert.deepEqual(summary('two-packages.json'), [
    'pkg:pypi/itsdangerous@2.1.2 prod registry 19',
    'pkg:pypi/markupsafe@2.1.1 dev registry 29',
  ]);
});

test('a package in both sections is listed once per version', { skip }, () => {
  assert.deepEqual(summary('multiple-packages.json'), [
    'pkg:pypi/itsdangerous@2.1.2 prod registry 19',
    'pkg:pypi/pluggy@1.0.1 prod registry 27',
    'pkg:pypi/markupsafe@2.1.1 prod registry 32',
    'pkg:pypi/pluggy@1.0.0 dev registry 88',
  ]);
});

test('git entries have no version and a git source', { skip }, () => {
  assert.deepEqual(summary('no-version.json'), [
    'pkg:pypi/markupsafe prod git 19',
    'pkg:pypi/itsdangerous dev git 26',
  ]);
});

test('malformed input fails cleanly or is skipped with a warning', () => {
  assert.deepEqual(parsePipfileLock('[]', 'Pipfile.lock'), {
    ok: false,
    error: { message: 'a Pipfile.lock must be a JSON object', line: 1 },
  });
  const badSection = parsePipfileLock('{"default": []}', 'Pipfile.lock');
  assert.equal(badSection.ok, false);
  const result = parsePipfileLock(
    '{\n"default": {\n"a": {"version": ">=1"},\n"b": 3,\n"c": {"path": "."}\n}\n}',
    'Pipfile.lock',
  );
  assert.ok(result.ok);
  assert.deepEqual(
    result.packages.map((p) => `${p.purl} ${p.source}`),
    ['pkg:pypi/c local'],
  );
  assert.deepEqual(result.warnings, [
    'Pipfile.lock:3: default.a has no exact version; skipped',
    'Pipfile.lock:2: default.b has no exact version; skipped',
  ]);
});
