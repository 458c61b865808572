import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePubspecLock } from './parsePubspecLock.js';

const FIXTURES = fileURLToPath(
  new URL('../../../../../../shared/data/lockfiles/dart/pubspec/', import.meta.url),
);
const skip = existsSync(FIXTURES) ? false : `fixtures absent: ${FIXTURES}`;

function summary(name: string) {
  const result = parsePubspecLock(readFileSync(FIXTURES + name, 'utf8'), name);
  assert.ok(result.ok, `${name} should parse`);
  assert.deepEqual(result.warnings, []);
  return result.packages.map(
    (p) =>
      `${p.purl} ${p.direct ? 'direct' : 'indirect'} ${p.scope} ${p.source} ${String(p.location.line)}`,
  );
}

test('every pubspec.lock fixture parses or fails cleanly', { skip }, () => {
  const files = readdirSync(FIXTURES);
  assert.ok(files.length >= 10);
  const failed = files.filter(
    (file) => !parsePubspecLock(readFileSync(FIXTURES + file, 'utf8'), file).ok,
  );
  assert.deepEqual(failed, ['not-yaml.txt']);
});

test('direct main, direct dev and transitive packages', { skip }, () => {
  assert.deepEqual(summary('empty.lock'), []);
  assert.deepEqual(summary('no-packages.lock'), []);
  assert.deepEqual(summary('one-package-dev.lock'), [
    'pkg:pub/build_runner@2.2.1 direct dev registry 4',
  ]);
  assert.deepEqual(summary('mixed-packages.lock'), [
    'pkg:pub/back_button_interceptor@6.0.1 direct prod registry 4',
    'pkg:pub/build_runner@2.2.1 direct dev registry 11',
    'pkg:pub/shelf@1.3.2 indirect prod registry 18',
    'pkg:pub/shelf_web_socket@1.0.2 indirect prod registry 25',
  ]);
});

test('git, path and sdk sources', { skip }, () => {
  assert.deepEqual(summary('source-git.lock'), [
    'pkg:pub/flutter_rust_bridge@1.32.0 direct prod git 4',
    'pkg:pub/screen_retriever@0.1.2 indirect prod git 13',
    'pkg:pub/toggle_switch@1.4.0 direct prod registry 22',
    'pkg:pub/tray_manager@0.1.8 direct prod git 29',
    'pkg:pub/window_manager@0.2.7 direct prod git 38',
  ]);
  assert.deepEqual(summary('source-path.lock'), ['pkg:pub/maa_core@0.0.1 direct prod local 4']);
  assert.deepEqual(summary('source-sdk.lock'), [
    'pkg:pub/flutter_web_plugins@0.0.0 indirect prod local 4',
  ]);
});

test('malformed input fails cleanly or is skipped with a warning', () => {
  assert.equal(parsePubspecLock('packages: [1, 2]\n', 'pubspec.lock').ok, false);
  const broken = parsePubspecLock('packages:\n  a: {\n', 'pubspec.lock');
  assert.equal(broken.ok, false);
  const result = parsePubspecLock(
    'packages:\n  a:\n    version: "1.0.0"\n  b:\n    source: hosted\n    version: "2.0.0"\n  c: 3\n',
    'pubspec.lock',
  );
  assert.ok(result.ok);
  assert.deepEqual(
    result.packages.map((p) => p.purl),
    ['pkg:pub/b@2.0.0'],
  );
  assert.deepEqual(result.warnings, [
    'pubspec.lock:2: package a has no version and source; skipped',
    'pubspec.lock:7: package c has no version and source; skipped',
  ]);
});
