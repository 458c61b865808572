import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Positional reads over a file or a buffer, so database readers never load a file whole. */
export interface RandomAccess {
  readonly size: number;
  /** Exactly `length` bytes from `offset`, or `undefined` past the end. */
  read(offset: number, length: number): Buffer | undefined;
  close(): void;
}

export function bufferAccess(bytes: Buffer): RandomAccess {
  return {
    size: bytes.length,
    read: (offset, length) =>
      offset < 0 || offset + length > bytes.length
        ? undefined
        : bytes.subarray(offset, offset + length),
    close: () => undefined,
  };
}

export function fileAccess(path: string): RandomAccess {
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  return {
    size,
    read(offset, length) {
      if (offset < 0 || offset + length > size) return undefined;
      const buffer = Buffer.alloc(length);
      return readSync(fd, buffer, 0, length, offset) === length ? buffer : undefined;
    },
    close: () => {
      closeSync(fd);
    },
  };
}
