import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseComposerLock } from './parseComposerLock.js';

const FIXTURES = fileURLToPath(
  new URL('../../../../../../shared/data/lockfiles/php/composerlock/', import.meta.url),
);
const skip = existsSync(FIXTURES) ? false : `fixtures absent: ${FIXTURES}`;

function summary(name: string) {
  const result = parseComposerLock(readFileSync(FIXTURES + name, 'utf8'), name);
  assert.ok(result.ok, `${name} should parse`);
  assert.deepEqual(result.warnings, []);
  return result.packages.map((p) => `${p.purl} ${p.scope} ${p.source} ${String(p.location.line)}`);
}

test('every composer.lock fixture parses or fails cleanly', { skip }, () => {
  const files = readdirSync(FIXTURES);
  assert.ok(files.length >= 9);
  const failed = files.filter(
    (file) => !parseComposerLock(readFileSync(FIXTURES + file, 'utf8'), file).ok,
  );
  assert.deepEqual(failed.sort(), ['not-json.txt', 'null.jsontest']);
});

test('packages are prod, packages-dev are dev', { skip }, () => {
  assert.deepEqual(summary('empty.json'), []);
  assert.deepEqual(summary('one-package.json'), ['pkg:composer/sentry/sdk@2.0.4 prod registry 9']);
  assert.deepEqual(summary('one-package-dev.json'), [
    'pkg:composer/sentry/sdk@2.0.4 dev registry 10',
  ]);
  assert.deepEqual(summary('two-packages.json'), [
    'pkg:composer/sentry/sdk@2.0.4 prod registry 9',
    'pkg:composer/theseer/tokenizer@1.1.3 dev registry 42',
  ]);
  assert.deepEqual(summary('two-packages-alt.json'), [
    'pkg:composer/sentry/sdk@2.0.4 prod registry 9',
    'pkg:composer/theseer/tokenizer@1.1.3 prod registry 40',
  ]);
  assert.deepEqual(summary('duplicate-packages.json'), [
    'pkg:composer/sentry/sdk@2.0.4 prod registry 9',
    'pkg:composer/sentry/sdk@2.0.5 prod registry 16',
    'pkg:composer/sentry/sdk@3.0.0-dev dev registry 25',
  ]);
  assert.deepEqual(summary('drupal-packages.json'), [
    'pkg:composer/drupal/core@10.4.5 prod registry 9',
    'pkg:composer/drupal/tfa@2.0.0-alpha4 prod registry 173',
    'pkg:composer/theseer/tokenizer@1.1.3 prod registry 260',
    'pkg:composer/drupal/field_time@1.0.0-beta5 dev registry 298',
  ]);
});

test('malformed input fails cleanly or is skipped with a warning', () => {
  assert.deepEqual(parseComposerLock('null', 'composer.lock'), {
    ok: false,
    error: { message: 'a composer.lock must be a JSON object', line: 1 },
  });
  assert.equal(parseComposerLock('{"packages": {}}', 'composer.lock').ok, false);
  const result = parseComposerLock(
    [
      '{"packages": [',
      '{"name": "a/local", "version": "1.0", "dist": {"type": "path", "url": "../a"}},',
      '{"name": "a/branch", "version": "dev-main", "source": {"type": "git", "url": "x"}},',
      '{"name": "no-vendor", "version": "1.0"},',
      '3',
      ']}',
    ].join('\n'),
    'composer.lock',
  );
  assert.ok(result.ok);
  assert.deepEqual(
    result.packages.map((p) => `${p.purl} ${p.source}`),
    ['pkg:composer/a/local@1.0 local', 'pkg:composer/a/branch@dev-main git'],
  );
  assert.deepEqual(result.warnings, [
    'composer.lock:4: packages[2] has no name and version; skipped',
    'composer.lock:1: packages[3] has no name and version; skipped',
  ]);
});
