import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { readZipMembers } from './readZipMembers.js';
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
  for await (const member of readZipMembers(
    path,
    (name) => RECORD_FILE.test(name),
    MAX_RECORD_BYTES,
  )) {
    yield {
      origin: `${path}!${member.name}`,
      text: member.bytes.toString('utf8'),
      format: formatOf(member.name),
    };
  }
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
