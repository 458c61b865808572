import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, describe, test } from 'node:test';
import { openImage } from './archive/openImage.js';
import {
  DEBIAN_OS_RELEASE,
  dockerArchive,
  dpkgEntry,
  ociArchive,
  tarBytes,
  writeOciLayout,
  type FixtureImage,
} from './testing/imageFixtures.js';
import { inventoryCaptureTarget } from './inventory/readImageInventory.js';
import { ImageLayerReader, DEFAULT_READ_LIMITS, type ReadLimits } from './readImageLayers.js';

const work = mkdtempSync(join(tmpdir(), 'vigil-image-test-'));
after(() => {
  rmSync(work, { recursive: true, force: true });
});

let counter = 0;
function scratch(): string {
  const directory = join(work, `case-${++counter}`);
  mkdirSync(directory);
  return directory;
}

async function readAll(archive: string, limits: Partial<ReadLimits> = {}, platform?: string) {
  const tempDir = scratch();
  const image = await openImage(archive, {
    tempDir,
    maxArchiveBytes: 1 << 30,
    ...(platform ? { platform } : {}),
  });
  const reader = new ImageLayerReader(image, {
    tempDir,
    limits: { ...DEFAULT_READ_LIMITS, ...limits },
    capture: inventoryCaptureTarget,
    textFiles: { maxSize: 1 << 20, skip: () => false },
  });
  const files = [];
  for await (const file of reader.read()) files.push(file);
  image.store.close();
  return { image, files, contents: reader.contents(), tempDir };
}

function writeArchive(bytes: Buffer, name = 'image.tar'): string {
  const path = join(scratch(), name);
  writeFileSync(path, bytes);
  return path;
}

const layered: FixtureImage = {
  layers: [
    {
      entries: [
        { name: 'usr/lib/os-release', content: DEBIAN_OS_RELEASE },
        { name: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' },
        {
          name: 'var/lib/dpkg/status',
          content: dpkgEntry({
            Package: 'libssl3',
            Status: 'install ok installed',
            Architecture: 'amd64',
            Source: 'openssl',
            Version: '3.0.11-1~deb12u1',
          }),
        },
        { name: 'opt/data/', type: 'directory' },
        { name: 'opt/data/old.txt', content: 'lower layer file' },
        { name: 'tmp/credentials.txt', content: 'aws_secret_access_key = (fixture)' },
      ],
    },
    {
      entries: [
        { name: 'tmp/.wh.credentials.txt', content: '' },
        { name: 'opt/data/.wh..wh..opq', content: '' },
        { name: 'opt/data/new.txt', content: 'upper layer file' },
        { name: 'usr/bin/tool', content: 'v2' },
      ],
    },
  ],
};

describe('reading image archives', () => {
  test('a docker save archive: whiteouts delete, opaque directories hide the layers below', async () => {
    const { image, contents, files } = await readAll(writeArchive(await dockerArchive(layered)));
    assert.equal(image.format, 'docker-archive');
    assert.equal(image.reference, 'fixture:latest');
    assert.equal(image.layers.length, 2);
    const fs = contents.filesystem;
    assert.equal(fs.get('tmp/credentials.txt'), undefined, 'whited-out file is gone');
    assert.equal(fs.get('opt/data/old.txt'), undefined, 'opaque directory hides the lower file');
    assert.equal(fs.get('opt/data/new.txt')?.layer, 1);
    assert.equal(fs.get('opt/data')?.kind, 'directory');
    assert.equal(fs.resolve('etc/os-release')?.path, 'usr/lib/os-release');
    assert.match(contents.read('etc/os-release')?.toString() ?? '', /ID=debian/);
    // Deleted files are still handed out for the secrets scan: the lower layer ships them.
    assert.ok(files.some((file) => file.path === 'tmp/credentials.txt' && file.layer.index === 0));
    assert.deepEqual(contents.warnings, []);
  });

  test('a file replacing a directory drops everything under it, and the reverse', () => {
    return (async () => {
      const archive = writeArchive(
        await dockerArchive({
          layers: [
            {
              entries: [
                { name: 'a/b/c.txt', content: 'x' },
                { name: 'f', content: 'file' },
              ],
            },
            {
              entries: [
                { name: 'a', content: 'now a file' },
                { name: 'f/g.txt', content: 'y' },
              ],
            },
          ],
        }),
      );
      const { contents } = await readAll(archive);
      assert.equal(contents.filesystem.get('a')?.kind, 'file');
      assert.equal(contents.filesystem.get('a/b/c.txt'), undefined);
      assert.equal(contents.filesystem.get('f')?.kind, 'directory');
      assert.equal(contents.filesystem.get('f/g.txt')?.kind, 'file');
    })();
  });

  test('an OCI archive with zstd and plain layers, multi-platform: linux/amd64 by default', async () => {
    const amd64: FixtureImage = {
      layers: [
        { entries: [{ name: 'etc/os-release', content: DEBIAN_OS_RELEASE }], compression: 'zstd' },
        { entries: [{ name: 'app/amd64.txt', content: 'amd64' }], compression: 'none' },
      ],
    };
    const arm64: FixtureImage = {
      layers: [{ entries: [{ name: 'app/arm64.txt', content: 'arm64' }] }],
      architecture: 'arm64',
    };
    const archive = writeArchive(
      await ociArchive([
        { image: arm64, platform: { os: 'linux', architecture: 'arm64' } },
        { image: amd64, platform: { os: 'linux', architecture: 'amd64' } },
      ]),
    );
    const chosen = await readAll(archive);
    assert.equal(chosen.image.format, 'oci-archive');
    assert.ok(chosen.contents.filesystem.get('app/amd64.txt'));
    assert.match(chosen.contents.read('etc/os-release')?.toString() ?? '', /bookworm/);
    assert.deepEqual(chosen.contents.warnings, []);
    const other = await readAll(archive, {}, 'linux/arm64');
    assert.ok(other.contents.filesystem.get('app/arm64.txt'));
    await assert.rejects(readAll(archive, {}, 'linux/s390x'), (error: Error) => {
      assert.match(
        error.message,
        /no linux\/s390x image \(available: linux\/arm64, linux\/amd64\)/,
      );
      return true;
    });
  });

  test('an OCI layout directory, and a gzip-compressed docker archive', async () => {
    const directory = scratch();
    await writeOciLayout(directory, [{ image: layered }]);
    const fromLayout = await readAll(directory);
    assert.equal(fromLayout.image.format, 'oci-layout');
    assert.ok(fromLayout.contents.filesystem.get('opt/data/new.txt'));
    const compressed = writeArchive(gzipSync(await dockerArchive(layered)), 'image.tar.gz');
    const fromGzip = await readAll(compressed);
    assert.ok(fromGzip.contents.filesystem.get('usr/bin/tool'));
  });

  test('not an image: a clear error naming the file', async () => {
    const notTar = writeArchive(Buffer.from('hello, not a tar'), 'junk.tar');
    await assert.rejects(readAll(notTar), /is not an image archive/);
    const plainTar = writeArchive(await tarBytes([{ name: 'readme.txt', content: 'x' }]));
    await assert.rejects(
      readAll(plainTar),
      /neither manifest\.json \(docker save\) nor index\.json/,
    );
  });
});

describe('hostile and broken archives', () => {
  test('path traversal, absolute names and links out of the root: warned, skipped, nothing written outside', async () => {
    const victim = scratch();
    const archive = writeArchive(
      await dockerArchive({
        layers: [
          {
            entries: [
              { name: '../../escaped.txt', content: 'climbing out' },
              { name: `${victim}/absolute.txt`, content: 'absolute path' },
              { name: 'etc/passwd-link', type: 'link', linkname: '../../../etc/passwd' },
              { name: 'etc/escape', type: 'symlink', linkname: '../../../../../../etc/shadow' },
              { name: 'etc/os-release', content: DEBIAN_OS_RELEASE },
            ],
          },
        ],
      }),
    );
    const { contents, tempDir } = await readAll(archive);
    const [warning, links] = contents.warnings;
    assert.match(
      warning ?? '',
      /unsafe entries skipped: "\.\.\/\.\.\/escaped\.txt" leaves the image root/,
    );
    assert.match(warning ?? '', /hard link "etc\/passwd-link" points outside the image/);
    assert.match(
      links ?? '',
      /symbolic links pointing above the image root \(followed inside the image only\): "etc\/escape" → /,
    );
    assert.equal(contents.filesystem.get('escaped.txt'), undefined);
    assert.equal(contents.filesystem.get('etc/passwd-link'), undefined);
    // The symbolic link resolves inside the image, never to the host's /etc/shadow.
    assert.equal(contents.filesystem.resolve('etc/escape'), undefined);
    assert.deepEqual(readdirSync(victim), []);
    assert.equal(existsSync(join(work, 'escaped.txt')), false);
    assert.ok(readdirSync(tempDir).every((name) => /^(?:file-\d+|image\.tar)$/.test(name)));
  });

  test('a corrupt gzip layer and a truncated tar layer are warnings; the other layers are read', async () => {
    const good = await dockerArchive({
      layers: [
        { entries: [{ name: 'one.txt', content: 'one' }] },
        { entries: [{ name: 'two.txt', content: 'two' }] },
        { entries: [{ name: 'three.txt', content: 'three' }] },
      ],
    });
    const image = await openImage(writeArchive(good), {
      tempDir: scratch(),
      maxArchiveBytes: 1 << 30,
    });
    image.store.close();
    // Corrupt the middle of layer 2's gzip stream and cut layer 3's tar short, in place.
    const corrupt = Buffer.from(good);
    const members = await import('./archive/indexTar.js');
    const { openSync, closeSync } = await import('node:fs');
    const path = writeArchive(corrupt);
    const fd = openSync(path, 'r');
    const index = members.indexTar(fd, corrupt.length);
    closeSync(fd);
    const second = index.members.get(image.layers[1]?.blob ?? '');
    assert.ok(second);
    corrupt.fill(0x55, second.offset + 12, second.offset + second.size - 4);
    writeFileSync(path, corrupt);
    const { contents } = await readAll(path);
    assert.ok(contents.filesystem.get('one.txt'));
    assert.ok(contents.filesystem.get('three.txt'));
    assert.ok(
      contents.warnings.some((warning) =>
        /^layer 2 \(sha256:[0-9a-f]{12}\) unreadable after \d+ uncompressed bytes/.test(warning),
      ),
      contents.warnings.join('\n'),
    );

    const truncatedLayer = (
      await tarBytes([{ name: 'big.txt', content: 'x'.repeat(5000) }])
    ).subarray(0, 1500);
    const truncated = await tarBytes([
      { name: 'layer/layer.tar', content: truncatedLayer },
      { name: 'config.json', content: JSON.stringify({ rootfs: { diff_ids: [] } }) },
      {
        name: 'manifest.json',
        content: JSON.stringify([{ Config: 'config.json', Layers: ['layer/layer.tar'] }]),
      },
    ]);
    const cut = await readAll(writeArchive(truncated));
    assert.ok(
      cut.contents.warnings.some((warning) => /^layer 1 .*unreadable/.test(warning)),
      cut.contents.warnings.join('\n'),
    );
  });

  test('a decompression bomb stops at the layer limit', async () => {
    const bomb = await tarBytes([{ name: 'zeros', content: Buffer.alloc(8 * 1024 * 1024) }]);
    const archive = await tarBytes([
      { name: 'bomb/layer.tar', content: gzipSync(bomb, { level: 9 }) },
      { name: 'config.json', content: '{}' },
      {
        name: 'manifest.json',
        content: JSON.stringify([{ Config: 'config.json', Layers: ['bomb/layer.tar'] }]),
      },
    ]);
    const { contents } = await readAll(writeArchive(archive), { maxLayerBytes: 1024 * 1024 });
    assert.match(
      contents.warnings[0] ?? '',
      /layer 1 .*expands past 1048576 bytes \(a decompression bomb/,
    );
  });

  test('per-file and total capture limits: package files over the limit are skipped with a warning', async () => {
    const archive = writeArchive(
      await dockerArchive({
        layers: [{ entries: [{ name: 'var/lib/dpkg/status', content: 'x'.repeat(4096) }] }],
      }),
    );
    const { contents } = await readAll(archive, { maxCapturedFileSize: 1000 });
    assert.equal(contents.read('var/lib/dpkg/status'), undefined);
    assert.match(
      contents.warnings[0] ?? '',
      /var\/lib\/dpkg\/status \(4096 bytes\) is larger than 1000 bytes; not read/,
    );
  });

  test('a layer blob missing from the archive, and a manifest that is not JSON', async () => {
    const missing = await tarBytes([
      { name: 'config.json', content: '{}' },
      {
        name: 'manifest.json',
        content: JSON.stringify([{ Config: 'config.json', Layers: ['gone/layer.tar'] }]),
      },
    ]);
    const { contents } = await readAll(writeArchive(missing));
    assert.match(contents.warnings[0] ?? '', /blob gone\/layer\.tar is missing from the archive/);
    const broken = await tarBytes([{ name: 'manifest.json', content: '[{"Config": ' }]);
    await assert.rejects(readAll(writeArchive(broken)), /manifest\.json is not JSON/);
  });
});
