/** The kinds of tar entry an image reader tells apart. */
export type TarEntryKind = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

/** One 512-byte ustar/GNU header, decoded. */
export interface TarHeader {
  name: string;
  size: number;
  mode: number;
  typeflag: string;
  linkname: string;
}

export const TAR_BLOCK = 512;

/**
 * Decodes one header block: `undefined` for an all-zero block (end of archive), a string saying
 * what is wrong for a block whose checksum does not add up (not a tar, or corrupt).
 */
export function decodeTarHeader(block: Uint8Array): TarHeader | undefined | string {
  if (block.every((byte) => byte === 0)) return undefined;
  const stored = parseOctal(block, 148, 8);
  let sum = 0;
  for (let i = 0; i < TAR_BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (block[i] ?? 0);
  if (stored !== sum) return 'header checksum mismatch';
  const size = parseSize(block);
  if (size === undefined) return 'unreadable entry size';
  const magic = text(block, 257, 6);
  const prefix = magic.startsWith('ustar') && block[345] !== 0 ? text(block, 345, 155) : '';
  const name = text(block, 0, 100);
  return {
    name: prefix ? `${prefix}/${name}` : name,
    size,
    mode: parseOctal(block, 100, 8) ?? 0,
    typeflag: String.fromCharCode(block[156] ?? 0),
    linkname: text(block, 157, 100),
  };
}

/** What the entry is, from its typeflag ('0' and NUL are regular files, '7' contiguous files). */
export function tarEntryKind(typeflag: string): TarEntryKind {
  switch (typeflag) {
    case '0':
    case '\0':
    case '7':
      return 'file';
    case '5':
      return 'directory';
    case '2':
      return 'symlink';
    case '1':
      return 'hardlink';
    default:
      return 'other';
  }
}

/** Reads the `path` and `linkpath` records of a pax extended header ("<len> key=value\n"). */
export function parsePaxRecords(data: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let at = 0;
  while (at < buffer.length) {
    const space = buffer.indexOf(0x20, at);
    if (space < 0) break;
    const length = Number(buffer.toString('latin1', at, space));
    if (!Number.isSafeInteger(length) || length <= space - at || at + length > buffer.length) break;
    const record = buffer.toString('utf8', space + 1, at + length - 1);
    const equals = record.indexOf('=');
    if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1));
    at += length;
  }
  return records;
}

function text(block: Uint8Array, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return Buffer.from(field.subarray(0, end < 0 ? length : end)).toString('utf8');
}

function parseOctal(block: Uint8Array, offset: number, length: number): number | undefined {
  const digits = text(block, offset, length).replace(/[\s\0]+/g, '');
  if (digits === '') return 0;
  if (!/^[0-7]+$/.test(digits)) return undefined;
  return parseInt(digits, 8);
}

/** Sizes are octal, or GNU base-256 (high bit of the first byte set) past 8 GiB. */
function parseSize(block: Uint8Array): number | undefined {
  const first = block[124] ?? 0;
  if ((first & 0x80) === 0) return parseOctal(block, 124, 12);
  let value = first & 0x7f;
  for (let i = 125; i < 136; i++) {
    value = value * 256 + (block[i] ?? 0);
    if (!Number.isSafeInteger(value)) return undefined;
  }
  return value;
}
