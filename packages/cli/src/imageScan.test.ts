import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEBIAN_OS_RELEASE, dockerArchive, dpkgEntry } from '@vigil/image/testing';
import { debianDatabase } from './debianAdvisories.test.support.js';
import { runVigil } from './testing.js';

interface JsonReport {
  findings: {
    ruleId: string;
    message: string;
    severity: string;
    location: { kind: string; path?: string; purl?: string; file?: { path: string } };
    dependency?: { ecosystem: string; name: string; version: string };
  }[];
  policy: { failed: boolean };
  warnings: { code: string; message: string }[];
}

const GITHUB_TOKEN = 'ghp_' + 'R7d2kQx9vB4mN8pL3sT6wY1zA5cE0fH2jK4g';

async function fixtureArchive(): Promise<string> {
  const directory = mkdtempSync(join(tmpdir(), 'vigil-image-cli-'));
  const status = [
    dpkgEntry({
      Package: 'zlib1g',
      Status: 'install ok installed',
      Architecture: 'amd64',
      Source: 'zlib',
      Version: '1:1.2.13.dfsg-1',
    }),
    dpkgEntry({
      Package: 'libc6',
      Status: 'install ok installed',
      Architecture: 'amd64',
      Source: 'glibc',
      Version: '2.36-9+deb12u10',
    }),
    dpkgEntry({
      Package: 'libc-bin',
      Status: 'install ok installed',
      Architecture: 'amd64',
      Source: 'glibc',
      Version: '2.36-9+deb12u10',
    }),
    dpkgEntry({
      Package: 'coreutils',
      Status: 'install ok installed',
      Architecture: 'amd64',
      Version: '9.1-1',
    }),
    dpkgEntry({
      Package: 'removed-pkg',
      Status: 'deinstall ok config-files',
      Architecture: 'amd64',
      Version: '1.0',
    }),
  ].join('\n');
  const archive = await dockerArchive(
    {
      layers: [
        {
          entries: [
            { name: 'usr/lib/os-release', content: DEBIAN_OS_RELEASE },
            { name: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' },
            { name: 'var/lib/dpkg/status', content: status },
            { name: 'root/.git-credentials', content: `https://user:${GITHUB_TOKEN}@github.com\n` },
          ],
        },
        { entries: [{ name: 'root/.wh..git-credentials', content: '' }] },
      ],
      config: {
        Env: ['PATH=/usr/bin', 'DB_PASSWORD=correct-horse-battery'],
        ExposedPorts: { '22/tcp': {}, '8080/tcp': {} },
      },
      history: ['ADD rootfs.tar /', 'RUN /bin/sh -c rm /root/.git-credentials'],
    },
    'registry.example/app:1.4',
  );
  const path = join(directory, 'app.tar');
  writeFileSync(path, archive);
  return path;
}

test('vigil scan image: OSV matches by source package, secrets in deleted files, config checks', async () => {
  const archive = await fixtureArchive();
  const db = debianDatabase();
  const result = runVigil(['scan', 'image', archive, '--format', 'json', '--db', db], tmpdir());
  assert.equal(result.status, 1, result.stderr);
  const report = JSON.parse(result.stdout) as JsonReport;
  const ids = report.findings.map((finding) => finding.ruleId).sort();
  assert.deepEqual(ids, [
    'deps/DEBIAN-CVE-2016-2781',
    'deps/DEBIAN-CVE-2023-45853',
    'image/exposed-admin-port',
    'image/runs-as-root',
    'image/secret-in-env',
    'secrets/git-credentials',
  ]);
  const zlib = report.findings.find((finding) => finding.ruleId === 'deps/DEBIAN-CVE-2023-45853');
  assert.deepEqual(zlib?.dependency && { ...zlib.dependency }, {
    ...zlib?.dependency,
    ecosystem: 'Debian:12',
    name: 'zlib',
    version: '1:1.2.13.dfsg-1',
  });
  assert.match(
    zlib?.message ?? '',
    /Installed as zlib1g 1:1\.2\.13\.dfsg-1\. Listed in \/var\/lib\/dpkg\/status \(layer sha256:/,
  );
  assert.match(
    zlib?.location.purl ?? '',
    /^pkg:deb\/debian\/zlib1g@1%3A1\.2\.13\.dfsg-1\?arch=amd64&distro=debian-12$/,
  );
  const secret = report.findings.find((finding) => finding.ruleId === 'secrets/git-credentials');
  assert.equal(secret?.location.path, 'root/.git-credentials');
  assert.match(
    secret.message,
    /In layer 1 \(sha256:[0-9a-f]{12}\); a later layer deletes or replaces the file, but this layer still ships it\./,
  );
  const env = report.findings.find((finding) => finding.ruleId === 'image/secret-in-env');
  assert.match(env?.message ?? '', /DB_PASSWORD holds a credential \(21 characters\)/);
  assert.ok(!result.stdout.includes('correct-horse-battery'), 'the env value is never printed');
  assert.ok(!result.stdout.includes(GITHUB_TOKEN), 'the token is never printed');
  assert.deepEqual(report.warnings, []);
});

test('vigil sbom image: distribution packages as pkg:deb purls, named after the image tag', async () => {
  const archive = await fixtureArchive();
  const output = join(mkdtempSync(join(tmpdir(), 'vigil-sbom-')), 'bom.json');
  const result = runVigil(['sbom', 'image', archive, '--output', output], tmpdir());
  assert.equal(result.status, 0, result.stderr);
  const bom = JSON.parse(readFileSync(output, 'utf8')) as {
    metadata: { component: { name: string; version?: string } };
    components: { name: string; version: string; purl: string }[];
  };
  assert.deepEqual(bom.metadata.component.name, 'registry.example/app');
  assert.deepEqual(bom.metadata.component.version, '1.4');
  assert.deepEqual(bom.components.map((component) => component.purl).sort(), [
    'pkg:deb/debian/coreutils@9.1-1?arch=amd64&distro=debian-12',
    'pkg:deb/debian/libc-bin@2.36-9%2Bdeb12u10?arch=amd64&distro=debian-12',
    'pkg:deb/debian/libc6@2.36-9%2Bdeb12u10?arch=amd64&distro=debian-12',
    'pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1?arch=amd64&distro=debian-12',
  ]);
});

test('vigil scan image: usage errors and unreadable archives exit 2 with one clear line', () => {
  const cwd = tmpdir();
  const extra = runVigil(['scan', 'src', 'other'], cwd);
  assert.equal(extra.status, 2);
  assert.match(
    extra.stderr,
    /unexpected argument other: scan one path, or `vigil scan image ARCHIVE`/,
  );
  const missing = runVigil(['scan', 'image', join(cwd, 'no-such-image.tar')], cwd);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /path does not exist/);
  const junk = join(mkdtempSync(join(tmpdir(), 'vigil-junk-')), 'junk.tar');
  writeFileSync(junk, 'definitely not a tar archive');
  const notImage = runVigil(['scan', 'image', junk], cwd);
  assert.equal(notImage.status, 2, notImage.stderr);
  assert.match(notImage.stderr, /^vigil: .*junk\.tar is not an image archive/);
});
