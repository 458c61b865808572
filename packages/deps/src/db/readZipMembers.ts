import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import { VigilError } from '@vigil/core';
import yauzl from 'yauzl';

const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_SIZE = 30;
const STORED = 0;
const DEFLATED = 8;

export interface ZipMember {
  name: string;
  bytes: Buffer;
}

/**
 * The members of a zip archive, one at a time: yauzl reads and validates the central directory;
 * each member is then read and inflated synchronously, which is many times faster than a stream
 * per member for exports of hundreds of thousands of small files. Memory holds one member.
 *
 * @param wanted members whose name this rejects are never read
 * @param maxBytes a member declaring a larger uncompressed size is refused (zip bombs)
 */
export async function* readZipMembers(
  path: string,
  wanted: (name: string) => boolean,
  maxBytes: number,
): AsyncGenerator<ZipMember> {
  const fd = openSync(path, 'r');
  try {
    const zip = await openCentralDirectory(path, fd);
    for (;;) {
      const entry = await nextEntry(zip, path);
      if (entry === undefined) return;
      if (entry.fileName.endsWith('/') || !wanted(entry.fileName)) continue;
      yield {
        name: entry.fileName,
        bytes: readMember(fd, entry, `${path}!${entry.fileName}`, maxBytes),
      };
    }
  } finally {
    closeSync(fd);
  }
}

function readMember(fd: number, entry: yauzl.Entry, origin: string, maxBytes: number): Buffer {
  const fail = (problem: string) => new VigilError('DB_SOURCE_INVALID', `${origin}: ${problem}`);
  if (entry.isEncrypted()) throw fail('encrypted members are not supported');
  if (entry.uncompressedSize > maxBytes)
    throw fail(`${String(entry.uncompressedSize)} bytes is too large for an OSV record`);
  const header = readExactly(fd, entry.relativeOffsetOfLocalHeader, LOCAL_HEADER_SIZE);
  if (header.length < LOCAL_HEADER_SIZE || header.readUInt32LE(0) !== LOCAL_HEADER_SIGNATURE)
    throw fail('corrupt zip archive (bad local file header)');
  const dataStart =
    entry.relativeOffsetOfLocalHeader +
    LOCAL_HEADER_SIZE +
    header.readUInt16LE(26) +
    header.readUInt16LE(28);
  const compressed = readExactly(fd, dataStart, entry.compressedSize);
  if (compressed.length < entry.compressedSize)
    throw fail('corrupt zip archive (truncated member)');
  let bytes: Buffer;
  if (entry.compressionMethod === STORED) bytes = compressed;
  else if (entry.compressionMethod === DEFLATED) {
    try {
      bytes = inflateRawSync(compressed, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch (error) {
      throw fail(`corrupt zip archive (${(error as Error).message})`);
    }
  } else throw fail(`unsupported compression method ${String(entry.compressionMethod)}`);
  if (bytes.length !== entry.uncompressedSize)
    throw fail('corrupt zip archive (member size does not match the directory)');
  return bytes;
}

function readExactly(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const read = readSync(fd, buffer, done, length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}

/** yauzl reads the central directory through this: synchronous reads, no thread-pool trips. */
class SyncFileReader extends yauzl.RandomAccessReader {
  constructor(private readonly fd: number) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const fd = this.fd;
    let position = start;
    return new Readable({
      read() {
        if (position >= end) {
          this.push(null);
          return;
        }
        const chunk = readExactly(fd, position, Math.min(end - position, 1 << 16));
        position += chunk.length;
        if (chunk.length === 0) this.push(null);
        else this.push(chunk);
      },
    });
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (error: Error | null) => void,
  ): void {
    const chunk = readExactly(this.fd, position, length);
    chunk.copy(buffer, offset);
    const error = chunk.length < length ? new Error('unexpected end of file') : null;
    process.nextTick(callback, error);
  }

  override close(callback: (error: Error | null) => void): void {
    process.nextTick(callback, null);
  }
}

function openCentralDirectory(path: string, fd: number): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromRandomAccessReader(
      new SyncFileReader(fd),
      fstatSync(fd).size,
      { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true },
      (error, zip) => {
        if (error) {
          reject(
            new VigilError(
              'DB_SOURCE_INVALID',
              `${path}: not a valid zip archive (${error.message})`,
              {
                cause: error,
              },
            ),
          );
        } else resolve(zip);
      },
    );
  });
}

function nextEntry(zip: yauzl.ZipFile, path: string): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: yauzl.Entry) => {
      cleanup();
      resolve(entry);
    };
    const onEnd = () => {
      cleanup();
      resolve(undefined);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(
        new VigilError('DB_SOURCE_INVALID', `${path}: corrupt zip archive (${error.message})`, {
          cause: error,
        }),
      );
    };
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}
