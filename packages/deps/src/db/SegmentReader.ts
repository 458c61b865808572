import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { OsvRecord } from '../osv/osvRecord.js';
import { SEGMENT_INDEX, SEGMENT_RECORDS } from './segmentFiles.js';

const NEWLINE = 0x0a;
const TAB = 0x09;

/**
 * Reads one segment: the sorted index is loaded as one buffer and searched by bisection (no
 * parse of the whole index), and only the records of the packages looked up are read and parsed.
 */
export class SegmentReader {
  private readonly index: Buffer;
  private readonly lineStarts: Uint32Array;
  private readonly fd: number;

  constructor(directory: string) {
    this.index = readFileSync(join(directory, SEGMENT_INDEX));
    this.fd = openSync(join(directory, SEGMENT_RECORDS), 'r');
    this.lineStarts = lineStartsOf(this.index);
  }

  /** Every record stored under a package key, in the order they were imported. */
  recordsFor(key: string): OsvRecord[] {
    const postings = this.postingsOf(key);
    if (postings === undefined) return [];
    return postings.split(';').map((posting) => {
      const [offset, length] = posting.split(',').map(Number);
      return this.readRecord(offset ?? 0, length ?? 0);
    });
  }

  close(): void {
    closeSync(this.fd);
  }

  private postingsOf(key: string): string | undefined {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const start = this.lineStarts[middle] ?? 0;
      const tab = this.index.indexOf(TAB, start);
      const candidate = this.index.toString('utf8', start, tab);
      if (candidate === key) {
        const end = this.index.indexOf(NEWLINE, tab);
        return this.index.toString('latin1', tab + 1, end < 0 ? this.index.length : end);
      }
      if (candidate < key) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  private readRecord(offset: number, length: number): OsvRecord {
    const buffer = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const read = readSync(this.fd, buffer, done, length - done, offset + done);
      if (read === 0) throw new Error(`segment records end before byte ${String(offset + length)}`);
      done += read;
    }
    return JSON.parse(buffer.toString('utf8')) as OsvRecord;
  }
}

function lineStartsOf(index: Buffer): Uint32Array {
  let count = 0;
  for (let at = index.indexOf(NEWLINE); at >= 0; at = index.indexOf(NEWLINE, at + 1)) count++;
  const starts = new Uint32Array(count);
  let line = 0;
  let start = 0;
  for (let at = index.indexOf(NEWLINE); at >= 0; at = index.indexOf(NEWLINE, at + 1)) {
    starts[line++] = start;
    start = at + 1;
  }
  return starts;
}
