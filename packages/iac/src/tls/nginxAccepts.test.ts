import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateTlsConfig } from './generateTlsConfig.js';

function hasCommand(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

const nginx = hasCommand('nginx', ['-v']);
const openssl = hasCommand('openssl', ['version']);
const skip = !nginx
  ? 'nginx is not installed (apt-get install -y nginx): the generated config is not checked with nginx -t'
  : !openssl
    ? 'openssl is not installed (apt-get install -y openssl): no certificate for nginx -t'
    : false;

/** The OpenSSL nginx links, so the generator leaves out groups it cannot load. */
function nginxOpenssl(): string {
  const output = spawnSync('nginx', ['-V'], { encoding: 'utf8' }).stderr;
  return /OpenSSL (\d+\.\d+(?:\.\d+)?)/.exec(output)?.[1] ?? '3.0';
}

test('generated nginx configs pass nginx -t', { skip }, () => {
  const prefix = mkdtempSync(join(tmpdir(), 'vigil-nginx-'));
  try {
    mkdirSync(join(prefix, 'logs'));
    const key = join(prefix, 'key.pem');
    const certificate = join(prefix, 'cert.pem');
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    writeFileSync(key, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-new',
        '-key',
        key,
        '-out',
        certificate,
        '-days',
        '1',
        '-subj',
        '/CN=vigil.test',
      ],
      { stdio: 'ignore' },
    );
    for (const profile of ['modern', 'intermediate'] as const) {
      const server = generateTlsConfig({
        server: 'nginx',
        profile,
        hsts: true,
        opensslVersion: nginxOpenssl(),
        paths: { certificate, key, dhparam: join(prefix, 'dhparam.pem') },
      });
      const conf = join(prefix, `nginx-${profile}.conf`);
      writeFileSync(
        conf,
        `pid ${join(prefix, 'nginx.pid')};\nerror_log ${join(prefix, 'logs', 'error.log')};\nevents {}\nhttp {\n  access_log off;\n  client_body_temp_path ${prefix}/body;\n  proxy_temp_path ${prefix}/proxy;\n  fastcgi_temp_path ${prefix}/fastcgi;\n  uwsgi_temp_path ${prefix}/uwsgi;\n  scgi_temp_path ${prefix}/scgi;\n${server}\n}\n`,
      );
      const result = spawnSync('nginx', ['-t', '-c', conf, '-p', prefix], { encoding: 'utf8' });
      assert.equal(result.status, 0, `nginx -t failed for ${profile}:\n${result.stderr}`);
      assert.match(result.stderr, /test is successful/);
    }
  } finally {
    rmSync(prefix, { recursive: true, force: true });
  }
});
