import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { OsvRecord } from '../osv/osvRecord.js';
import { SEGMENT_INDEX, SEGMENT_RECORDS } from './segmentFiles.js';

const FLUSH_BYTES = 1 << 20;

export interface SegmentSummary {
  records: number;
  packages: number;
  /** Records per full ecosystem name (`Debian:12`, `npm`, …). */
  ecosystems: Record<string, number>;
  newestModified?: string;
}

/**
 * Writes one segment (the records of one base ecosystem) to a directory: records as NDJSON,
 * appended as they stream in, and a sorted index from package key to byte ranges. Only the
 * index is kept in memory — offsets, never record contents — so memory grows with the number
 * of records, not with the size of the export.
 */
export class SegmentWriter {
  private readonly fd: number;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private written = 0;
  private readonly offsets: number[] = [];
  private readonly lengths: number[] = [];
  private readonly modified: string[] = [];
  private readonly recordKeys: string[][] = [];
  private readonly ecosystemsOf: string[][] = [];
  private readonly byId = new Map<string, number>();
  private readonly dead = new Set<number>();

  constructor(private readonly directory: string) {
    this.fd = openSync(join(directory, SEGMENT_RECORDS), 'wx');
  }

  /** Whether a record with this id was written already (and is still current). */
  has(id: string): boolean {
    return this.byId.has(id);
  }

  /**
   * Appends a record under the given package keys. A second record with the same id replaces
   * the first when it was modified later (an import of overlapping sources keeps the newest).
   */
  add(record: OsvRecord, keys: readonly string[], ecosystems: readonly string[]): void {
    if (keys.length === 0) return;
    const previous = this.byId.get(record.id);
    if (previous !== undefined) {
      if ((this.modified[previous] ?? '') > record.modified) return;
      this.dead.add(previous);
    }
    const line = Buffer.from(`${JSON.stringify(record)}\n`);
    const ordinal = this.offsets.length;
    this.offsets.push(this.written + this.pendingBytes);
    this.lengths.push(line.length - 1);
    this.modified.push(record.modified);
    this.recordKeys.push([...new Set(keys)]);
    this.ecosystemsOf.push([...new Set(ecosystems)]);
    this.byId.set(record.id, ordinal);
    this.pending.push(line);
    this.pendingBytes += line.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  /** Writes the index, syncs both files to disk and closes them. */
  finish(): SegmentSummary {
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
    const postings = new Map<string, number[]>();
    const ecosystems: Record<string, number> = {};
    let newestModified: string | undefined;
    let records = 0;
    for (let ordinal = 0; ordinal < this.offsets.length; ordinal++) {
      if (this.dead.has(ordinal)) continue;
      records++;
      const modified = this.modified[ordinal] ?? '';
      if (newestModified === undefined || modified > newestModified) newestModified = modified;
      for (const ecosystem of this.ecosystemsOf[ordinal] ?? [])
        ecosystems[ecosystem] = (ecosystems[ecosystem] ?? 0) + 1;
      for (const key of this.recordKeys[ordinal] ?? []) {
        const list = postings.get(key);
        if (list) list.push(ordinal);
        else postings.set(key, [ordinal]);
      }
    }
    const keys = [...postings.keys()].sort();
    const indexFd = openSync(join(this.directory, SEGMENT_INDEX), 'wx');
    let chunk: string[] = [];
    let chunkLength = 0;
    for (const key of keys) {
      const ranges = (postings.get(key) ?? [])
        .map((ordinal) => `${String(this.offsets[ordinal])},${String(this.lengths[ordinal])}`)
        .join(';');
      const line = `${key}\t${ranges}\n`;
      chunk.push(line);
      chunkLength += line.length;
      if (chunkLength >= FLUSH_BYTES) {
        writeSync(indexFd, chunk.join(''));
        chunk = [];
        chunkLength = 0;
      }
    }
    writeSync(indexFd, chunk.join(''));
    fsyncSync(indexFd);
    closeSync(indexFd);
    return { records, packages: keys.length, ecosystems, newestModified };
  }

  /** Closes the records file without an index, when the import is abandoned. */
  abandon(): void {
    try {
      closeSync(this.fd);
    } catch {
      // Already closed by finish().
    }
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    const data = Buffer.concat(this.pending, this.pendingBytes);
    let done = 0;
    while (done < data.length) done += writeSync(this.fd, data, done);
    this.written += data.length;
    this.pending = [];
    this.pendingBytes = 0;
  }
}
