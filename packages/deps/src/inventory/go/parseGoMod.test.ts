import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseGoMod } from './parseGoMod.js';

const FIXTURES = fileURLToPath(
  new URL('../../../../../../shared/data/lockfiles/golang/gomod/', import.meta.url),
);
const skip = existsSync(FIXTURES) ? false : `fixtures absent: ${FIXTURES}`;

function summary(name: string, sum?: string) {
  const goSum = sum === undefined ? undefined : readFileSync(FIXTURES + sum, 'utf8');
  const result = parseGoMod(readFileSync(FIXTURES + name, 'utf8'), name, goSum);
  assert.ok(result.ok, `${name} should parse`);
  assert.deepEqual(result.warnings, []);
  return result.packages.map(
    (p) =>
      `${p.purl} ${p.version} ${p.direct ? 'direct' : 'indirect'} ${p.source} ${String(p.location.line)}`,
  );
}

test('every go.mod fixture parses or fails cleanly', { skip }, () => {
  const files = readdirSync(FIXTURES).filter((file) => file.endsWith('.mod'));
  assert.ok(files.length >= 10);
  const failed = files.filter(
    (file) => !parseGoMod(readFileSync(FIXTURES + file, 'utf8'), file).ok,
  );
  assert.deepEqual(failed, ['not-go-mod.mod']);
});

test('require lines and blocks, with // indirect', { skip }, () => {
  assert.deepEqual(summary('empty.mod'), []);
  assert.deepEqual(summary('one-package.mod'), [
    'pkg:golang/github.com/BurntSushi/toml@v1.0.0 1.0.0 direct registry 4',
  ]);
  assert.deepEqual(summary('toolchain-with-suffix.mod'), [
    'pkg:golang/github.com/BurntSushi/toml@v1.0.0 1.0.0 direct registry 8',
  ]);
  assert.deepEqual(summary('indirect-packages.mod'), [
    'pkg:golang/github.com/BurntSushi/toml@v1.0.0 1.0.0 direct registry 6',
    'pkg:golang/gopkg.in/yaml.v2@v2.4.0 2.4.0 direct registry 7',
    'pkg:golang/github.com/mattn/go-colorable@v0.1.9 0.1.9 indirect registry 11',
    'pkg:golang/github.com/mattn/go-isatty@v0.0.14 0.0.14 indirect registry 12',
    'pkg:golang/golang.org/x/sys@v0.0.0-20210630005230-0f9fa26af87c 0.0.0-20210630005230-0f9fa26af87c indirect registry 13',
  ]);
});

test('replace directives swap modules or point at a local directory', { skip }, () => {
  assert.deepEqual(summary('replace-one.mod'), [
    'pkg:golang/example.com/fork/net@v1.4.5 1.4.5 direct registry 2',
  ]);
  assert.deepEqual(summary('replace-mixed.mod'), [
    'pkg:golang/example.com/fork/net@v1.4.5 1.4.5 direct registry 2',
    'pkg:golang/golang.org/x/net@v0.5.6 0.5.6 direct registry 3',
  ]);
  assert.deepEqual(summary('replace-different.mod'), [
    'pkg:golang/example.com/fork/foe@v1.4.5 1.4.5 direct registry 2',
    'pkg:golang/example.com/fork/foe@v1.4.2 1.4.2 direct registry 3',
  ]);
  assert.deepEqual(summary('replace-no-version.mod'), [
    'pkg:golang/example.com/fork/net@v1.4.5 1.4.5 direct registry 2',
  ]);
  assert.deepEqual(summary('replace-not-required.mod'), [
    'pkg:golang/golang.org/x/net@v0.5.6 0.5.6 direct registry 2',
    'pkg:golang/github.com/BurntSushi/toml@v1.0.0 1.0.0 direct registry 3',
  ]);
  assert.deepEqual(summary('replace-local.mod'), [
    'pkg:golang/golang.org/x/net  direct local 2',
    'pkg:golang/github.com/BurntSushi/toml@v1.0.0 1.0.0 direct registry 3',
  ]);
});

test('before Go 1.17, go.sum adds the indirect modules go.mod leaves out', { skip }, () => {
  assert.deepEqual(summary('indirect-1.16.mod', 'indirect-1.16.sum'), [
    'pkg:golang/github.com/sirupsen/logrus@v1.9.3 1.9.3 direct registry 5',
    'pkg:golang/github.com/davecgh/go-spew@v1.1.1 1.1.1 indirect registry 2',
    'pkg:golang/github.com/pmezard/go-difflib@v1.0.0 1.0.0 indirect registry 4',
    'pkg:golang/github.com/stretchr/testify@v1.7.0 1.7.0 indirect registry 9',
    'pkg:golang/golang.org/x/sys@v0.0.0-20220715151400-c0bba94af5f8 0.0.0-20220715151400-c0bba94af5f8 indirect registry 11',
    'pkg:golang/gopkg.in/yaml.v3@v3.0.0-20200313102051-9f266ea9e77c 3.0.0-20200313102051-9f266ea9e77c indirect registry 14',
  ]);
  // From 1.17 on go.mod is complete, so even a broken go.sum is not read.
  assert.deepEqual(summary('indirect-1.23.mod', 'indirect-1.23.sum'), [
    'pkg:golang/github.com/sirupsen/logrus@v1.9.3 1.9.3 direct registry 5',
    'pkg:golang/golang.org/x/sys@v0.0.0-20220715151400-c0bba94af5f8 0.0.0-20220715151400-c0bba94af5f8 indirect registry 7',
  ]);
});

test('malformed input fails cleanly or is skipped with a warning', () => {
  assert.deepEqual(parseGoMod('module x\nrequire (\n\ta v1\n', 'go.mod'), {
    ok: false,
    error: { message: 'unterminated require block' },
  });
  assert.deepEqual(parseGoMod('require "a v1', 'go.mod'), {
    ok: false,
    error: { message: 'unterminated quoted string', line: 1 },
  });
  const result = parseGoMod(
    'require (\n\ta\n\t"b/c" v1.0.0 // indirect; note\n\td v2.0.0\n)\nexclude d v2.0.0\nreplace x =>\n',
    'dir/go.mod',
    'e v1.0.0 h1:x\nf v1.0.0/go.mod h1:y\nbroken\n',
  );
  assert.ok(result.ok);
  assert.deepEqual(
    result.packages.map((p) => `${p.purl} ${String(p.direct)} ${p.location.path}`),
    ['pkg:golang/b/c@v1.0.0 false dir/go.mod', 'pkg:golang/e@v1.0.0 false dir/go.sum'],
  );
  assert.deepEqual(result.warnings, [
    'dir/go.mod:2: malformed require; skipped',
    'dir/go.mod:7: malformed replace; skipped',
    'dir/go.mod:4: d@v2.0.0 is excluded; skipped',
    'dir/go.sum:3: malformed line; skipped',
  ]);
});
