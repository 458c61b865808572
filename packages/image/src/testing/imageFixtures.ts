/**
 * Builders of real image archives for tests (here and in the CLI): layers written by tar-stream,
 * gzip- or zstd-compressed, packed as `docker save` archives, OCI archives or OCI layouts.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack, type Headers } from 'tar-stream';

/** One member of a layer (or of an outer archive) built by the tests. */
export interface FixtureEntry {
  name: string;
  content?: string | Buffer;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  linkname?: string;
  mode?: number;
}

export type FixtureCompression = 'gzip' | 'zstd' | 'none';

export interface FixtureLayer {
  entries: FixtureEntry[];
  compression?: FixtureCompression;
}

export interface FixtureImage {
  layers: FixtureLayer[];
  /** The `config` object of the image config (User, Env, ExposedPorts, …). */
  config?: Record<string, unknown>;
  history?: string[];
  architecture?: string;
}

/** A tar archive of the entries, written by tar-stream as docker and buildah write layers. */
export async function tarBytes(entries: readonly FixtureEntry[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    archive.on('end', resolve);
    archive.on('error', reject);
  });
  for (const entry of entries) {
    const content = typeof entry.content === 'string' ? Buffer.from(entry.content) : entry.content;
    const header: Headers = {
      name: entry.name,
      type: entry.type ?? 'file',
      mode: entry.mode ?? (entry.type === 'directory' ? 0o755 : 0o644),
      ...(entry.linkname === undefined ? {} : { linkname: entry.linkname }),
      ...(content === undefined ? {} : { size: content.length }),
    };
    await new Promise<void>((resolve, reject) => {
      archive.entry(header, content ?? undefined, (error) => {
        if (error) reject(error);
        else resolve();
      });
    });
  }
  archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

/**
 * A genuine Zstandard frame made of raw (stored) blocks: magic, a frame header with a window
 * descriptor, then blocks of at most 128 KiB with 3-byte little-endian headers. Node 20 has no
 * zstd encoder; this is enough to exercise the streaming decoder on real frames.
 */
export function zstdStored(data: Buffer): Buffer {
  const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38])];
  const block = 128 * 1024;
  for (let at = 0; at < data.length || at === 0; at += block) {
    const chunk = data.subarray(at, at + block);
    const last = at + block >= data.length ? 1 : 0;
    const header = (chunk.length << 3) | last;
    parts.push(Buffer.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]), chunk);
    if (data.length === 0) break;
  }
  return Buffer.concat(parts);
}

export function compress(data: Buffer, compression: FixtureCompression): Buffer {
  if (compression === 'gzip') return gzipSync(data);
  if (compression === 'zstd') return zstdStored(data);
  return data;
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

interface BuiltLayers {
  blobs: { digest: string; bytes: Buffer; diffId: string; mediaType: string }[];
  config: Buffer;
}

async function buildLayers(image: FixtureImage): Promise<BuiltLayers> {
  const blobs = [];
  for (const layer of image.layers) {
    const tar = await tarBytes(layer.entries);
    const compression = layer.compression ?? 'gzip';
    const bytes = compress(tar, compression);
    blobs.push({
      digest: sha256(bytes),
      bytes,
      diffId: `sha256:${sha256(tar)}`,
      mediaType: `application/vnd.oci.image.layer.v1.tar${compression === 'none' ? '' : `+${compression}`}`,
    });
  }
  const config = Buffer.from(
    JSON.stringify({
      architecture: image.architecture ?? 'amd64',
      os: 'linux',
      config: image.config ?? {},
      rootfs: { type: 'layers', diff_ids: blobs.map((blob) => blob.diffId) },
      history: (image.history ?? []).map((step) => ({ created_by: step })),
    }),
  );
  return { blobs, config };
}

/** A `docker save` archive: `<id>/layer.tar` members, `<config>.json` and `manifest.json`. */
export async function dockerArchive(image: FixtureImage, tag = 'fixture:latest'): Promise<Buffer> {
  const { blobs, config } = await buildLayers(image);
  const configName = `${sha256(config)}.json`;
  const layerNames = blobs.map((blob) => `${blob.digest}/layer.tar`);
  return tarBytes([
    ...blobs.map((blob, i) => ({ name: layerNames[i] ?? '', content: blob.bytes })),
    { name: configName, content: config },
    {
      name: 'manifest.json',
      content: JSON.stringify([{ Config: configName, RepoTags: [tag], Layers: layerNames }]),
    },
  ]);
}

/** The blobs, manifest and index of an OCI image, optionally one of several platforms. */
export async function ociFiles(
  images: { image: FixtureImage; platform?: { os: string; architecture: string } }[],
): Promise<FixtureEntry[]> {
  const files = new Map<string, Buffer>();
  const descriptors = [];
  for (const { image, platform } of images) {
    const { blobs, config } = await buildLayers(image);
    for (const blob of blobs) files.set(`blobs/sha256/${blob.digest}`, blob.bytes);
    files.set(`blobs/sha256/${sha256(config)}`, config);
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: {
          mediaType: 'application/vnd.oci.image.config.v1+json',
          digest: `sha256:${sha256(config)}`,
          size: config.length,
        },
        layers: blobs.map((blob) => ({
          mediaType: blob.mediaType,
          digest: `sha256:${blob.digest}`,
          size: blob.bytes.length,
        })),
      }),
    );
    files.set(`blobs/sha256/${sha256(manifest)}`, manifest);
    descriptors.push({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: `sha256:${sha256(manifest)}`,
      size: manifest.length,
      ...(platform ? { platform } : {}),
    });
  }
  let top = descriptors;
  if (images.length > 1) {
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: descriptors,
      }),
    );
    files.set(`blobs/sha256/${sha256(index)}`, index);
    top = [
      {
        mediaType: 'application/vnd.oci.image.index.v1+json',
        digest: `sha256:${sha256(index)}`,
        size: index.length,
      },
    ];
  }
  const annotated = top.map((descriptor) => ({
    ...descriptor,
    annotations: { 'org.opencontainers.image.ref.name': 'fixture:latest' },
  }));
  return [
    { name: 'oci-layout', content: JSON.stringify({ imageLayoutVersion: '1.0.0' }) },
    { name: 'index.json', content: JSON.stringify({ schemaVersion: 2, manifests: annotated }) },
    ...[...files].map(([name, content]) => ({ name, content })),
  ];
}

export async function ociArchive(
  images: { image: FixtureImage; platform?: { os: string; architecture: string } }[],
): Promise<Buffer> {
  return tarBytes(await ociFiles(images));
}

export async function writeOciLayout(
  directory: string,
  images: { image: FixtureImage; platform?: { os: string; architecture: string } }[],
): Promise<void> {
  for (const file of await ociFiles(images)) {
    const path = join(directory, file.name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, file.content ?? '');
  }
}

export const DEBIAN_OS_RELEASE = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
`;

export const ALPINE_OS_RELEASE = `NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.20.3
PRETTY_NAME="Alpine Linux v3.20"
`;

export function dpkgEntry(fields: Record<string, string>): string {
  return `${Object.entries(fields)
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n')}\n`;
}
