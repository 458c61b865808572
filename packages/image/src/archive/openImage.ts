import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  openSync,
  readSync,
  closeSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { VigilError } from '@vigil/core';
import type { BlobStore } from './BlobStore.js';
import { ByteLimit, ByteLimitExceeded } from './ByteLimit.js';
import { decompressor, sniffCompression } from './compression.js';
import { DirectoryBlobStore } from './DirectoryBlobStore.js';
import { parseImageConfig, isObject, type ImageConfig } from './imageConfig.js';
import { indexTar } from './indexTar.js';
import { TarBlobStore } from './TarBlobStore.js';

export type ImageFormat = 'docker-archive' | 'oci-archive' | 'oci-layout';

/** One layer of the chosen image, bottom first. */
export interface ImageLayer {
  index: number;
  /** Blob name in the store (`blobs/sha256/…` or `<id>/layer.tar`). */
  blob: string;
  /** How the layer is named in findings: its diff id (uncompressed digest) where known. */
  id: string;
  /** The blob's digest from the manifest, checked while the layer is read. */
  blobDigest?: string;
}

export interface OpenedImage {
  format: ImageFormat;
  /** The tag or reference name the archive gives the image, if any. */
  reference?: string;
  /** The blob the config was read from (findings about the config point at it). */
  configBlob: string;
  config: ImageConfig;
  layers: ImageLayer[];
  store: BlobStore;
  warnings: string[];
}

export interface OpenImageOptions {
  /** `os/arch[/variant]` to pick from a multi-platform index; `linux/amd64` by default. */
  platform?: string;
  /** A tag (`RepoTags`) or OCI `ref.name` to pick among several images in one archive. */
  reference?: string;
  /** Where a compressed archive is expanded; the caller removes it. */
  tempDir: string;
  /** Largest expanded archive accepted (compressed archives only). */
  maxArchiveBytes: number;
}

const MAX_JSON = 16 * 1024 * 1024;
const MAX_INDEX_DEPTH = 4;
const DEFAULT_PLATFORM = 'linux/amd64';
const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);

/**
 * Opens a `docker save` archive, an OCI image archive (each possibly gzip- or zstd-compressed
 * as a whole) or an OCI layout directory, and resolves the image to scan: its config and its
 * layers in order. Nothing is extracted; layers are streamed later by {@link readImageLayers}.
 */
export async function openImage(path: string, options: OpenImageOptions): Promise<OpenedImage> {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) throw new VigilError('PATH_NOT_FOUND', `image archive does not exist: ${path}`);
  const warnings: string[] = [];
  const store = info.isDirectory()
    ? new DirectoryBlobStore(path)
    : await openArchive(path, info.size, options, warnings);
  try {
    const image = resolveImage(store, info.isDirectory(), options, warnings);
    return { ...image, store, warnings };
  } catch (error) {
    store.close();
    throw error;
  }
}

async function openArchive(
  path: string,
  size: number,
  options: OpenImageOptions,
  warnings: string[],
): Promise<TarBlobStore> {
  const head = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  readSync(fd, head, 0, 4, 0);
  const compression = sniffCompression(head);
  if (compression === 'none') return indexedStore(path, fd, size, warnings);
  closeSync(fd);
  const expanded = join(options.tempDir, 'archive.tar');
  const limit = new ByteLimit(options.maxArchiveBytes);
  try {
    await pipeline(
      createReadStream(path),
      decompressor(compression),
      limit,
      createWriteStream(expanded),
    );
  } catch (error) {
    if (error instanceof ByteLimitExceeded) {
      throw new VigilError(
        'IMAGE_INVALID',
        `${path}: the ${compression} archive expands past ${options.maxArchiveBytes} bytes; raise --max-image-size if it is genuine`,
      );
    }
    throw new VigilError(
      'IMAGE_INVALID',
      `${path}: cannot expand the ${compression} archive: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return indexedStore(expanded, openSync(expanded, 'r'), limit.bytes, warnings);
}

function indexedStore(path: string, fd: number, size: number, warnings: string[]): TarBlobStore {
  const index = indexTar(fd, size);
  if (index.members.size === 0) {
    closeSync(fd);
    throw new VigilError(
      'IMAGE_INVALID',
      `${path} is not an image archive (no tar members${index.problem ? `: ${index.problem}` : ''})`,
    );
  }
  if (index.problem) warnings.push(`${path}: ${index.problem}`);
  return new TarBlobStore(path, fd, index.members);
}

type ResolvedImage = Omit<OpenedImage, 'store' | 'warnings'>;

function resolveImage(
  store: BlobStore,
  directory: boolean,
  options: OpenImageOptions,
  warnings: string[],
): ResolvedImage {
  if (store.has('manifest.json') && !directory) return dockerImage(store, options, warnings);
  if (store.has('index.json'))
    return ociImage(store, directory ? 'oci-layout' : 'oci-archive', options, warnings);
  throw new VigilError(
    'IMAGE_INVALID',
    `${store.location} has neither manifest.json (docker save) nor index.json (OCI layout)`,
  );
}

function dockerImage(
  store: BlobStore,
  options: OpenImageOptions,
  warnings: string[],
): ResolvedImage {
  const manifest = readJson(store, 'manifest.json');
  if (!Array.isArray(manifest) || manifest.length === 0)
    throw invalid(store, 'manifest.json is not a non-empty array');
  const entries = manifest.filter(isObject);
  const tagsOf = (entry: Record<string, unknown>) =>
    Array.isArray(entry.RepoTags)
      ? entry.RepoTags.filter((tag): tag is string => typeof tag === 'string')
      : [];
  const chosen = options.reference
    ? entries.find((entry) => tagsOf(entry).includes(options.reference ?? ''))
    : entries[0];
  if (!chosen) {
    const known = entries.flatMap(tagsOf).join(', ') || 'none';
    throw invalid(store, `no image tagged ${String(options.reference)} (tags: ${known})`);
  }
  if (!options.reference && entries.length > 1)
    warnings.push(
      `${store.location} holds ${entries.length} images; scanning the first (${tagsOf(chosen)[0] ?? 'untagged'}); choose another with --reference`,
    );
  if (typeof chosen.Config !== 'string') throw invalid(store, 'manifest.json: Config is missing');
  const layerNames = Array.isArray(chosen.Layers) ? chosen.Layers : undefined;
  if (!layerNames?.every((name): name is string => typeof name === 'string'))
    throw invalid(store, 'manifest.json: Layers is not a list of names');
  const config = readConfig(store, chosen.Config, undefined, warnings);
  const [reference] = tagsOf(chosen);
  return {
    format: 'docker-archive',
    ...(reference === undefined ? {} : { reference }),
    configBlob: chosen.Config,
    config,
    layers: layerNames.map((blob, index) => ({
      index,
      blob,
      id: config.diffIds[index] ?? digestFromBlobName(blob) ?? blob,
    })),
  };
}

function ociImage(
  store: BlobStore,
  format: ImageFormat,
  options: OpenImageOptions,
  warnings: string[],
): ResolvedImage {
  const index = readJson(store, 'index.json');
  let descriptors = manifestsOf(store, index, 'index.json');
  let reference: string | undefined;
  if (options.reference) {
    descriptors = descriptors.filter((descriptor) =>
      referenceNames(descriptor).includes(options.reference ?? ''),
    );
    if (descriptors.length === 0)
      throw invalid(store, `index.json names no image ${options.reference}`);
    reference = options.reference;
  }
  let manifest: Record<string, unknown> | undefined;
  let source = 'index.json';
  for (let depth = 0; depth <= MAX_INDEX_DEPTH && !manifest; depth++) {
    const descriptor = choosePlatform(store, descriptors, options.platform, source, warnings);
    reference ??= referenceNames(descriptor)[0];
    const digest = descriptor.digest;
    if (typeof digest !== 'string') throw invalid(store, `${source}: a descriptor has no digest`);
    const json = readJson(store, blobName(store, digest), digest, warnings);
    if (isIndex(json, descriptor)) {
      descriptors = manifestsOf(store, json, digest);
      source = digest;
    } else if (isObject(json)) {
      manifest = json;
    }
  }
  if (!manifest) throw invalid(store, `image indexes nest deeper than ${MAX_INDEX_DEPTH}`);
  const configDescriptor = isObject(manifest.config) ? manifest.config : undefined;
  if (typeof configDescriptor?.digest !== 'string')
    throw invalid(store, 'the image manifest has no config digest');
  const configBlob = blobName(store, configDescriptor.digest);
  const config = readConfig(store, configBlob, configDescriptor.digest, warnings);
  const layers = (Array.isArray(manifest.layers) ? manifest.layers : []).filter(isObject);
  return {
    format,
    ...(reference === undefined ? {} : { reference }),
    configBlob,
    config,
    layers: layers.map((layer, index) => {
      if (typeof layer.digest !== 'string')
        throw invalid(store, `layer ${index} of the manifest has no digest`);
      return {
        index,
        blob: blobName(store, layer.digest),
        id: config.diffIds[index] ?? layer.digest,
        blobDigest: layer.digest,
      };
    }),
  };
}

function manifestsOf(store: BlobStore, json: unknown, source: string): Record<string, unknown>[] {
  const list = isObject(json) && Array.isArray(json.manifests) ? json.manifests : undefined;
  const descriptors = list?.filter(isObject) ?? [];
  if (descriptors.length === 0) throw invalid(store, `${source} lists no manifests`);
  return descriptors;
}

function isIndex(json: unknown, descriptor: Record<string, unknown>): boolean {
  if (!isObject(json)) return false;
  const mediaType = typeof json.mediaType === 'string' ? json.mediaType : descriptor.mediaType;
  return (
    (typeof mediaType === 'string' && INDEX_TYPES.has(mediaType)) ||
    (Array.isArray(json.manifests) && !Array.isArray(json.layers))
  );
}

function referenceNames(descriptor: Record<string, unknown>): string[] {
  const annotations = isObject(descriptor.annotations) ? descriptor.annotations : {};
  return ['io.containerd.image.name', 'org.opencontainers.image.ref.name'].flatMap((key) => {
    const value = annotations[key];
    return typeof value === 'string' ? [value] : [];
  });
}

/**
 * The descriptor for the wanted platform. Descriptors without a platform are plain images (or
 * the only choice); `unknown/unknown` entries are attestations and never chosen.
 */
function choosePlatform(
  store: BlobStore,
  descriptors: Record<string, unknown>[],
  wanted: string | undefined,
  source: string,
  warnings: string[],
): Record<string, unknown> {
  const withPlatform = descriptors.filter((descriptor) => isObject(descriptor.platform));
  if (withPlatform.length === 0) {
    const [first] = descriptors as [Record<string, unknown>];
    if (descriptors.length > 1)
      warnings.push(`${source} lists ${descriptors.length} images; scanning the first`);
    return first;
  }
  const target = (wanted ?? DEFAULT_PLATFORM).split('/');
  const platformOf = (descriptor: Record<string, unknown>) => {
    const platform = isObject(descriptor.platform) ? descriptor.platform : {};
    return [platform.os, platform.architecture, platform.variant].filter(
      (part): part is string => typeof part === 'string' && part !== '',
    );
  };
  const match = withPlatform.find((descriptor) => {
    const platform = platformOf(descriptor);
    return target.every((part, i) => platform[i] === part);
  });
  if (match) return match;
  const available = withPlatform
    .map((descriptor) => platformOf(descriptor).join('/'))
    .filter((name) => !name.startsWith('unknown'));
  throw new VigilError(
    'IMAGE_INVALID',
    `${store.location}: no ${target.join('/')} image (available: ${available.join(', ') || 'none'}); choose one with --platform`,
  );
}

function readConfig(
  store: BlobStore,
  name: string,
  digest: string | undefined,
  warnings: string[],
): ImageConfig {
  const bytes = readBlob(store, name, digest, warnings);
  const parsed = parseImageConfig(bytes.toString('utf8'));
  if (!parsed.ok) throw invalid(store, `image config ${name}: ${parsed.problem}`);
  return parsed.config;
}

function readJson(store: BlobStore, name: string, digest?: string, warnings?: string[]): unknown {
  const bytes = readBlob(store, name, digest, warnings ?? []);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw invalid(store, `${name} is not JSON: ${(error as Error).message}`);
  }
}

function readBlob(
  store: BlobStore,
  name: string,
  digest: string | undefined,
  warnings: string[],
): Buffer {
  const bytes = store.read(name, MAX_JSON);
  if (!bytes)
    throw invalid(
      store,
      store.has(name) ? `${name} is larger than ${MAX_JSON} bytes` : `${name} is missing`,
    );
  const actual = digest === undefined ? undefined : hashOf(digest, bytes);
  if (actual !== undefined && actual !== digest)
    warnings.push(
      `${name}: content digest is ${actual}, not ${String(digest)} as its manifest says`,
    );
  return bytes;
}

function hashOf(digest: string, bytes: Buffer): string | undefined {
  const algorithm = digest.slice(0, digest.indexOf(':'));
  if (algorithm !== 'sha256' && algorithm !== 'sha512') return undefined;
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

function blobName(store: BlobStore, digest: string): string {
  const match = /^(sha256|sha512):([a-f0-9]{64,128})$/.exec(digest);
  if (!match) throw invalid(store, `"${digest}" is not a valid digest`);
  return `blobs/${match[1] ?? ''}/${match[2] ?? ''}`;
}

function digestFromBlobName(name: string): string | undefined {
  const match = /(?:^|\/)([a-f0-9]{64})(?:\/layer\.tar)?$/.exec(name);
  return match ? `sha256:${match[1] ?? ''}` : undefined;
}

function invalid(store: BlobStore, message: string): VigilError {
  return new VigilError('IMAGE_INVALID', `${store.location}: ${message}`);
}
