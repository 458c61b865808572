import type { RandomAccess } from './RandomAccess.js';

export type NdbRead =
  { ok: true; blobs: Uint8Array[]; problems: string[] } | { ok: false; problem: string };

const PAGE = 4096;
const SLOT_SIZE = 16;
const BLOCK = 16;
const HEADER_SLOTS = 2;
/** Little-endian magics of rpm's ndb backend: 'RpmP', 'Slot', 'BlbS'. */
const DB_MAGIC = 0x506d7052;
const SLOT_MAGIC = 0x746f6c53;
const BLOB_MAGIC = 0x53626c42;
const BLOB_HEAD = 16;
const MAX_BLOB = 64 * 1024 * 1024;
const MAX_SLOT_PAGES = 4096;

/**
 * The package header blobs of rpm's own "ndb" database (`Packages.db`, SUSE's default): a
 * 32-byte header ('RpmP', version, generation, slot pages), then 16-byte slots (magic, package
 * index, block offset, block count) filling the slot pages, each pointing at a blob ('BlbS',
 * package index, generation, length, data) counted in 16-byte blocks. Every slot and blob is
 * bounds-checked against the file.
 */
export function readNdbPackages(file: RandomAccess): NdbRead {
  const header = file.read(0, 32);
  if (header?.readUInt32LE(0) !== DB_MAGIC)
    return { ok: false, problem: 'not an rpm ndb database' };
  const slotPages = header.readUInt32LE(12);
  if (slotPages === 0 || slotPages > MAX_SLOT_PAGES || slotPages * PAGE > file.size)
    return { ok: false, problem: `implausible slot page count ${slotPages}` };
  const slots = file.read(0, slotPages * PAGE);
  if (!slots) return { ok: false, problem: 'slot pages unreadable' };
  const blobs: Uint8Array[] = [];
  const problems: string[] = [];
  for (let i = HEADER_SLOTS; i < (slotPages * PAGE) / SLOT_SIZE; i++) {
    const at = i * SLOT_SIZE;
    if (slots.readUInt32LE(at) !== SLOT_MAGIC) {
      problems.push(`slot ${i}: bad magic; stopped`);
      break;
    }
    const index = slots.readUInt32LE(at + 4);
    if (index === 0) continue;
    const offset = slots.readUInt32LE(at + 8) * BLOCK;
    const head = file.read(offset, BLOB_HEAD);
    if (head?.readUInt32LE(0) !== BLOB_MAGIC || head.readUInt32LE(4) !== index) {
      problems.push(`package ${index}: no blob at byte ${offset}`);
      continue;
    }
    const length = head.readUInt32LE(12);
    const blob = length <= MAX_BLOB ? file.read(offset + BLOB_HEAD, length) : undefined;
    if (!blob) {
      problems.push(`package ${index}: blob of ${length} bytes at byte ${offset} is unreadable`);
      continue;
    }
    blobs.push(blob);
  }
  return { ok: true, blobs, problems };
}
