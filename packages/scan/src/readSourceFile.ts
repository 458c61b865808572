import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export type ReadOutcome =
  | { kind: 'text'; bytes: Buffer }
  | { kind: 'binary' }
  | { kind: 'too-large'; size: number }
  | { kind: 'unreadable'; reason: string };

/** Bytes looked at to tell binary from text, as git and ripgrep do: a NUL byte means binary. */
const SNIFF_BYTES = 8000;

/**
 * Reads a file once: size check from the open descriptor, then the content, then a binary
 * sniff. Synchronous on purpose: for many small files it is much faster than fs.promises.
 */
export function readSourceFile(absolutePath: string, maxSize: number): ReadOutcome {
  let fd: number;
  try {
    fd = openSync(absolutePath, 'r');
  } catch (error) {
    return { kind: 'unreadable', reason: errorReason(error) };
  }
  try {
    const { size } = fstatSync(fd);
    if (size > maxSize) return { kind: 'too-large', size };
    const bytes = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const read = readSync(fd, bytes, filled, size - filled, null);
      if (read === 0) break;
      filled += read;
    }
    const content = filled === size ? bytes : bytes.subarray(0, filled);
    if (content.subarray(0, SNIFF_BYTES).includes(0)) return { kind: 'binary' };
    return { kind: 'text', bytes: content };
  } catch (error) {
    return { kind: 'unreadable', reason: errorReason(error) };
  } finally {
    closeSync(fd);
  }
}

function errorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return code ?? (error instanceof Error ? error.message : String(error));
}
