import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { bundledTlsGuidelines, readTlsGuidelines } from './tlsGuidelines.js';

const SHARED = new URL('../../../../../shared/data/tls/', import.meta.url).pathname;
const shared = existsSync(SHARED);
const skip = shared ? false : `shared TLS guidelines not found at ${SHARED}`;

test(
  'every shared guidelines version (4.0 to 6.0) reads into the normalised shape',
  { skip },
  () => {
    const files = readdirSync(SHARED).filter((name) => name.endsWith('.json'));
    assert.ok(files.length >= 11);
    for (const file of files) {
      const result = readTlsGuidelines(JSON.parse(readFileSync(join(SHARED, file), 'utf8')));
      assert.ok(result.ok, `${file}: ${result.ok ? '' : result.errors.join('; ')}`);
      const { intermediate, modern } = result.guidelines.profiles;
      assert.equal(result.guidelines.version, file.replace('.json', ''));
      assert.ok(intermediate.opensslCiphers.length > 0, file);
      assert.ok(modern.tlsVersions.length > 0, file);
      assert.equal(intermediate.dhParamSize, 2048);
    }
  },
);

test('the bundled guidelines equal the shared 6.0.json', { skip }, () => {
  const result = readTlsGuidelines(JSON.parse(readFileSync(join(SHARED, '6.0.json'), 'utf8')));
  assert.ok(result.ok);
  assert.deepEqual(result.guidelines, bundledTlsGuidelines);
});

test('bad guidelines documents list every bad field', () => {
  assert.deepEqual(readTlsGuidelines(null), { ok: false, errors: ['not a JSON object'] });
  const result = readTlsGuidelines({
    version: '6',
    configurations: { modern: { ciphers: { openssl: [] } }, intermediate: 3 },
  });
  assert.equal(result.ok, false);
  assert.ok(!result.ok);
  assert.ok(result.errors.includes('version: missing or not a number'));
  assert.ok(result.errors.includes('configurations.intermediate: not an object'));
  assert.ok(
    result.errors.includes('configurations.modern.tls_versions: missing or of the wrong type'),
  );
});
