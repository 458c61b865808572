import { join } from 'node:path';
import { VigilError } from '@vigil/core';
import type { OsvRecord } from '../osv/osvRecord.js';
import { readManifest, type DbManifest, type SegmentEntry } from './dbManifest.js';
import { baseEcosystem, packageKey } from './packageKey.js';
import { SEGMENTS_DIRECTORY } from './segmentFiles.js';
import { SegmentReader } from './SegmentReader.js';

export type DbOpen =
  | { ok: true; database: OsvDatabase }
  | { ok: false; missing: true; directory: string }
  | { ok: false; missing: false; directory: string; problem: string };

/**
 * A read-only view of the vulnerability database at one manifest: segments are opened on the
 * first lookup in their ecosystem, so a scan of npm lockfiles never touches the PyPI data.
 */
export class OsvDatabase {
  private readonly readers = new Map<string, SegmentReader | undefined>();

  private constructor(
    readonly directory: string,
    readonly manifest: DbManifest,
  ) {}

  /** Opens the database; a missing one is an expected outcome, not an error. */
  static open(directory: string): DbOpen {
    const read = readManifest(directory);
    if (read.ok) {
      if (Object.keys(read.manifest.segments).length === 0)
        return { ok: false, missing: true, directory };
      return { ok: true, database: new OsvDatabase(directory, read.manifest) };
    }
    return read.missing
      ? { ok: false, missing: true, directory }
      : { ok: false, missing: false, directory, problem: read.problem };
  }

  /** The segment that holds an ecosystem's records, if the database has it. */
  segmentOf(ecosystem: string): SegmentEntry | undefined {
    return this.manifest.segments[baseEcosystem(ecosystem)];
  }

  /** Every record naming the package in one of its `affected` entries. */
  recordsFor(ecosystem: string, name: string): OsvRecord[] {
    const key = packageKey(ecosystem, name);
    const reader = this.readerOf(baseEcosystem(ecosystem));
    if (key === undefined || reader === undefined) return [];
    return reader.recordsFor(key);
  }

  close(): void {
    for (const reader of this.readers.values()) reader?.close();
    this.readers.clear();
  }

  private readerOf(base: string): SegmentReader | undefined {
    if (this.readers.has(base)) return this.readers.get(base);
    const entry = this.manifest.segments[base];
    let reader: SegmentReader | undefined;
    if (entry) {
      const path = join(this.directory, SEGMENTS_DIRECTORY, entry.directory);
      try {
        reader = new SegmentReader(path);
      } catch (error) {
        throw new VigilError(
          'DB_UNREADABLE',
          `vulnerability database segment ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); run \`vigil db update\` or \`vigil db import\` again`,
          { cause: error },
        );
      }
    }
    this.readers.set(base, reader);
    return reader;
  }
}
