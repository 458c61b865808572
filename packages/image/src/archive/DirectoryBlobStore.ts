import { closeSync, createReadStream, lstatSync, openSync, readSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobStore } from './BlobStore.js';

/**
 * The files of an OCI image layout directory. Names come from the image's own manifests, so
 * they are checked: no `..`, no absolute paths, and no symbolic links, so a hostile layout
 * cannot make Vigil read files outside it.
 */
export class DirectoryBlobStore implements BlobStore {
  constructor(readonly location: string) {}

  has(name: string): boolean {
    return this.path(name) !== undefined;
  }

  size(name: string): number | undefined {
    const path = this.path(name);
    return path === undefined ? undefined : lstatSync(path).size;
  }

  head(name: string, length: number): Buffer {
    const path = this.path(name);
    if (path === undefined) return Buffer.alloc(0);
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(length);
      return buffer.subarray(0, readSync(fd, buffer, 0, length, 0));
    } finally {
      closeSync(fd);
    }
  }

  read(name: string, maxBytes: number): Buffer | undefined {
    const size = this.size(name);
    if (size === undefined || size > maxBytes) return undefined;
    return this.head(name, size);
  }

  stream(name: string): Readable {
    const path = this.path(name);
    if (path === undefined) throw new Error(`no blob ${name}`);
    return createReadStream(path);
  }

  close(): void {
    // Nothing stays open between reads.
  }

  private path(name: string): string | undefined {
    const parts = name.split('/').filter((part) => part !== '' && part !== '.');
    if (name.startsWith('/') || parts.some((part) => part === '..' || part.includes(sep)))
      return undefined;
    let path = this.location;
    for (const part of parts) {
      path = join(path, part);
      const info = lstatSync(path, { throwIfNoEntry: false });
      if (!info || info.isSymbolicLink()) return undefined;
    }
    return lstatSync(path, { throwIfNoEntry: false })?.isFile() ? path : undefined;
  }
}
