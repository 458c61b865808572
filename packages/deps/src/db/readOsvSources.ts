import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import yauzl from 'yauzl';
import { VigilError } from '@vigil/core';

/** One file of OSV data: where it came from (for messages) and its text. */
export interface OsvSourceFile {
  /** `path`, or `archive.zip!entry.json` for a member of a zip. */
  origin: string;
  text: string;
  format: 'json' | 'yaml';
}

/** A single record file larger than this is refused: real records are a few kilobytes. */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;
const RECORD_FILE = /\.(json|ya?ml)$/i;

/**
 * Streams the OSV files of a path: a zip archive (OSV's `all.zip` exports), a directory (walked
 * recursively for `.json`, `.yaml` and `.yml` files) or one record file. Files are yielded one
 * at a time, so memory stays bounded whatever the size of the source.
 */
export async function* readOsvSources(path: string): AsyncGenerator<OsvSourceFile> {
  const info = await stat(path).catch((error: unknown) => {
    throw new VigilError('DB_SOURCE_INVALID', `${path}: cannot read (${errorCode(error)})`, {
      cause: error,
    });
  });
  if (info.isDirectory()) {
    yield* readDirectory(path, path);
    return;
  }
  if (/\.zip$/i.test(path) || (await startsWithZipSignature(path))) {
    yield* readZip(path);
    return;
  }
  if (!RECORD_FILE.test(path)) {
    throw new VigilError(
      'DB_SOURCE_INVALID',
      `${path}: not a zip archive, a directory or an OSV .json/.yaml file`,
    );
  }
  yield { origin: path, text: await readFile(path, 'utf8'), format: formatOf(path) };
}

async function* readDirectory(root: string, directory: string): AsyncGenerator<OsvSourceFile> {
  const entries = await readdir(directory, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* readDirectory(root, path);
    else if (entry.isFile() && RECORD_FILE.test(entry.name)) {
      const origin = join(root, relative(root, path));
      yield { origin, text: await readFile(path, 'utf8'), format: formatOf(entry.name) };
    }
  }
}

async function* readZip(path: string): AsyncGenerator<OsvSourceFile> {
  const zip = await openZip(path);
  try {
    for (;;) {
      const entry = await nextEntry(zip, path);
      if (entry === undefined) return;
      if (entry.fileName.endsWith('/') || !RECORD_FILE.test(entry.fileName)) continue;
      const origin = `${path}!${entry.fileName}`;
      if (entry.uncompressedSize > MAX_RECORD_BYTES) {
        throw new VigilError(
          'DB_SOURCE_INVALID',
          `${origin}: ${String(entry.uncompressedSize)} bytes is not an OSV record`,
        );
      }
      const bytes = await readEntry(zip, entry, origin);
      yield { origin, text: bytes.toString('utf8'), format: formatOf(entry.fileName) };
    }
  } finally {
    zip.close();
  }
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      path,
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

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, origin: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      reject(
        new VigilError('DB_SOURCE_INVALID', `${origin}: cannot be extracted (${error.message})`, {
          cause: error,
        }),
      );
    };
    zip.openReadStream(entry, (error, stream) => {
      if (error) {
        fail(error);
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', fail);
      stream.on('end', () => {
        resolve(Buffer.concat(chunks));
      });
    });
  });
}

async function startsWithZipSignature(path: string): Promise<boolean> {
  const { open } = await import('node:fs/promises');
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.readUInt32LE(0) === 0x04034b50;
  } finally {
    await handle.close();
  }
}

function formatOf(name: string): 'json' | 'yaml' {
  return /\.json$/i.test(name) ? 'json' : 'yaml';
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
