import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { dhParamReader } from './dhParamReader.js';
import { scanFiles } from './scanFiles.test.support.js';
import { dhParamBits } from './tls/dhParamBits.js';

// Made with `openssl dhparam 1024` and `openssl dhparam -dsaparam 2048` (OpenSSL 3.0).
const pkcs3Weak = `-----BEGIN DH PARAMETERS-----
MIGHAoGBANgVOSPXK264yXFXOPlJMvf7abNWAWRWCnZJRwj7a/DQHS2GievPv2Nq
v3ydbr0vAZj1Wna1Ux0uFhU/RQUHB2nt1HohxssUVYGiKzYeWlzh8CTHUtsxdR70
nOyXGw0V3Wml5oVbfvZuq+G3Sfs7l9jp43F4owEQINjc10OeKfLnAgEC
-----END DH PARAMETERS-----
`;
const x942Strong = `-----BEGIN X9.42 DH PARAMETERS-----
MIICKAKCAQEAidbVbulYsyVyXzU/wUaF447oJiDNz1BNPyM0JDbeU/wIMt92cYZC
V1Oh/DOC4H4b2TDuVcueggselXjoUDw09OykxX/iZ8youBUKiqUt/+xOrLMswyap
Sz6xAqOXIq8Grd5qCd2aNfNDvNkQT2wX2lr1Dofe9/mwXHxC8ZBzIhv+S4StULkv
gy6eBvaely6pu/3F04sXHwqs85KN45doivBk3r1eMrxJ7jArFH9DHYBzIguiuUEJ
4gMgcSKoRl5udB+5Wj3vjdN+/oq25DsiKtAbO3qVEJ8rddY+lmjtDrqOjQ+2nEz9
8wrjQFbbGogRSs5l+kzNjGkKMHtm7vgG4wKCAQAfq+J1i71zzPga1Pqw3QLtyakI
tP5TBVSkMikzy7S6qRF56JyjalkYlm6y3EgW5CUROtM8bQucE9/j7NViZhRIy9w9
X6Gx8bOYuxqewcsnRW8UqtC9kgauNXgc5mqtnqXCXctYxcH3T9AylO2Vwa3g7+ID
yxl1GpxLyUNRVtL3dvnM7jHjY1KqzDYalSNlZZCNg4ZuH7VFhlqzHGvAXF3Cksqs
Mk0kxS6iRQAKzb1zVdcKKIpPAN201wspkrHbZJZIFwLjAeEgwQ9cDJ+6eWIu2h7j
llgUlsWqNqTw5eD4QXRM9elIfaIH7MTeKweBk1tUkD36Kd1RbZdhdquimErmAh0A
8dmivvXIWdWru2UPfC2N2dl/rzImcIitRh55uw==
-----END X9.42 DH PARAMETERS-----
`;

const base = mkdtempSync(join(tmpdir(), 'vigil-dhparam-'));
after(() => {
  rmSync(base, { recursive: true, force: true });
});
const root = join(base, 'repo');
const outside = join(base, 'outside');
mkdirSync(join(root, 'nginx', 'conf.d'), { recursive: true });
mkdirSync(outside);
writeFileSync(join(root, 'nginx', 'dhparam.pem'), pkcs3Weak);
writeFileSync(join(root, 'nginx', 'conf.d', 'strong.pem'), x942Strong);
writeFileSync(join(outside, 'dhparam.pem'), pkcs3Weak);
symlinkSync(join(outside, 'dhparam.pem'), join(root, 'nginx', 'escape.pem'));
writeFileSync(join(root, 'nginx', 'huge.pem'), `${pkcs3Weak}${'#'.repeat(100_000)}\n`);

test('dhParamBits reads OpenSSL PKCS#3 and X9.42 files', () => {
  assert.equal(dhParamBits(pkcs3Weak), 1024);
  assert.equal(dhParamBits(x942Strong), 2048);
  // Mismatched armour is not a PEM block.
  assert.equal(dhParamBits(x942Strong.replace('END X9.42 DH', 'END DH')), undefined);
});

test('reads DH parameters inside the scan root only, relative names from the config upwards', () => {
  const read = dhParamReader(root, 'nginx/conf.d/site.conf');
  assert.equal(read('dhparam.pem'), 1024, 'found in the parent directory (the nginx prefix)');
  assert.equal(read('strong.pem'), 2048, 'found next to the configuration');
  assert.equal(read(join(root, 'nginx', 'dhparam.pem')), 1024, 'absolute, inside the root');
  assert.equal(read(join(outside, 'dhparam.pem')), undefined, 'absolute, outside the root');
  assert.equal(read('../../outside/dhparam.pem'), undefined, 'climbs out of the root');
  assert.equal(read('escape.pem'), undefined, 'a symlink inside the root leading out of it');
  assert.equal(read('huge.pem'), undefined, 'too large for DH parameters');
  assert.equal(read('conf.d'), undefined, 'a directory');
  assert.equal(read('missing.pem'), undefined);
  assert.equal(dhParamReader(join(base, 'gone'), 'a.conf')('dhparam.pem'), undefined);
});

test('the scanner reports weak DH parameter files of the tree at the ssl_dhparam line', async () => {
  const site = (file: string) =>
    `server {\n    listen 443 ssl;\n    ssl_dhparam ${file};\n    add_header Strict-Transport-Security "max-age=63072000" always;\n}\n`;
  const { findings, warnings } = await scanFiles(
    {
      'nginx/conf.d/weak.conf': site('dhparam.pem'),
      'nginx/conf.d/strong.conf': site('strong.pem'),
      'nginx/conf.d/escape.conf': site('escape.pem'),
      'nginx/conf.d/system.conf': site('/etc/nginx/dhparam.pem'),
    },
    {},
    root,
  );
  assert.deepEqual(warnings, []);
  assert.deepEqual(
    findings.map((f) => [
      f.ruleId,
      f.location.kind === 'file' ? `${f.location.path}:${String(f.location.startLine)}` : '',
      f.message,
    ]),
    [
      [
        'iac/tls-weak-dh',
        'nginx/conf.d/weak.conf:3',
        'ssl_dhparam dhparam.pem holds 1024-bit DH parameters (at least 2048 needed)',
      ],
    ],
  );
});
