import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseGemfileLock } from './parseGemfileLock.js';

const FIXTURES = fileURLToPath(
  new URL('../../../../../../shared/data/lockfiles/ruby/gemfilelock/', import.meta.url),
);
const skip = existsSync(FIXTURES) ? false : `fixtures absent: ${FIXTURES}`;

function parse(name: string) {
  const result = parseGemfileLock(readFileSync(FIXTURES + name, 'utf8'), name);
  assert.ok(result.ok, `${name} should parse`);
  return result;
}

function summary(name: string) {
  const result = parse(name);
  assert.deepEqual(result.warnings, []);
  return result.packages.map(
    (p) => `${p.purl} ${p.direct ? 'direct' : 'indirect'} ${p.source} ${String(p.location.line)}`,
  );
}

test('every Gemfile.lock fixture parses or fails cleanly', { skip }, () => {
  const files = readdirSync(FIXTURES);
  assert.ok(files.length >= 12);
  const failed = files.filter(
    (file) => !parseGemfileLock(readFileSync(FIXTURES + file, 'utf8'), file).ok,
  );
  assert.deepEqual(failed, []);
  assert.equal(parse('rails.lock').packages.length, 46);
  assert.equal(parse('rubocop.lock').packages.length, 10);
});

test('GEM specs, with DEPENDENCIES marking the direct gems', { skip }, () => {
  for (const empty of ['no-gem-section.lock', 'no-spec-section.lock', 'no-gems.lock']) {
    assert.deepEqual(summary(empty), []);
  }
  assert.deepEqual(summary('one-gem.lock'), ['pkg:gem/ast@2.4.2 direct registry 4']);
  assert.deepEqual(summary('source-section-at-end.lock'), ['pkg:gem/ast@2.4.2 direct registry 16']);
  assert.deepEqual(summary('some-gems.lock'), [
    'pkg:gem/coderay@1.1.3 indirect registry 4',
    'pkg:gem/method_source@1.0.0 indirect registry 5',
    'pkg:gem/pry@0.14.1 direct registry 6',
  ]);
  assert.deepEqual(parse('some-gems.lock').packages[0]?.paths, [['(root)', 'pry', 'coderay']]);
  assert.deepEqual(summary('multiple-gems.lock'), [
    'pkg:gem/bundler-audit@0.9.0.1 direct registry 4',
    'pkg:gem/coderay@1.1.3 indirect registry 7',
    'pkg:gem/dotenv@2.7.6 direct registry 8',
    'pkg:gem/method_source@1.0.0 indirect registry 9',
    'pkg:gem/pry@0.14.1 direct registry 10',
    'pkg:gem/thor@1.2.1 indirect registry 13',
  ]);
});

test('GIT and PATH sections; a platform goes into the purl', { skip }, () => {
  assert.deepEqual(summary('has-git-gem.lock'), [
    'pkg:gem/hanami-controller@2.0.0.alpha1 indirect git 6',
    'pkg:gem/hanami-utils@2.0.0.alpha1 direct git 15',
    'pkg:gem/concurrent-ruby@1.1.7 indirect registry 22',
    'pkg:gem/rack@2.2.3 indirect registry 23',
    'pkg:gem/transproc@1.1.1 indirect registry 24',
  ]);
  const local = parse('has-local-gem.lock').packages;
  assert.equal(local.length, 30);
  assert.deepEqual(
    local
      .filter((p) => p.source === 'local' || p.name === 'nokogiri')
      .map((p) => [p.purl, p.version, p.direct]),
    [
      ['pkg:gem/backbone-on-rails@1.2.0.0', '1.2.0.0', true],
      ['pkg:gem/nokogiri@1.13.3?platform=x86_64-linux', '1.13.3', false],
    ],
  );
  assert.deepEqual(local.find((p) => p.name === 'thor')?.paths, [
    ['(root)', 'backbone-on-rails', 'jquery-rails', 'thor'],
    ['(root)', 'backbone-on-rails', 'railties', 'thor'],
    ['(root)', 'backbone-on-rails', 'jquery-rails', 'railties', 'thor'],
  ]);
});

test('malformed input fails cleanly or is skipped with a warning', { skip }, () => {
  const invalid = parse('invalid.lock');
  assert.deepEqual(invalid.packages, []);
  assert.deepEqual(invalid.warnings, ['invalid.lock:4: malformed spec; skipped']);
  assert.deepEqual(parseGemfileLock('  specs:\n', 'Gemfile.lock'), {
    ok: false,
    error: { message: 'not a Gemfile.lock: indented line before any section', line: 1 },
  });
  const result = parseGemfileLock(
    'GEM\n  specs:\n    a (1.0)\n      b\n\nDEPENDENCIES\n  a b c\n',
    'Gemfile.lock',
  );
  assert.ok(result.ok);
  assert.deepEqual(
    result.packages.map((p) => p.purl),
    ['pkg:gem/a@1.0'],
  );
  assert.deepEqual(result.warnings, ['Gemfile.lock:7: malformed dependency; skipped']);
});
