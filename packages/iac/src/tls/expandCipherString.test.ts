import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandCipherString } from './expandCipherString.js';

test('exact names, intersections, deletions and kills', () => {
  assert.deepEqual(expandCipherString('ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA').ciphers, [
    'ECDHE-RSA-AES128-GCM-SHA256',
    'AES128-SHA',
  ]);
  assert.deepEqual(expandCipherString('ECDHE+AESGCM+aRSA').ciphers, [
    'ECDHE-RSA-AES128-GCM-SHA256',
    'ECDHE-RSA-AES256-GCM-SHA384',
  ]);
  // `!` deletes for good, `-` can be added back.
  assert.deepEqual(expandCipherString('!RC4:RC4-SHA').ciphers, []);
  assert.deepEqual(expandCipherString('RC4-SHA:-RC4:RC4-SHA').ciphers, ['RC4-SHA']);
  assert.deepEqual(expandCipherString('AES128-SHA:AES256-SHA:+AES128-SHA').ciphers, [
    'AES256-SHA',
    'AES128-SHA',
  ]);
});

test('common real strings', () => {
  const nginxDefault = expandCipherString('HIGH:!aNULL:!MD5');
  assert.ok(nginxDefault.ciphers.includes('AES128-SHA'));
  assert.ok(!nginxDefault.ciphers.some((name) => name.startsWith('ADH-') || name.includes('RC4')));
  assert.ok(!nginxDefault.ciphers.includes('DES-CBC3-SHA'));
  const legacy = expandCipherString('ALL:!EXPORT:!eNULL');
  assert.ok(legacy.ciphers.includes('RC4-MD5') && legacy.ciphers.includes('ADH-AES128-SHA'));
  assert.ok(!legacy.ciphers.includes('NULL-SHA'));
  assert.deepEqual(expandCipherString('EECDH+AESGCM:EDH+AESGCM:@STRENGTH').unknown, []);
});

test('unknown elements are reported, not guessed; TLS 1.3 names are skipped', () => {
  const result = expandCipherString('FANCY-NEW-CIPHER:TLS_AES_128_GCM_SHA256:kGOST');
  assert.deepEqual(result.ciphers, []);
  assert.deepEqual(result.unknown, ['FANCY-NEW-CIPHER', 'kGOST']);
});
