import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCargoLock } from './parseCargoLock.js';

const FIXTURES = fileURLToPath(
  new URL('../../../../../../shared/data/lockfiles/rust/cargolock/', import.meta.url),
);
const skip = existsSync(FIXTURES) ? false : `fixtures absent: ${FIXTURES}`;

function summary(name: string) {
  const result = parseCargoLock(readFileSync(FIXTURES + name, 'utf8'), name);
  assert.ok(result.ok, `${name} should parse`);
  assert.deepEqual(result.warnings, []);
  return result.packages.map((p) => `${p.purl} ${p.source} ${String(p.location.line)}`);
}

test('every Cargo.lock fixture parses or fails cleanly', { skip }, () => {
  const files = readdirSync(FIXTURES);
  assert.ok(files.length >= 9);
  const failed = files.filter(
    (file) => !parseCargoLock(readFileSync(FIXTURES + file, 'utf8'), file).ok,
  );
  assert.deepEqual(failed, ['not-toml.txt']);
});

test('registry, git and local crates', { skip }, () => {
  assert.deepEqual(summary('empty.lock'), []);
  assert.deepEqual(summary('one-package.lock'), ['pkg:cargo/addr2line@0.15.2 registry 6']);
  assert.deepEqual(summary('package-with-build-string.lock'), [
    'pkg:cargo/wasi@0.10.2%2Bwasi-snapshot-preview1 registry 6',
  ]);
  assert.deepEqual(summary('package-with-comments.lock'), [
    'pkg:cargo/addr2line@0.15.2 registry 6',
    'pkg:cargo/syn@1.0.73 git 13',
  ]);
  assert.deepEqual(summary('two-packages-with-local.lock'), [
    'pkg:cargo/addr2line@0.15.2 registry 6',
    'pkg:cargo/local-rust-pkg@0.1.0 local 15',
  ]);
  assert.deepEqual(summary('duplicate.lock'), [
    'pkg:cargo/syn@1.0.73 registry 6',
    'pkg:cargo/syn@2.0.0 registry 12',
  ]);
  assert.deepEqual(summary('many-packages.lock'), [
    'pkg:cargo/zstd@0.11.2 registry 6',
    'pkg:cargo/aho-corasick@0.7.18 registry 12',
    'pkg:cargo/memchr@2.4.1 registry 21',
    'pkg:cargo/syn@1.0.109 registry 27',
    'pkg:cargo/libc@0.2.140 registry 33',
    'pkg:cargo/syn@2.0.15 registry 39',
  ]);
});

test('what the root crate depends on is direct; paths start at the root', () => {
  const lock = [
    '[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = ["serde", "syn 2.0.0"]',
    '[[package]]\nname = "serde"\nversion = "1.0.0"\nsource = "sparse+https://index.crates.io/"\ndependencies = ["syn 1.0.0 (registry+https://github.com/rust-lang/crates.io-index)"]',
    '[[package]]\nname = "syn"\nversion = "1.0.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"',
    '[[package]]\nname = "syn"\nversion = "2.0.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"',
  ].join('\n\n');
  const result = parseCargoLock(lock, 'Cargo.lock');
  assert.ok(result.ok);
  assert.deepEqual(
    result.packages.map((p) => [p.purl, p.direct, p.source, p.paths]),
    [
      ['pkg:cargo/app@0.1.0', false, 'local', []],
      ['pkg:cargo/serde@1.0.0', true, 'registry', [['app', 'serde']]],
      ['pkg:cargo/syn@1.0.0', false, 'registry', [['app', 'serde', 'syn']]],
      ['pkg:cargo/syn@2.0.0', true, 'registry', [['app', 'syn']]],
    ],
  );
});

test('malformed input fails cleanly or is skipped with a warning', () => {
  assert.equal(parseCargoLock('package = 3', 'Cargo.lock').ok, false);
  assert.equal(parseCargoLock('[[package]\n', 'Cargo.lock').ok, false);
  const result = parseCargoLock('[[package]]\nname = "a"\n', 'Cargo.lock');
  assert.deepEqual(result, {
    ok: true,
    packages: [],
    warnings: ['Cargo.lock:2: package without a name and version; skipped'],
  });
});
