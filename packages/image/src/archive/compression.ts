import { createGunzip } from 'node:zlib';
import { PassThrough, type Transform } from 'node:stream';
import { ZstdDecompressStream } from './ZstdDecompressStream.js';

export type Compression = 'gzip' | 'zstd' | 'none';

/** Tells compressed layers apart by their magic bytes, whatever the manifest's media type says. */
export function sniffCompression(head: Uint8Array): Compression {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  return 'none';
}

/** A stream that undoes the compression (a pass-through for plain tar). */
export function decompressor(compression: Compression): Transform {
  switch (compression) {
    case 'gzip':
      return createGunzip();
    case 'zstd':
      return new ZstdDecompressStream();
    case 'none':
      return new PassThrough();
    default: {
      const unreachable: never = compression;
      throw new Error(`unknown compression ${String(unreachable)}`);
    }
  }
}
