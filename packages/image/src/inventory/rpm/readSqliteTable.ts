import type { RandomAccess } from './RandomAccess.js';

/** A column value of a row, as the SQLite record format stores it. */
export type SqliteValue = null | number | bigint | string | Uint8Array;

export type SqliteTableRead =
  { ok: true; rows: SqliteValue[][]; problems: string[] } | { ok: false; problem: string };

const MAGIC = 'SQLite format 3\0';
const LEAF_TABLE = 0x0d;
const INTERIOR_TABLE = 0x05;
const MAX_DEPTH = 32;
/** Larger rows are skipped: an rpm header is a few hundred kilobytes at most. */
const MAX_PAYLOAD = 64 * 1024 * 1024;

/**
 * Reads every row of one table of a SQLite 3 database file, read-only and without SQLite: the
 * schema table (page 1) gives the table's root page, then its table b-tree is walked (interior
 * pages to their children, leaf cells to records, long records through their overflow-page
 * chains). Written for the rpm database (`rpmdb.sqlite`, table `Packages`); pages are read
 * one at a time, cycles and out-of-range pages are refused, a bad row is a problem, not a crash.
 */
export function readSqliteTable(file: RandomAccess, table: string): SqliteTableRead {
  const header = file.read(0, 100);
  if (header?.toString('latin1', 0, 16) !== MAGIC)
    return { ok: false, problem: 'not a SQLite 3 database' };
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0)
    return { ok: false, problem: `invalid page size ${rawPageSize}` };
  if (header[56] !== undefined && header.readUInt32BE(56) > 1)
    return { ok: false, problem: 'only UTF-8 databases are supported' };
  const reader = new BtreeReader(file, pageSize, pageSize - (header[20] ?? 0));
  const schema = reader.rows(1);
  const entry = schema.rows.find((row) => row[0] === 'table' && row[1] === table);
  if (!entry) return { ok: false, problem: `no table ${table}` };
  const root = entry[3];
  if (typeof root !== 'number' || root < 1)
    return { ok: false, problem: `table ${table} has no root page` };
  const data = reader.rows(root);
  return { ok: true, rows: data.rows, problems: [...schema.problems, ...data.problems] };
}

class BtreeReader {
  private readonly pageCount: number;

  constructor(
    private readonly file: RandomAccess,
    private readonly pageSize: number,
    private readonly usable: number,
  ) {
    this.pageCount = Math.floor(file.size / pageSize);
  }

  rows(root: number): { rows: SqliteValue[][]; problems: string[] } {
    const rows: SqliteValue[][] = [];
    const problems: string[] = [];
    const seen = new Set<number>();
    const visit = (pageNumber: number, depth: number) => {
      if (
        depth > MAX_DEPTH ||
        seen.has(pageNumber) ||
        pageNumber < 1 ||
        pageNumber > this.pageCount
      ) {
        problems.push(`page ${pageNumber}: out of range, repeated or too deep; skipped`);
        return;
      }
      seen.add(pageNumber);
      const page = this.page(pageNumber);
      if (!page) return;
      const base = pageNumber === 1 ? 100 : 0;
      const type = page[base];
      const cells = page.readUInt16BE(base + 3);
      const headerSize = type === INTERIOR_TABLE ? 12 : 8;
      if (type !== LEAF_TABLE && type !== INTERIOR_TABLE) {
        problems.push(`page ${pageNumber}: not a table b-tree page (type ${String(type)})`);
        return;
      }
      for (let i = 0; i < cells; i++) {
        const pointerAt = base + headerSize + i * 2;
        if (pointerAt + 2 > page.length) break;
        const cell = page.readUInt16BE(pointerAt);
        if (cell >= page.length) {
          problems.push(`page ${pageNumber}: cell ${i} points past the page`);
          continue;
        }
        if (type === INTERIOR_TABLE) {
          visit(page.readUInt32BE(cell), depth + 1);
          continue;
        }
        try {
          const row = this.leafCell(page, cell);
          if (row) rows.push(row);
        } catch (error) {
          problems.push(`page ${pageNumber} cell ${i}: ${(error as Error).message}`);
        }
      }
      if (type === INTERIOR_TABLE) visit(page.readUInt32BE(base + 8), depth + 1);
    };
    visit(root, 0);
    return { rows, problems };
  }

  private page(pageNumber: number): Buffer | undefined {
    return this.file.read((pageNumber - 1) * this.pageSize, this.pageSize);
  }

  private leafCell(page: Buffer, cell: number): SqliteValue[] | undefined {
    const [payloadSize, afterSize] = varint(page, cell);
    const [, afterRowid] = varint(page, afterSize);
    if (payloadSize > MAX_PAYLOAD) throw new Error(`payload of ${payloadSize} bytes`);
    const payload = this.payload(page, afterRowid, payloadSize);
    return decodeRecord(payload);
  }

  /** The cell's payload: the local part, then the overflow chain (4-byte next-page links). */
  private payload(page: Buffer, at: number, size: number): Buffer {
    const usable = this.usable;
    const maxLocal = usable - 35;
    let local = size;
    if (size > maxLocal) {
      const minLocal = Math.floor(((usable - 12) * 32) / 255) - 23;
      const k = minLocal + ((size - minLocal) % (usable - 4));
      local = k <= maxLocal ? k : minLocal;
    }
    if (at + local > page.length) throw new Error('payload runs past its page');
    if (local === size) return page.subarray(at, at + size);
    const parts = [page.subarray(at, at + local)];
    let remaining = size - local;
    let next = page.readUInt32BE(at + local);
    const seen = new Set<number>();
    while (remaining > 0) {
      if (next < 1 || next > this.pageCount || seen.has(next))
        throw new Error(`overflow chain broken at page ${next}`);
      seen.add(next);
      const overflow = this.page(next);
      if (!overflow) throw new Error(`overflow page ${next} unreadable`);
      const take = Math.min(remaining, usable - 4);
      parts.push(overflow.subarray(4, 4 + take));
      remaining -= take;
      next = overflow.readUInt32BE(0);
    }
    return Buffer.concat(parts, size);
  }
}

/** SQLite's big-endian varint: up to 9 bytes, the ninth contributing all 8 bits. */
function varint(bytes: Buffer, at: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    const byte = bytes[at + i];
    if (byte === undefined) throw new Error('varint runs past the data');
    if (i === 8) return [value * 256 + byte, at + 9];
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, at + i + 1];
  }
  return [value, at + 9];
}

function decodeRecord(payload: Buffer): SqliteValue[] {
  const [headerSize, first] = varint(payload, 0);
  if (headerSize > payload.length) throw new Error('record header runs past the record');
  const types: number[] = [];
  for (let at = first; at < headerSize;) {
    const [type, next] = varint(payload, at);
    types.push(type);
    at = next;
  }
  const values: SqliteValue[] = [];
  let at = headerSize;
  for (const type of types) {
    const size = serialSize(type);
    if (at + size > payload.length) throw new Error('record value runs past the record');
    values.push(serialValue(type, payload.subarray(at, at + size)));
    at += size;
  }
  return values;
}

function serialSize(type: number): number {
  if (type >= 12) return Math.floor((type - (type % 2 === 0 ? 12 : 13)) / 2);
  return [0, 1, 2, 3, 4, 6, 8, 8, 0, 0, 0, 0][type] ?? 0;
}

function serialValue(type: number, bytes: Buffer): SqliteValue {
  switch (type) {
    case 0:
      return null;
    case 1:
    case 2:
    case 3:
    case 4:
    case 6:
      return bytes.length <= 6 ? bytes.readIntBE(0, bytes.length) : bytes.readBigInt64BE(0);
    case 5:
      return bytes.readIntBE(0, 6);
    case 7:
      return bytes.readDoubleBE(0);
    case 8:
      return 0;
    case 9:
      return 1;
    default:
      return type % 2 === 0 ? bytes : bytes.toString('utf8');
  }
}
