import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseMixLock } from './parseMixLock.js';

const LOCKFILES = fileURLToPath(
  new URL('../../../../../../shared/data/lockfiles/', import.meta.url),
);
const FIXTURE_DIRS = ['elixir/mixlock/', 'erlang/mixlock/'];
const skip = existsSync(`${LOCKFILES}elixir/mixlock/`) ? false : `fixtures absent: ${LOCKFILES}`;

function parse(name: string) {
  const result = parseMixLock(readFileSync(LOCKFILES + name, 'utf8'), name);
  assert.ok(result.ok, `${name} should parse`);
  return result;
}

function summary(name: string) {
  const result = parse(name);
  assert.deepEqual(result.warnings, []);
  return result.packages.map((p) => `${p.purl} ${p.source} ${String(p.location.line)}`);
}

test('every mix.lock fixture parses', { skip }, () => {
  const files = FIXTURE_DIRS.flatMap((dir) => readdirSync(LOCKFILES + dir).map((f) => dir + f));
  assert.ok(files.length >= 8);
  for (const file of files) parse(file);
});

test('hex and git entries', { skip }, () => {
  assert.deepEqual(summary('elixir/mixlock/empty'), []);
  assert.deepEqual(summary('erlang/mixlock/empty.lock'), []);
  assert.deepEqual(summary('elixir/mixlock/valid'), [
    'pkg:hex/bunt@1.0.0 registry 2',
    'pkg:hex/certifi@2.12.0 registry 3',
  ]);
  assert.deepEqual(summary('erlang/mixlock/two-packages.lock'), [
    'pkg:hex/plug@1.11.1 registry 2',
    'pkg:hex/plug_crypto@1.2.2 registry 3',
  ]);
  assert.deepEqual(summary('erlang/mixlock/git.lock'), [
    'pkg:hex/foe git 2',
    'pkg:hex/foo git 3',
    'pkg:hex/bar git 4',
  ]);
  const many = parse('erlang/mixlock/many.lock').packages;
  assert.equal(many.length, 21);
  assert.deepEqual(
    many.slice(0, 3).map((p) => `${p.ecosystem} ${p.name}@${p.version}`),
    ['Hex backoff@1.1.6', 'Hex decimal@2.0.0', 'Hex dialyxir@1.1.0'],
  );
});

test('an entry without package and version is skipped with a warning', { skip }, () => {
  const result = parse('elixir/mixlock/invalid');
  assert.deepEqual(
    result.packages.map((p) => p.purl),
    ['pkg:hex/bunt@1.0.0'],
  );
  assert.deepEqual(result.warnings, [
    'elixir/mixlock/invalid:3: certifi has no package and version; skipped',
  ]);
});

test('private repositories and malformed input', () => {
  const result = parseMixLock(
    [
      '%{',
      '  "a": {:hex, :a, "1.0.0", "x", [:mix], [{:b, "~> 1.0", [hex: :b, repo: "hexpm"]}], "hexpm:acme", "y"},',
      '  "c": {:hex, :"c", "2.0.0", "x", [:mix], [], "mirror", "y"},',
      '  "d": {:path, "../d", []},',
      '}',
    ].join('\n'),
    'mix.lock',
  );
  assert.ok(result.ok);
  assert.deepEqual(
    result.packages.map((p) => p.purl),
    ['pkg:hex/acme/a@1.0.0', 'pkg:hex/c@2.0.0?repository_url=mirror'],
  );
  assert.deepEqual(result.warnings, ['mix.lock:4: d has no package and version; skipped']);
  assert.deepEqual(parseMixLock('not a lock', 'mix.lock'), {
    ok: false,
    error: { message: 'a mix.lock must be a map literal: %{ … }', line: 1 },
  });
  assert.deepEqual(parseMixLock('%{\n  "a": {:hex, :a, "1.0.0"]},\n}', 'mix.lock'), {
    ok: false,
    error: { message: 'malformed mix.lock entry', line: 2 },
  });
  assert.deepEqual(parseMixLock('%{\n  "a": {:hex, :a, "1.0.0"},\n', 'mix.lock').ok, false);
});
