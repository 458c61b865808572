import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { after, test } from 'node:test';
import { pack } from 'tar-stream';
import { debianDatabase, DEBIAN_ADVISORIES } from './debianAdvisories.test.support.js';
import { runVigil } from './testing.js';

/**
 * Builds a real Debian image (debootstrap minbase bookworm, about a minute and 200 MB) and
 * scans it. Slow and needs root, debootstrap and a Debian mirror, so it runs only when
 * VIGIL_TEST_DEBOOTSTRAP=1 (as .ci/run sets it); VIGIL_DEBOOTSTRAP_ROOT reuses an existing root.
 */
const enabled = process.env.VIGIL_TEST_DEBOOTSTRAP === '1';
const mirror = process.env.VIGIL_DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';
const work = mkdtempSync(join(tmpdir(), 'vigil-debootstrap-'));
after(() => {
  rmSync(work, { recursive: true, force: true });
});

function buildRoot(): string | { skip: string } {
  const existing = process.env.VIGIL_DEBOOTSTRAP_ROOT;
  if (existing) return existing;
  if (spawnSync('debootstrap', ['--version']).error)
    return { skip: 'debootstrap is not installed (apt-get install -y debootstrap)' };
  const root = join(work, 'rootfs');
  const built = spawnSync('debootstrap', ['--variant=minbase', 'bookworm', root, mirror], {
    encoding: 'utf8',
  });
  if (built.status !== 0)
    return {
      skip: `debootstrap could not build bookworm from ${mirror}: ${(built.stderr || built.stdout).trim().split('\n').slice(-2).join(' ')}`,
    };
  return root;
}

/** Wraps the root's tar in a docker save archive: layer, config with its diff id, manifest. */
async function dockerSave(layerTar: string, diffId: string, output: string): Promise<void> {
  const config = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    config: { User: '1000:1000', Cmd: ['/bin/bash'] },
    rootfs: { type: 'layers', diff_ids: [diffId] },
    history: [{ created_by: 'debootstrap --variant=minbase bookworm' }],
  });
  const archive = pack();
  const written = pipeline(archive, createWriteStream(output));
  const entry = archive.entry({ name: 'layer/layer.tar', size: statSync(layerTar).size });
  await pipeline(createReadStream(layerTar), entry);
  archive.entry({ name: 'config.json' }, config);
  archive.entry(
    { name: 'manifest.json' },
    JSON.stringify([
      {
        Config: 'config.json',
        RepoTags: ['debootstrap/bookworm:minbase'],
        Layers: ['layer/layer.tar'],
      },
    ]),
  );
  archive.finalize();
  await written;
}

test(
  'a debootstrap Debian image: every package dpkg-query lists is found, and the applicable advisories are reported',
  {
    skip: enabled
      ? false
      : 'set VIGIL_TEST_DEBOOTSTRAP=1 to build and scan a real Debian image (needs root, debootstrap and a Debian mirror)',
  },
  async (t) => {
    const root = buildRoot();
    if (typeof root !== 'string') {
      t.skip(root.skip);
      return;
    }
    const layerTar = join(work, 'layer.tar');
    const tarred = spawnSync('tar', ['--numeric-owner', '-C', root, '-cf', layerTar, '.'], {
      encoding: 'utf8',
    });
    assert.equal(tarred.status, 0, tarred.stderr);
    const digest =
      spawnSync('sha256sum', [layerTar], { encoding: 'utf8' }).stdout.split(' ')[0] ?? '';
    const archive = join(work, 'bookworm.tar');
    await dockerSave(layerTar, `sha256:${digest}`, archive);
    rmSync(layerTar);

    const listed = spawnSync(
      'dpkg-query',
      [
        `--admindir=${join(root, 'var/lib/dpkg')}`,
        '-W',
        '-f',
        '${Package} ${Version} ${Architecture} ${source:Package}\n',
      ],
      { encoding: 'utf8' },
    );
    assert.equal(listed.status, 0, listed.stderr);
    const expected = listed.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(' '));
    assert.ok(expected.length > 50, `dpkg-query lists ${expected.length} packages`);

    const bomFile = join(work, 'bom.json');
    const sbom = runVigil(['sbom', 'image', archive, '--output', bomFile], work);
    assert.equal(sbom.status, 0, sbom.stderr);
    const bom = JSON.parse(readFileSync(bomFile, 'utf8')) as {
      components: { name: string; version: string; purl: string }[];
    };
    const found = new Map(bom.components.map((component) => [component.name, component]));
    for (const [name, version, arch] of expected) {
      const component = found.get(name ?? '');
      assert.ok(component, `${String(name)} is in the image SBOM`);
      assert.equal(component.version, version, `${String(name)} version`);
      assert.match(
        component.purl,
        new RegExp(`^pkg:deb/debian/.*\\?arch=${String(arch)}&distro=debian-12$`),
      );
    }
    assert.equal(bom.components.length, expected.length);

    const scan = runVigil(
      ['scan', 'image', archive, '--format', 'json', '--db', debianDatabase(), '--fail-on', 'none'],
      work,
    );
    assert.equal(scan.status, 0, scan.stderr);
    const report = JSON.parse(scan.stdout) as {
      findings: { ruleId: string; dependency?: { name: string; ecosystem: string } }[];
      warnings: { message: string }[];
    };
    const sources = new Set(expected.map((fields) => fields[3]));
    // Open advisories for source packages the image has apply; fixed and Debian 11 ones never do.
    const applicable = DEBIAN_ADVISORIES.filter((record) =>
      record.affected.some(
        (entry) =>
          entry.package.ecosystem === 'Debian:12' &&
          sources.has(entry.package.name) &&
          !entry.ranges.some((range) => range.events.some((event) => 'fixed' in event)),
      ),
    ).map((record) => `deps/${record.id}`);
    const reported = report.findings
      .filter((finding) => finding.ruleId.startsWith('deps/'))
      .map((finding) => finding.ruleId);
    assert.deepEqual([...new Set(reported)].sort(), applicable.sort());
    assert.ok(applicable.length >= 2, 'zlib and coreutils advisories apply to bookworm minbase');
    assert.ok(!report.findings.some((finding) => finding.ruleId === 'image/runs-as-root'));
    assert.ok(existsSync(archive));
  },
);
