import { createHash } from 'node:crypto';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract, type Entry } from 'tar-stream';
import { ByteLimit, ByteLimitExceeded } from './archive/ByteLimit.js';
import { decompressor, sniffCompression } from './archive/compression.js';
import type { ImageLayer, OpenedImage } from './archive/openImage.js';
import {
  ImageFilesystem,
  type ImageEntry,
  type LayerChanges,
} from './filesystem/ImageFilesystem.js';
import { GoBuildInfoScanner, isElf } from './inventory/GoBuildInfoScanner.js';

/** Where the content of a file the inventory needs is kept while the image is read. */
export type CaptureTarget = 'memory' | 'disk';

export interface ReadLimits {
  /** Uncompressed bytes one layer may have (decompression bombs stop here). */
  maxLayerBytes: number;
  /** Bytes kept in memory and temp files for the inventory, over the whole image. */
  maxCapturedBytes: number;
  /** Largest single file kept for the inventory (package databases, JARs). */
  maxCapturedFileSize: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxLayerBytes: 16 * 1024 ** 3,
  maxCapturedBytes: 2 * 1024 ** 3,
  maxCapturedFileSize: 512 * 1024 ** 2,
};

export interface ReadImageOptions {
  /** Removed by the caller afterwards; files are named by counter, never by their image path. */
  tempDir: string;
  limits: ReadLimits;
  /** Which files' contents the inventory needs, by image path. */
  capture(path: string): CaptureTarget | undefined;
  /** Text files to hand out (for the secrets scan), with their size limit; none when absent. */
  textFiles?: { maxSize: number; skip(path: string): boolean };
}

/** A file of one layer, content included, as it streams past. */
export interface LayerFile {
  path: string;
  layer: ImageLayer;
  bytes: Buffer;
}

/** A file kept for the inventory, from one layer. */
export interface CapturedFile {
  path: string;
  layer: number;
  size: number;
  bytes?: Buffer;
  /** A temp file holding the content, for large files. */
  file?: string;
}

/** The outcome of reading every layer: the final filesystem and the contents kept. */
export interface ImageContents {
  filesystem: ImageFilesystem;
  /** Content of a file of the final filesystem, links followed; undefined if not kept. */
  read(path: string): Buffer | undefined;
  /** The kept file behind a final-filesystem path, links followed. */
  captured(path: string): CapturedFile | undefined;
  /** Build-info candidates of every ELF executable still present in the final filesystem. */
  goBinaries: { path: string; layer: number; candidates: Buffer[] }[];
  warnings: string[];
}

/** Files up to this size are kept in memory; larger ones go to a temp file. */
const MEMORY_CAPTURE = 4 * 1024 * 1024;
const BINARY_SNIFF = 8000;
/** How many hostile entries of one layer are named in its warning before they are counted. */
const NAMED_PER_LAYER = 3;

/**
 * Streams every layer of an image once, bottom first: each layer is decompressed (gzip, zstd
 * or plain, by magic bytes) into a tar parser; its whiteouts and entries are applied to an
 * {@link ImageFilesystem}; the files the inventory needs are kept (in memory, or in numbered
 * temp files); ELF executables are searched for Go build info; and, when asked, every text
 * file of every layer (including ones a later layer deletes: they still ship in the image) is
 * yielded for the secrets scan. Nothing is ever written under a path taken from the image.
 * A corrupt or truncated layer, or one past the size limit, is a warning: what was read of it
 * is applied and the next layer is read.
 */
export class ImageLayerReader {
  private readonly filesystem = new ImageFilesystem();
  private readonly kept = new Map<string, CapturedFile>();
  private readonly go = new Map<string, Buffer[]>();
  private readonly warnings: string[] = [];
  private capturedBytes = 0;
  private tempFiles = 0;
  private finished = false;

  constructor(
    private readonly image: OpenedImage,
    private readonly options: ReadImageOptions,
  ) {}

  /** Reads the layers; yields text files when `textFiles` is set (nothing otherwise). */
  async *read(): AsyncGenerator<LayerFile> {
    for (const layer of this.image.layers) yield* this.readLayer(layer);
    this.finished = true;
  }

  /** What was read; call after {@link read} is exhausted. */
  contents(): ImageContents {
    if (!this.finished) throw new Error('contents() before the layers were read');
    const { filesystem, kept } = this;
    const captured = (path: string): CapturedFile | undefined => {
      const entry = filesystem.resolve(path);
      if (!entry) return undefined;
      const target = entry.kind === 'hardlink' ? (entry.linkTarget ?? entry.path) : entry.path;
      return kept.get(keyOf(entry.layer, target));
    };
    const goBinaries: ImageContents['goBinaries'] = [];
    for (const entry of filesystem.entries()) {
      const candidates = this.go.get(keyOf(entry.layer, entry.path));
      if (entry.kind === 'file' && candidates)
        goBinaries.push({ path: entry.path, layer: entry.layer, candidates });
    }
    return {
      filesystem,
      captured,
      read: (path) => {
        const file = captured(path);
        if (!file) return undefined;
        return file.bytes ?? (file.file === undefined ? undefined : readFileSync(file.file));
      },
      goBinaries,
      warnings: this.warnings,
    };
  }

  private async *readLayer(layer: ImageLayer): AsyncGenerator<LayerFile> {
    const { store } = this.image;
    const name = `layer ${layer.index + 1} (${shortId(layer.id)})`;
    if (!store.has(layer.blob)) {
      this.warnings.push(`${name}: blob ${layer.blob} is missing from the archive; skipped`);
      return;
    }
    const changes: LayerChanges = { whiteouts: [], opaqueDirectories: [], entries: [] };
    const hostile: string[] = [];
    const climbing: string[] = [];
    const hasher = new HashingStream();
    const limit = new ByteLimit(this.options.limits.maxLayerBytes);
    const tar = extract();
    const flow = pipeline(
      store.stream(layer.blob),
      decompressor(sniffCompression(store.head(layer.blob, 4))),
      limit,
      hasher,
      tar,
    );
    // The tar iterator reports the same failure; the pipeline's rejection is read below.
    flow.catch(() => undefined);
    let problem: unknown;
    try {
      for await (const entry of tar as AsyncIterable<Entry>) {
        yield* this.readEntry(entry, layer, changes, hostile, climbing);
      }
      await flow;
    } catch (error) {
      problem = error;
      tar.destroy();
    }
    this.filesystem.applyLayer(changes);
    if (hostile.length > 0)
      this.warnings.push(`${name}: unsafe entries skipped: ${listed(hostile)}`);
    if (climbing.length > 0)
      this.warnings.push(
        `${name}: symbolic links pointing above the image root (followed inside the image only): ${listed(climbing)}`,
      );
    if (problem !== undefined) {
      const reason =
        problem instanceof ByteLimitExceeded
          ? `expands past ${problem.limit} bytes (a decompression bomb, or raise the layer size limit)`
          : `unreadable after ${limit.bytes} uncompressed bytes: ${(problem as Error).message}`;
      this.warnings.push(`${name} ${reason}; the part read before it is used`);
      return;
    }
    const digest = `sha256:${hasher.digest()}`;
    if (layer.id.startsWith('sha256:') && layer.id !== digest)
      this.warnings.push(
        `${name}: content digest is ${digest}, not the ${layer.id} the image config lists`,
      );
  }

  private async *readEntry(
    entry: Entry,
    layer: ImageLayer,
    changes: LayerChanges,
    hostile: string[],
    climbing: string[],
  ): AsyncGenerator<LayerFile> {
    const header = entry.header;
    const path = safePath(header.name);
    const base = path?.slice(path.lastIndexOf('/') + 1) ?? '';
    const kind = kindOf(header.type);
    if (path === undefined) {
      hostile.push(`"${header.name}" leaves the image root`);
      entry.resume();
      return;
    }
    if (base.startsWith('.wh.')) {
      const directory = path.slice(0, Math.max(0, path.lastIndexOf('/')));
      if (base === '.wh..wh..opq') changes.opaqueDirectories.push(directory);
      else if (!base.startsWith('.wh..wh.'))
        changes.whiteouts.push(directory ? `${directory}/${base.slice(4)}` : base.slice(4));
      entry.resume();
      return;
    }
    const imageEntry: ImageEntry = {
      path,
      kind,
      layer: layer.index,
      size: header.size ?? 0,
      mode: header.mode ?? 0,
    };
    if (kind === 'hardlink') {
      const target = safePath(header.linkname ?? '');
      if (target === undefined) {
        hostile.push(`hard link "${path}" points outside the image (${String(header.linkname)})`);
        entry.resume();
        return;
      }
      imageEntry.linkTarget = target;
    } else if (kind === 'symlink') {
      imageEntry.linkTarget = header.linkname ?? '';
      if (climbsOut(path, imageEntry.linkTarget))
        climbing.push(`"${path}" → ${imageEntry.linkTarget}`);
    }
    changes.entries.push(imageEntry);
    if (kind !== 'file') {
      entry.resume();
      return;
    }
    const file = await this.readContent(entry, imageEntry);
    if (file) yield { path, layer, bytes: file };
  }

  /** Reads one regular file's content once, feeding every consumer that wants it. */
  private async readContent(entry: Entry, imageEntry: ImageEntry): Promise<Buffer | undefined> {
    const { path, size, layer } = imageEntry;
    const { limits, textFiles } = this.options;
    const wantText = textFiles !== undefined && size <= textFiles.maxSize && !textFiles.skip(path);
    let target = this.options.capture(path);
    if (target !== undefined && size > limits.maxCapturedFileSize) {
      this.warnings.push(
        `${path} (${size} bytes) is larger than ${limits.maxCapturedFileSize} bytes; not read`,
      );
      target = undefined;
    }
    if (target !== undefined && this.capturedBytes + size > limits.maxCapturedBytes) {
      this.warnings.push(
        `${path}: more than ${limits.maxCapturedBytes} bytes of package data kept; not read`,
      );
      target = undefined;
    }
    if (target === 'disk' && size <= MEMORY_CAPTURE) target = 'memory';
    const parts: Buffer[] = [];
    const buffering = wantText || target === 'memory';
    let disk: { stream: WriteStream; file: string } | undefined;
    if (target === 'disk') {
      const file = join(this.options.tempDir, `file-${++this.tempFiles}`);
      disk = { stream: createWriteStream(file, { flags: 'wx' }), file };
    }
    let go: GoBuildInfoScanner | undefined;
    let first = true;
    let received = 0;
    for await (const chunk of entry as AsyncIterable<Buffer>) {
      if (first) {
        first = false;
        if (isElf(chunk)) go = new GoBuildInfoScanner();
      }
      received += chunk.length;
      go?.push(chunk);
      if (buffering) parts.push(chunk);
      if (disk && !disk.stream.write(chunk)) await drained(disk.stream);
    }
    if (disk) await ended(disk.stream);
    const key = keyOf(layer, path);
    if (go) {
      go.end();
      if (go.candidates.length > 0) this.go.set(key, go.candidates);
    }
    if (received !== size) return undefined;
    const bytes = buffering ? Buffer.concat(parts, received) : undefined;
    if (target !== undefined) {
      this.capturedBytes += size;
      this.kept.set(key, {
        path,
        layer,
        size,
        ...(target === 'memory' ? { bytes } : { file: disk?.file }),
      });
    }
    if (!wantText || !bytes || bytes.subarray(0, BINARY_SNIFF).includes(0)) return undefined;
    return bytes;
  }
}

function drained(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('drain', resolve);
    stream.once('error', reject);
  });
}

function ended(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.end((error?: Error | null) => {
      if (error) reject(error);
      else resolve();
    });
  });
}

function listed(items: readonly string[]): string {
  const named = items.slice(0, NAMED_PER_LAYER).join('; ');
  return items.length > NAMED_PER_LAYER
    ? `${named} and ${items.length - NAMED_PER_LAYER} more`
    : named;
}

class HashingStream extends Transform {
  private readonly hash = createHash('sha256');

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    done(null, chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** The image path of a member name; `undefined` for absolute names and names climbing with `..`. */
function safePath(name: string): string | undefined {
  if (name.startsWith('/')) return undefined;
  const parts = name.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..') || parts.length === 0) return undefined;
  return parts.join('/');
}

/** Whether a relative link target climbs above the root from the link's directory. */
function climbsOut(path: string, target: string): boolean {
  if (target.startsWith('/')) return false;
  let depth = path.split('/').length - 1;
  for (const part of target.split('/')) {
    if (part === '..') depth--;
    else if (part !== '' && part !== '.') depth++;
    if (depth < 0) return true;
  }
  return false;
}

function kindOf(type: Entry['header']['type']): ImageEntry['kind'] {
  switch (type) {
    case 'file':
    case 'contiguous-file':
    case undefined:
    case null:
      return 'file';
    case 'directory':
      return 'directory';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'hardlink';
    case 'block-device':
    case 'character-device':
    case 'fifo':
    case 'gnu-long-link-path':
    case 'gnu-long-path':
    case 'pax-global-header':
    case 'pax-header':
      return 'other';
  }
}

function keyOf(layer: number, path: string): string {
  return `${String(layer)}\0${path}`;
}

/** `sha256:0123456789ab` for messages. */
export function shortId(id: string): string {
  const colon = id.indexOf(':');
  return colon < 0 ? id.slice(0, 12) : id.slice(0, colon + 13);
}
